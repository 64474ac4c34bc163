// Compiles the hand-written WebAssembly text in src/match/kernel/*.wat to .wasm
// beside it. Both are committed, so running Sluice needs no compiler; rerun
// this (`node tools/build-wasm.ts`) after editing a .wat. Uses the npm package
// `wabt` (devDependency).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';

const kernelDir = fileURLToPath(new URL('../src/match/kernel/', import.meta.url));
const wabt = await wabtFactory();
const features = { simd: true, threads: true, mutable_globals: true, bulk_memory: true, relaxed_simd: true };

for (const name of readdirSync(kernelDir).filter((f) => f.endsWith('.wat'))) {
  const source = readFileSync(kernelDir + name, 'utf8');
  const module = wabt.parseWat(name, source, features);
  // @ts-expect-error wabt's type declarations omit validate's features argument (without it, shared memory is refused)
  module.validate(features);
  const { buffer } = module.toBinary({ log: false, write_debug_names: true });
  const target = name.replace(/\.wat$/, '.wasm');
  writeFileSync(kernelDir + target, buffer);
  module.destroy();
  console.log(`build-wasm: ${name} → ${target} (${buffer.length} bytes)`);
}
