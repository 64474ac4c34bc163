// Each committed .wasm must be what its source compiles to (someone edited a .wat and forgot
// `node tools/build-wasm.ts`, or the reverse): dense.wasm, dense-split.wasm (dense.wat in the
// split form, kernel-form.ts) and quadratic-form.wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

type Tools = typeof import('../../../tools/build-wasm.ts');
let tools: Tools | undefined, missing = '';
try {
  tools = await import('../../../tools/build-wasm.ts');
} catch (error) {
  missing = (error as Error).message;
}

for (const target of ['dense.wasm', 'dense-split.wasm', 'quadratic-form.wasm']) {
  test(`${target} is built from the current source`, async (t) => {
    if (!tools) {
      t.skip(`wabt (devDependency) not installed: ${missing}`);
      return;
    }
    const source = tools.wasmSources().find((s) => s.target === target);
    assert.ok(source, `no source gives ${target}`);
    const built = await tools.compileWat(source.name, source.source);
    const committed = readFileSync(new URL(`./${target}`, import.meta.url));
    assert.ok(Buffer.from(built).equals(committed), 'run node tools/build-wasm.ts');
  });
}
