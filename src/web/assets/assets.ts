// The static assets (one stylesheet, one script), read once at start and served from memory. Pages link
// them by a URL that carries a hash of the content, so browsers may keep them a year: a new release
// changes the hash, never a cached file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

interface Asset {
  body: string;
  type: string;
  /** First 12 hex digits of the content's SHA-256: in the URL and as the ETag. */
  hash: string;
}

const FILES = {
  'sluice.css': 'text/css; charset=utf-8',
  'sluice.js': 'text/javascript; charset=utf-8',
} as const;

const ASSETS = new Map<string, Asset>(
  Object.entries(FILES).map(([name, type]) => {
    const body = readFileSync(new URL(name, import.meta.url), 'utf8');
    return [name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
  }),
);

export type AssetName = keyof typeof FILES;

/** Where a page links an asset: `/assets/sluice.css?v=<hash>`. */
export function assetUrl(name: AssetName): string {
  const asset = ASSETS.get(name);
  if (!asset) throw new Error(`assets: no asset named ${name}`);
  return `/assets/${name}?v=${asset.hash}`;
}

/** GET /assets/:name — immutable for a year when the URL names the current version, else revalidated. */
export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/:name', (c) => {
    const asset = ASSETS.get(c.req.param('name'));
    if (!asset) return c.notFound();
    const etag = `"${asset.hash}"`;
    const current = c.req.query('v') === asset.hash;
    c.header('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', asset.type);
    return c.body(asset.body);
  });
  return app;
}
