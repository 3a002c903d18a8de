import { describe, expect, it } from 'vitest'
import { createChatSession, type SessionSnapshot } from './session'
import type { ChatSdk } from './sdk'

/** An SDK whose login takes `loginMs` and then fails with `code`, and that never becomes ready. */
function unreachableSdk(loginMs: number, code = 2801): ChatSdk {
  return {
    login: () => new Promise((_, reject) => setTimeout(() => reject({ code, message: 'Request timed out' }), loginMs)),
    logout: async () => ({ code: 0, data: {} }),
    destroy: async () => {},
    isReady: () => false,
    on: () => {},
    off: () => {},
  } as unknown as ChatSdk
}

describe('chat session', () => {
  it('a login that outlasts the ready timeout ends offline, with no stray rejection left behind', async () => {
    const states: SessionSnapshot[] = []
    const session = createChatSession({ createSdk: async () => unreachableSdk(40), onChange: (snapshot) => states.push(snapshot), readyTimeoutMs: 5 })
    await expect(session.connect({ connection: 'cloud', userID: 'mod_1', sdkAppID: 1, userSig: 'x' })).rejects.toMatchObject({ code: 2801 })
    // Give the (cleared) ready timer every chance to fire: an unhandled rejection would fail this test run.
    await new Promise((resolve) => setImmediate(resolve))
    expect(states.at(-1)).toMatchObject({ phase: 'offline', reason: expect.stringContaining('unreachable') })
    expect(session.sdk()).toBeNull()
  })

  it('a refused login (not a network problem) ends signed out with the reason', async () => {
    const states: SessionSnapshot[] = []
    const session = createChatSession({ createSdk: async () => unreachableSdk(1, 3001), onChange: (snapshot) => states.push(snapshot) })
    await expect(session.connect({ connection: 'cloud', userID: 'mod_1', sdkAppID: 1, userSig: 'x' })).rejects.toMatchObject({ code: 3001 })
    expect(states.map((state) => state.phase)).toEqual(['connecting', 'signed-out'])
    expect(states.at(-1)!.reason).toContain('3001')
  })
})
