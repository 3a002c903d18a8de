// `npm run serve -- --data DIR [--port N]`: the browser host from the command line. Prints exactly one
// line, `console at http://127.0.0.1:PORT/#token=TOKEN`, which scripts and tests read.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startBrowserHost } from './browser-host'
import { readAppVersion } from './app-version'
import { remoteSandbox } from '../chat/sandbox'

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: serve --data DIR [--port N] [--sandbox-url ws://127.0.0.1:PORT]\n`)
  process.exit(2)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string' },
      // An emulator server to use as the sandbox instead of the embedded one (tests, shared demos).
      'sandbox-url': { type: 'string' },
    },
    strict: true,
  })
  if (!values.data) usage('--data is required')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0-65535, got ${values.port}`)
  // Built into out/main/host.js, next to out/renderer/.
  const rendererDir = path.resolve(values.renderer ?? path.join(__dirname, '../renderer'))
  const host = await startBrowserHost({
    dataDir: path.resolve(values.data),
    rendererDir,
    port,
    version: readAppVersion(),
    strictContract: process.env.CONSOLE_STRICT_CONTRACT === '1',
    ...(values['sandbox-url'] ? { sandbox: remoteSandbox(values['sandbox-url']) } : {}),
  })
  process.stdout.write(`console at ${host.url}\n`)
  const stop = () => {
    // The journals are durable at every step: if a call in flight keeps close() waiting, leaving is safe.
    setTimeout(() => process.exit(0), 5000).unref()
    void host.close().finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`The console host could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
