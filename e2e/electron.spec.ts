import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

// The desktop app itself. Its binary cannot be downloaded on offline build machines; where it is
// missing these tests are reported as not run, and why.
const projectRoot = path.resolve(__dirname, '..')
// The same detection `npm start` uses (an ES module script, so asked through a child process).
const binary =
  execFileSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/electron-binary.mjs').then((m) => process.stdout.write(m.electronBinaryPath() ?? ''))"], {
    cwd: projectRoot,
    encoding: 'utf8',
  }) || null
const reason = 'the Electron binary is not installed here (offline install); the browser host specs cover the same renderer and app'
if (!binary) console.log(`electron.spec.ts not run: ${reason}`)

test.describe('desktop app', () => {
  test.skip(!binary, reason)

  test('opens the console window with window.api and nothing of Node', async ({}, testInfo) => {
    const app = await electron.launch({ executablePath: binary!, args: [projectRoot], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } })
    const page = await app.firstWindow()
    await expect(page.getByTestId('status-phase')).toBeVisible()
    const exposed = await page.evaluate(() => ({
      api: typeof window.api,
      process: typeof (globalThis as { process?: unknown }).process,
      require: typeof (globalThis as { require?: unknown }).require,
    }))
    expect(exposed).toEqual({ api: 'object', process: 'undefined', require: 'undefined' })
    await page.screenshot({ path: testInfo.outputPath('electron-inbox.png') })
    await app.close()
  })
})
