// The Inbox's filters as the moderator sets them, and their translation to and from the contract's
// application query (which is also what a saved filter stores). Pure functions, unit-tested.
import {
  APPLICATION_SORTS,
  type ApplicationQuery,
  type APPLICATION_TYPE_VALUES,
  type GroupTypeValue,
  type SavedFilter,
} from '../../src-main/shared/domain'

export type ApplicationSort = (typeof APPLICATION_SORTS)[number]
export type ApplicationTypeValue = (typeof APPLICATION_TYPE_VALUES)[number]
export type SortDirection = 'asc' | 'desc'

export interface InboxFilters {
  /** Full text over notes, applicants and nicks (the cache's FTS index finds Chinese words too). */
  text: string
  groupIDs: string[]
  groupTypes: GroupTypeValue[]
  applicationTypes: ApplicationTypeValue[]
  /** Set by "show this applicant's applications"; not typed by hand. */
  applicant: string
  minAgeSeconds: number | null
  maxAgeSeconds: number | null
  sort: ApplicationSort
  direction: SortDirection
}

export const DEFAULT_INBOX_FILTERS: InboxFilters = {
  text: '',
  groupIDs: [],
  groupTypes: [],
  applicationTypes: [],
  applicant: '',
  minAgeSeconds: null,
  maxAgeSeconds: null,
  sort: 'age',
  direction: 'desc',
}

const HOUR = 3600
const DAY = 86_400

/** The age choices offered; a saved filter with other figures shows as "custom". */
export const AGE_PRESETS = [
  { id: 'any', minAgeSeconds: null, maxAgeSeconds: null },
  { id: 'lastHour', minAgeSeconds: null, maxAgeSeconds: HOUR },
  { id: 'lastDay', minAgeSeconds: null, maxAgeSeconds: DAY },
  { id: 'olderDay', minAgeSeconds: DAY, maxAgeSeconds: null },
  { id: 'olderWeek', minAgeSeconds: 7 * DAY, maxAgeSeconds: null },
  { id: 'olderMonth', minAgeSeconds: 30 * DAY, maxAgeSeconds: null },
] as const
export type AgePresetId = (typeof AGE_PRESETS)[number]['id']

export function agePresetOf(filters: Pick<InboxFilters, 'minAgeSeconds' | 'maxAgeSeconds'>): AgePresetId | 'custom' {
  const preset = AGE_PRESETS.find((candidate) => candidate.minAgeSeconds === filters.minAgeSeconds && candidate.maxAgeSeconds === filters.maxAgeSeconds)
  return preset?.id ?? 'custom'
}

/** The query the contract takes, without paging; empty filters are left out rather than sent empty. */
export function toApplicationQuery(filters: InboxFilters): Omit<ApplicationQuery, 'offset' | 'limit'> {
  const text = filters.text.trim()
  const applicant = filters.applicant.trim()
  return {
    ...(text ? { text } : {}),
    ...(applicant ? { applicant } : {}),
    ...(filters.groupIDs.length ? { groupIDs: [...filters.groupIDs] } : {}),
    ...(filters.groupTypes.length ? { groupTypes: [...filters.groupTypes] } : {}),
    ...(filters.applicationTypes.length ? { applicationTypes: [...filters.applicationTypes] } : {}),
    ...(filters.minAgeSeconds !== null ? { minAgeSeconds: filters.minAgeSeconds } : {}),
    ...(filters.maxAgeSeconds !== null ? { maxAgeSeconds: filters.maxAgeSeconds } : {}),
    sort: filters.sort,
    direction: filters.direction,
  }
}

/** A saved filter back into the filter bar. Statuses are not offered: the inbox shows pending ones. */
export function fromSavedQuery(query: SavedFilter['query']): InboxFilters {
  return {
    text: query.text ?? '',
    applicant: query.applicant ?? '',
    groupIDs: [...(query.groupIDs ?? [])],
    groupTypes: [...(query.groupTypes ?? [])],
    applicationTypes: [...(query.applicationTypes ?? [])],
    minAgeSeconds: query.minAgeSeconds ?? null,
    maxAgeSeconds: query.maxAgeSeconds ?? null,
    sort: query.sort,
    direction: query.direction,
  }
}

/** Whether anything narrows the list, so an empty result reads "no match" rather than "nothing pending". */
export function isNarrowed(filters: InboxFilters): boolean {
  return (
    filters.text.trim() !== '' ||
    filters.applicant.trim() !== '' ||
    filters.groupIDs.length > 0 ||
    filters.groupTypes.length > 0 ||
    filters.applicationTypes.length > 0 ||
    filters.minAgeSeconds !== null ||
    filters.maxAgeSeconds !== null
  )
}

/** Same filter, ignoring order of list members and sort (to mark the saved filter in use). */
export function sameFilters(a: InboxFilters, b: InboxFilters): boolean {
  const sorted = (list: readonly string[]) => [...list].sort().join('\u0000')
  return (
    a.text.trim() === b.text.trim() &&
    a.applicant.trim() === b.applicant.trim() &&
    sorted(a.groupIDs) === sorted(b.groupIDs) &&
    sorted(a.groupTypes) === sorted(b.groupTypes) &&
    sorted(a.applicationTypes) === sorted(b.applicationTypes) &&
    a.minAgeSeconds === b.minAgeSeconds &&
    a.maxAgeSeconds === b.maxAgeSeconds &&
    a.sort === b.sort &&
    a.direction === b.direction
  )
}
