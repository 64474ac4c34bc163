// What the web API tests share: the app on a real SQLite store, a local HTTP server with feeds to
// subscribe to, and two readers (ann and bea) — the core both APIs' fixtures build on. The REST one adds
// API tokens and a client that checks every answer against the route's documented schema (or the error
// body), so the OpenAPI document cannot drift from what is sent.
import assert from 'node:assert/strict';
import { startFeedServer, type Document } from '../../../test/browser/feed-server.ts';
import type { ActionContext } from '../../actions/context.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../../store/store.ts';
import { createApp } from '../app.ts';
import { createAccount, issueApiToken } from '../auth/accounts.ts';
import { TEST_FETCH_CONFIG } from '../pages/reader-fixture.ts';
import { ErrorBody } from './fields.ts';
import { API_BASE, apiRoutes } from './router.ts';

/** ann's and bea's password. */
export const PASSWORD = 'correct horse battery';

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

/** The app on an in-memory store, two accounts, and a local server publishing `documents` (path → document). */
export interface TwoReaders {
  store: Store;
  app: ReturnType<typeof createApp>;
  /** The actions as the app runs them (to set up what a test is not about). */
  actions: ActionContext;
  /** The local feed server's base URL: each path of `documents` is there; any other is a 404. */
  feedServer: string;
  ann: User;
  bea: User;
  close(): Promise<void>;
}

export async function twoReaders(documents: Record<string, Document>): Promise<TwoReaders> {
  const server = await startFeedServer(() => documents);
  const store = openSqliteStore(':memory:');
  const app = createApp(store, { fetchConfig: TEST_FETCH_CONFIG, warn: () => {} });
  return {
    store,
    app,
    actions: { store, config: TEST_FETCH_CONFIG },
    feedServer: server.url(''),
    ann: await createAccount(store, 'ann', PASSWORD),
    bea: await createAccount(store, 'bea', PASSWORD),
    close: async () => {
      await store.close();
      await server.close();
    },
  };
}

export const RSS = 'application/rss+xml';

export interface ApiFixture extends TwoReaders {
  /** Calls as ann, as bea, or with no credentials. */
  asAnn: ApiCaller;
  asBea: ApiCaller;
  anonymous: ApiCaller;
}

/** `${feedServer}/feed.xml` is MOTORS_RSS. */
export async function apiFixture(): Promise<ApiFixture> {
  const readers = await twoReaders({ '/feed.xml': { type: RSS, body: MOTORS_RSS } });
  const { app, store, ann, bea } = readers;
  const caller = (token: string | undefined) => apiCaller(app, token);
  return {
    ...readers,
    asAnn: caller((await issueApiToken(store, ann.id, 'tests')).secret),
    asBea: caller((await issueApiToken(store, bea.id, 'tests')).secret),
    anonymous: caller(undefined),
  };
}

/** Every route as declared (method, path, schemas), for tests that read the list, never the handlers: no store is needed. */
export const declaredRoutes = apiRoutes({ store: undefined as never, config: undefined as never }, { trustProxy: false });

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
  const route = declaredRoutes.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(pathname));
  assert.ok(route, `${where}: no documented route`);
  assert.equal(answer.status, route.response.status, `${where}: documented as ${route.response.status}`);
  if (route.response.schema) {
    const parsed = route.response.schema.safeParse(answer.body);
    assert.ok(parsed.success, `${where}: answer differs from the documented schema: ${parsed.error?.message}`);
  }
}
