import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'
import { startEmulatorServer } from '../src-main/chat/emulator'
import { startHostProcess, type RunningHost } from './console-host'
import { ConsoleShell } from './pages/console-shell'

interface Options {
  /**
   * Groups in a sandbox of the test's own: an emulator server seeded with this many, which the host uses
   * instead of its embedded demo sandbox. Null (the default) keeps the embedded one.
   */
  sandboxGroups: number | null
}

interface Fixtures {
  /** A browser host of its own, on a fresh data directory, for each test. */
  host: RunningHost
  /** The console opened in the page, shell rendered. */
  shell: ConsoleShell
}

export const test = base.extend<Fixtures & Options>({
  sandboxGroups: [null, { option: true }],
  host: async ({ sandboxGroups }, use) => {
    if (sandboxGroups === null) {
      const host = await startHostProcess()
      await use(host)
      await host.stop()
      fs.rmSync(host.dataDir, { recursive: true, force: true })
      return
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-sandbox-'))
    const server = await startEmulatorServer({ dataFile: path.join(dir, 'emulator.sqlite'), seed: { seed: 7, groups: sandboxGroups, applications: sandboxGroups } })
    const host = await startHostProcess({ sandboxUrl: server.url })
    await use(host)
    await host.stop()
    await server.close()
    fs.rmSync(host.dataDir, { recursive: true, force: true })
    fs.rmSync(dir, { recursive: true, force: true })
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
