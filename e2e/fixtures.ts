import fs from 'node:fs'
import { test as base } from '@playwright/test'
import { startHostProcess, type RunningHost } from './console-host'
import { ConsoleShell } from './pages/console-shell'

interface Fixtures {
  /** A browser host of its own, on a fresh data directory, for each test. */
  host: RunningHost
  /** The console opened in the page, shell rendered. */
  shell: ConsoleShell
}

export const test = base.extend<Fixtures>({
  host: async ({}, use) => {
    const host = await startHostProcess()
    await use(host)
    await host.stop()
    fs.rmSync(host.dataDir, { recursive: true, force: true })
  },
  shell: async ({ page, host }, use) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const shell = new ConsoleShell(page)
    await shell.open(host.url)
    await use(shell)
    // An uncaught error in the renderer fails the test even when the screen looked right.
    if (errors.length > 0) throw new Error(`Uncaught errors in the renderer:\n${errors.join('\n')}`)
  },
})

export { expect } from '@playwright/test'
