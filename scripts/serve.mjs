// `npm run serve -- --data DIR [--port N]`: build, then run the browser host, which prints exactly one
// line on stdout: `console at http://127.0.0.1:PORT/#token=TOKEN`.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { build, projectRoot } from './build-once.mjs'

build()
const host = spawn(process.execPath, [path.join(projectRoot, 'out', 'main', 'host.js'), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
