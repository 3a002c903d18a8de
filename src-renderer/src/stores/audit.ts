import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useApi } from '../api'
import { createPagedRows } from '../composables/paged-rows'
import { saveTextFile } from '../download'
import type { AUDIT_EVENTS, AuditEntry, AuditQuery, DecisionAction } from '../../../src-main/shared/domain'

export type AuditEvent = (typeof AUDIT_EVENTS)[number]

export interface AuditFilters {
  /** `datetime-local` values ('' when open-ended), in the moderator's time zone. */
  from: string
  to: string
  groupID: string
  applicant: string
  actions: DecisionAction[]
  events: AuditEvent[]
  jobID: number | null
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = { from: '', to: '', groupID: '', applicant: '', actions: [], events: [], jobID: null }
export const AUDIT_PAGE_SIZE = 200

/** A `datetime-local` value as a Date; invalid or empty values leave the bound open. */
function localDate(value: string): Date | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

export function toAuditQuery(filters: AuditFilters): Omit<AuditQuery, 'offset' | 'limit'> {
  const from = localDate(filters.from)
  const to = localDate(filters.to)
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(filters.groupID.trim() ? { groupID: filters.groupID.trim() } : {}),
    ...(filters.applicant.trim() ? { applicant: filters.applicant.trim() } : {}),
    ...(filters.actions.length ? { actions: [...filters.actions] } : {}),
    ...(filters.events.length ? { events: [...filters.events] } : {}),
    ...(filters.jobID !== null ? { jobID: filters.jobID } : {}),
  }
}

/** The audit log: its filters, its rows (paged as the list scrolls) and exporting what matches. */
export const useAuditStore = defineStore('audit', () => {
  const filters = ref<AuditFilters>({ ...DEFAULT_AUDIT_FILTERS })
  const exporting = ref<'csv' | 'jsonl' | null>(null)
  const exportError = ref<unknown>(null)
  const lastExport = ref<{ fileName: string; rows: number } | null>(null)

  const list = createPagedRows<AuditEntry>({
    pageSize: AUDIT_PAGE_SIZE,
    fetchPage: (offset, limit) => useApi()['audit:query']({ ...toAuditQuery(filters.value), offset, limit }),
  })

  const narrowed = computed(() => Object.keys(toAuditQuery(filters.value)).length > 0)

  watch(filters, () => void list.reset(), { deep: true })

  function clearFilters(): void {
    filters.value = { ...DEFAULT_AUDIT_FILTERS }
  }

  /** The entries matching the current filters, saved as a file the browser (or Electron) downloads. */
  async function exportAs(format: 'csv' | 'jsonl'): Promise<void> {
    exporting.value = format
    exportError.value = null
    try {
      const result = await useApi()['audit:export']({ format, ...toAuditQuery(filters.value) })
      saveTextFile(result.fileName, result.mimeType, result.content)
      lastExport.value = { fileName: result.fileName, rows: result.rows }
    } catch (error) {
      exportError.value = error
    } finally {
      exporting.value = null
    }
  }

  return {
    filters,
    narrowed,
    exporting,
    exportError,
    lastExport,
    total: list.total,
    pages: list.pages,
    loading: list.loading,
    error: list.error,
    rowAt: list.rowAt,
    ensureRange: list.ensureRange,
    reload: list.reset,
    refresh: list.refresh,
    clearFilters,
    exportAs,
  }
})
