// Runs bin/sluice as a user does: a child process on a data directory, loopback feeds allowed.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/sluice', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function sluice(dir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      bin,
      ['--data', dir, ...args],
      { env: { ...process.env, SLUICE_ALLOW_PRIVATE_NETWORKS: 'true', ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}
