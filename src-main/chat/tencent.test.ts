import { describe, expect, it } from 'vitest'
import { EVENTS, type ChatEvent } from './sdk'
import { createTencentSdk, type TencentChatInstance } from './tencent'

/** A stand-in for a created TencentCloudChat instance: numbers for counters, as the package has. */
function fakePackage() {
  const calls: Array<[string, unknown]> = []
  const handlers = new Map<string, (event: unknown) => void>()
  const instance = new Proxy({} as Record<string, unknown>, {
    get(_target, method: string) {
      if (method === 'on') return (name: string, handler: (event: unknown) => void) => handlers.set(name, handler)
      if (method === 'off') return (name: string) => handlers.delete(name)
      if (method === 'isReady') return () => true
      if (method === 'setLogLevel') return () => {}
      return async (args: unknown) => {
        calls.push([method, args])
        if (method.includes('Counter')) return { code: 0, data: { counters: { likes: 9007199254740991, views: -3 } } }
        return { code: 0, data: { echoed: args } }
      }
    },
  })
  return { calls, handlers, loadPackage: () => ({ create: () => instance as unknown as TencentChatInstance }) }
}

describe('cloud adapter', () => {
  it('returns counters as bigint and sends them as numbers', async () => {
    const fake = fakePackage()
    const sdk = createTencentSdk({ SDKAppID: 1400000000, loadPackage: fake.loadPackage })
    const result = await sdk.setGroupCounters({ groupID: 'g1', counters: { likes: 12n, views: 3 } })
    expect(result.data.counters).toEqual({ likes: 9007199254740991n, views: -3n })
    expect(fake.calls[0]).toEqual(['setGroupCounters', { groupID: 'g1', counters: { likes: 12, views: 3 } }])
  })

  it('refuses a counter value the package would round, naming the counter', async () => {
    const fake = fakePackage()
    const sdk = createTencentSdk({ SDKAppID: 1400000000, loadPackage: fake.loadPackage })
    await expect(sdk.increaseGroupCounter({ groupID: 'g1', key: 'likes', value: 2n ** 63n - 1n })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('"likes"'),
    })
    expect(fake.calls).toEqual([])
  })

  it('delivers counter events with bigint values and unsubscribes the same handler', () => {
    const fake = fakePackage()
    const sdk = createTencentSdk({ SDKAppID: 1400000000, loadPackage: fake.loadPackage })
    const seen: unknown[] = []
    const handler = (event: ChatEvent<typeof EVENTS.GROUP_COUNTER_UPDATED>) => seen.push(event.data.value)
    sdk.on(EVENTS.GROUP_COUNTER_UPDATED, handler)
    fake.handlers.get(EVENTS.GROUP_COUNTER_UPDATED)!({ name: EVENTS.GROUP_COUNTER_UPDATED, data: { groupID: 'g1', key: 'likes', value: 42 } })
    expect(seen).toEqual([42n])
    sdk.off(EVENTS.GROUP_COUNTER_UPDATED, handler)
    expect(fake.handlers.has(EVENTS.GROUP_COUNTER_UPDATED)).toBe(false)
  })

  it('passes other calls through unchanged', async () => {
    const fake = fakePackage()
    const sdk = createTencentSdk({ SDKAppID: 1400000000, loadPackage: fake.loadPackage })
    await sdk.getGroupProfile({ groupID: 'g1' })
    expect(fake.calls).toEqual([['getGroupProfile', { groupID: 'g1' }]])
  })
})
