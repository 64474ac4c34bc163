// The ranked feed (`/`): the user's posts ranked by relevance, filtered by interest (`?interest=NAME`),
// paged by the rank cursor (`?before=KEY`: stable while new posts arrive; the script loads the next
// page as the reader scrolls). Empty states say what to do next.
import { Hono, type Context } from 'hono';
import { readFeed, type RankedFeed } from '../../actions/feed.ts';
import { ActionError } from '../../actions/errors.ts';
import type { AuthEnv } from '../auth/context.ts';
import { csrfField, escapeHtml, page } from '../auth/html.ts';
import type { StoredInterest, User } from '../../store/store.ts';
import { herePath, reader, type PageDeps } from './deps.ts';
import { feedItem } from './feed-item.ts';
import { feedBodyOnce, feedPageOnce } from './feed-body-cache.ts';
import { STARTER_PACK } from './starter-pack.ts';

export const FEED_PAGE_SIZE = 30;

export function feedPageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => {
    const { user, csrfToken } = reader(c, deps);
    const interest = c.req.query('interest') || undefined;
    const before = cursorParam(c);
    const feed = await readFeed(deps.actions, user, { interest, before, limit: FEED_PAGE_SIZE });
    const now = new Date(deps.settings.now());
    // Only an empty page needs to know (its empty state): the common page skips the query.
    const hasFeeds = feed.items.length > 0 || (await deps.actions.store.subscriptions(user.id)).length > 0;
    const title = interest ? `Posts in ${feed.interests.find((i) => sameName(i.name, interest))?.name ?? interest}` : 'Your feed';
    const view: FeedView = { feed, title, interest, path: '/', first: before === undefined, hasFeeds, user, csrfToken, now, back: herePath(c) };
    // The whole page is made once per edition and view, and kept as bytes (feed-body-cache.ts).
    const html = feedPageOnce(view, (v) => page({ title: v.title, user: v.user, csrfToken: v.csrfToken, section: 'feed', body: renderFeedBody(v) }));
    return c.body(html, 200, { 'content-type': 'text/html; charset=UTF-8' });
  });
  return app;
}

/** `?before=` is the `next` of an earlier page: a finite number, or the request is refused. */
function cursorParam(c: Context): number | undefined {
  const raw = c.req.query('before');
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new ActionError('invalid', `"before" must be the number a "More" link gave, not "${raw}"`);
  return n;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

interface FeedView {
  feed: RankedFeed;
  title: string;
  /** The <h1> as HTML, when it is more than the title. */
  heading?: string;
  interest?: string;
  /** The page's path: "More" continues on it. The interest filter shows only on the feed ('/'). */
  path: string;
  /** Shown under the title (the interest page's links). */
  intro?: string;
  /** `?interest=ID` for the liked and hidden lists of one interest's page; empty for the whole feed. */
  listQuery?: string;
  /** The first page (not one reached by "More"). */
  first: boolean;
  hasFeeds: boolean;
  user: User;
  csrfToken: string;
  now: Date;
  back: string;
}

/** The feed's HTML, made once per page edition and view (feed-body-cache.ts). */
export function feedBody(v: FeedView): string {
  return feedBodyOnce(v, renderFeedBody);
}

function renderFeedBody(v: FeedView): string {
  const { feed } = v;
  const interestIds = new Map(feed.interests.map((i) => [i.name, i.id]));
  const items = feed.items.map((item) => `<li>${feedItem(item, { now: v.now, csrfToken: v.csrfToken, back: v.back, interestIds })}</li>`).join('\n');
  const query = (extra: Record<string, string>) =>
    `${v.path}?${new URLSearchParams({ ...(v.interest && v.path === '/' ? { interest: v.interest } : {}), ...extra })}`;
  const more = feed.next !== undefined ? `<nav class="pager" aria-label="More posts"><a class="button secondary" rel="next" href="${escapeHtml(query({ before: String(feed.next) }))}">More</a></nav>` : '';
  const markRead = feed.items.some((i) => !i.read)
    ? `<form method="post" action="/posts/read">${csrfField(v.csrfToken)}<input type="hidden" name="back" value="${escapeHtml(v.back)}">${feed.items
        .filter((i) => !i.read)
        .map((i) => `<input type="hidden" name="id" value="${i.postId}">`)
        .join('')}<button type="submit" class="secondary">Mark page as read</button></form>`
    : '';
  const lists = `<a class="quiet-link" href="/liked${escapeHtml(v.listQuery ?? '')}">Liked</a><a class="quiet-link" href="/hidden${escapeHtml(v.listQuery ?? '')}">Hidden posts</a>`;
  return `<div class="page-title"><h1>${v.heading ?? escapeHtml(v.title)}</h1>${lists}${markRead}</div>
${v.intro ?? ''}${v.path === '/' ? interestFilter(feed.interests, v.interest) : ''}
${feed.items.length ? `<ol class="items" id="items">\n${items}\n</ol>${more}` : emptyState(v)}`;
}

function interestFilter(interests: readonly StoredInterest[], current: string | undefined): string {
  if (interests.length < 2) return '';
  const chip = (label: string, href: string, on: boolean) => `<li><a href="${escapeHtml(href)}"${on ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a></li>`;
  return `<nav aria-label="Filter by interest"><ul class="chips">${chip('All', '/', current === undefined)}${interests
    .map((i) => chip(i.name, `/?${new URLSearchParams({ interest: i.name })}`, current !== undefined && sameName(i.name, current)))
    .join('')}</ul></nav>`;
}

/** What a newcomer (or a reader at the end) should do next. */
function emptyState(v: FeedView): string {
  const starter = `<form method="post" action="/feeds/starter-pack">${csrfField(v.csrfToken)}<button type="submit">Subscribe to the starter pack</button></form>`;
  const box = (heading: string, text: string, actions: string) =>
    `<section class="empty" aria-labelledby="empty-title"><h2 id="empty-title">${heading}</h2><p>${text}</p><div class="next-steps">${actions}</div></section>`;
  if (!v.first) return box('That is all', 'No more posts match. New posts arrive as feeds are fetched.', '<a class="button secondary" href="/">Back to the top</a>');
  if (!v.hasFeeds && v.feed.interests.length === 0) {
    return box(
      'Welcome to Sluice',
      `Two steps to a feed worth reading: follow some feeds, then say what you care about. Not sure where to start? The starter pack follows ${STARTER_PACK.feedCount} blogs popular on Hacker News.`,
      `<a class="button" href="/feeds">Add a feed</a>${starter}<a class="button secondary" href="/interests/new">Add an interest</a>`,
    );
  }
  if (v.feed.interests.length === 0) {
    return box(
      'What do you want to read about?',
      'Sluice ranks posts against your interests: a name and a few keywords, like “Rust” with “borrow checker, cargo”. Add one and the feed fills with what matches.',
      '<a class="button" href="/interests/new">Add an interest</a>',
    );
  }
  if (!v.hasFeeds && v.user.ownFeedsOnly) {
    return box('Follow some feeds', 'You rank only your own subscriptions, and you have none yet.', `<a class="button" href="/feeds">Add a feed</a>${starter}`);
  }
  if (v.interest) {
    return box(
      `Nothing in ${escapeHtml(v.interest)} yet`,
      'No recent post clears this interest’s threshold. Add keywords or a description, or follow more feeds on the topic.',
      `<a class="button" href="/interests">Edit your interests</a><a class="button secondary" href="/">See every interest</a>`,
    );
  }
  return box(
    'Nothing matches yet',
    'No post of the last 30 days clears your interests’ thresholds. New feeds are fetched in the background, so check back in a few minutes — or add keywords, or follow more feeds.',
    `<a class="button" href="/interests">Edit your interests</a><a class="button secondary" href="/feeds">Check your feeds</a>${v.hasFeeds ? '' : starter}`,
  );
}
