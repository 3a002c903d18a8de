// `npm start`: the desktop app. Where the Electron binary is missing (an offline install), say so in one
// line and serve the same console through the browser host, on the data folder Electron would use.
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { build, projectRoot } from './build-once.mjs'
import { electronBinaryPath } from './electron-binary.mjs'

const APP_NAME = 'group-moderation-console'

/** Electron's `userData` for this app on each platform, so both hosts share one data folder. */
function userDataDir() {
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_NAME)
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support', APP_NAME)
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_NAME)
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: projectRoot })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

build()
const binary = electronBinaryPath()
if (binary) {
  run(binary, [projectRoot])
} else {
  console.log('Electron is not installed here (offline install): serving the console in your browser instead — open the address below.')
  run(process.execPath, [path.join(projectRoot, 'out', 'main', 'host.js'), '--data', userDataDir(), ...process.argv.slice(2)])
}
