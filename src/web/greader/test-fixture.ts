// What the Google Reader API tests share: the app on a real SQLite store, a local HTTP server with two
// feeds, two accounts, and a client that speaks the protocol the way the apps do — raw form bodies
// exactly as each app builds them, the GoogleLogin header, answers as text and JSON.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../../store/store.ts';
import { MOTORS_RSS } from '../api/test-fixture.ts';
import { createApp } from '../app.ts';
import { createAccount } from '../auth/accounts.ts';

export { MOTORS_RSS };

export const PASSWORD = 'correct horse battery';

export const GARDEN_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Garden notes</title><link>https://garden.example/</link>
<item><guid>g1</guid><title>Pruning roses in late winter</title><link>https://garden.example/roses</link><author>rose@garden.example (Rose)</author>
<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Cut back to an outward-facing bud.&lt;/p&gt;</description></item>
<item><guid>g2</guid><title>Composting kitchen scraps</title><link>https://garden.example/compost</link>
<pubDate>Thu, 19 Nov 2026 08:00:00 GMT</pubDate><description>Greens and browns, turned every week.</description></item>
<item><guid>g3</guid><title>Sowing garlic before the frost</title><link>https://garden.example/garlic</link>
<pubDate>Wed, 18 Nov 2026 08:00:00 GMT</pubDate><description>Plant cloves pointy end up, a hand deep.</description></item>
</channel></rss>`;

export interface GreaderAnswer {
  status: number;
  text: string;
  /** The parsed body when it is JSON. */
  json: any;
  res: Response;
}

export interface CallOptions {
  /** A form body, sent as is (apps build these strings by hand). */
  form?: string;
  auth?: string;
  headers?: Record<string, string>;
}

export interface GreaderFixture {
  store: Store;
  app: ReturnType<typeof createApp>;
  /** `${feedServer}/motors.xml`, `${feedServer}/garden.xml`, `${feedServer}/garden` (an HTML page linking it). */
  feedServer: string;
  ann: User;
  bea: User;
  call(method: string, path: string, opts?: CallOptions): Promise<GreaderAnswer>;
  close(): Promise<void>;
}

export async function greaderFixture(): Promise<GreaderFixture> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/motors.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(MOTORS_RSS);
    else if (req.url === '/garden.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(GARDEN_RSS);
    else if (req.url === '/garden') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/garden.xml"></head></html>');
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const feedServer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = openSqliteStore(':memory:');
  const fetchConfig = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };
  const app = createApp(store, { fetchConfig, warn: () => {} });
  const ann = await createAccount(store, 'ann', PASSWORD);
  const bea = await createAccount(store, 'bea', PASSWORD);
  return {
    store,
    app,
    feedServer,
    ann,
    bea,
    call: async (method, path, opts = {}) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.auth) headers.authorization = `GoogleLogin auth=${opts.auth}`;
      if (opts.form !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
      const res = await app.request(`http://localhost${path}`, { method, headers, body: opts.form });
      const text = await res.text();
      const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : undefined;
      return { status: res.status, text, json, res };
    },
    close: async () => {
      await store.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** ClientLogin's text answer (`SID=…\nLSID=…\nAuth=…`) read the way NetNewsWire reads it. */
export function authFromClientLogin(text: string): string | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const parts = line.split('=');
    if (parts.length === 2) fields.set(parts[0], parts[1]);
  }
  return fields.get('Auth');
}
