// Starts the built browser host as a child process on its own data directory and reads the one line
// it prints. Used by the e2e fixture and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'

export const HOST_ENTRY = path.resolve(__dirname, '../out/main/host.js')

export interface RunningHost {
  url: string
  origin: string
  dataDir: string
  process: ChildProcess
  stop(): Promise<void>
}

export async function startHostProcess(options: { dataDir?: string; env?: NodeJS.ProcessEnv; sandboxUrl?: string } = {}): Promise<RunningHost> {
  if (!fs.existsSync(HOST_ENTRY)) throw new Error(`${HOST_ENTRY} is missing: run "npm run build" first.`)
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-'))
  const sandboxArgs = options.sandboxUrl ? ['--sandbox-url', options.sandboxUrl] : []
  const child = spawn(process.execPath, [HOST_ENTRY, '--data', dataDir, '--port', '0', ...sandboxArgs], {
    env: { ...process.env, CONSOLE_STRICT_CONTRACT: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! })
    lines.once('line', (line) => {
      const match = /^console at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/.exec(line)
      if (match?.[1]) resolve(match[1])
      else reject(new Error(`Unexpected first line from the host: ${line}`))
    })
    child.once('exit', (code) => reject(new Error(`The host exited (${code}) before it was ready: ${stderr}`)))
  })
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
