// Reading a userSig's expiry (so Settings can show it and the session can say "expired" rather than
// fail obscurely), and — as an explicit developer option — signing one locally with a secret key.
// Format (sdk-facts "Runtime"): base64 of zlib-deflated JSON, with + / = replaced by * - _.
import zlib from 'node:zlib'
// The official signer (tencentyun/tls-sig-api-v2-node); CommonJS without types.
import * as tlsSigApi from 'tls-sig-api-v2'

export interface UserSigInfo {
  userID: string
  sdkAppID: number
  issuedAt: Date
  expiresAt: Date
}

/** Null when the text is not a userSig this code can read (a malformed paste, or a future format). */
export function readUserSig(userSig: string): UserSigInfo | null {
  try {
    const base64 = userSig.trim().replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=')
    const json = JSON.parse(zlib.inflateSync(Buffer.from(base64, 'base64')).toString('utf8')) as Record<string, unknown>
    const issued = Number(json['TLS.time'])
    const lifetime = Number(json['TLS.expire'])
    const userID = json['TLS.identifier']
    const sdkAppID = Number(json['TLS.sdkappid'])
    if (typeof userID !== 'string' || !Number.isFinite(issued) || !Number.isFinite(lifetime) || !Number.isInteger(sdkAppID)) return null
    return { userID, sdkAppID, issuedAt: new Date(issued * 1000), expiresAt: new Date((issued + lifetime) * 1000) }
  } catch {
    return null
  }
}

/**
 * Signs a userSig with the app's secret key. A secret key belongs on a server (sdk-facts "Runtime"): the
 * console offers this only as a developer option, with a warning where it is enabled.
 */
export function signUserSig(secretKey: string, sdkAppID: number, userID: string, expireSeconds: number): string {
  const api = new tlsSigApi.Api(sdkAppID, secretKey)
  return api.genUserSig(userID, expireSeconds)
}
