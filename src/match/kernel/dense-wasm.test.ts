// Each committed .wasm must be what its .wat compiles to (someone edited the .wat and forgot
// `node tools/build-wasm.ts`, or the reverse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

for (const module of ['dense', 'quadratic-form']) {
  test(`${module}.wasm is built from the current ${module}.wat`, async (t) => {
    let compileWat: (name: string, source: string) => Promise<Uint8Array>;
    try {
      ({ compileWat } = await import('../../../tools/build-wasm.ts'));
    } catch (error) {
      t.skip(`wabt (devDependency) not installed: ${(error as Error).message}`);
      return;
    }
    const source = readFileSync(new URL(`./${module}.wat`, import.meta.url), 'utf8');
    const built = await compileWat(`${module}.wat`, source);
    const committed = readFileSync(new URL(`./${module}.wasm`, import.meta.url));
    assert.ok(Buffer.from(built).equals(committed), 'run node tools/build-wasm.ts');
  });
}
