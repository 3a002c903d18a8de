import { describe, expect, it } from 'vitest'
import { readUserSig, signUserSig } from './user-sig'

describe('userSig', () => {
  it('reads back who a locally signed userSig is for and when it expires', () => {
    const before = Math.floor(Date.now() / 1000)
    const sig = signUserSig('0123456789abcdef0123456789abcdef', 1400000001, 'moderator_1', 7 * 86400)
    const info = readUserSig(sig)
    expect(info).not.toBeNull()
    expect(info!.userID).toBe('moderator_1')
    expect(info!.sdkAppID).toBe(1400000001)
    expect(info!.issuedAt.getTime() / 1000).toBeGreaterThanOrEqual(before)
    expect((info!.expiresAt.getTime() - info!.issuedAt.getTime()) / 1000).toBe(7 * 86400)
  })

  it('returns null for text that is not a userSig', () => {
    for (const text of ['', 'hello', 'eJyrVspLzE1VslJKzCtJLUpVqgUAMnAFsw__', '****']) expect(readUserSig(text)).toBeNull()
  })
})
