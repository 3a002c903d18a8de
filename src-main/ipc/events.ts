// Events from main to every connected renderer. Services emit; transports subscribe and forward.
import { events as eventSchemas, type EventName, type EventPayload } from '../shared/contract'

type AnyListener = (event: EventName, payload: unknown) => void

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Every event, for transports. Returns an unsubscribe function. */
  subscribeAll(listener: AnyListener): () => void
}

export function createEventBus(options: { validate: boolean }): EventBus {
  const listeners = new Set<AnyListener>()
  return {
    emit(event, payload) {
      // Under test a payload that drifts from the contract fails where it is emitted.
      const checked = options.validate ? eventSchemas[event].parse(payload) : payload
      for (const listener of listeners) listener(event, checked)
    },
    subscribeAll(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
