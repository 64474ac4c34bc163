// The fetch benchmark farm: one loopback HTTP server serving tens of thousands of distinct feeds, each at
// `http://127.0.0.1:PORT/<scheme>/<host>/<path>` of a real small-web feed URL, each with its own
// deterministic body and behaviour (behaviour.ts). Also meant for tests of the refresh job.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { behaviourOf, type FeedBehaviour } from './behaviour.ts';
import { generateFeed } from './feed-content.ts';
import { farmPath, loadFeedUrls, type FeedSource } from './feed-urls.ts';
import { hashString } from '../../src/seeded-random.ts';

export interface FarmOptions {
  /** Serve only the first N feeds of the list. */
  feeds?: number;
  /** Serve these feed URLs instead of the smallweb list. */
  feedUrls?: string[];
  /** Default: any free port. */
  port?: number;
  /** Drop 'hang' requests after this long (a reset connection); default never, so the client's timeout ends them. */
  hangMs?: number;
}

export interface FarmStats {
  /** Responses sent, by HTTP status ('hang' for requests never answered). */
  responses: Record<string, number>;
}

export interface Farm {
  baseUrl: string;
  /** The farm URL of every feed, in list order. */
  urls: string[];
  /** Where the feed list came from: the smallweb corpus, or synthetic URLs when it is absent. */
  source: FeedSource;
  /** What the feed at a farm URL does (so tests can predict outcomes). */
  behaviour(url: string): FeedBehaviour | undefined;
  stats(): FarmStats;
  close(): Promise<void>;
}

interface FarmFeed {
  originalUrl: string;
  behaviour: FeedBehaviour;
  /** Requests answered so far: a 'changing' feed adds an entry for each. */
  served: number;
}

/** Where moved feeds ('redirect' kind) live now. */
const MOVED_PREFIX = '/moved';

export async function startFarm(opts: FarmOptions = {}): Promise<Farm> {
  const list = opts.feedUrls ? { source: 'synthetic' as FeedSource, urls: opts.feedUrls.slice(0, opts.feeds) } : loadFeedUrls(opts.feeds);
  const feeds = new Map<string, FarmFeed>();
  for (const url of list.urls) {
    const path = farmPath(url);
    feeds.set(path, { originalUrl: url, behaviour: behaviourOf(path), served: 0 });
  }
  const responses: Record<string, number> = {};
  const count = (status: number | string) => (responses[status] = (responses[status] ?? 0) + 1);

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const moved = path.startsWith(MOVED_PREFIX + '/');
    const feed = feeds.get(moved ? path.slice(MOVED_PREFIX.length) : path);
    if (!feed) return send(res, 404, { 'content-type': 'text/plain' }, 'no such feed in the farm\n', count);
    const b = feed.behaviour;
    switch (moved ? 'normal' : b.kind) {
      case 'redirect':
        count(301);
        return res.writeHead(301, { location: MOVED_PREFIX + path, 'content-length': 0 }).end();
      case 'not-found':
        return send(res, 404, { 'content-type': 'text/html' }, '<html><body><h1>Not Found</h1></body></html>', count);
      case 'server-error':
        return send(res, 500, { 'content-type': 'text/html' }, '<html><body><h1>Internal Server Error</h1></body></html>', count);
      case 'gone':
        return send(res, 410, { 'content-type': 'text/plain' }, 'This feed is gone.\n', count);
      case 'rate-limited':
        return send(res, 429, { 'content-type': 'text/plain', 'retry-after': '3600' }, 'Too many requests\n', count);
      case 'hang':
        count('hang');
        if (opts.hangMs !== undefined) setTimeout(() => res.socket?.destroy(), opts.hangMs).unref();
        return; // never answered; close() drops the connection
      case 'garbage':
        return send(res, 200, { 'content-type': 'text/html' }, garbage(feed), count);
      case 'slow':
        setTimeout(() => serveFeed(req, res, feed, count), b.delayMs);
        return;
      default:
        return serveFeed(req, res, feed, count);
    }
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = [...feeds.keys()].map((p) => baseUrl + p);
  return {
    baseUrl,
    urls,
    source: list.source,
    behaviour: (url) => feeds.get(url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url)?.behaviour,
    stats: () => ({ responses: { ...responses } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A feed body, or 304 when the client's validators match; gzip when the feed's server does gzip. */
function serveFeed(req: IncomingMessage, res: ServerResponse, feed: FarmFeed, count: (s: number) => void): void {
  const b = feed.behaviour;
  const generation = b.kind === 'changing' ? feed.served : 0;
  feed.served++;
  const { xml, updated } = generateFeed(feed.originalUrl, b.format, generation);
  const headers: Record<string, string> = {
    'content-type': b.format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8',
  };
  const validated = b.kind !== 'no-validators';
  const etag = `"${hashString(feed.originalUrl).toString(16)}-${generation}"`;
  const lastModified = updated.toUTCString();
  if (validated && b.validators !== 'last-modified') headers.etag = etag;
  if (validated && b.validators !== 'etag') headers['last-modified'] = lastModified;
  if (validated && notModified(req, headers.etag, updated, headers['last-modified'] !== undefined)) {
    count(304);
    res.writeHead(304, headers).end();
    return;
  }
  let body: Buffer = Buffer.from(xml);
  if (b.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    body = gzipSync(body, { level: 1 }); // nginx's default gzip level
    headers['content-encoding'] = 'gzip';
    headers.vary = 'Accept-Encoding';
  }
  send(res, 200, headers, body, count);
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; else If-Modified-Since. */
function notModified(req: IncomingMessage, etag: string | undefined, updated: Date, hasLastModified: boolean): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return etag !== undefined && (inm.trim() === '*' || inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));
  const ims = req.headers['if-modified-since'];
  if (ims === undefined || !hasLastModified) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && updated.getTime() <= since;
}

/** Not a feed: a site's HTML home page, or a feed cut off mid-way (a crashed generator). */
function garbage(feed: FarmFeed): string {
  if (hashString(feed.originalUrl) % 2 === 0) return '<!doctype html><html><head><title>Welcome</title></head><body><p>My new site is coming soon!</p></body></html>';
  const { xml } = generateFeed(feed.originalUrl, feed.behaviour.format);
  return xml.slice(0, Math.floor(xml.length / 3));
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer, count: (s: number) => void): void {
  count(status);
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
}
