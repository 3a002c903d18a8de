// Where the Electron binary is, or null when it is not installed — found without triggering the
// download that `require('electron')` attempts on first use (it fails offline).
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

export function electronBinaryPath() {
  const require = createRequire(import.meta.url)
  let packageDir
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = path.join(packageDir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const relative = fs.readFileSync(pathFile, 'utf8').trim()
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist')
  const binary = path.join(distDir, relative)
  return fs.existsSync(binary) ? binary : null
}
