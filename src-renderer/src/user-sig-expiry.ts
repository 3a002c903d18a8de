// How worried to be about a userSig's expiry. A day's notice: the moderator may be offline, or away from
// the server that signs userSigs, when it runs out.
export const USERSIG_WARN_BEFORE_MS = 24 * 60 * 60 * 1000

export type ExpiryTone = 'good' | 'warn' | 'bad'

export function userSigExpiryTone(expiresAt: Date, now: number = Date.now()): ExpiryTone {
  const left = expiresAt.getTime() - now
  if (left <= 0) return 'bad'
  if (left <= USERSIG_WARN_BEFORE_MS) return 'warn'
  return 'good'
}
