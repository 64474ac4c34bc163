// `npm run bench [-- NAME ...]`: runs the named benchmarks (default: every one), each from bench/NAME.ts.
// Each benchmark prints its table and, last, its one contract line (e.g. `parse: mb_per_s=...`).
import { existsSync } from 'node:fs';

const all = ['parse', 'fetch', 'match', 'web', 'scoring-service', 'interest-change'];
// Benchmark names are the bare words among the arguments; flags and their values (`--feeds 3000`) are the benchmarks' own.
const wanted = process.argv.slice(2).filter((a, i, args) => /^[a-z]+$/.test(a) && !(args[i - 1]?.startsWith('--') && !args[i - 1].includes('=')) || all.includes(a));
const names = wanted.length ? wanted : all.filter((n) => existsSync(new URL(`./${n}.ts`, import.meta.url)));

for (const name of names) {
  const file = new URL(`./${name}.ts`, import.meta.url);
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (known: ${all.join(', ')})`);
    process.exitCode = 2;
    continue;
  }
  const mod = (await import(file.href)) as { run: (args: string[]) => Promise<void> };
  await mod.run(process.argv.slice(2));
}
