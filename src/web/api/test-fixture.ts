// What the REST API tests share: the app on a real SQLite store, a local HTTP server with a feed to
// subscribe to, two users with API tokens, and a client that checks every answer against the route's
// documented schema (or the error body) — so the OpenAPI document cannot drift from what is sent.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../../store/store.ts';
import { createApp } from '../app.ts';
import { createAccount, issueApiToken } from '../auth/accounts.ts';
import { ErrorBody } from './fields.ts';
import { API_BASE, apiRoutes } from './router.ts';

export const MOTORS_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Motors &amp; more</title><link>https://motors.example/</link>
<item><guid>1</guid><title>Verstappen wins the Brazilian Grand Prix</title><link>https://motors.example/f1?utm_source=rss</link>
<pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate><description>The Formula One world champion won the race in São Paulo after a late safety car; Red Bull and McLaren drivers battled for the podium.</description></item>
<item><guid>2</guid><title>Choosing a camper van for winter</title><link>https://motors.example/van</link>
<pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate><description>Insulation, a diesel heater and good tyres matter most when you sleep in a van through the cold months.</description></item>
</channel></rss>`;

export interface ApiAnswer {
  status: number;
  /** Parsed JSON, or the text of another body. */
  body: any;
  res: Response;
}

export interface CallOptions {
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export type ApiCaller = (method: string, path: string, opts?: CallOptions) => Promise<ApiAnswer>;

export interface ApiFixture {
  store: Store;
  app: ReturnType<typeof createApp>;
  /** The local feed server: `${feedServer}/feed.xml` is MOTORS_RSS; any other path is a 404. */
  feedServer: string;
  ann: User;
  bea: User;
  /** Calls as ann, as bea, or with no credentials. */
  asAnn: ApiCaller;
  asBea: ApiCaller;
  anonymous: ApiCaller;
  close(): Promise<void>;
}

export async function apiFixture(): Promise<ApiFixture> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(MOTORS_RSS);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const feedServer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = openSqliteStore(':memory:');
  const fetchConfig = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };
  const app = createApp(store, { fetchConfig, warn: () => {} });
  const ann = await createAccount(store, 'ann', 'correct horse battery');
  const bea = await createAccount(store, 'bea', 'correct horse battery');
  const caller = (token: string | undefined) => apiCaller(app, token);
  return {
    store,
    app,
    feedServer,
    ann,
    bea,
    asAnn: caller((await issueApiToken(store, ann.id, 'tests')).secret),
    asBea: caller((await issueApiToken(store, bea.id, 'tests')).secret),
    anonymous: caller(undefined),
    close: async () => {
      await store.close();
      await new Promise((r) => server.close(r));
    },
  };
}

// Only the routes' declared schemas are read here, never their handlers: no store is needed.
const routes = apiRoutes({ store: undefined as never, config: undefined as never }, { trustProxy: false });

function apiCaller(app: ApiFixture['app'], token: string | undefined): ApiCaller {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`http://localhost${API_BASE}${path}`, { method, headers, body });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
    const answer = { status: res.status, body: json ? JSON.parse(text) : text, res };
    checkDocumented(method, path, answer);
    return answer;
  };
}

/** Every JSON answer has its route's documented shape; every refusal is {error:{code,message}}. */
function checkDocumented(method: string, path: string, answer: ApiAnswer): void {
  const where = `${method} ${path} → ${answer.status}`;
  assert.notEqual(answer.status, 500, `${where}: ${JSON.stringify(answer.body)}`);
  if (answer.status >= 400) {
    const parsed = ErrorBody.safeParse(answer.body);
    assert.ok(parsed.success, `${where}: not an error body: ${JSON.stringify(answer.body)}`);
    return;
  }
  const pathname = path.split('?')[0];
  if (pathname === '/openapi.json') return;
  const route = routes.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(pathname));
  assert.ok(route, `${where}: no documented route`);
  assert.equal(answer.status, route.response.status, `${where}: documented as ${route.response.status}`);
  if (route.response.schema) {
    const parsed = route.response.schema.safeParse(answer.body);
    assert.ok(parsed.success, `${where}: answer differs from the documented schema: ${parsed.error?.message}`);
  }
}
