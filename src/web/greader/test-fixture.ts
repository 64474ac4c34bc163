// What the Google Reader API tests share: the REST tests' app, store and two readers (twoReaders), a
// local server with two feeds, and a client that speaks the protocol the way the apps do — raw form
// bodies exactly as each app builds them, the GoogleLogin header, answers as text and JSON.
import { MOTORS_RSS, PASSWORD, RSS, twoReaders, type TwoReaders } from '../api/test-fixture.ts';

export { MOTORS_RSS, PASSWORD };

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

export interface GreaderFixture extends TwoReaders {
  call(method: string, path: string, opts?: CallOptions): Promise<GreaderAnswer>;
  /** Signs in as an app does before its first call (ClientLogin, then /token): the auth token and the action token T. */
  signIn(name: string): Promise<{ auth: string; T: string }>;
}

/** `${feedServer}/motors.xml`, `${feedServer}/garden.xml`, `${feedServer}/garden` (an HTML page linking it). */
export async function greaderFixture(): Promise<GreaderFixture> {
  const readers = await twoReaders({
    '/motors.xml': { type: RSS, body: MOTORS_RSS },
    '/garden.xml': { type: RSS, body: GARDEN_RSS },
    '/garden': { type: 'text/html', body: '<html><head><link rel="alternate" type="application/rss+xml" href="/garden.xml"></head></html>' },
  });
  const call: GreaderFixture['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.auth) headers.authorization = `GoogleLogin auth=${opts.auth}`;
    if (opts.form !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const res = await readers.app.request(`http://localhost${path}`, { method, headers, body: opts.form });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : undefined;
    return { status: res.status, text, json, res };
  };
  return {
    ...readers,
    call,
    signIn: async (name) => {
      const login = await call('POST', '/accounts/ClientLogin', { form: `Email=${name}&Passwd=${encodeURIComponent(PASSWORD)}` });
      const auth = authFromClientLogin(login.text);
      if (!auth) throw new Error(`greader fixture: ClientLogin as ${name} failed (${login.status}: ${login.text})`);
      return { auth, T: (await call('GET', '/reader/api/0/token', { auth })).text };
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
