// Compiles the hand-written WebAssembly text in src/match/kernel/*.wat to .wasm
// beside it. Both are committed, so running Sluice needs no compiler; rerun
// this (`node tools/build-wasm.ts`) after editing a .wat — a test checks that the
// committed .wasm is what the .wat compiles to. Uses the npm package `wabt`
// (devDependency). dense.wat also gives dense-split.wasm, the same kernel in the split form
// (src/match/kernel/kernel-form.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';
import { KERNEL_FILES, splitDotForm } from '../src/match/kernel/kernel-form.ts';

export const kernelDir = fileURLToPath(new URL('../src/match/kernel/', import.meta.url));
const features = { simd: true, threads: true, mutable_globals: true, bulk_memory: true, relaxed_simd: true };

/** The binary a .wat source compiles to (deterministic: same source, same bytes). */
export async function compileWat(name: string, source: string): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const module = wabt.parseWat(name, source, features);
  try {
    // The typings say validate() takes no argument; it does take the feature set (without
    // it, shared memory fails validation).
    (module as unknown as { validate(features: object): void }).validate(features);
    return module.toBinary({ log: false, write_debug_names: true }).buffer;
  } finally {
    module.destroy();
  }
}

/** Every .wasm the sources give: each .wat → .wasm, and dense.wat in the split form too. */
export function wasmSources(): { target: string; name: string; source: string }[] {
  const sources = readdirSync(kernelDir).filter((f) => f.endsWith('.wat')).sort().map((name) => (
    { target: name.replace(/\.wat$/, '.wasm'), name, source: readFileSync(kernelDir + name, 'utf8') }));
  const dense = sources.find((s) => s.name === 'dense.wat');
  if (dense) sources.push({ target: KERNEL_FILES.split, name: 'dense.wat', source: splitDotForm(dense.source) });
  return sources;
}

if (import.meta.main) {
  for (const { target, name, source } of wasmSources()) {
    const binary = await compileWat(name, source);
    writeFileSync(kernelDir + target, binary);
    console.log(`build-wasm: ${name} → ${target} (${binary.length} bytes)`);
  }
}
