import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { StoreError } from '../errors.ts';
import { ensureDatabaseDirectory } from './database-directory.ts';

test('makes missing directories level by level; a file in the way or an impossible place is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-dbdir-'));
  try {
    ensureDatabaseDirectory(join(dir, 'a', 'b', 'c'));
    assert.ok(statSync(join(dir, 'a', 'b', 'c')).isDirectory());
    ensureDatabaseDirectory(join(dir, 'a', 'b', 'c')); // already there
    writeFileSync(join(dir, 'file'), '');
    assert.throws(() => ensureDatabaseDirectory(join(dir, 'file', 'x')), (err: Error) => err instanceof StoreError && /file is a file|it is a file/.test(err.message));
    // Under /proc the kernel answers ENOENT for a new child: Node's recursive mkdir spins for ever there.
    if (existsSync('/proc/self')) {
      assert.throws(() => ensureDatabaseDirectory('/proc/sluice-test/data'), (err: Error) => err instanceof StoreError && /cannot create the directory \/proc\/sluice-test/.test(err.message));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
