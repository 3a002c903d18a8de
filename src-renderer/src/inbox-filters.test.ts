import { describe, expect, it } from 'vitest'
import { agePresetOf, DEFAULT_INBOX_FILTERS, fromSavedQuery, isNarrowed, sameFilters, toApplicationQuery } from './inbox-filters'
import { applicationQuerySchema } from '../../src-main/shared/domain'

describe('inbox filters', () => {
  it('send nothing for filters left empty', () => {
    expect(toApplicationQuery({ ...DEFAULT_INBOX_FILTERS, text: '   ' })).toEqual({ sort: 'age', direction: 'desc' })
    expect(isNarrowed({ ...DEFAULT_INBOX_FILTERS, text: '  ' })).toBe(false)
  })

  it('survive a round trip through a saved filter', () => {
    const filters = {
      ...DEFAULT_INBOX_FILTERS,
      text: '读书会',
      groupIDs: ['g1', 'g2'],
      groupTypes: ['Public' as const],
      applicationTypes: ['join' as const],
      minAgeSeconds: 86_400,
      sort: 'group' as const,
      direction: 'asc' as const,
    }
    const saved = applicationQuerySchema.omit({ offset: true, limit: true }).parse(toApplicationQuery(filters))
    expect(fromSavedQuery(saved)).toEqual(filters)
    expect(sameFilters(fromSavedQuery(saved), { ...filters, groupIDs: ['g2', 'g1'] })).toBe(true)
    expect(sameFilters(fromSavedQuery(saved), { ...filters, text: 'other' })).toBe(false)
  })

  it('name the age preset, or call other figures custom', () => {
    expect(agePresetOf({ minAgeSeconds: null, maxAgeSeconds: null })).toBe('any')
    expect(agePresetOf({ minAgeSeconds: 7 * 86_400, maxAgeSeconds: null })).toBe('olderWeek')
    expect(agePresetOf({ minAgeSeconds: 5, maxAgeSeconds: null })).toBe('custom')
  })
})
