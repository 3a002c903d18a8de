// `npm run emulator -- --data DIR [--port N] [--seed demo|none] [--latency-ms N] [--jitter-ms N]
//  [--fail-rate P] [--fail-code C]` prints exactly one line, `emulator at ws://127.0.0.1:PORT`, and serves
// until SIGINT/SIGTERM. State lives in DIR/emulator.sqlite, so a restarted server keeps it.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startEmulatorServer } from './server'

export interface CliOptions {
  dataDir: string
  port: number
  seed: 'demo' | 'none'
  latencyMs: number
  jitterMs: number
  failRate: number
  failCode: number
}

export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: 'demo' },
      'latency-ms': { type: 'string', default: '0' },
      'jitter-ms': { type: 'string', default: '0' },
      'fail-rate': { type: 'string', default: '0' },
      'fail-code': { type: 'string', default: '10002' },
    },
    strict: true,
  })
  if (!values.data) throw new Error('--data DIR is required')
  if (values.seed !== 'demo' && values.seed !== 'none') throw new Error('--seed must be demo or none')
  const number = (name: string, text: string, check: (n: number) => boolean): number => {
    const n = Number(text)
    if (!Number.isFinite(n) || !check(n)) throw new Error(`--${name}: invalid value ${text}`)
    return n
  }
  return {
    dataDir: values.data,
    port: number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n < 65536),
    seed: values.seed,
    latencyMs: number('latency-ms', values['latency-ms'], (n) => n >= 0),
    jitterMs: number('jitter-ms', values['jitter-ms'], (n) => n >= 0),
    failRate: number('fail-rate', values['fail-rate'], (n) => n >= 0 && n <= 1),
    failCode: number('fail-code', values['fail-code'], (n) => Number.isInteger(n)),
  }
}

async function main(): Promise<void> {
  let options: CliOptions
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 2
    return
  }
  mkdirSync(options.dataDir, { recursive: true })
  const server = await startEmulatorServer({
    dataFile: join(options.dataDir, 'emulator.sqlite'),
    port: options.port,
    seed: options.seed,
    faults: { latencyMs: options.latencyMs, jitterMs: options.jitterMs, failRate: options.failRate, failCode: options.failCode },
  })
  process.stdout.write(`emulator at ${server.url}\n`)
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (require.main === module) void main()
