// `npm run bench -- <name> [args…]`: runs one benchmark (or all, with no name) and prints its table.
// Benchmarks are never part of `npm test`; timings are reported, not asserted.
import fs from 'node:fs'
import path from 'node:path'

interface Benchmark {
  run(args: string[]): Promise<void>
}

function available(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts'))
    .map((file) => path.basename(file, '.ts'))
    .sort()
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2)
  const names = name ? [name] : available()
  for (const benchmark of names) {
    if (!available().includes(benchmark)) {
      console.error(`No benchmark named "${benchmark}". Available: ${available().join(', ') || 'none'}`)
      process.exit(2)
    }
    console.log(`\n== ${benchmark} ==`)
    const module = (await import(path.join(__dirname, `${benchmark}.ts`))) as Benchmark
    await module.run(args)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
