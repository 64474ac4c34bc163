import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import * as zlib from 'node:zlib';
import { closeAgents } from './agent.ts';
import {
  ConnectionError,
  DnsError,
  FetchError,
  GoneError,
  HttpStatusError,
  PrivateNetworkError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
  UnsupportedSchemeError,
} from './errors.ts';
import { fetchFeed, type FetchOptions } from './fetch-feed.ts';
import { USER_AGENT } from './request-headers.ts';
import type { Resolver } from './guarded-lookup.ts';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>a</title></item></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Sat, 21 Nov 2026 10:00:00 GMT';

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

/** A real HTTP server on a loopback address; records every request it gets. */
async function serve(host: string, routes: Record<string, Handler>) {
  const seen: IncomingMessage[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    seen.push(req);
    const route = routes[new URL(req.url ?? '/', base).pathname];
    if (route) route(req, res, base);
    else res.writeHead(404).end('no route');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const redirect = (status: number, to: (base: string) => string): Handler => (_req, res, base) => res.writeHead(status, { location: to(base) }).end();

let farm: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;
const local: FetchOptions = { allowPrivateNetworks: true };

before(async () => {
  // A second server on another loopback address stands in for "a private host" in the redirect test.
  other = await serve('127.0.0.2', { '/secret': (_q, res) => res.end('internal data') });
  farm = await serve('127.0.0.1', {
    '/feed': (req, res) => {
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) return res.writeHead(304, { etag: ETAG }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED }).end(RSS);
    },
    '/gzip': (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(RSS)),
    '/br': (_q, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(RSS)),
    '/bomb': (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(50_000_000))),
    '/huge': (_q, res) => {
      // Streams without a Content-Length until the client hangs up.
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => { while (!res.destroyed && res.write(chunk)); };
      res.on('drain', pump);
      pump();
    },
    '/declared-huge': (_q, res) => res.writeHead(200, { 'content-length': String(50_000_000) }).end(),
    '/moved': redirect(301, (b) => `${b}/moved-again`),
    '/moved-again': redirect(308, () => '/feed'),
    '/temporary': redirect(302, () => '/moved-again'),
    '/loop-a': redirect(301, () => '/loop-b'),
    '/loop-b': redirect(302, () => '/loop-a'),
    ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`/hop${i}`, redirect(302, () => `/hop${i + 1}`)])),
    '/hop7': (_q, res) => res.end(RSS),
    '/to-file': redirect(302, () => 'file:///etc/passwd'),
    '/to-private': redirect(302, () => `${other.base}/secret`),
    '/to-inside': redirect(302, () => `http://inside.test:${new URL(other.base).port}/secret`),
    '/no-location': (_q, res) => res.writeHead(302).end(),
    '/missing': (_q, res) => res.writeHead(404).end('not here'),
    '/gone': (_q, res) => res.writeHead(410).end(),
    '/busy': (_q, res) => res.writeHead(503, { 'retry-after': '120' }).end(),
    '/slow-down': (_q, res) => res.writeHead(429, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }).end(),
    '/hang': () => {},
    '/private': (req, res) => {
      if (req.headers.authorization !== `Basic ${Buffer.from('reader:s3cret pass').toString('base64')}`) return res.writeHead(401).end();
      res.writeHead(200).end(RSS);
    },
    '/private-moved': redirect(301, () => '/private'),
    '/private-elsewhere': redirect(302, () => `${other.base}/secret`),
    '/trickle': (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
    },
    '/cut': (_q, res) => {
      res.writeHead(200, { 'content-length': '10000' });
      res.write('<rss>');
      setTimeout(() => res.socket?.destroy(), 10);
    },
  });
});

after(async () => {
  await closeAgents();
  await farm.close();
  await other.close();
});

test('a plain GET returns the body, validators and content type, and says who is asking', async () => {
  const result = await fetchFeed(`${farm.base}/feed`, local);
  assert.equal(result.status, 'ok');
  assert.equal(result.httpStatus, 200);
  assert.equal(result.url, `${farm.base}/feed`);
  assert.equal(result.etag, ETAG);
  assert.equal(result.lastModified, LAST_MODIFIED);
  assert.equal(result.contentType, 'application/rss+xml; charset=utf-8');
  assert.equal(result.permanentRedirect, undefined);
  assert.equal(Buffer.from(result.body).toString(), RSS);
  const req = farm.seen.at(-1)!;
  assert.equal(req.headers['user-agent'], USER_AGENT);
  assert.match(req.headers.accept ?? '', /^application\/rss\+xml, application\/atom\+xml/);
  assert.equal(req.headers['accept-encoding'], 'gzip, deflate, br');
  assert.equal(req.headers['if-none-match'], undefined);
});

test('stored validators make it a conditional GET; 304 is not-modified', async () => {
  const result = await fetchFeed(`${farm.base}/feed`, { ...local, etag: ETAG, lastModified: LAST_MODIFIED });
  assert.deepEqual(result, { status: 'not-modified', url: `${farm.base}/feed`, httpStatus: 304, etag: ETAG, lastModified: LAST_MODIFIED });
  const req = farm.seen.at(-1)!;
  assert.equal(req.headers['if-none-match'], ETAG);
  assert.equal(req.headers['if-modified-since'], LAST_MODIFIED);
});

test('gzip and brotli bodies are decoded', async () => {
  for (const path of ['/gzip', '/br']) {
    const result = await fetchFeed(farm.base + path, local);
    assert.equal(result.status === 'ok' && Buffer.from(result.body).toString(), RSS, path);
  }
});

test('bodies over the cap are cut: streamed, declared, and decompressed (gzip bomb)', async () => {
  const cap = { ...local, maxBodyBytes: 1_000_000 };
  await assert.rejects(fetchFeed(`${farm.base}/huge`, cap), (err: unknown) => {
    assert.ok(err instanceof TooLargeError);
    assert.equal(err.url, `${farm.base}/huge`);
    assert.match(err.message, /^GET http:\/\/127\.0\.0\.1:\d+\/huge: response body exceeds 1000000 bytes/);
    return true;
  });
  await assert.rejects(fetchFeed(`${farm.base}/declared-huge`, cap), /Content-Length is 50000000/);
  await assert.rejects(fetchFeed(`${farm.base}/bomb`, cap), /gzip body decodes to more than 1000000 bytes/);
});

test('permanent redirects report the new URL; a temporary hop anywhere in the chain does not', async () => {
  const moved = await fetchFeed(`${farm.base}/moved`, local);
  assert.equal(moved.url, `${farm.base}/feed`);
  assert.equal(moved.permanentRedirect, `${farm.base}/feed`);
  const temporary = await fetchFeed(`${farm.base}/temporary`, local);
  assert.equal(temporary.url, `${farm.base}/feed`);
  assert.equal(temporary.permanentRedirect, undefined);
});

test('redirect loops and chains longer than the limit fail', async () => {
  await assert.rejects(fetchFeed(`${farm.base}/loop-a`, local), (err: unknown) => {
    assert.ok(err instanceof TooManyRedirectsError);
    assert.match(err.message, /redirect loop: .*\/loop-a -> .*\/loop-b -> .*\/loop-a$/);
    return true;
  });
  await assert.rejects(fetchFeed(`${farm.base}/hop0`, local), /more than 5 redirects/);
  const result = await fetchFeed(`${farm.base}/hop2`, local); // exactly 5 hops
  assert.equal(result.url, `${farm.base}/hop7`);
  await assert.rejects(fetchFeed(`${farm.base}/hop0`, { ...local, maxRedirects: 6 }), TooManyRedirectsError);
  await assert.rejects(fetchFeed(`${farm.base}/no-location`, local), /HTTP 302 redirect without a Location header/);
});

test('only http and https are fetched, at the start and on redirects', async () => {
  await assert.rejects(fetchFeed('ftp://example.com/feed', local), UnsupportedSchemeError);
  await assert.rejects(fetchFeed(`${farm.base}/to-file`, local), (err: unknown) => {
    assert.ok(err instanceof UnsupportedSchemeError);
    assert.equal(err.scheme, 'file');
    return true;
  });
  await assert.rejects(fetchFeed('not a url', local), (err: unknown) => err instanceof FetchError && /invalid URL/.test(err.message));
});

test('loopback addresses are refused without allowPrivateNetworks, by literal and by name', async () => {
  const before = farm.seen.length;
  await assert.rejects(fetchFeed(`${farm.base}/feed`), (err: unknown) => {
    assert.ok(err instanceof PrivateNetworkError);
    assert.equal(err.range, 'loopback');
    assert.match(err.message, /refused to connect to 127\.0\.0\.1: loopback address/);
    return true;
  });
  const port = new URL(farm.base).port;
  // A name is checked on the addresses the socket is about to use (after DNS), so rebinding cannot dodge it.
  await assert.rejects(fetchFeed(`http://localhost:${port}/feed`), (err: unknown) => {
    assert.ok(err instanceof PrivateNetworkError);
    assert.match(err.message, /^GET http:\/\/localhost:\d+\/feed: refused to connect to localhost \(127\.0\.0\.1\): loopback/);
    return true;
  });
  await assert.rejects(fetchFeed(`http://[::ffff:127.0.0.1]:${port}/feed`), PrivateNetworkError);
  await assert.rejects(fetchFeed('http://169.254.169.254/latest/meta-data/'), /cloud metadata/);
  assert.equal(farm.seen.length, before, 'no request reached the server');
});

test('every redirect hop is checked again', async () => {
  // Treat 127.0.0.1 as public and 127.0.0.2 as private: the first hop is allowed, the redirect is not.
  const refuseAddress = (ip: string) => (ip === '127.0.0.2' ? 'private' : undefined);
  const reached = other.seen.length;
  await assert.rejects(fetchFeed(`${farm.base}/to-private`, { refuseAddress }), (err: unknown) => {
    assert.ok(err instanceof PrivateNetworkError);
    assert.equal(err.url, `${other.base}/secret`);
    return true;
  });
  // And by name: a hostile DNS answers the redirect target's name with the private address.
  const hostile: Resolver = (host, _o, cb) => cb(null, [{ address: host === 'inside.test' ? '127.0.0.2' : '127.0.0.1', family: 4 }]);
  farm.seen.length = 0;
  await assert.rejects(fetchFeed(`http://outside.test:${new URL(farm.base).port}/to-inside`, { refuseAddress, resolve: hostile }), (err: unknown) => {
    assert.ok(err instanceof PrivateNetworkError);
    assert.match(err.message, /refused to connect to inside\.test \(127\.0\.0\.2\): private address/);
    return true;
  });
  assert.equal(farm.seen.length, 1, 'the first hop, a "public" name, was fetched');
  assert.equal(other.seen.length, reached, 'the private server was never reached');
});

test('credentials in the URL become Basic auth for that origin, and never appear in URLs or messages', async () => {
  const withAuth = (path: string) => `http://reader:s3cret%20pass@${farm.base.slice('http://'.length)}${path}`;
  const ok = await fetchFeed(withAuth('/private'), local);
  assert.equal(ok.status, 'ok');
  assert.equal(ok.url, `${farm.base}/private`);
  // A feed that moved on the same origin keeps its credentials in the new address.
  const moved = await fetchFeed(withAuth('/private-moved'), local);
  assert.equal(moved.permanentRedirect, withAuth('/private'));
  await assert.rejects(fetchFeed(withAuth('/missing'), local), (err: unknown) => {
    assert.ok(err instanceof HttpStatusError);
    assert.ok(!err.message.includes('s3cret') && !err.url.includes('s3cret'), err.message);
    return true;
  });
  // Another origin never gets them.
  await fetchFeed(withAuth('/private-elsewhere'), local);
  assert.equal(other.seen.at(-1)?.headers.authorization, undefined);
});

test('HTTP errors carry the status; 429/503 carry Retry-After in ms; 410 is Gone', async () => {
  await assert.rejects(fetchFeed(`${farm.base}/missing`, local), (err: unknown) => {
    assert.ok(err instanceof HttpStatusError && !(err instanceof GoneError));
    assert.equal(err.status, 404);
    assert.equal(err.message, `GET ${farm.base}/missing: HTTP 404 Not Found`);
    return true;
  });
  await assert.rejects(fetchFeed(`${farm.base}/busy`, local), (err: unknown) => {
    assert.ok(err instanceof HttpStatusError);
    assert.equal(err.status, 503);
    assert.equal(err.retryAfter, 120_000);
    return true;
  });
  await assert.rejects(fetchFeed(`${farm.base}/slow-down`, local), (err: unknown) => {
    assert.ok(err instanceof HttpStatusError && err.retryAfter !== undefined);
    assert.ok(err.retryAfter > 3_500_000 && err.retryAfter <= 3_600_000, String(err.retryAfter));
    return true;
  });
  await assert.rejects(fetchFeed(`${farm.base}/gone`, local), (err: unknown) => {
    assert.ok(err instanceof GoneError && err instanceof HttpStatusError);
    assert.equal(err.status, 410);
    return true;
  });
});

test('a server that never answers hits the total timeout', async () => {
  await assert.rejects(fetchFeed(`${farm.base}/hang`, { ...local, timeoutMs: 300 }), (err: unknown) => {
    assert.ok(err instanceof TimeoutError);
    assert.equal(err.phase, 'total');
    assert.match(err.message, /timed out after 300 ms \(the whole request\)/);
    return true;
  });
});

test('a body that never ends hits the total timeout too', async () => {
  await assert.rejects(fetchFeed(`${farm.base}/trickle`, { ...local, timeoutMs: 300 }), (err: unknown) => err instanceof TimeoutError && err.phase === 'total');
});

test('a connection dropped mid-body is a connection error', async () => {
  await assert.rejects(fetchFeed(`${farm.base}/cut`, local), (err: unknown) => {
    assert.ok(err instanceof ConnectionError, String(err));
    assert.match(err.message, /^GET http:\/\/127\.0\.0\.1:\d+\/cut: connection failed \(UND_ERR_SOCKET: other side closed\)$/);
    return true;
  });
});

test('a connection that never completes its handshake hits the connect timeout', async () => {
  // A TCP server that accepts and stays silent: the TLS handshake of an https:// fetch never finishes.
  const sockets: Socket[] = [];
  const silent = createTcpServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  try {
    await assert.rejects(fetchFeed(`https://127.0.0.1:${port}/feed`, { ...local, connectTimeoutMs: 200 }), (err: unknown) => {
      assert.ok(err instanceof TimeoutError, String(err));
      assert.equal(err.phase, 'connect');
      assert.match(err.message, /timed out after 200 ms \(connecting\)/);
      return true;
    });
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('the caller can abort', async () => {
  const controller = new AbortController();
  const pending = fetchFeed(`${farm.base}/hang`, { ...local, signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, (err: unknown) => err instanceof FetchError && !(err instanceof TimeoutError) && /aborted/.test(err.message));
});

test('refused connections and DNS failures have their own errors', async () => {
  const closed = await serve('127.0.0.1', {});
  const port = new URL(closed.base).port;
  await closed.close();
  await assert.rejects(fetchFeed(`http://127.0.0.1:${port}/feed`, local), (err: unknown) => {
    assert.ok(err instanceof ConnectionError);
    assert.match(err.message, /connection failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
    return true;
  });
  const broken: Resolver = (host, _o, cb) => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
  await assert.rejects(fetchFeed('http://no-such-host.test/feed', { resolve: broken }), (err: unknown) => {
    assert.ok(err instanceof DnsError);
    assert.equal(err.host, 'no-such-host.test');
    assert.equal(err.message, 'GET http://no-such-host.test/feed: could not resolve host no-such-host.test (ENOTFOUND)');
    return true;
  });
});
