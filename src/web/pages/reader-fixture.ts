// For the page tests: a real SQLite store, the whole web app, a local feed server (node:http, so
// subscribing goes through discovery and a real fetch), and a signed-up reader's browser (cookies and
// CSRF token, without JavaScript).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionContext } from '../../actions/context.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../../store/store.ts';
import { createApp } from '../app.ts';
import { createAccount } from '../auth/accounts.ts';
import { TestClient } from '../auth/test-client.ts';

export const TEST_FETCH_CONFIG = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };

export interface FixturePost {
  title: string;
  text: string;
  /** Hours before now (default 1). */
  hoursAgo?: number;
  link?: string;
}

export interface ReaderFixture {
  store: Store;
  app: ReturnType<typeof createApp>;
  /** The feed server's base URL: `${base}/` is a site linking `${base}/feed.xml`. */
  base: string;
  /** The actions as the pages run them (to set up what a test is not about). */
  actions: ActionContext;
  /** Signs up the first account (or, later, creates another) and returns its browser. */
  signUp(name: string): Promise<{ browser: TestClient; user: User; csrf: string }>;
  close(): Promise<void>;
}

export async function readerFixture(posts: readonly FixturePost[], feedTitle = 'Kitchen Notes'): Promise<ReaderFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pages-'));
  const store = openSqliteStore(join(dir, 'sluice.db'));
  const server = createServer((req, res) => {
    if (req.url === '/feed.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(feedTitle, posts));
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>A blog</body></html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = createApp(store, { fetchConfig: TEST_FETCH_CONFIG, warn: () => {} });
  const actions: ActionContext = { store, config: TEST_FETCH_CONFIG };
  let accounts = 0;
  return {
    store,
    app,
    base,
    actions,
    async signUp(name) {
      const browser = new TestClient(app);
      if (accounts++ === 0) {
        const csrf = await browser.csrf('/setup');
        await browser.request('/setup', { form: { _csrf: csrf, name, password: 'password123', confirm: 'password123' } });
      } else {
        await createAccount(store, name, 'password123');
        const csrf = await browser.csrf('/login');
        await browser.request('/login', { form: { _csrf: csrf, name, password: 'password123' } });
      }
      const user = await store.userByName(name);
      if (!user) throw new Error(`reader fixture: signing up ${name} failed`);
      return { browser, user, csrf: await browser.csrf('/feeds') };
    },
    async close() {
      await store.close();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function rss(title: string, posts: readonly FixturePost[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const items = posts
    .map((p, i) => `<item><guid>post-${i}</guid><title>${esc(p.title)}</title><link>${esc(p.link ?? `https://blog.example/${i}`)}</link>
<pubDate>${new Date(Date.now() - (p.hoursAgo ?? 1) * 3600_000).toUTCString()}</pubDate><description>${esc(p.text)}</description></item>`)
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://blog.example/</link>\n${items}\n</channel></rss>`;
}
