// Graceful shutdown of the real server process: `bin/sluice serve` on a temporary data directory,
// stopped with SIGTERM while its refresh waits on a slow local feed and a request is half sent.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { freePort } from '../../../test/browser/sluice-server.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';

const SLUICE = fileURLToPath(new URL('../../../bin/sluice', import.meta.url));

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow feed</title>
${[1, 2, 3].map((n) => `<item><guid>p${n}</guid><title>Slow post ${n}</title><description>Body ${n}.</description></item>`).join('\n')}
</channel></rss>`;

/** A feed server that holds its answer until the test releases it. */
async function slowFeed(): Promise<{ url: string; requested: Promise<void>; release: () => void; server: Server }> {
  let requested!: () => void;
  let release!: () => void;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer(async (_req, res) => {
    requested();
    await released;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`, requested: asked, release, server };
}

/** `bin/sluice serve` with its JSON log lines collected; `logged(text)` waits for a line containing text. */
function startServer(dataDir: string, port: number) {
  const child = spawn(SLUICE, ['--data', dataDir, 'serve', '--port', String(port)], {
    env: { ...process.env, SLUICE_ALLOW_PRIVATE_NETWORKS: 'true', SLUICE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const waiters: { text: string; resolve: () => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  child.stdout.on('data', (d: Buffer) => {
    const chunks = (partial + d).split('\n');
    partial = chunks.pop() ?? '';
    for (const chunk of chunks.filter(Boolean)) {
      const line = JSON.parse(chunk) as { msg: string };
      lines.push(line);
      for (const w of waiters.filter((w) => line.msg.includes(w.text))) w.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const logged = (text: string) =>
    lines.some((l) => l.msg.includes(text))
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.push({ text, resolve });
          void exited.then(() => reject(new Error(`sluice serve exited before logging "${text}"; stderr: ${stderr}`)));
        });
  return { child, lines, logged, exited, stderr: () => stderr };
}

/** Whether the port refuses connections within a second (the listening socket closes on the next turn of the server's loop). */
async function refusesSoon(port: number): Promise<boolean> {
  for (let tries = 0; tries < 20; tries++) {
    if (!(await accepts(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function seed(dataDir: string, feedUrl: string): Promise<void> {
  const store = openSqliteStore(join(dataDir, 'sluice.db'));
  await store.subscribe((await store.defaultUser()).id, { url: feedUrl });
  await store.close();
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** `sluice serve` on a fresh data directory that follows a slow feed; `cleanUp` kills what is left and removes the directory. */
async function serveSlowFeed() {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-shutdown-'));
  const feed = await slowFeed();
  const port = await freePort();
  await seed(dir, feed.url);
  const server = startServer(dir, port);
  const cleanUp = () => {
    kill(server.child);
    feed.release();
    feed.server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, feed, port, server, cleanUp };
}

describe('sluice serve shuts down gracefully', { timeout: 60_000 }, () => {
  it('on SIGTERM: stops accepting, finishes the request and the fetch in flight, stores its posts, exits 0', async () => {
    const { dir, feed, port, server, cleanUp } = await serveSlowFeed();
    try {
      await server.logged('Sluice is running');
      await feed.requested; // the first refresh is now waiting on the feed
      // serve wires the metrics: this very request is not counted yet, the probe before it is.
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).headers.get('x-request-id')?.length, 36);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /sluice_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
      assert.match(metrics, /process_cpu_seconds_total/);

      // A request in flight: its headers are in, half its body is not.
      const response = new Promise<number>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '20' } });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write('name=ada&pas');
        void server.logged('shutting down').then(() => setTimeout(() => req.end('sword=x1'), 200));
      });
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the request reach the server

      server.child.kill('SIGTERM');
      await server.logged('shutting down');
      assert.ok(await refusesSoon(port), 'no new connections once shutting down');
      const status = await response;
      assert.ok(status >= 300 && status < 500, `the half-sent request was answered (${status}), not cut`);

      feed.release();
      assert.deepEqual(await server.exited, { code: 0, signal: null }, server.stderr());
      assert.ok(server.lines.some((l) => /refresh: 1 feeds, 1 fetched/.test(l.msg)), 'the refresh in flight finished and was logged');
      assert.equal(server.lines.at(-1)?.msg, 'stopped');

      const store = openSqliteStore(join(dir, 'sluice.db'));
      const [stored] = await store.subscriptions((await store.defaultUser()).id);
      assert.equal(stored.feed.title, 'Slow feed');
      assert.equal(stored.feed.status, 'active');
      assert.ok(stored.feed.lastFetchAt, 'the fetch was recorded');
      assert.deepEqual((await store.posts({ limit: 10 })).map((p) => p.title).sort(), ['Slow post 1', 'Slow post 2', 'Slow post 3']);
      await store.close();
    } finally {
      cleanUp();
    }
  });

  it('on a second signal: exits at once with 1, the database intact without the unfinished fetch', async () => {
    const { dir, feed, server, cleanUp } = await serveSlowFeed();
    try {
      await server.logged('Sluice is running');
      await feed.requested;
      server.child.kill('SIGTERM');
      await server.logged('shutting down');
      server.child.kill('SIGINT');
      assert.deepEqual(await server.exited, { code: 1, signal: null });
      assert.match(server.lines.at(-1)?.msg ?? '', /SIGINT again: exiting now/);

      const store = openSqliteStore(join(dir, 'sluice.db'));
      assert.deepEqual(store.db.prepare('PRAGMA integrity_check').all().map((r) => r.integrity_check), ['ok']);
      const [stored] = await store.subscriptions((await store.defaultUser()).id);
      assert.equal(stored.feed.lastFetchAt, undefined, 'the fetch never finished, so nothing of it was written');
      assert.equal((await store.posts({ limit: 10 })).length, 0);
      await store.close();
    } finally {
      cleanUp();
    }
  });
});
