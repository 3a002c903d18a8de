import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../shared/domain'
import { openDatabase } from './db'
import { appMigrations } from './migrations'
import { createSettingsRepository } from './settings-repository'

function repository() {
  const db = openDatabase(':memory:', { migrations: appMigrations })
  return { db, settings: createSettingsRepository(db) }
}

describe('settings repository', () => {
  it('starts from the defaults', () => {
    expect(repository().settings.read()).toEqual(DEFAULT_SETTINGS)
  })

  it('keeps a change and leaves the other fields alone', () => {
    const { settings } = repository()
    settings.update({ locale: 'zh-CN' })
    settings.update({ theme: 'dark' })
    expect(settings.read()).toEqual({ ...DEFAULT_SETTINGS, locale: 'zh-CN', theme: 'dark' })
    settings.update({ locale: null })
    expect(settings.read()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
  })

  it('falls back to the default for a stored value it no longer understands', () => {
    const { db, settings } = repository()
    settings.update({ locale: 'en', theme: 'light' })
    db.prepare("UPDATE settings SET value = '\"purple\"' WHERE key = 'theme'").run()
    expect(settings.read()).toEqual({ ...DEFAULT_SETTINGS, locale: 'en' })
  })
})
