import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'
import { startEmulatorServer, type EmulatorServer, type EmulatorSettings } from '../src-main/chat/emulator'
import { startHostProcess, type RunningHost } from './console-host'
import { ConsoleShell } from './pages/console-shell'

interface Options {
  /**
   * Groups in a sandbox of the test's own: an emulator server seeded with this many, which the host uses
   * instead of its embedded demo sandbox. Null (the default) keeps the embedded one.
   */
  sandboxGroups: number | null
  /** Pending applications seeded in that sandbox; null (the default) seeds as many as there are groups. */
  sandboxApplications: number | null
  /**
   * Its settings. `{ pendingApplicationCap: null }` lifts the documented 50-a-time cap, so the console
   * sees every seeded application.
   */
  sandboxSettings: Partial<EmulatorSettings>
}

interface Fixtures {
  /** The test's own emulator server (see `sandboxGroups`), for its fault and kick-out controls. */
  sandboxServer: EmulatorServer | null
  /** A browser host of its own, on a fresh data directory, for each test. */
  host: RunningHost
  /** The console opened in the page, shell rendered. */
  shell: ConsoleShell
}

export const test = base.extend<Fixtures & Options>({
  sandboxGroups: [null, { option: true }],
  sandboxApplications: [null, { option: true }],
  sandboxSettings: [{}, { option: true }],
  sandboxServer: async ({ sandboxGroups, sandboxApplications, sandboxSettings }, use) => {
    if (sandboxGroups === null) return use(null)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-sandbox-'))
    const server = await startEmulatorServer({
      dataFile: path.join(dir, 'emulator.sqlite'),
      seed: { seed: 7, groups: sandboxGroups, applications: sandboxApplications ?? sandboxGroups },
      settings: sandboxSettings,
    })
    await use(server)
    await server.close()
    fs.rmSync(dir, { recursive: true, force: true })
  },
  host: async ({ sandboxServer }, use) => {
    const host = await startHostProcess(sandboxServer ? { sandboxUrl: sandboxServer.url } : {})
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
