// `npm run bench -- fetch [--feeds=N] [--concurrency=C] [--per-host=P] [--timeout=MS] [--in-process] [--distinct-hosts]`
// (use the `=` form under `npm run bench`, which takes bare words for benchmark names):
// a full refresh of every feed of the loopback farm (bench/farm: the 36,513 distinct small-web feed URLs),
// twice: cold (no validators: 200s), then conditional (stored ETag/Last-Modified: mostly 304). The timed
// work is the real refresh job (refreshFeeds: fetch → parse → clean → one SQLite transaction per feed, into
// a fresh database file); `--fetch-only` times fetch + parseFeed alone, without cleaning or storing.
// The farm runs in a child process (unless --in-process), so the client's CPU and RSS are its own.
// --distinct-hosts requests each feed at its real host name (resolved to 127.0.0.1 by the benchmark's
// resolver), so every feed costs a new connection as in real life, instead of reusing keep-alive ones.
// Last line: `fetch: feeds_per_s=X rss_mb=Y` — X from the cold pass, Y the client's peak RSS.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAgents, createFetchPool, fetchFeed, type FetchOptions, type FetchPool, type Resolver, type Validators } from '../src/fetch/index.ts';
import { refreshFeeds } from '../src/jobs/refresh.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { farmHostOf } from './farm/feed-urls.ts';
import { startFarmProcess } from './farm/process.ts';
import { startFarm } from './farm/server.ts';

type ParseFeed = (body: Uint8Array, opts: { url?: string; contentType?: string }) => unknown;

export interface PassCounts {
  feeds: number;
  ok: number;
  notModified: number;
  failed: number;
  /** Failures by error class (FetchError subclasses, or ParseError…). */
  failures: Record<string, number>;
}

export interface RefreshDeps {
  pool: FetchPool;
  /** Validators by feed URL: read for conditional requests, written after each 200. */
  validators: Map<string, Validators>;
  fetchOptions: FetchOptions;
  parse?: ParseFeed;
  /** Feeds handed to the pool at once (running or waiting); default 1,024. */
  window?: number;
}

/**
 * One full refresh of `urls`: the unit the benchmark times. Kept to this one function so the driver can
 * switch to the real refresh job (fetch → parse → clean → store) by replacing it.
 */
export async function refreshAll(urls: string[], deps: RefreshDeps): Promise<PassCounts> {
  const counts: PassCounts = { feeds: urls.length, ok: 0, notModified: 0, failed: 0, failures: {} };
  const refreshOne = async (url: string) => {
    try {
      await deps.pool.run(url, async () => {
        const result = await fetchFeed(url, { ...deps.fetchOptions, ...deps.validators.get(url) });
        if (result.status === 'not-modified') return void counts.notModified++;
        deps.parse?.(result.body, { url: result.url, contentType: result.contentType });
        deps.validators.set(url, { etag: result.etag, lastModified: result.lastModified });
        counts.ok++;
      });
    } catch (err) {
      counts.failed++;
      const name = err instanceof Error ? err.name : 'non-error';
      counts.failures[name] = (counts.failures[name] ?? 0) + 1;
    }
  };
  await forEachBounded(urls, deps.window ?? 1024, refreshOne);
  return counts;
}

/** A full refresh through the refresh job into a SQLite store that is already subscribed to every URL. */
async function refreshJob(store: SqliteStore, deps: RefreshDeps): Promise<PassCounts> {
  const summary = await refreshFeeds(
    store,
    { allowPrivateNetworks: true, maxBodyBytes: 10 * 1024 * 1024, fetchTimeoutMs: deps.fetchOptions.timeoutMs ?? 5000, fetchConcurrency: 0, fetchConcurrencyPerHost: 0 },
    { all: true, pool: deps.pool, fetchOptions: deps.fetchOptions },
  );
  const failures: Record<string, number> = {};
  for (const r of summary.results) {
    if (!r.error) continue;
    // Group by what failed: "GET <url>: HTTP 404 …" → "HTTP 404 …", "<url>: not a feed …" → "not a feed …".
    const what = r.error.replace(/^(GET )?\S+: /, '').split(/[(:]/)[0].trim().split(' ').slice(0, 3).join(' ');
    failures[what] = (failures[what] ?? 0) + 1;
  }
  return { feeds: summary.feeds, ok: summary.fetched, notModified: summary.notModified, failed: summary.failed, failures };
}

/** Runs `fn` over `items` with at most `window` calls pending: memory stays flat however long the list. */
async function forEachBounded<T>(items: readonly T[], window: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, lane));
}

/**
 * Runs the benchmark in a fresh process: peak RSS is a per-process high-water mark, and `npm run bench`
 * runs other benchmarks in its own process first.
 */
export async function run(argv: string[]): Promise<void> {
  if (process.env[CLIENT_ENV] === '1') return measure(argv);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [CLIENT_ENV]: '1' },
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) process.exitCode = code ?? 1;
}

const CLIENT_ENV = 'SLUICE_BENCH_FETCH_CLIENT';

async function measure(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== 'fetch'),
    options: {
      feeds: { type: 'string' },
      concurrency: { type: 'string', default: '64' },
      'per-host': { type: 'string', default: '2' },
      timeout: { type: 'string', default: '5000' },
      'in-process': { type: 'boolean', default: false },
      'distinct-hosts': { type: 'boolean', default: false },
      'fetch-only': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: false,
  });
  const feeds = values.feeds === undefined ? undefined : Number(values.feeds);
  const global = Number(values.concurrency);
  const perHost = Number(values['per-host']);
  const timeoutMs = Number(values.timeout);
  const inProcess = values['in-process'] === true;
  const distinctHosts = values['distinct-hosts'] === true;
  const fetchOnly = values['fetch-only'] === true;

  const farm = inProcess ? await startFarm({ feeds }) : await startFarmProcess({ feeds });
  const farmCpuMs = async () => ('pid' in farm ? (await farm.stats()).cpuMs : undefined);
  const parse = await loadParser();
  console.log(
    `fetch: ${farm.urls.length} feeds (${farm.source === 'smallweb' ? 'kagi smallweb URLs' : 'synthetic URLs: smallweb corpus absent'}) ` +
      `from a loopback farm ${inProcess ? 'in this process' : 'in a child process'}; ` +
      `${fetchOnly ? (parse ? 'fetch + parseFeed only' : 'fetch only (src/parse/index.ts not found)') : 'the refresh job: fetch → parse → clean → SQLite'}; ` +
      `pool ${global} global / ${perHost} per host; timeout ${timeoutMs} ms; ` +
      (distinctHosts ? 'one origin per feed (a new connection each)' : 'one origin (keep-alive connections reused)'),
  );
  const urls = distinctHosts ? farm.urls.map(atOriginalHost) : farm.urls;

  const deps: RefreshDeps = {
    pool: createFetchPool({ global, perHost, hostOf: distinctHosts ? undefined : farmHostOf }),
    validators: new Map(),
    fetchOptions: { allowPrivateNetworks: true, timeoutMs, resolve: distinctHosts ? resolveToLoopback : undefined },
    parse,
  };
  // The refresh job reads its feeds from a store: subscribe a fresh database to every URL first (untimed).
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-bench-fetch-'));
  const store = openSqliteStore(join(dataDir, 'sluice.db'));
  if (!fetchOnly) {
    const user = await store.defaultUser();
    for (const url of urls) await store.subscribe(user.id, { url });
  }
  const rows: string[][] = [];
  let coldRate = 0;
  for (const pass of ['cold', 'conditional']) {
    const farmCpuBefore = await farmCpuMs();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const counts = fetchOnly ? await refreshAll(urls, deps) : await refreshJob(store, deps);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const farmCpuAfter = await farmCpuMs();
    const rate = counts.feeds / seconds;
    if (pass === 'cold') coldRate = rate;
    rows.push([
      pass,
      String(counts.feeds),
      String(counts.ok),
      String(counts.notModified),
      String(counts.failed),
      seconds.toFixed(2),
      rate.toFixed(1),
      peakRssMb().toFixed(0),
      // CPU time per feed does not depend on what else the shared machine is running; feeds/s does.
      ((cpu.user + cpu.system) / 1000 / counts.feeds).toFixed(3),
      farmCpuBefore === undefined || farmCpuAfter === undefined ? 'n/a' : ((farmCpuAfter - farmCpuBefore) / counts.feeds).toFixed(3),
      Object.entries(counts.failures).map(([k, v]) => `${k} ${v}`).join(', '),
    ]);
  }
  printTable(['pass', 'feeds', 'ok', '304', 'failed', 'seconds', 'feeds/s', 'peak RSS MB', 'client CPU ms/feed', 'farm CPU ms/feed', 'failures'], rows);
  if ('pid' in farm) console.log(`farm responses: ${JSON.stringify((await farm.stats()).responses)}`);
  if (!fetchOnly) {
    const posts = (store.db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n;
    console.log(`stored: ${posts} posts in ${store.location}`);
  }
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  await farm.close();
  await closeAgents();
  console.log(`fetch: feeds_per_s=${coldRate.toFixed(1)} rss_mb=${peakRssMb().toFixed(0)}`);
}

/** `http://127.0.0.1:P/https/blog.example/feed` → `http://blog.example:P/https/blog.example/feed`. */
function atOriginalHost(farmUrl: string): string {
  const u = new URL(farmUrl);
  u.hostname = new URL(`http://${farmHostOf(farmUrl)}`).hostname;
  return u.href;
}

const resolveToLoopback: Resolver = (_host, _opts, callback) => queueMicrotask(() => callback(null, [{ address: '127.0.0.1', family: 4 }]));

/** parseFeed when the parse stage exists; the benchmark says which it ran. */
async function loadParser(): Promise<ParseFeed | undefined> {
  const file = new URL('../src/parse/index.ts', import.meta.url);
  if (!existsSync(file)) return undefined;
  const mod = (await import(file.href)) as { parseFeed?: ParseFeed };
  return mod.parseFeed;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

if (import.meta.main) await run(process.argv.slice(2));
