// The package ships no types. Only what user-sig.ts uses.
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkAppID: number, secretKey: string)
    genUserSig(userID: string, expireSeconds: number): string
  }
}
