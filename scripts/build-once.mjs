// Builds main, preload and renderer into out/ with electron-vite, keeping stdout clean for the one
// line the host prints (the build's own output goes to stderr).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function build() {
  const cli = path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: projectRoot, stdio: ['ignore', process.stderr, process.stderr] })
  if (result.status !== 0) {
    process.stderr.write('The build failed; see the output above.\n')
    process.exit(result.status ?? 1)
  }
}
