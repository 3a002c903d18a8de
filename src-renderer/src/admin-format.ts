// How profile values read in previews, run results and conflicts: options and switches in words,
// custom fields as key = value, an empty value as "not set". One place, so every table says it alike.
import { useI18n } from 'vue-i18n'
import type { ProfileField } from '../../src-main/shared/profile-rules'

export function useProfileValueFormat() {
  const { t, te } = useI18n()

  function option(value: string): string {
    const key = `admin.options.${value}`
    return te(key) ? t(key) : value
  }

  function fieldValue(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return t('admin.value.notSet')
    if (typeof value === 'boolean') return value ? t('admin.value.on') : t('admin.value.off')
    if (Array.isArray(value)) {
      if (value.length === 0) return t('admin.value.notSet')
      return value.map((entry) => (typeof entry === 'object' && entry !== null && 'key' in entry ? `${String(entry.key)} = ${String((entry as { value?: unknown }).value ?? '')}` : String(entry))).join(', ')
    }
    if ((field === 'joinOption' || field === 'inviteOption') && typeof value === 'string') return option(value)
    if (typeof value === 'object') return JSON.stringify(value)
    return String(value)
  }

  function fieldLabel(field: ProfileField | string): string {
    const key = `admin.fields.${field}`
    return te(key) ? t(key) : field
  }

  /** What one operation of a run does, in words: "Notification → …", "Mute user-1 for 1 h". */
  function operationSummary(command: string, payload: Readonly<Record<string, unknown>>): string {
    const user = String(payload.userID ?? '')
    switch (command) {
      case 'updateGroupProfile':
        return Object.entries(payload)
          .map(([field, value]) => `${fieldLabel(field)} → ${fieldValue(field, value)}`)
          .join('; ')
      case 'setGroupMemberRole':
        return t(payload.role === 'Admin' ? 'admin.operations.makeAdmin' : 'admin.operations.cancelAdmin', { user })
      case 'setGroupMemberMuteTime':
        return Number(payload.muteTime) > 0 ? t('admin.operations.mute', { user, minutes: Math.round(Number(payload.muteTime) / 60) }) : t('admin.operations.unmute', { user })
      case 'deleteGroupMember':
        return payload.reason ? t('admin.operations.removeWithReason', { user, reason: String(payload.reason) }) : t('admin.operations.remove', { user })
      case 'setGroupMemberNameCard':
        return t('admin.operations.nameCard', { user, nameCard: String(payload.nameCard ?? '') })
      case 'setGroupCounters':
        // The value travels as a decimal string (JSON has no 64-bit integers) and is shown as it is.
        return t('admin.operations.setCounter', { key: String(payload.key ?? ''), value: String(payload.value ?? '') })
      default:
        return command
    }
  }

  return { option, fieldValue, fieldLabel, operationSummary }
}
