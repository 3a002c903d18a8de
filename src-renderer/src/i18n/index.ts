import { createI18n } from 'vue-i18n'
import type { Locale } from '../../../src-main/shared/domain'
import en from './en'
import zhCN from './zh-CN'

export const messages = { en, 'zh-CN': zhCN } satisfies Record<Locale, typeof en>

/** The OS language decides when the moderator has not chosen one. */
export function systemLocale(languages: readonly string[] = navigator.languages): Locale {
  return languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en'
}

export const i18n = createI18n({
  legacy: false,
  locale: systemLocale(),
  fallbackLocale: 'en',
  messages,
})
