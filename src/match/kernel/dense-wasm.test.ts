// The committed dense.wasm must be what dense.wat compiles to (someone edited the .wat
// and forgot `node tools/build-wasm.ts`, or the reverse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('dense.wasm is built from the current dense.wat', async (t) => {
  let compileWat: (name: string, source: string) => Promise<Uint8Array>;
  try {
    ({ compileWat } = await import('../../../tools/build-wasm.ts'));
  } catch (error) {
    t.skip(`wabt (devDependency) not installed: ${(error as Error).message}`);
    return;
  }
  const source = readFileSync(new URL('./dense.wat', import.meta.url), 'utf8');
  const built = await compileWat('dense.wat', source);
  const committed = new Uint8Array(readFileSync(new URL('./dense.wasm', import.meta.url)));
  assert.ok(Buffer.from(built).equals(Buffer.from(committed)), 'run node tools/build-wasm.ts');
});
