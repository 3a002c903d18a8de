// The demo seed: identical for the same seed number, different for another, every type present, notes in
// English and Chinese, and it scales to benchmark size.
import { describe, expect, it } from 'vitest'
import { openEmulatorDatabase } from './database'
import { applyDemoSeed, type DemoSeedOptions } from './seed'
import { EmulatorStore } from './store'

function seeded(options: DemoSeedOptions = {}) {
  const db = openEmulatorDatabase(':memory:')
  const store = new EmulatorStore(db)
  const summary = applyDemoSeed(store, options)
  return { db, store, summary }
}

function dump(options: DemoSeedOptions): string {
  const { db } = seeded(options)
  const tables = ['users', 'groups', 'members', 'applications', 'attributes', 'counters', 'meta']
  const text = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).safeIntegers(true).all(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).join('\n')
  db.close()
  return text
}

describe('demo seed', () => {
  it('is identical for the same seed number and differs for another', () => {
    expect(dump({ seed: 7 })).toBe(dump({ seed: 7 }))
    expect(dump({ seed: 7 })).not.toBe(dump({ seed: 8 }))
  })

  it('defaults to ~60 groups of all five types and 300 pending applications in English and Chinese', () => {
    const { db, summary } = seeded()
    expect(summary).toMatchObject({ groups: 60, applications: 300 })
    const types = db.prepare('SELECT DISTINCT type FROM groups ORDER BY type').pluck().all()
    expect(types).toEqual(['AVChatRoom', 'ChatRoom', 'Community', 'Private', 'Public'])
    const notes = db.prepare("SELECT note FROM applications WHERE status = 'pending'").pluck().all() as string[]
    expect(notes).toHaveLength(300)
    expect(notes.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true)
    expect(notes.some((n) => /^[\x20-\x7e]+$/.test(n) && n.length > 0)).toBe(true)
    expect(db.prepare("SELECT COUNT(*) FROM applications WHERE application_type = 2").pluck().get()).toBeGreaterThan(0)
    expect(db.prepare('SELECT COUNT(*) FROM attributes').pluck().get()).toBeGreaterThan(0)
    const big = db.prepare('SELECT MAX(value) FROM counters').safeIntegers(true).pluck().get() as bigint
    expect(big > 2n ** 53n).toBe(true)
    db.close()
  })

  it('every pending application reaches the demo moderator, and seeding twice is a no-op', () => {
    const { db, store } = seeded()
    expect(store.pendingApplicationsFor('moderator', -1)).toHaveLength(300)
    expect(applyDemoSeed(store)).toBeNull()
    db.close()
  })

  it('scales to 5,000 groups and 50,000 applications', () => {
    const { db, summary } = seeded({ groups: 5_000, applications: 50_000 })
    expect(summary).toMatchObject({ groups: 5_000, applications: 50_000 })
    expect(db.prepare("SELECT COUNT(*) FROM applications WHERE status = 'pending'").pluck().get()).toBe(50_000)
    db.close()
  }, 60_000)
})
