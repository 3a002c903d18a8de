// The accounts this installation connects as, in the app database. No credentials here (see
// credential-vault.ts).
import type { ConnectionKind } from '../shared/domain'
import type { Db } from './db'

export interface AccountRecord {
  accountKey: string
  connection: ConnectionKind
  sdkAppID: number | null
  userID: string
  createdAt: number
  lastUsedAt: number
}

export function accountKeyFor(connection: ConnectionKind, userID: string, sdkAppID: number | null): string {
  return connection === 'sandbox' ? `sandbox:${userID}` : `cloud:${sdkAppID}:${userID}`
}

export interface AccountsRepository {
  upsert(account: Omit<AccountRecord, 'createdAt' | 'lastUsedAt'>, at: number): AccountRecord
  touch(accountKey: string, at: number): void
  get(accountKey: string): AccountRecord | null
  list(): AccountRecord[]
  remove(accountKey: string): void
  lastUsed(): AccountRecord | null
}

interface AccountRow {
  account_key: string
  connection: ConnectionKind
  sdk_app_id: number | null
  user_id: string
  created_at: number
  last_used_at: number
}

function toRecord(row: AccountRow): AccountRecord {
  return { accountKey: row.account_key, connection: row.connection, sdkAppID: row.sdk_app_id, userID: row.user_id, createdAt: row.created_at, lastUsedAt: row.last_used_at }
}

export function createAccountsRepository(db: Db): AccountsRepository {
  const upsert = db.prepare(`
    INSERT INTO accounts (account_key, connection, sdk_app_id, user_id, created_at, last_used_at)
    VALUES (@account_key, @connection, @sdk_app_id, @user_id, @at, @at)
    ON CONFLICT (account_key) DO UPDATE SET last_used_at = excluded.last_used_at`)
  const touch = db.prepare<[number, string]>('UPDATE accounts SET last_used_at = ? WHERE account_key = ?')
  const getOne = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE account_key = ?')
  const listAll = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY last_used_at DESC, account_key')
  const removeOne = db.prepare<[string]>('DELETE FROM accounts WHERE account_key = ?')
  return {
    upsert(account, at) {
      upsert.run({ account_key: account.accountKey, connection: account.connection, sdk_app_id: account.sdkAppID, user_id: account.userID, at })
      return toRecord(getOne.get(account.accountKey)!)
    },
    touch: (accountKey, at) => void touch.run(at, accountKey),
    get: (accountKey) => {
      const row = getOne.get(accountKey)
      return row ? toRecord(row) : null
    },
    list: () => listAll.all().map(toRecord),
    remove: (accountKey) => void removeOne.run(accountKey),
    lastUsed: () => {
      const row = listAll.all()[0]
      return row ? toRecord(row) : null
    },
  }
}
