import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ["src-main/**/*.test.ts", 'src-renderer/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Native addon (better-sqlite3) and loopback servers: forks isolate them cleanly.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
