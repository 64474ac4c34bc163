// The operations layer through the whole app, in-process: request ids, the request log, latency by
// route pattern, and who may read /metrics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { createApp, type AppOptions } from '../app.ts';
import { createLogger } from './logger.ts';
import { Metrics } from './metrics.ts';

/** The socket peer Hono's node adapter would put on c.env. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const LOOPBACK = from('127.0.0.1');

interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  path?: string;
  status?: number;
  err?: { message: string; stack: string };
}

function setup(options: AppOptions = {}) {
  const store = openSqliteStore(':memory:');
  const lines: LogLine[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const metrics = new Metrics({ processMetrics: false });
  const app = createApp(store, { logger, metrics, ...options });
  // Routes added after createApp still run behind its middleware: one with a parameter, one that fails.
  app.get('/probe/:id', (c) => c.text(`probe ${c.req.param('id')}`));
  app.get('/boom', () => {
    throw new Error('kaput in the probe route');
  });
  return { store, app, lines, metrics };
}

describe('request ids', () => {
  it('generates one per request and echoes it, also on errors and redirects', async () => {
    const { store, app } = setup();
    const ids = new Set<string>();
    for (const path of ['/healthz', '/healthz', '/no-such-page', '/', '/boom']) {
      const res = await app.request(path);
      const id = res.headers.get('x-request-id');
      assert.match(id ?? '', /^[0-9a-f-]{36}$/, `${path} (${res.status}) carries a generated id`);
      ids.add(id as string);
    }
    assert.equal(ids.size, 5, 'a new id every request');
    await store.close();
  });

  it("keeps a proxy's plain id and replaces one that could forge log lines", async () => {
    const { store, app, lines } = setup();
    const kept = await app.request('/healthz', { headers: { 'X-Request-Id': 'edge-7f3a:42' } });
    assert.equal(kept.headers.get('x-request-id'), 'edge-7f3a:42');
    for (const forged of ['a b', 'x"}{"level":"fatal', 'x'.repeat(129), '']) {
      const res = await app.request('/healthz', { headers: { 'X-Request-Id': forged } });
      assert.notEqual(res.headers.get('x-request-id'), forged);
      assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    }
    assert.equal(lines[0].reqId, 'edge-7f3a:42', 'the log line carries the same id');
    await store.close();
  });
});

describe('request log', () => {
  it('logs one line per request with id, status and a path without query or secrets', async () => {
    const { store, app, lines } = setup();
    const secret = 'sluice_' + 'A1b2C3d4'.repeat(6);
    const res = await app.request(`/probe/${secret}?token=hunter2`);
    const id = res.headers.get('x-request-id');
    const line = lines.find((l) => l.reqId === id);
    assert.ok(line, 'the request was logged under its id');
    assert.equal(line.level, 'info');
    assert.equal(line.msg, 'request');
    assert.equal(line.status, 200);
    assert.equal(line.path, '/probe/:secret');
    assert.doesNotMatch(JSON.stringify(lines), /hunter2|A1b2C3d4/);
    await store.close();
  });

  it('logs probes (/healthz, /metrics) at debug, so a level of info keeps them out', async () => {
    const { store, app, lines } = setup();
    await app.request('/healthz');
    await app.request('/metrics', {}, LOOPBACK);
    assert.deepEqual(lines.map((l) => [l.level, l.path]), [['debug', '/healthz'], ['debug', '/metrics']]);
    await store.close();
  });

  it('logs an unexpected error whole with the request id, and tells the client nothing of it', async () => {
    const { store, app, lines } = setup();
    const res = await app.request('/boom', { headers: { accept: 'application/json' } });
    assert.equal(res.status, 500);
    const body = await res.text();
    assert.doesNotMatch(body, /kaput/);
    const id = res.headers.get('x-request-id');
    const [failure, request] = lines.filter((l) => l.reqId === id);
    assert.equal(failure.level, 'error');
    assert.equal(failure.msg, 'unexpected error');
    assert.equal(failure.err?.message, 'kaput in the probe route');
    assert.match(failure.err?.stack ?? '', /mount\.test\.ts/);
    assert.deepEqual([request.level, request.status], ['error', 500]);
    await store.close();
  });
});

describe('request latency', () => {
  it('labels requests by the route pattern that answered, never the raw path', async () => {
    const { store, app, metrics } = setup();
    for (const id of ['1', '2', '3']) assert.equal((await app.request(`/probe/${id}`)).status, 200);
    await app.request('/no-such-page');
    await app.request('/api/v1/me');
    const text = await metrics.text();
    assert.match(text, /sluice_http_request_duration_seconds_count\{method="GET",route="\/probe\/:id",status="200"\} 3/);
    assert.match(text, /sluice_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(text, /sluice_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/\*",status="401"\} 1/);
    assert.doesNotMatch(text, /route="\/probe\/1"|no-such-page/);
    await store.close();
  });
});

describe('GET /metrics', () => {
  it('answers a loopback client with the Prometheus text', async () => {
    const { store, app } = setup();
    for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const res = await app.request('/metrics', {}, from(peer));
      assert.equal(res.status, 200, peer);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      assert.match(text, /# TYPE sluice_fetches_total counter/);
      assert.match(text, /sluice_fetches_total\{outcome="failed"\} 0/);
    }
    await store.close();
  });

  it('refuses other clients, and forwarded requests even from loopback (a local proxy), without a token', async () => {
    const { store, app } = setup();
    assert.equal((await app.request('/metrics', {}, from('192.168.1.20'))).status, 403);
    assert.equal((await app.request('/metrics')).status, 403, 'no socket at all');
    const proxied = await app.request('/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9', accept: 'application/json' } }, LOOPBACK);
    assert.equal(proxied.status, 403);
    assert.match(((await proxied.json()) as { error: { message: string } }).error.message, /SLUICE_METRICS_TOKEN/);
    await store.close();
  });

  it('with a token, asks every client for it, loopback too', async () => {
    const token = 'scrape-me-7Jq2';
    const { store, app } = setup({ metricsToken: token });
    assert.equal((await app.request('/metrics', {}, LOOPBACK)).status, 401);
    assert.equal((await app.request('/metrics', { headers: { Authorization: 'Bearer wrong' } }, LOOPBACK)).status, 401);
    const elsewhere = await app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } }, from('198.51.100.4'));
    assert.equal(elsewhere.status, 200);
    assert.match(await elsewhere.text(), /sluice_http_request_duration_seconds/);
    await store.close();
  });

  it('is not there when the app runs without metrics (tests, embedding)', async () => {
    const store = openSqliteStore(':memory:');
    const app = createApp(store);
    assert.equal((await app.request('/metrics', {}, LOOPBACK)).status, 404);
    assert.match((await app.request('/healthz')).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    await store.close();
  });
});
