// A sparse, page-at-a-time window over a long server-side list (groups, members). Virtual lists ask for
// the rows they show; only the pages covering them are fetched. Pure Vue reactivity, no DOM, so it is
// unit-tested under Node.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { Page } from '../../../src-main/shared/domain'

export interface PagedRowsOptions<T> {
  pageSize: number
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>
}

export interface PagedRows<T> {
  /** How many rows match in all; null until the first page has answered. */
  total: Ref<number | null>
  /** Loaded pages by page index. Replaced (never mutated) so views re-render on every change. */
  pages: ShallowRef<ReadonlyMap<number, readonly T[]>>
  /** True while the first page of a new query is on its way (not while scrolling or refreshing). */
  loading: Ref<boolean>
  /** The last failure, cleared by the next successful load. */
  error: Ref<unknown>
  rowAt(index: number): T | undefined
  /** Fetches whichever pages covering rows [first, last] are not loaded or loading yet. */
  ensureRange(first: number, last: number): void
  /** Forgets every row and loads the first page again (a new query). */
  reset(): Promise<void>
  /**
   * Reads the pages covering [first, last] again and swaps them in at once, so rows on screen never
   * blank out; pages off screen are dropped and fetched again when scrolled to.
   */
  refresh(first: number, last: number): Promise<void>
}

export function createPagedRows<T>(options: PagedRowsOptions<T>): PagedRows<T> {
  const { pageSize } = options
  const total = ref<number | null>(null)
  const pages = shallowRef<ReadonlyMap<number, readonly T[]>>(new Map())
  const loading = ref(false)
  const error = ref<unknown>(null)
  // Answers to an older query (or an older refresh) must not land in the current one.
  let generation = 0
  const inFlight = new Set<number>()

  function pageRange(first: number, last: number): number[] {
    const known = total.value
    const lastRow = known === null ? last : Math.min(last, known - 1)
    const indexes: number[] = []
    for (let page = Math.floor(Math.max(0, first) / pageSize); page * pageSize <= lastRow; page += 1) indexes.push(page)
    return indexes
  }

  async function fetchPage(page: number): Promise<Page<T>> {
    return options.fetchPage(page * pageSize, pageSize)
  }

  function store(entries: ReadonlyArray<readonly [number, readonly T[]]>, base: ReadonlyMap<number, readonly T[]>): void {
    const next = new Map(base)
    for (const [page, rows] of entries) next.set(page, rows)
    pages.value = next
  }

  async function loadPage(page: number): Promise<void> {
    const started = generation
    inFlight.add(page)
    try {
      const result = await fetchPage(page)
      if (started !== generation) return
      total.value = result.total
      error.value = null
      store([[page, result.rows]], pages.value)
    } catch (failure) {
      if (started === generation) error.value = failure
    } finally {
      if (started === generation) inFlight.delete(page)
    }
  }

  async function reset(): Promise<void> {
    generation += 1
    inFlight.clear()
    pages.value = new Map()
    total.value = null
    loading.value = true
    const started = generation
    try {
      await loadPage(0)
    } finally {
      if (started === generation) loading.value = false
    }
  }

  async function refresh(first: number, last: number): Promise<void> {
    if (total.value === null) return reset()
    generation += 1
    inFlight.clear()
    const started = generation
    const wanted = pageRange(first, last)
    if (wanted.length === 0) wanted.push(0)
    try {
      const results = await Promise.all(wanted.map(async (page) => [page, await fetchPage(page)] as const))
      if (started !== generation) return
      const newest = results[results.length - 1]
      if (newest) total.value = newest[1].total
      error.value = null
      store(
        results.map(([page, result]) => [page, result.rows] as const),
        new Map(),
      )
    } catch (failure) {
      if (started === generation) error.value = failure
    }
  }

  function ensureRange(first: number, last: number): void {
    if (total.value === null || last < first) return
    for (const page of pageRange(first, last)) {
      if (!pages.value.has(page) && !inFlight.has(page)) void loadPage(page)
    }
  }

  return {
    total,
    pages,
    loading,
    error,
    rowAt: (index) => pages.value.get(Math.floor(index / pageSize))?.[index % pageSize],
    ensureRange,
    reset,
    refresh,
  }
}
