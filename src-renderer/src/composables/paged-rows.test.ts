import { describe, expect, it } from 'vitest'
import { createPagedRows } from './paged-rows'
import type { Page } from '../../../src-main/shared/domain'

/** A list served page by page, with every request recorded and answers released by hand. */
function fakeServer(initial: string[]) {
  let rows = [...initial]
  const requests: Array<{ offset: number; limit: number; release: () => void }> = []
  const fetchPage = (offset: number, limit: number) =>
    new Promise<Page<string>>((resolve) => {
      const answer = () => resolve({ rows: rows.slice(offset, offset + limit), total: rows.length, offset })
      requests.push({ offset, limit, release: answer })
    })
  return {
    fetchPage,
    requests,
    setRows: (next: string[]) => (rows = next),
    releaseAll: async () => {
      for (const request of requests.splice(0)) request.release()
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
  }
}

const names = (count: number, prefix = 'g') => Array.from({ length: count }, (_, index) => `${prefix}${index}`)

describe('paged rows', () => {
  it('loads the first page on reset and knows the total', async () => {
    const server = fakeServer(names(250))
    const list = createPagedRows({ pageSize: 100, fetchPage: server.fetchPage })
    const done = list.reset()
    expect(list.loading.value).toBe(true)
    await server.releaseAll()
    await done
    expect(list.loading.value).toBe(false)
    expect(list.total.value).toBe(250)
    expect(list.rowAt(99)).toBe('g99')
    expect(list.rowAt(100)).toBeUndefined()
  })

  it('fetches only the missing pages of a range, once each', async () => {
    const server = fakeServer(names(1000))
    const list = createPagedRows({ pageSize: 100, fetchPage: server.fetchPage })
    const first = list.reset()
    await server.releaseAll()
    await first
    list.ensureRange(50, 320)
    list.ensureRange(60, 330)
    expect(server.requests.map((request) => request.offset)).toEqual([100, 200, 300])
    await server.releaseAll()
    expect(list.rowAt(320)).toBe('g320')
    list.ensureRange(990, 5000)
    expect(server.requests.map((request) => request.offset)).toEqual([900])
  })

  it('drops answers that belong to the query before a reset', async () => {
    const server = fakeServer(names(300, 'old'))
    const list = createPagedRows({ pageSize: 100, fetchPage: server.fetchPage })
    void list.reset()
    const stale = server.requests.splice(0)
    server.setRows(names(5, 'new'))
    const fresh = list.reset()
    await server.releaseAll()
    await fresh
    for (const request of stale) request.release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(list.total.value).toBe(5)
    expect(list.rowAt(0)).toBe('new0')
  })

  it('keeps the rows on screen while a refresh is on its way, then swaps them in', async () => {
    const server = fakeServer(names(300))
    const list = createPagedRows({ pageSize: 100, fetchPage: server.fetchPage })
    const first = list.reset()
    await server.releaseAll()
    await first
    list.ensureRange(0, 250)
    await server.releaseAll()

    server.setRows(['renamed', ...names(300).slice(1)])
    const refreshing = list.refresh(0, 40)
    expect(list.rowAt(0)).toBe('g0')
    await server.releaseAll()
    await refreshing
    expect(list.rowAt(0)).toBe('renamed')
    // Off-screen pages were dropped rather than left stale; they load again when scrolled to.
    expect(list.rowAt(150)).toBeUndefined()
  })

  it('reports a failure and clears it on the next success', async () => {
    let fail = true
    const list = createPagedRows<string>({
      pageSize: 10,
      fetchPage: async (offset) => {
        if (fail) throw new Error('offline')
        return { rows: ['a'], total: 1, offset }
      },
    })
    await list.reset()
    expect(list.error.value).toBeInstanceOf(Error)
    fail = false
    await list.reset()
    expect(list.error.value).toBeNull()
    expect(list.rowAt(0)).toBe('a')
  })
})
