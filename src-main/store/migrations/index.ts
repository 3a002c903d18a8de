// The console keeps two kinds of database, each with its own migrations: the app database (one per
// installation: settings, known accounts) and the cache (one per account: groups, members,
// applications, attributes, counters, and what the moderator decided).
export { appMigrations } from './app'
export { cacheMigrations } from './cache'
