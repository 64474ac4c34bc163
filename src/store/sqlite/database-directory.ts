// The directory a SQLite file lives in, made when missing — one level at a time. Node's
// mkdirSync(..., {recursive: true}) never returns for a path under /proc or /sys (the kernel says
// ENOENT for the child of a directory that exists; Node takes it for a missing parent and retries
// for ever at 100% CPU), so `sluice --data /proc/x` hung instead of failing.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.ts';

export function ensureDatabaseDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const kind = kindOf(d);
    if (kind === 'directory') break;
    if (kind === 'other') throw new StoreError(`cannot use ${d} as a directory for the database: it is a file`);
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST' && kindOf(d) === 'directory') continue; // made meanwhile
      throw new StoreError(`cannot create the directory ${d} for the database: ${(cause as Error).message}`, { cause });
    }
  }
}

function kindOf(path: string): 'directory' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}
