import fs from 'node:fs'

/**
 * Debian's Chromium (never a downloaded browser: `npx playwright install` cannot work offline).
 * CHROMIUM_PATH overrides the location. The flags keep Chromium from reaching for Google's hosts,
 * which this network refuses.
 */
export function chromiumLaunchOptions() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`)
  }
  return {
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  }
}
