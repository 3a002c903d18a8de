import fs from 'node:fs'
import path from 'node:path'

/** The version in the project's package.json, found by walking up from this file (source or built). */
export function readAppVersion(start: string = __dirname): string {
  let dir = start
  for (;;) {
    const candidate = path.join(dir, 'package.json')
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'group-moderation-console' && pkg.version) return pkg.version
    }
    const parent = path.dirname(dir)
    if (parent === dir) return '0.0.0'
    dir = parent
  }
}
