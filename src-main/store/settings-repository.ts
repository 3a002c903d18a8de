// Installation preferences in the app database. Unknown or malformed stored values fall back to the
// defaults field by field, so one bad row never costs the moderator the rest of their settings.
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../shared/domain'
import type { Db } from './db'

export interface SettingsRepository {
  read(): Settings
  update(patch: SettingsPatch): Settings
}

export function createSettingsRepository(db: Db, now: () => number = Date.now): SettingsRepository {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings')
  const upsert = db.prepare<[string, string, number]>(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  )

  function read(): Settings {
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    for (const row of selectAll.all()) {
      const field = settingsSchema.shape[row.key as keyof Settings]
      if (!field) continue
      const parsed = field.safeParse(JSON.parse(row.value))
      if (parsed.success) settings[row.key] = parsed.data
    }
    return settingsSchema.parse(settings)
  }

  const writePatch = db.transaction((patch: SettingsPatch) => {
    const at = now()
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), at)
    }
  })

  return {
    read,
    update(patch) {
      writePatch(patch)
      return read()
    },
  }
}
