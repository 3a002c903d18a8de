// Credentials (a cloud account's userSig, or a developer's secret key) live in main only: written
// encrypted by the OS keychain (Electron safeStorage) where there is one, otherwise in a file only the
// user can read (mode 0600), which Settings warns about. They never cross IPC: the renderer learns
// "set" or "not set" and, for a userSig, when it expires.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export interface SecretCipher {
  /** What protects the files: shown in Settings. */
  readonly protection: 'os-keychain' | 'file-permissions'
  encrypt(text: string): Buffer
  decrypt(data: Buffer): string
}

/** The browser host's cipher: none. The file's mode is the only protection, and Settings says so. */
export const fileOnlyCipher: SecretCipher = {
  protection: 'file-permissions',
  encrypt: (text) => Buffer.from(text, 'utf8'),
  decrypt: (data) => data.toString('utf8'),
}

export const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('userSig'), userSig: z.string().min(1).max(8192) }),
  z.object({ kind: z.literal('secretKey'), secretKey: z.string().min(16).max(256), expireSeconds: z.number().int().min(60).max(180 * 86400) }),
])
export type Credential = z.infer<typeof credentialSchema>

export interface CredentialVault {
  readonly protection: SecretCipher['protection']
  save(accountKey: string, credential: Credential): void
  load(accountKey: string): Credential | null
  remove(accountKey: string): void
}

export function createCredentialVault(dir: string, cipher: SecretCipher, fileName: (accountKey: string) => string): CredentialVault {
  const fileFor = (accountKey: string) => path.join(dir, `${fileName(accountKey)}.secret`)
  return {
    protection: cipher.protection,
    save(accountKey, credential) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
      const file = fileFor(accountKey)
      const temp = `${file}.tmp`
      // Written aside then renamed, so a crash never leaves half a credential; 0600 from the first byte.
      fs.writeFileSync(temp, cipher.encrypt(JSON.stringify(credentialSchema.parse(credential))), { mode: 0o600 })
      fs.renameSync(temp, file)
    },
    load(accountKey) {
      const file = fileFor(accountKey)
      if (!fs.existsSync(file)) return null
      try {
        return credentialSchema.parse(JSON.parse(cipher.decrypt(fs.readFileSync(file))))
      } catch {
        // Unreadable (another OS user's keychain, a damaged file): treated as not set, so the moderator re-enters it.
        return null
      }
    },
    remove(accountKey) {
      fs.rmSync(fileFor(accountKey), { force: true })
    },
  }
}
