// The starter pack: an OPML of blogs popular on Hacker News, shipped with Sluice (assets/starter-pack,
// see its NOTICE), offered while a user follows no feed so a fresh instance has something to rank.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { importOpml } from '../../actions/subscriptions.ts';
import { parseOpml } from '../../subscribe/opml.ts';
import type { AuthEnv } from '../auth/context.ts';
import { page } from '../auth/html.ts';
import { reader, type PageDeps } from './deps.ts';
import { importResult } from './opml-import.ts';
import { fetchProgress } from './fetch-progress.ts';

const FILE = new URL('../../../assets/starter-pack/hn-popular-blogs-2025.opml', import.meta.url);

export const STARTER_PACK = (() => {
  const xml = readFileSync(FILE, 'utf8');
  return { name: 'Blogs popular on Hacker News (2025)', xml, feedCount: parseOpml(xml).length };
})();

export function starterPackRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.post('/feeds/starter-pack', async (c) => {
    const { user, csrfToken } = reader(c, deps);
    const result = await importOpml(deps.actions, user, STARTER_PACK.xml);
    const progress = fetchProgress(await deps.actions.store.subscriptions(user.id));
    return c.html(page({ title: 'Starter pack', user, csrfToken, section: 'feeds', body: importResult(STARTER_PACK.name, result, progress) }));
  });
  return app;
}
