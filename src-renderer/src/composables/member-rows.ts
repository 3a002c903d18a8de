// The cached members of one group, page by page, for the read-only member list of a group's detail.
import { watch, type Ref } from 'vue'
import { useApi } from '../api'
import { createPagedRows, type PagedRows } from './paged-rows'
import type { CachedMember } from '../../../src-main/shared/domain'

export const MEMBER_PAGE_SIZE = 100

export function useMemberRows(groupID: Ref<string>, search: Ref<string>): PagedRows<CachedMember> {
  const rows = createPagedRows<CachedMember>({
    pageSize: MEMBER_PAGE_SIZE,
    fetchPage: (offset, limit) =>
      useApi()['members:list']({ groupID: groupID.value, offset, limit, ...(search.value.trim() ? { search: search.value.trim() } : {}) }),
  })
  watch([groupID, search], () => void rows.reset(), { immediate: true })
  return rows
}
