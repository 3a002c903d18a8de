// A virtual grid over paged rows (groups, applications, audit entries): only the rows on screen exist in
// the DOM, and only the pages covering them are fetched. The grids differ in their columns and keys; this
// is the part they share.
import { computed, watch, type Ref } from 'vue'
import { useVirtualizer } from '@tanstack/vue-virtual'

export interface VirtualPagesOptions<T> {
  scroller: Ref<HTMLElement | null>
  /** Rows matching, or null before the first page arrives. */
  total: Ref<number | null>
  /** The store's loaded pages: watched so rows fill in as their page arrives. */
  pages: Ref<unknown>
  rowAt(index: number): T | undefined
  /** Fetch the pages covering these rows (the store skips what it has). */
  ensureRange(first: number, last: number): void
  rowHeight: number
  /** A sticky header above the rows, inside the same scroller. */
  headerHeight: number
  overscan?: number
}

export function useVirtualPages<T>(options: VirtualPagesOptions<T>) {
  const rowCount = computed(() => options.total.value ?? 0)
  const virtualizer = useVirtualizer(
    computed(() => ({
      count: rowCount.value,
      getScrollElement: () => options.scroller.value,
      estimateSize: () => options.rowHeight,
      overscan: options.overscan ?? 10,
      scrollMargin: options.headerHeight,
      scrollPaddingStart: options.headerHeight,
    })),
  )
  const virtualRows = computed(() => virtualizer.value.getVirtualItems())
  // Reads the pages through rowAt, so rows fill in as their page arrives.
  const visibleRows = computed(() => virtualRows.value.map((item) => ({ item, row: options.rowAt(item.index) })))
  /** The rows on screen: the pages to fetch now, and the ones a cache change must re-read. */
  const visibleRange = computed(() => {
    const rows = virtualRows.value
    return { first: rows[0]?.index ?? 0, last: rows[rows.length - 1]?.index ?? 0 }
  })
  watch(
    [visibleRange, options.pages, rowCount],
    () => {
      if (rowCount.value > 0) options.ensureRange(visibleRange.value.first, visibleRange.value.last)
    },
    { immediate: true },
  )
  return { rowCount, virtualizer, virtualRows, visibleRows, visibleRange }
}
