// When each domain of the cache was last fully pulled, and the last event seen.
import type { SyncDomain } from '../../shared/domain'
import type { Db } from '../db'

export interface DomainSyncState {
  lastFullPullAt: number | null
  lastEventAt: number | null
  lastError: string | null
}

export interface SyncStateRepository {
  fullPullDone(domain: SyncDomain, at: number): void
  eventSeen(domain: SyncDomain, at: number): void
  failed(domain: SyncDomain, message: string): void
  get(domain: SyncDomain): DomainSyncState
}

export function createSyncStateRepository(db: Db): SyncStateRepository {
  const ensure = db.prepare<[string]>('INSERT INTO sync_state (domain) VALUES (?) ON CONFLICT (domain) DO NOTHING')
  const setPull = db.prepare<[number, string]>('UPDATE sync_state SET last_full_pull_at = ?, last_error = NULL WHERE domain = ?')
  const setEvent = db.prepare<[number, string]>('UPDATE sync_state SET last_event_at = ? WHERE domain = ?')
  const setError = db.prepare<[string, string]>('UPDATE sync_state SET last_error = ? WHERE domain = ?')
  const select = db.prepare<[string], { last_full_pull_at: number | null; last_event_at: number | null; last_error: string | null }>(
    'SELECT last_full_pull_at, last_event_at, last_error FROM sync_state WHERE domain = ?',
  )
  return {
    fullPullDone(domain, at) {
      ensure.run(domain)
      setPull.run(at, domain)
    },
    eventSeen(domain, at) {
      ensure.run(domain)
      setEvent.run(at, domain)
    },
    failed(domain, message) {
      ensure.run(domain)
      setError.run(message, domain)
    },
    get(domain) {
      const row = select.get(domain)
      return { lastFullPullAt: row?.last_full_pull_at ?? null, lastEventAt: row?.last_event_at ?? null, lastError: row?.last_error ?? null }
    },
  }
}
