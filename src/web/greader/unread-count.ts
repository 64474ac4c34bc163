// unread-count: unread posts per followed feed, per folder, per interest label and for the reading list,
// each with its newest post's time. Feed and reading-list counts agree with the reading list's own ids
// (xt=read): every unread post, however old; a post two followed feeds carried counts in both.
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { signedInUser } from '../auth/context.ts';
import type { GreaderEnv } from './auth.ts';
import { DEFAULT_WINDOW_DAYS } from '../../rank/freshness.ts';
import { feedStreamId, labelStreamId, stateStreamId } from './ids.ts';

interface UnreadCount {
  id: string;
  count: number;
  newestItemTimestampUsec: string;
}

/** Unread posts of a folder or an interest label, summed as they are found. */
type Tally<K> = Map<K, { count: number; newest: number }>;

function tally<K>(tallies: Tally<K>, key: K, count: number, newest: number): void {
  const t = tallies.get(key) ?? { count: 0, newest: 0 };
  tallies.set(key, { count: t.count + count, newest: Math.max(t.newest, newest) });
}

export async function unreadCounts(ctx: ActionContext, c: Context<GreaderEnv>): Promise<Response> {
  const user = signedInUser(c);
  const [perFeed, subs, interests] = await Promise.all([ctx.store.unreadCounts(user.id, new Date(0)), ctx.store.subscriptions(user.id), ctx.store.interests(user.id)]);
  const counts: UnreadCount[] = [];
  const add = (id: string, count: number, newestMs: number) => counts.push({ id, count, newestItemTimestampUsec: String(newestMs * 1000) });

  const unreadOf = new Map(perFeed.map((u) => [u.feedId, u]));
  const folders: Tally<string> = new Map();
  let total = 0;
  let newestOfAll = 0;
  for (const sub of subs) {
    const unread = unreadOf.get(sub.feed.id);
    if (!unread) continue;
    const newest = unread.newest.getTime();
    add(feedStreamId(sub.feed.url), unread.count, newest);
    total += unread.count;
    newestOfAll = Math.max(newestOfAll, newest);
    if (sub.category) tally(folders, sub.category, unread.count, newest);
  }
  for (const [name, f] of folders) add(labelStreamId(name), f.count, f.newest);

  // Interest labels: their matches above threshold not yet read, over the ranked feed's window (a
  // user with hundreds of interests has too many matches in all to count on every sync).
  if (interests.length) {
    const since = new Date(Date.now() - DEFAULT_WINDOW_DAYS * 24 * 3600 * 1000);
    const matches = await ctx.store.feedMatches(user.id, { aboveThresholdOnly: true, ownFeedsOnly: user.ownFeedsOnly, since });
    const states = await ctx.store.postStates(user.id, [...new Set(matches.map((m) => m.postId))]);
    const perInterest: Tally<number> = new Map();
    for (const m of matches) if (!states.get(m.postId)?.readAt) tally(perInterest, m.interestId, 1, m.postTime.getTime());
    for (const interest of interests) {
      const i = perInterest.get(interest.id);
      if (i) add(labelStreamId(interest.name), i.count, i.newest);
    }
  }
  add(stateStreamId('reading-list'), total, newestOfAll);
  return c.json({ max: total, unreadcounts: counts });
}
