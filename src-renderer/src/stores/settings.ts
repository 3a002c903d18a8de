import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../api'
import { i18n, systemLocale } from '../i18n'
import { DEFAULT_SETTINGS, type AppInfo, type Settings, type SettingsPatch } from '../../../src-main/shared/domain'

/** Installation preferences, and the facts about this console shown in Settings. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS })
  const appInfo = ref<AppInfo | null>(null)
  const loaded = ref(false)
  const saving = ref(false)

  const effectiveLocale = computed(() => settings.value.locale ?? systemLocale())

  function apply(next: Settings): void {
    settings.value = next
    i18n.global.locale.value = next.locale ?? systemLocale()
    document.documentElement.lang = i18n.global.locale.value
    // 'system' leaves the attribute off so the CSS media query follows the OS live.
    if (next.theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = next.theme
  }

  async function load(): Promise<void> {
    const api = useApi()
    const [current, info] = await Promise.all([api['settings:get']({}), api['app:info']({})])
    apply(current)
    appInfo.value = info
    loaded.value = true
    api.on('settings:changed', apply)
  }

  async function update(patch: SettingsPatch): Promise<void> {
    saving.value = true
    try {
      apply(await useApi()['settings:update'](patch))
    } finally {
      saving.value = false
    }
  }

  return { settings, appInfo, loaded, saving, effectiveLocale, load, update }
})
