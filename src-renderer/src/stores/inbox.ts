import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { useApi } from '../api'
import { createPagedRows } from '../composables/paged-rows'
import { DEFAULT_INBOX_FILTERS, fromSavedQuery, isNarrowed, sameFilters, toApplicationQuery, type ApplicationSort, type InboxFilters } from '../inbox-filters'
import type { CachedApplication, SavedFilter } from '../../../src-main/shared/domain'

/** Within the contract's 1–500; one page covers a couple of screens. */
export const INBOX_PAGE_SIZE = 100

/**
 * The Inbox: its filters, its rows (paged from the cache as the list scrolls), the row under the cursor,
 * the selection and the saved filters. A store rather than view state, so a moderator who looks at a job
 * and comes back finds the same filter, cursor and selection.
 */
export const useInboxStore = defineStore('inbox', () => {
  const filters = ref<InboxFilters>({ ...DEFAULT_INBOX_FILTERS })
  /** The row j / k move; the target of `a` and `r` when nothing is selected. */
  const cursor = ref(0)
  /**
   * Selected application keys. A shallow ref replaced on every change: "select all matching" may hold
   * 50,000 keys, and deep reactivity over them would cost more than the list itself.
   */
  const selected = shallowRef<ReadonlySet<string>>(new Set())
  /** Where a shift-range starts: the last row selected or toggled on its own. */
  const anchor = ref<number | null>(null)
  const selectingAll = ref(false)
  const savedFilters = ref<SavedFilter[]>([])

  const list = createPagedRows<CachedApplication>({
    pageSize: INBOX_PAGE_SIZE,
    fetchPage: (offset, limit) => useApi()['applications:query']({ ...toApplicationQuery(filters.value), offset, limit }),
  })

  const narrowed = computed(() => isNarrowed(filters.value))
  const activeSavedFilter = computed(() => savedFilters.value.find((saved) => sameFilters(fromSavedQuery(saved.query), filters.value))?.name ?? null)

  watch(
    filters,
    () => {
      cursor.value = 0
      anchor.value = null
      // A selection made under another filter would act on rows the moderator no longer sees.
      clearSelection()
      void list.reset()
    },
    { deep: true },
  )

  // Rows leave the list as they are decided: keep the cursor on a row that exists.
  watch(list.total, (total) => {
    if (total !== null && cursor.value > Math.max(0, total - 1)) cursor.value = Math.max(0, total - 1)
  })

  function setSelection(next: ReadonlySet<string>): void {
    selected.value = next
  }

  function clearSelection(): void {
    if (selected.value.size > 0) setSelection(new Set())
  }

  function toggle(index: number): void {
    const row = list.rowAt(index)
    if (!row) return
    const next = new Set(selected.value)
    if (next.has(row.applicationKey)) next.delete(row.applicationKey)
    else next.add(row.applicationKey)
    anchor.value = index
    setSelection(next)
  }

  /** Only this row (a plain click). */
  function selectOnly(index: number): void {
    const row = list.rowAt(index)
    if (!row) return
    anchor.value = index
    setSelection(new Set([row.applicationKey]))
  }

  /**
   * Adds the rows from the anchor (or the cursor) to `index`. Rows of the range that are not loaded yet
   * are read through 'applications:keys', which lists every matching key in the list's order.
   */
  async function selectRange(index: number): Promise<void> {
    const from = Math.min(anchor.value ?? cursor.value, index)
    const to = Math.max(anchor.value ?? cursor.value, index)
    const keys: string[] = []
    let complete = true
    for (let row = from; row <= to; row += 1) {
      const application = list.rowAt(row)
      if (!application) {
        complete = false
        break
      }
      keys.push(application.applicationKey)
    }
    if (!complete) {
      const all = await useApi()['applications:keys'](toApplicationQuery(filters.value))
      keys.splice(0, keys.length, ...all.keys.slice(from, to + 1))
    }
    const next = new Set(selected.value)
    for (const key of keys) next.add(key)
    anchor.value = index
    setSelection(next)
  }

  /** "Select all N matching": every key of the filter, not only the rows loaded so far. */
  async function selectAllMatching(): Promise<void> {
    selectingAll.value = true
    try {
      const { keys } = await useApi()['applications:keys'](toApplicationQuery(filters.value))
      setSelection(new Set(keys))
    } finally {
      selectingAll.value = false
    }
  }

  /** What `a` and `r` act on: the selection, or the row under the cursor when nothing is selected. */
  function targetKeys(): string[] {
    if (selected.value.size > 0) return [...selected.value]
    const row = list.rowAt(cursor.value)
    return row ? [row.applicationKey] : []
  }

  /** The first loaded row holding one of `keys`: where the next undecided row moves up to. */
  function firstIndexOf(keys: readonly string[]): number | null {
    const wanted = new Set(keys)
    let first: number | null = null
    for (const [page, rows] of list.pages.value) {
      rows.forEach((row, offset) => {
        const index = page * INBOX_PAGE_SIZE + offset
        if (wanted.has(row.applicationKey) && (first === null || index < first)) first = index
      })
    }
    return first
  }

  /** After an enqueue: those rows are decided, so they leave the selection. */
  function forget(keys: readonly string[]): void {
    if (selected.value.size === 0) return
    const next = new Set(selected.value)
    for (const key of keys) next.delete(key)
    anchor.value = null
    setSelection(next)
  }

  function moveCursor(index: number): void {
    const total = list.total.value ?? 0
    if (total === 0) return
    cursor.value = Math.max(0, Math.min(total - 1, index))
  }

  function sortBy(sort: ApplicationSort): void {
    if (filters.value.sort === sort) filters.value.direction = filters.value.direction === 'asc' ? 'desc' : 'asc'
    // Age sorts by when the application arrived: newest first reads naturally; names A→Z.
    else filters.value = { ...filters.value, sort, direction: sort === 'age' ? 'desc' : 'asc' }
  }

  function clearNarrowing(): void {
    filters.value = { ...DEFAULT_INBOX_FILTERS, sort: filters.value.sort, direction: filters.value.direction }
  }

  async function loadSavedFilters(): Promise<void> {
    savedFilters.value = await useApi()['inbox:savedFilters']({})
  }

  async function saveFilter(name: string): Promise<void> {
    savedFilters.value = await useApi()['inbox:saveFilter']({ name: name.trim(), query: toApplicationQuery(filters.value) })
  }

  async function deleteFilter(name: string): Promise<void> {
    savedFilters.value = await useApi()['inbox:deleteFilter']({ name })
  }

  function applySavedFilter(name: string): void {
    const saved = savedFilters.value.find((filter) => filter.name === name)
    if (saved) filters.value = fromSavedQuery(saved.query)
  }

  return {
    filters,
    cursor,
    selected,
    anchor,
    selectingAll,
    savedFilters,
    narrowed,
    activeSavedFilter,
    total: list.total,
    pages: list.pages,
    loading: list.loading,
    error: list.error,
    rowAt: list.rowAt,
    ensureRange: list.ensureRange,
    reload: list.reset,
    refresh: list.refresh,
    toggle,
    selectOnly,
    selectRange,
    selectAllMatching,
    clearSelection,
    targetKeys,
    firstIndexOf,
    forget,
    moveCursor,
    sortBy,
    clearNarrowing,
    loadSavedFilters,
    saveFilter,
    deleteFilter,
    applySavedFilter,
  }
})
