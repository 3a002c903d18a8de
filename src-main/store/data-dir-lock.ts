// One console per data folder. Electron enforces it with its single-instance lock; the browser host
// (and anything else built on app.ts) takes this lock, so two processes never write one journal.
import fs from 'node:fs'
import path from 'node:path'

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`Another console (process ${pid}) is using ${dir}. Close it, or start this one with another --data folder.`)
    this.name = 'DataDirInUseError'
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the folder's lock, or throws DataDirInUseError. A lock left by a dead process is taken over. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'console.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 })
      return () => {
        if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(fs.readFileSync(file, 'utf8'))
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) throw new DataDirInUseError(dir, holder)
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not take the lock on ${dir}`)
}
