// The console host as its own process — what a moderator's machine runs — reached over its socket with
// the same typed client the renderer uses. For crash tests and benchmarks.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import WebSocket from 'ws'
import { createSocketClient, type SocketLike } from '../shared/socket-client'
import { createConsoleClient } from '../shared/typed-client'
import type { ConsoleClient } from '../shared/api-types'
import type { EventName, EventPayload } from '../shared/contract'

const PROJECT_ROOT = path.resolve(__dirname, '../..')

export interface HostProcess {
  child: ChildProcess
  /** The page address with its token, for a browser. */
  url: string
  client: ConsoleClient
  /** Resolves at the next event of this name whose payload satisfies `predicate`. */
  next<E extends EventName>(event: E, predicate: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>>
  /** Resident memory of the host process, in MB (Linux). */
  rssMb(): number
  kill(signal?: NodeJS.Signals): Promise<void>
  close(): void
}

export interface HostProcessOptions {
  dataDir: string
  sandboxUrl?: string
  /** Run the built host (out/main/host.js) instead of the sources through tsx. */
  built?: boolean
  onStderr?: (text: string) => void
}

export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const entry = options.built
    ? [path.join(PROJECT_ROOT, 'out/main/host.js')]
    : // tsx as a loader inside this one process: its CLI would fork a child that a kill -9 would not reach.
      ['--import', 'tsx', path.join(PROJECT_ROOT, 'src-main/host/cli.ts')]
  const args = [...entry, '--data', options.dataDir, ...(options.sandboxUrl ? ['--sandbox-url', options.sandboxUrl] : [])]
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stderr!.on('data', (chunk: Buffer) => options.onStderr?.(chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`The host exited (${code}) before it printed its address`)))
  })
  const address = /^console at (\S+)$/.exec(line)?.[1]
  if (!address) throw new Error(`Unexpected first line from the host: ${line}`)
  const url = new URL(address)
  const token = /token=([\w-]+)/.exec(url.hash)![1]!
  const socket = createSocketClient({
    url: `ws://${url.host}/ipc?token=${token}`,
    connect: (target) => new WebSocket(target, { origin: url.origin }) as unknown as SocketLike,
    reconnectDelayMs: () => 1_000_000,
  })
  await socket.ready
  const client = createConsoleClient(socket.api)
  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill(signal)
    })
  return {
    child,
    url: address,
    client,
    next: (event, predicate) =>
      new Promise((resolve) => {
        const unsubscribe = client.on(event, (payload) => {
          if (predicate(payload)) {
            unsubscribe()
            resolve(payload)
          }
        })
      }),
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
    },
    kill,
    close() {
      socket.close()
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    },
  }
}
