import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useApi } from '../api'
import { createPagedRows } from '../composables/paged-rows'
import { GROUP_SORTS, type CachedGroup, type GroupListQuery, type GroupTypeValue, type MemberRoleValue } from '../../../src-main/shared/domain'

export type GroupSort = (typeof GROUP_SORTS)[number]
export type SortDirection = 'asc' | 'desc'

export interface GroupFilters {
  search: string
  types: GroupTypeValue[]
  roles: MemberRoleValue[]
  includeInactive: boolean
  sort: GroupSort
  direction: SortDirection
}

/** Within the contract's 1–500; large enough that a fast scroll needs few round trips. */
export const GROUP_PAGE_SIZE = 150

const DEFAULT_FILTERS: GroupFilters = { search: '', types: [], roles: [], includeInactive: false, sort: 'name', direction: 'asc' }

/**
 * The Groups view's query and its rows. A store rather than view state so the list, its filters and the
 * selection are still there when the moderator comes back from a group's detail.
 */
export const useGroupsStore = defineStore('groups', () => {
  const filters = ref<GroupFilters>({ ...DEFAULT_FILTERS })
  const selectedIndex = ref(0)
  /**
   * Groups ticked for a bulk edit, by ID. Unlike the selected row (the keyboard's cursor) they survive
   * filtering and sorting, so a moderator can gather groups from several searches.
   */
  const chosenIDs = ref<ReadonlySet<string>>(new Set())
  function toggleChosen(groupID: string): void {
    const next = new Set(chosenIDs.value)
    if (next.has(groupID)) next.delete(groupID)
    else next.add(groupID)
    chosenIDs.value = next
  }
  function clearChosen(): void {
    chosenIDs.value = new Set()
  }

  function query(): Omit<GroupListQuery, 'offset' | 'limit'> {
    const { search, types, roles, includeInactive, sort, direction } = filters.value
    return {
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(types.length ? { types: [...types] } : {}),
      ...(roles.length ? { roles: [...roles] } : {}),
      includeInactive,
      sort,
      direction,
    }
  }

  const list = createPagedRows<CachedGroup>({
    pageSize: GROUP_PAGE_SIZE,
    fetchPage: (offset, limit) => useApi()['groups:list']({ ...query(), offset, limit }),
  })

  /** Whether anything narrows the list, so an empty result reads "no match" rather than "nothing cached". */
  const narrowed = computed(() => {
    const { search, types, roles } = filters.value
    return search.trim() !== '' || types.length > 0 || roles.length > 0
  })

  watch(
    filters,
    () => {
      selectedIndex.value = 0
      void list.reset()
    },
    { deep: true },
  )

  function sortBy(sort: GroupSort): void {
    if (filters.value.sort === sort) filters.value.direction = filters.value.direction === 'asc' ? 'desc' : 'asc'
    else filters.value = { ...filters.value, sort, direction: sort === 'name' || sort === 'type' ? 'asc' : 'desc' }
  }

  function clearNarrowing(): void {
    filters.value = { ...filters.value, search: '', types: [], roles: [] }
  }

  return {
    filters,
    selectedIndex,
    chosenIDs,
    toggleChosen,
    clearChosen,
    narrowed,
    total: list.total,
    pages: list.pages,
    loading: list.loading,
    error: list.error,
    rowAt: list.rowAt,
    ensureRange: list.ensureRange,
    reload: list.reset,
    refresh: list.refresh,
    sortBy,
    clearNarrowing,
  }
})
