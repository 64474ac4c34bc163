// `npm run bench -- web`: the ranked feed page (/) and the REST feed (GET /api/v1/feed) of a user
// with 600 interests on an instance of 1M posts (SQLite), each under 50 concurrent connections
// (autocannon) against the real server in its own process (bench/web-server.ts).
//   npm run bench -- web [--posts 1000000] [--interests 600] [--feeds 2000] [--connections 50]
//                        [--duration 10] [--warmup 3] [--cache DIR] [--cpu-prof]
// --cpu-prof writes the server's CPU profile to bench/out/ (open it in Chrome DevTools).
// Each endpoint is measured twice: on a quiet database, then while another process writes what a
// running instance writes that is not the bench user's (another reader's read marks and verdicts,
// new posts with matches for their interests, the scoring service's saved state: bench/web-writer.ts),
// rows marked "(writes)". Goal: p95 ≤ 30 ms. Last line: `web: p95_ms=X p99_ms=Y rps=Z`, the slower
// endpoint's numbers on the quiet database (comparable with every earlier run; the rows under
// writes are printed beside them).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { formatTable } from '../src/cli/table.ts';
import { TestClient } from '../src/web/auth/test-client.ts';
import { SESSION_COOKIE } from '../src/web/auth/session.ts';
import { webBenchData, type WebBenchSize } from './web-data.ts';

export interface WebBenchOptions extends WebBenchSize {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  cacheDir?: string;
  cpuProfile?: boolean;
  log?: (line: string) => void;
}

export interface EndpointResult {
  name: string;
  /** Measured on a quiet database, or while bench/web-writer.ts writes beside it. */
  under: 'quiet' | 'writes';
  path: string;
  requests: number;
  /** Answers other than 2xx, and requests that got no answer: any makes the run invalid. */
  failures: number;
  /** What the failures were: `HTTP 500`, `timeout` (no answer in 10 s), `error` (connection). */
  failureKinds: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  /** The server's CPU time per request (its process_cpu_seconds_total over the run): what a request
   *  costs, whatever else the machine is doing — latency under load is mostly queueing behind it. */
  cpuMsPerRequest: number;
}

export interface WebBenchResult {
  endpoints: EndpointResult[];
  summary: string;
}

const SERVER = fileURLToPath(new URL('./web-server.ts', import.meta.url));
const WRITER = fileURLToPath(new URL('./web-writer.ts', import.meta.url));
const PROFILE_DIR = fileURLToPath(new URL('./out/', import.meta.url));

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args: args.filter((a) => a !== 'web'),
    options: {
      posts: { type: 'string', default: '1000000' },
      interests: { type: 'string', default: '600' },
      feeds: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      cache: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
    },
    strict: false,
  });
  const number = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`bench web: --${name} must be a positive number, not "${values[name]}"`);
    return n;
  };
  const result = await benchWeb({
    posts: number('posts'),
    interests: number('interests'),
    feeds: number('feeds'),
    connections: number('connections'),
    durationSeconds: number('duration'),
    warmupSeconds: number('warmup'),
    cacheDir: values.cache as string | undefined,
    cpuProfile: values['cpu-prof'] === true,
  });
  console.log(result.summary);
  if (result.endpoints.some((e) => e.failures)) process.exitCode = 1;
}

export async function benchWeb(options: WebBenchOptions): Promise<WebBenchResult> {
  const log = options.log ?? console.log;
  const data = await webBenchData(options, options.cacheDir, log);
  const server = await startServer(data.dbPath, options.cpuProfile ?? false);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const session = await signIn(base, data.userName, data.password);
    const endpoints: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: 'ranked feed page', path: '/', headers: { cookie: session } },
      { name: 'REST feed', path: '/api/v1/feed', headers: { authorization: `Bearer ${data.apiToken}` } },
    ];
    const results: EndpointResult[] = [];
    const measure = async (under: EndpointResult['under']) => {
      for (const endpoint of endpoints) {
        await load(base, endpoint.path, endpoint.headers, options.connections, options.warmupSeconds);
        const cpuBefore = await serverCpuSeconds(base);
        const measured = await load(base, endpoint.path, endpoint.headers, options.connections, options.durationSeconds);
        const cpuMsPerRequest = ((await serverCpuSeconds(base)) - cpuBefore) * 1000 / Math.max(1, measured.requests);
        results.push({ name: endpoint.name, under, path: endpoint.path, ...measured, cpuMsPerRequest });
      }
    };
    await measure('quiet');
    const writer = await startWriter(data.dbPath);
    let wrote: string;
    try {
      await measure('writes');
    } finally {
      wrote = await writer.stop();
    }
    log(`web: ${data.posts} posts, ${data.interests} interests, ${data.matches} stored matches; ${options.connections} connections, ${options.durationSeconds} s per endpoint`);
    log(`web: under writes, another process ${wrote} (another reader's, none the bench user's)`);
    log(table(results));
    for (const failed of results.filter((r) => r.failures)) {
      const kinds = Object.entries(failed.failureKinds).map(([kind, n]) => `${n} ${kind}`).join(', ');
      log(`web: ${failed.path}: ${failed.failures} requests failed (${kinds}) — the numbers above do not count`);
    }
    return { endpoints: results, summary: summaryLine(results) };
  } finally {
    await server.stop();
    if (options.cpuProfile) log(`web: the server's CPU profile is in ${PROFILE_DIR}`);
  }
}

/** The contract line: the slower endpoint (by p95) on the quiet database is what a user waits for. */
export function summaryLine(results: readonly EndpointResult[]): string {
  const worst = results.filter((r) => r.under === 'quiet').reduce((a, b) => (b.p95 > a.p95 ? b : a));
  return `web: p95_ms=${worst.p95.toFixed(1)} p99_ms=${worst.p99.toFixed(1)} rps=${Math.round(worst.rps)}`;
}

async function startServer(dbPath: string, cpuProfile: boolean): Promise<{ port: number; stop: () => Promise<void> }> {
  if (cpuProfile) mkdirSync(PROFILE_DIR, { recursive: true });
  const flags = cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...flags, SERVER, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(([code]) => reject(new Error(`bench web: the server exited (${code}) before listening`)));
  });
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** bench/web-writer.ts on the same database; `stop()` returns what it wrote. */
async function startWriter(dbPath: string): Promise<{ stop: () => Promise<string> }> {
  const child: ChildProcess = spawn(process.execPath, [WRITER, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => /writing\n/.test(out) && resolve());
    void exited.then(([code]) => reject(new Error(`bench web: the writer exited (${code}) before writing`)));
  });
  return {
    stop: async () => {
      child.kill('SIGTERM');
      const [code] = await exited;
      const wrote = /wrote (.*)/.exec(out)?.[1];
      if (code !== 0 || !wrote) throw new Error(`bench web: the writer stopped with ${code}, not a count of what it wrote`);
      return `wrote ${wrote}`;
    },
  };
}

/** Signs in through the login form, as a browser does; returns the Cookie header of the session. */
async function signIn(base: string, name: string, password: string): Promise<string> {
  const browser = new TestClient({ request: (url, init) => fetch(url, { ...init, redirect: 'manual' }) }, base);
  const res = await browser.request('/login', { form: { _csrf: await browser.csrf('/login'), name, password } });
  const session = browser.cookies.get(SESSION_COOKIE);
  if (res.status !== 303 || !session) throw new Error(`bench web: signing in as ${name} failed (${res.status})`);
  return `${SESSION_COOKIE}=${session}`;
}

/** CONNECTIONS clients asking for PATH for SECONDS; latencies from each response, in ms. */
/** The server's own CPU seconds so far, from its /metrics (open to loopback). */
async function serverCpuSeconds(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = /^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1];
  if (value === undefined) throw new Error(`bench web: no process_cpu_seconds_total in the server's /metrics`);
  return Number(value);
}

async function load(base: string, path: string, headers: Record<string, string>, connections: number, seconds: number): Promise<Omit<EndpointResult, 'name' | 'under' | 'path' | 'cpuMsPerRequest'>> {
  const latencies: number[] = [];
  const failureKinds: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base + path, connections, duration: seconds, headers }, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status >= 300) failureKinds[`HTTP ${status}`] = (failureKinds[`HTTP ${status}`] ?? 0) + 1;
    });
  });
  if (result.timeouts) failureKinds.timeout = result.timeouts;
  if (result.errors > result.timeouts) failureKinds.error = result.errors - result.timeouts;
  const failures = Object.values(failureKinds).reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, failures, failureKinds, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: latencies.at(-1) ?? NaN, rps: latencies.length / seconds };
}

function table(results: readonly EndpointResult[]): string {
  const header = ['endpoint', 'requests', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'req/s', 'server cpu ms/req'];
  const row = (r: EndpointResult) => [`${r.name} ${r.path}${r.under === 'writes' ? ' (writes)' : ''}`, String(r.requests), String(r.failures), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), r.max.toFixed(1), r.rps.toFixed(0), r.cpuMsPerRequest.toFixed(1)];
  return formatTable(header, results.map(row)).trimEnd();
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
