import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/chromium'

// The e2e suite drives the browser host (the same renderer and app.ts as Electron) in Debian's
// Chromium. Each test starts its own host on a fresh data directory (see e2e/fixtures.ts).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
})
