// Every server-rendered page of a signed-in reader, as one router app.ts mounts. Each page is its own
// file; this file only says which paths need a signed-in reader and puts the pages together.
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/context.ts';
import { requirePageUser } from '../auth/identify.ts';
import type { PageDeps } from './deps.ts';
import { feedPageRoutes } from './feed-page.ts';
import { feedsPageRoutes } from './feeds-page.ts';
import { VERDICT_LIST_PATHS, verdictListRoutes } from './verdict-lists.ts';
import { interestAdvancedRoutes } from './interest-advanced.ts';
import { interestPageRoutes } from './interest-page.ts';
import { interestsPageRoutes } from './interests-page.ts';
import { opmlExportRoutes } from './opml-import.ts';
import { postPageRoutes } from './post-page.ts';
import { postStateRoutes } from './post-state-routes.ts';
import { starterPackRoutes } from './starter-pack.ts';

/** The page paths (Hono patterns). Not `/*`: sign-in, setup, assets and the APIs stay open to their own rules. */
export const PAGE_PATHS = ['/', '/posts/*', '/feeds', '/feeds/*', '/interests', '/interests/*', ...VERDICT_LIST_PATHS];

export function pageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  for (const path of PAGE_PATHS) app.use(path, requirePageUser(deps.settings));
  // Fixed paths before the ones with a parameter: /interests/new is not the interest "new".
  const pages = [feedPageRoutes, verdictListRoutes, postPageRoutes, postStateRoutes, feedsPageRoutes, opmlExportRoutes, starterPackRoutes, interestsPageRoutes, interestPageRoutes, interestAdvancedRoutes];
  for (const routes of pages) {
    app.route('/', routes(deps));
  }
  return app;
}
