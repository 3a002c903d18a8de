import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirInUseError, lockDataDir } from './data-dir-lock'

function dir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'console-lock-'))
}

describe('data folder lock', () => {
  it('refuses a second console on the same folder while the first runs, naming its process', () => {
    const folder = dir()
    fs.writeFileSync(path.join(folder, 'console.lock'), String(process.ppid))
    expect(() => lockDataDir(folder)).toThrow(DataDirInUseError)
    expect(() => lockDataDir(folder)).toThrow(String(process.ppid))
  })

  it('takes over a lock left by a process that is gone, and releases it', () => {
    const folder = dir()
    fs.writeFileSync(path.join(folder, 'console.lock'), '2147483646')
    const release = lockDataDir(folder)
    expect(fs.readFileSync(path.join(folder, 'console.lock'), 'utf8')).toBe(String(process.pid))
    release()
    expect(fs.existsSync(path.join(folder, 'console.lock'))).toBe(false)
  })
})
