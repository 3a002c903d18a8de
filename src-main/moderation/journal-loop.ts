// The loop both journal runners share (decisions; operations): take the next item that is due, send it,
// and otherwise sleep until woken (an enqueue, a resume, a reconnection) or until the next item falls due.
// Nothing is sent without a ready session; while there is none, the loop says it is waiting for one.
import type { ChatSdk } from '../chat/sdk'
import type { PacerClock } from './pacer'
import { createWakeSignal } from './wake-signal'

export type Due<T> = { item: T } | { wakeAt: number | null }

export interface JournalLoopOptions<T> {
  name: string
  sdk: () => ChatSdk | null
  clock: PacerClock
  nextDue(now: number): Due<T>
  send(sdk: ChatSdk, item: T): Promise<void>
  /** Once, before the first pass: e.g. items caught mid-send by a crash go back to the queue. */
  recover(): void
  /** Before a pass, when asked for (after a reconnection): e.g. revalidate what waited. */
  revalidate?(sdk: ChatSdk): Promise<void>
  /** Records held back while the next call travels: written before the loop waits, revalidates or ends. */
  flush?(): void
  log: (message: string, error?: unknown) => void
}

export interface JournalLoop {
  start(): void
  stop(): Promise<void>
  wake(): void
  /** The next pass revalidates first. */
  revalidateOnNextPass(): void
  /** True while there is work but no session to do it with. */
  waitingForConnection(): boolean
}

export function createJournalLoop<T>(options: JournalLoopOptions<T>): JournalLoop {
  const signal = createWakeSignal()
  let stopped = true
  let running: Promise<void> | null = null
  let needsRevalidation = true
  let waiting = false

  async function loop(): Promise<void> {
    options.recover()
    while (!stopped) {
      const sdk = options.sdk()
      const due = options.nextDue(options.clock.now())
      if (!sdk) {
        options.flush?.()
        waiting = 'item' in due || due.wakeAt !== null
        await signal.wait(null)
        continue
      }
      waiting = false
      if (needsRevalidation && options.revalidate) {
        options.flush?.()
        needsRevalidation = false
        try {
          await options.revalidate(sdk)
        } catch (error) {
          // The send itself still tells what happened (10024 and the like): go on without it.
          options.log(`[${options.name}] revalidation failed`, error)
        }
        continue
      }
      if ('item' in due) await options.send(sdk, due.item)
      else {
        options.flush?.()
        await signal.wait(due.wakeAt === null ? null : due.wakeAt - options.clock.now())
      }
    }
    options.flush?.()
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      running = loop().catch((error: unknown) => options.log(`[${options.name}] runner stopped on an error`, error))
    },
    async stop() {
      stopped = true
      signal.wake()
      await running
      running = null
    },
    wake: signal.wake,
    revalidateOnNextPass() {
      needsRevalidation = true
      signal.wake()
    },
    waitingForConnection: () => waiting,
  }
}
