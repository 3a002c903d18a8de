// One account's cache: its database and the repositories over it.
import path from 'node:path'
import { openDatabase, type Db } from '../db'
import { cacheMigrations } from '../migrations'
import { createApplicationsRepository, type ApplicationsRepository } from './applications-repository'
import { createAttributesRepository, type AttributesRepository } from './attributes-repository'
import { createCountersRepository, type CountersRepository } from './counters-repository'
import { createGroupsRepository, type GroupsRepository } from './groups-repository'
import { createMembersRepository, type MembersRepository } from './members-repository'
import { createSyncStateRepository, type SyncStateRepository } from './sync-state-repository'

export interface AccountCache {
  db: Db
  groups: GroupsRepository
  members: MembersRepository
  applications: ApplicationsRepository
  attributes: AttributesRepository
  counters: CountersRepository
  syncState: SyncStateRepository
  close(): void
}

/** A file-system-safe folder name for an account key (which may hold any characters a userID may). */
export function accountFolderName(accountKey: string): string {
  return encodeURIComponent(accountKey).replace(/%/g, '_').replace(/^\.+/, '_').slice(0, 120)
}

export function cacheFileFor(dataDir: string, accountKey: string): string {
  return path.join(dataDir, 'accounts', accountFolderName(accountKey), 'cache.db')
}

export function openAccountCache(file: string): AccountCache {
  const db = openDatabase(file, { migrations: cacheMigrations })
  return {
    db,
    groups: createGroupsRepository(db),
    members: createMembersRepository(db),
    applications: createApplicationsRepository(db),
    attributes: createAttributesRepository(db),
    counters: createCountersRepository(db),
    syncState: createSyncStateRepository(db),
    close: () => db.close(),
  }
}
