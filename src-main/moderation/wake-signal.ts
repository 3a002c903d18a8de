// How the journal runners sleep: until woken (an enqueue, a resume, a reconnection) or until the next
// item falls due, whichever comes first.
export interface WakeSignal {
  wake(): void
  /** Resolves when woken, or after `ms` (never on its own when ms is null). */
  wait(ms: number | null): Promise<void>
}

export function createWakeSignal(): WakeSignal {
  let wakeUp: (() => void) | null = null
  function wake(): void {
    const resolve = wakeUp
    wakeUp = null
    resolve?.()
  }
  return {
    wake,
    wait: (ms) =>
      new Promise((resolve) => {
        let timer: NodeJS.Timeout | null = null
        wakeUp = () => {
          if (timer) clearTimeout(timer)
          resolve()
        }
        if (ms !== null) {
          timer = setTimeout(wake, Math.max(0, ms))
          timer.unref?.()
        }
      }),
  }
}
