// Test support shared by the emulator's suites: one harness interface over the in-process sandbox and the
// loopback server, so the conformance suite runs unchanged over both (issue 3 "The same suite runs
// in-process and over the loopback server"). Not a test file itself.
import { expect } from 'vitest'
import type { ChatEvent, ChatSdkError, EventName, GroupType } from '../sdk'
import { ManualClock } from './clock'
import { connectEmulatorClient, createEmulatorClient } from './client'
import type { EmulatorControls } from './controls'
import { createEmulator } from './emulator'
import type { EmulatedChat } from './sdk-session'
import { startEmulatorServer } from './server'
import type { EmulatorSettings } from './settings'

export type HarnessKind = 'in-process' | 'loopback'

export interface Harness {
  readonly kind: HarnessKind
  /** Drives the service and every session's SDK layer: rate limits, caches, mute times. */
  readonly clock: ManualClock
  readonly controls: EmulatorControls
  /** A logged-in, ready session. */
  connect(userID: string): Promise<EmulatedChat>
  /** A session that has not logged in. */
  createSession(): EmulatedChat
  close(): Promise<void>
}

export async function openHarness(kind: HarnessKind, settings: Partial<EmulatorSettings> = {}): Promise<Harness> {
  const clock = new ManualClock()
  const sessions: EmulatedChat[] = []
  const track = (chat: EmulatedChat): EmulatedChat => {
    sessions.push(chat)
    return chat
  }
  if (kind === 'in-process') {
    const emulator = createEmulator({ clock, settings })
    return {
      kind,
      clock,
      controls: emulator.controls,
      connect: async (userID) => track(await emulator.connect(userID)),
      createSession: () => track(emulator.createSession()),
      async close() {
        await Promise.all(sessions.map((s) => s.destroy()))
        emulator.close()
      },
    }
  }
  const server = await startEmulatorServer({ clock, settings })
  return {
    kind,
    clock,
    controls: server.controls,
    connect: async (userID) => track(await connectEmulatorClient(server.url, userID, { clock, requestTimeoutMs: 5_000 })),
    createSession: () => track(createEmulatorClient(server.url, { clock, requestTimeoutMs: 5_000 })),
    async close() {
      await Promise.all(sessions.map((s) => s.destroy()))
      await server.close()
    },
  }
}

/** Every code a conformance test saw, to prove each producible code is covered. */
export const observedCodes = new Set<number>()

/** The promise rejects with `{code, message}` carrying exactly this code. */
export async function expectCode(promise: Promise<unknown>, code: number): Promise<ChatSdkError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
  if (outcome.ok) throw new Error(`expected code ${code}, but the call succeeded with ${JSON.stringify(outcome.value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`)
  const error = outcome.error as ChatSdkError
  expect(typeof error.message).toBe('string')
  expect(error.code, error.message).toBe(code)
  observedCodes.add(code)
  return error
}

/** Resolves with the next event of that name matching the predicate. */
export function nextEvent<N extends EventName>(chat: EmulatedChat, name: N, matches: (event: ChatEvent<N>) => boolean = () => true): Promise<ChatEvent<N>> {
  return new Promise((resolve) => {
    const handler = (event: ChatEvent<N>): void => {
      if (!matches(event)) return
      chat.off(name, handler)
      resolve(event)
    }
    chat.on(name, handler)
  })
}

/** Collects every event of a name, for asserting what did (not) arrive. */
export function recordEvents<N extends EventName>(chat: EmulatedChat, name: N): ChatEvent<N>[] {
  const seen: ChatEvent<N>[] = []
  chat.on(name, (event) => seen.push(event))
  return seen
}

/** Let pending pushes (delivered on a later event-loop turn) arrive. Not a sleep: one macrotask turn. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export async function createGroupOf(chat: EmulatedChat, type: GroupType, extra: Record<string, unknown> = {}): Promise<string> {
  const { data } = await chat.createGroup({ type, name: `${type} group`, ...extra })
  return data.group.groupID
}

/** 'x' repeated to exactly `bytes` UTF-8 bytes; with `unit` a multi-byte character fills it. */
export function bytesOf(bytes: number, unit = 'x'): string {
  const unitBytes = new TextEncoder().encode(unit).length
  const count = Math.floor(bytes / unitBytes)
  return unit.repeat(count) + 'x'.repeat(bytes - count * unitBytes)
}
