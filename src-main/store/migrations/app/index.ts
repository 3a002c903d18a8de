// The app database's migrations in order. Listed explicitly (not read from the folder) so the bundler
// sees them and the order is reviewed in one place.
import type { Migration } from '../../db'
import * as createSettings from './0010-create-settings'
import * as createAccounts from './0020-create-accounts'
import * as createSavedFilters from './0030-create-saved-filters'

export const appMigrations: readonly Migration[] = [
  { version: 10, name: 'create-settings', up: createSettings.up },
  { version: 20, name: 'create-accounts', up: createAccounts.up },
  { version: 30, name: 'create-saved-filters', up: createSavedFilters.up },
]
