// The output feeds at their secret URLs (urls.ts): /out/<token>/feed.{atom,json} and
// /out/<token>/interests/<id>.{atom,json}. The token is the only credential — a feed reader sends no
// cookie — so an unknown, rotated or revoked one is a plain 404, as is another user's interest.
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import type { ActionContext } from '../../actions/context.ts';
import { ActionError } from '../../actions/errors.ts';
import { ownInterest } from '../../actions/interests.ts';
import { outputFeedOwner } from '../../actions/output-feeds.ts';
import type { AuthEnv } from '../auth/context.ts';
import { ATOM_MEDIA_TYPE, formatAtom } from './atom.ts';
import { formatJsonFeed, JSON_FEED_MEDIA_TYPE } from './json-feed.ts';
import { outputFeed } from './output-feed.ts';
import { OUTPUT_BASE, requestOrigin, type OutputFormat } from './urls.ts';

export { OUTPUT_BASE };

export interface OutputFeedOptions {
  /** Believe X-Forwarded-Proto for the links inside the feeds. */
  trustProxy: boolean;
}

/** Mount with `app.route(OUTPUT_BASE, outputFeeds(actions, options))`, before the pages' sign-in guard. */
export function outputFeeds(ctx: ActionContext, options: OutputFeedOptions): Hono<AuthEnv> {
  const router = new Hono<AuthEnv>();
  // Feed readers poll: an unchanged feed costs them a 304, not the whole document.
  router.use('*', etag());
  router.get('/:token/feed.atom', (c) => serve(c, ctx, options, 'atom'));
  router.get('/:token/feed.json', (c) => serve(c, ctx, options, 'json'));
  router.get('/:token/interests/:file', (c) => {
    const m = /^(\d{1,15})\.(atom|json)$/.exec(c.req.param('file'));
    if (!m) throw new ActionError('not_found', 'no output feed at this address (interests/<id>.atom or interests/<id>.json)');
    return serve(c, ctx, options, m[2] as OutputFormat, Number(m[1]));
  });
  return router;
}

async function serve(c: Context<AuthEnv>, ctx: ActionContext, options: OutputFeedOptions, format: OutputFormat, interestId?: number): Promise<Response> {
  const user = await outputFeedOwner(ctx, c.req.param('token') ?? '');
  const interest = interestId === undefined ? undefined : await ownInterest(ctx, user, interestId);
  const origin = requestOrigin(c, options.trustProxy);
  const feed = await outputFeed(ctx, user, origin, interest);
  const selfUrl = origin + new URL(c.req.url).pathname;
  const headers = {
    // The URL is a secret: no shared cache may keep a copy, and search engines must not list it.
    'cache-control': 'private, max-age=300',
    'x-robots-tag': 'noindex, nofollow',
  };
  return format === 'atom'
    ? c.body(formatAtom(feed, selfUrl), 200, { ...headers, 'content-type': `${ATOM_MEDIA_TYPE}; charset=utf-8` })
    : c.body(formatJsonFeed(feed, selfUrl), 200, { ...headers, 'content-type': `${JSON_FEED_MEDIA_TYPE}; charset=utf-8` });
}
