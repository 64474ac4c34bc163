// The real server as a user starts it: `bin/sluice serve` in a child process, on a fresh data directory
// and a free loopback port, allowed to fetch the loopback feed servers of the tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sluice', import.meta.url));
const ENV = { ...process.env, SLUICE_ALLOW_PRIVATE_NETWORKS: 'true', SLUICE_LOG_LEVEL: 'warn' };
const START_TIMEOUT_MS = 60_000;

export interface SluiceServer {
  /** http://127.0.0.1:PORT */
  url: string;
  dataDir: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  log(): string;
  /** SIGTERM (graceful shutdown), then the data directory is removed. */
  stop(): Promise<void>;
}

/** A data directory for a server, to prepare with `sluice()` before `startSluice`. */
export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sluice-browser-'));
}

/** One CLI command against a data directory; rejects with its stderr when it fails. */
export function sluice(dataDir: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(BIN, ['--data', dataDir, ...args], { env: ENV, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`sluice ${args.join(' ')} failed (${err.code ?? err.signal}): ${stderr.trim()}`));
      else resolve(stdout);
    });
    child.stdin?.end(stdin ?? '');
  });
}

export async function startSluice(dataDir = newDataDir()): Promise<SluiceServer> {
  const port = await freePort();
  const child = spawn(BIN, ['--data', dataDir, 'serve', '--host', '127.0.0.1', '--port', String(port)], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const server: SluiceServer = {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    log: () => log,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitUntilHealthy(server.url, child, START_TIMEOUT_MS);
  } catch (err) {
    await server.stop();
    throw new Error(`bin/sluice serve did not start: ${(err as Error).message}\n${log}`);
  }
  return server;
}

/** A port nobody listens on now (the kernel picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Ready when /healthz answers (the log line is the logger's business, and its level is set to warn). */
async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    if (Date.now() - started > timeoutMs) throw new Error(`${url}/healthz did not answer within ${timeoutMs / 1000} s`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // Graceful shutdown finishes in-flight fetches; a server stuck past that is killed.
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}
