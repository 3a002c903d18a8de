// Dates, times and numbers in the moderator's language. One place, so every view says "3 h ago" alike.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
]

/** "in 5 hours", "2 days ago": the largest unit that keeps the number small. */
export function relativeTime(date: Date, locale: string, now: number = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  let value = (date.getTime() - now) / 1000
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit)
    value /= size
  }
  return format.format(Math.round(value), 'year')
}

export function useFormatters() {
  const { locale } = useI18n()
  const dateTimeFormat = computed(() => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }))
  const numberFormat = computed(() => new Intl.NumberFormat(locale.value))
  return {
    dateTime: (date: Date) => dateTimeFormat.value.format(date),
    relative: (date: Date, now?: number) => relativeTime(date, locale.value, now),
    number: (value: number) => numberFormat.value.format(value),
  }
}

/** A duration for an ETA: "45 s", "3 min 20 s", "2 h 5 min". Units come from the messages ('duration.*'). */
export function durationParts(seconds: number): { unit: 'seconds' | 'minutes' | 'hours'; major: number; minor: number } {
  const whole = Math.max(0, Math.round(seconds))
  if (whole < 60) return { unit: 'seconds', major: whole, minor: 0 }
  if (whole < 3600) return { unit: 'minutes', major: Math.floor(whole / 60), minor: whole % 60 }
  return { unit: 'hours', major: Math.floor(whole / 3600), minor: Math.floor((whole % 3600) / 60) }
}
