// The web application (Hono). For now: health and a plain reading list of the newest posts; the ranked
// feed, accounts and APIs arrive with the web-app milestone.
import { Hono } from 'hono';
import type { Store } from '../store/store.ts';

export function createApp(store: Store): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/', async (c) => {
    const posts = await store.posts({ limit: 100 });
    const items = posts
      .map(
        (p) => `<article>
  <h2><a href="${escapeHtml(p.url ?? p.link ?? '#')}" rel="noopener noreferrer">${escapeHtml(p.title)}</a></h2>
  <p class="meta">${escapeHtml(p.sources.map((s) => s.feedTitle).join(', '))}${p.published ? ` · <time datetime="${p.published.toISOString()}">${p.published.toUTCString()}</time>` : ''}</p>
  <div class="content">${p.contentHtml}</div>
</article>`,
      )
      .join('\n');
    const empty = '<p>No posts yet. Subscribe with <code>bin/sluice feeds add URL</code>; feeds are fetched in the background.</p>';
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sluice</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#222;background:#fff}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#161616}a{color:#8ab4f8}}
article{border-bottom:1px solid #8884;padding:.5rem 0}h2{font-size:1.15rem;margin:.25rem 0}.meta{color:#888;font-size:.85rem;margin:0}
.content{max-height:12rem;overflow:hidden}img,video,iframe{max-width:100%;height:auto}</style></head>
<body><h1>Sluice</h1>${posts.length ? items : empty}</body></html>`);
  });

  return app;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}
