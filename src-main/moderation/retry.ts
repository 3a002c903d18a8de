// Retries a call on retryable codes (network, timeout, frequency limits: errors.ts kinds `retryable` and
// `rate-limited`) with exponential backoff and full jitter. Anything else is thrown at once.
import { isRetryable, isSdkError } from '../shared/errors'
import { systemClock, type PacerClock } from './pacer'

export interface RetryOptions {
  clock?: PacerClock
  baseDelayMs?: number
  maxDelayMs?: number
  /** Give up after this many attempts (default: keep going while `shouldContinue` says so). */
  maxAttempts?: number
  /** Checked before every retry: a stopped sync or a cancelled job stops retrying. */
  shouldContinue?: () => boolean
  /** Called before each wait, e.g. to count retries or to tell a pacer to back off. */
  onRetry?: (error: { code: number; message: string }, attempt: number, delayMs: number) => void
  random?: () => number
}

export class RetryStoppedError extends Error {
  constructor(readonly lastError: unknown) {
    super('Stopped while retrying')
    this.name = 'RetryStoppedError'
  }
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const clock = options.clock ?? systemClock
  const base = options.baseDelayMs ?? 250
  const max = options.maxDelayMs ?? 10_000
  const random = options.random ?? Math.random
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (!isSdkError(error) || !isRetryable(error.code)) throw error
      if (options.maxAttempts !== undefined && attempt >= options.maxAttempts) throw error
      if (options.shouldContinue && !options.shouldContinue()) throw new RetryStoppedError(error)
      const delay = Math.round(random() * Math.min(max, base * 2 ** (attempt - 1)))
      options.onRetry?.(error, attempt, delay)
      await clock.sleep(delay)
      if (options.shouldContinue && !options.shouldContinue()) throw new RetryStoppedError(error)
    }
  }
}
