// The loopback server as a process-level service: state survives a restart on the same file and port, the
// CLI prints exactly one line, controls work from a separate connection, bigint crosses the wire exactly.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { EVENTS, GROUP_TYPES } from '../sdk'
import { connectEmulatorClient, connectEmulatorControls } from './client'
import { parseCliArgs } from './cli'
import { decodeWire, encodeWire } from './protocol'
import { startEmulatorServer } from './server'
import { nextEvent } from './test-harness'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('loopback server', () => {
  it('keeps its state across a restart; a connected client reconnects to the new server by itself', async () => {
    const dataFile = join(dir, 'emulator.sqlite')
    const first = await startEmulatorServer({ dataFile })
    const chat = await connectEmulatorClient(first.url, 'owner')
    const { data } = await chat.createGroup({ type: GROUP_TYPES.GRP_PUBLIC, name: '重启之前' })
    await chat.setGroupCounters({ groupID: data.group.groupID, counters: { big: 2n ** 62n } })
    const down = nextEvent(chat, EVENTS.NET_STATE_CHANGE, (e) => e.data.state === 'disconnected')
    await first.close()
    await down
    const up = nextEvent(chat, EVENTS.NET_STATE_CHANGE, (e) => e.data.state === 'connected')
    const second = await startEmulatorServer({ dataFile, port: first.port })
    await up
    const profile = await chat.getGroupProfile({ groupID: data.group.groupID })
    expect(profile.data.group.name).toBe('重启之前')
    expect((await chat.getGroupCounters({ groupID: data.group.groupID })).data.counters).toEqual({ big: 2n ** 62n })
    expect(await second.controls.appliedCalls()).toEqual({ createGroup: 1, setGroupCounters: 1 })
    await chat.destroy()
    await second.close()
  })

  it('answers an unknown command with 10003 and ignores malformed envelopes', async () => {
    const server = await startEmulatorServer({})
    const socket = new WebSocket(server.url)
    await new Promise((resolve) => socket.once('open', resolve))
    const reply = new Promise<unknown>((resolve) => socket.once('message', (raw) => resolve(decodeWire(raw.toString()))))
    socket.send('not json')
    socket.send(encodeWire({ type: 'call', id: 7, method: 'hackTheGibson', params: {} }))
    expect(await reply).toMatchObject({ type: 'reply', id: 7, ok: false, error: { code: 10003 } })
    socket.terminate()
    await server.close()
  })

  it('controls over their own connection: faults, stats, registered users', async () => {
    const server = await startEmulatorServer({ seed: 'demo' })
    const controls = connectEmulatorControls(server.url)
    expect(await controls.stats()).toMatchObject({ groups: 60, pendingApplications: 300 })
    expect(await controls.setFaults({ latencyMs: 5, jitterMs: 2 })).toMatchObject({ latencyMs: 5, jitterMs: 2, failRate: 0 })
    await expect(controls.setFaults({ latencyMs: -1 })).rejects.toMatchObject({ code: 10004 })
    await controls.registerUsers([{ userID: 'late-joiner', nick: '晚到' }])
    expect((await controls.stats()).users).toBe(123)
    await controls.dropAllConnections()
    expect(await controls.getFaults()).toMatchObject({ latencyMs: 5 })
    await controls.close()
    await server.close()
  })
})

describe('cli', () => {
  it('parses every documented flag and refuses bad values', () => {
    expect(parseCliArgs(['--data', 'd', '--port', '4000', '--seed', 'none', '--latency-ms', '20', '--jitter-ms', '5', '--fail-rate', '0.1', '--fail-code', '2801'])).toEqual({
      dataDir: 'd', port: 4000, seed: 'none', latencyMs: 20, jitterMs: 5, failRate: 0.1, failCode: 2801,
    })
    expect(() => parseCliArgs([])).toThrow('--data')
    expect(() => parseCliArgs(['--data', 'd', '--fail-rate', '2'])).toThrow('fail-rate')
    expect(() => parseCliArgs(['--data', 'd', '--seed', 'lots'])).toThrow('seed')
  })

  it('prints exactly one line, `emulator at ws://127.0.0.1:PORT`, and serves the demo data', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'cli.ts'), '--data', dir, '--latency-ms', '1'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const lines = createInterface({ input: child.stdout })
      const firstLine = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve)
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
      })
      expect(firstLine).toMatch(/^emulator at ws:\/\/127\.0\.0\.1:\d+$/)
      const url = firstLine.slice('emulator at '.length)
      const chat = await connectEmulatorClient(url, 'moderator')
      expect((await chat.getGroupList()).data.groupList).toHaveLength(60)
      await chat.destroy()
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      const rest: string[] = []
      lines.on('line', (line) => rest.push(line))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(rest).toEqual([])
    } finally {
      child.kill('SIGKILL')
    }
  })
})
