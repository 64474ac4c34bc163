import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFetchPool } from './limiter.ts';

/** A task the test finishes by hand, recording how many ran at once overall and per host. */
function harness() {
  const open = new Map<string, (() => void)[]>();
  let running = 0;
  let peak = 0;
  const perHostRunning = new Map<string, number>();
  const perHostPeak = new Map<string, number>();
  const started: string[] = [];
  function task(url: string) {
    return () => {
      const host = new URL(url).hostname;
      started.push(url);
      running++;
      peak = Math.max(peak, running);
      perHostRunning.set(host, (perHostRunning.get(host) ?? 0) + 1);
      perHostPeak.set(host, Math.max(perHostPeak.get(host) ?? 0, perHostRunning.get(host)!));
      return new Promise<string>((resolve) => {
        const finish = () => {
          running--;
          perHostRunning.set(host, perHostRunning.get(host)! - 1);
          resolve(url);
        };
        open.set(host, [...(open.get(host) ?? []), finish]);
      });
    };
  }
  /** Finishes every task running now; returns how many. */
  async function finishAll() {
    const all = [...open.values()].flat();
    open.clear();
    for (const f of all) f();
    await new Promise((r) => setImmediate(r));
    return all.length;
  }
  return { task, finishAll, started, peak: () => peak, perHostPeak };
}

test('never more than the global and per-host limits run at once, and everything runs', async () => {
  const pool = createFetchPool({ global: 4, perHost: 2 });
  const h = harness();
  const urls = [...Array.from({ length: 10 }, (_, i) => `http://big.test/${i}`), ...Array.from({ length: 6 }, (_, i) => `http://s${i}.test/`)];
  const results = Promise.all(urls.map((u) => pool.run(u, h.task(u))));
  assert.equal(pool.running, 4);
  assert.equal(pool.waiting, 12);
  let rounds = 0;
  while ((await h.finishAll()) > 0) rounds++;
  assert.deepEqual(await results, urls);
  assert.equal(h.peak(), 4);
  assert.equal(h.perHostPeak.get('big.test'), 2);
  assert.ok(rounds >= 5, `the big host needs at least 5 rounds of 2, took ${rounds}`);
  assert.equal(pool.running + pool.waiting, 0);
});

test('a saturated host does not block other hosts queued behind it (round-robin)', async () => {
  const pool = createFetchPool({ global: 3, perHost: 1 });
  const h = harness();
  const urls = ['http://a.test/1', 'http://a.test/2', 'http://a.test/3', 'http://b.test/1', 'http://c.test/1'];
  const all = Promise.all(urls.map((u) => pool.run(u, h.task(u))));
  assert.deepEqual(h.started, ['http://a.test/1', 'http://b.test/1', 'http://c.test/1']);
  while ((await h.finishAll()) > 0);
  await all;
  assert.deepEqual(h.started.slice(3), ['http://a.test/2', 'http://a.test/3']);
});

test('failures (rejections and throws) free their slots and reach the caller', async () => {
  const pool = createFetchPool({ global: 1, perHost: 1 });
  const failing = pool.run('http://x.test/', () => Promise.reject(new Error('boom')));
  const throwing = pool.run('http://x.test/', () => { throw new Error('sync boom'); });
  const fine = pool.run('http://x.test/', async () => 'ok');
  await assert.rejects(failing, /boom/);
  await assert.rejects(throwing, /sync boom/);
  assert.equal(await fine, 'ok');
  await pool.idle();
});

test('idle() waits for running and waiting tasks', async () => {
  const pool = createFetchPool({ global: 2, perHost: 1 });
  const done: number[] = [];
  for (let i = 0; i < 5; i++) void pool.run(`http://h${i % 2}.test/`, async () => { await new Promise((r) => setImmediate(r)); done.push(i); });
  await pool.idle();
  assert.equal(done.length, 5);
  await pool.idle(); // already idle: resolves at once
});

test('a custom politeness key groups URLs', async () => {
  const pool = createFetchPool({ global: 10, perHost: 1, hostOf: (u) => new URL(u).pathname.split('/')[1] });
  const h = harness();
  const urls = ['http://127.0.0.1/a.example/feed', 'http://127.0.0.1/a.example/other', 'http://127.0.0.1/b.example/feed'];
  const all = Promise.all(urls.map((u) => pool.run(u, h.task(u))));
  assert.equal(pool.running, 2);
  while ((await h.finishAll()) > 0);
  await all;
});

test('limits must be positive integers', () => {
  assert.throws(() => createFetchPool({ global: 0 }), /global must be a positive integer/);
  assert.throws(() => createFetchPool({ perHost: 1.5 }), /perHost must be a positive integer/);
});
