// The renderer's typed client of `window.api`. Stores call this; nothing else touches window.api.
import { createConsoleClient } from '../../src-main/shared/typed-client'
import type { ConsoleClient } from '../../src-main/shared/api-types'

let client: ConsoleClient | null = null

export function useApi(): ConsoleClient {
  if (!client) {
    if (!window.api) throw new Error('window.api is not ready yet')
    client = createConsoleClient(window.api)
  }
  return client
}

export { ApiError } from '../../src-main/shared/typed-client'
