// mark-all-as-read (s=STREAM, ts=older than): every post of the stream first seen up to ts becomes read —
// the reading list, a followed feed, a folder, or an interest's label (its matches above threshold).
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { signedInUser } from '../auth/context.ts';
import { checkActionToken, type GreaderEnv } from './auth.ts';
import { badRequest } from './errors.ts';
import { parseStreamId } from './ids.ts';
import type { RequestParams } from './params.ts';
import { labelTarget, subscriptionOf } from './targets.ts';

export async function markAllAsRead(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams): Promise<Response> {
  checkActionToken(c, params.get('T'));
  const user = signedInUser(c);
  const s = params.get('s');
  if (!s) throw badRequest('s=STREAM is required');
  const stream = parseStreamId(s, user);
  const before = olderThan(params.get('ts'));
  if (stream.kind === 'feed') {
    await ctx.store.markAllRead(user.id, { before, feedIds: [(await subscriptionOf(ctx, user, stream)).feed.id] });
  } else if (stream.kind === 'label') {
    const target = await labelTarget(ctx, user, stream.name);
    if (target.kind === 'folder') await ctx.store.markAllRead(user.id, { before, feedIds: target.subscriptions.map((sub) => sub.feed.id) });
    else {
      const ids = [...new Set((await ctx.store.feedMatches(user.id, { interestIds: [target.interest.id], aboveThresholdOnly: true })).map((m) => m.postId))];
      const posts = ids.length ? await ctx.store.posts({ ids, limit: ids.length }) : [];
      await ctx.store.setRead(user.id, posts.filter((p) => p.firstSeenAt <= before).map((p) => p.id), true);
    }
  } else if (stream.state === 'reading-list') {
    await ctx.store.markAllRead(user.id, { before });
  } else {
    throw badRequest(`mark-all-as-read takes the reading list, a feed or a label, not "${s}"`);
  }
  return c.text('OK');
}

/**
 * ts is "older than" in microseconds in Google Reader; clients also send seconds or milliseconds (and
 * FreshRSS documents nanoseconds), so the unit is told by the size. Absent: now.
 */
export function olderThan(ts: string | undefined, now = new Date()): Date {
  if (ts === undefined) return now;
  if (!/^\d{1,20}$/.test(ts)) throw badRequest(`ts must be a timestamp, not "${ts}"`);
  const n = Number(ts);
  const ms = n >= 1e17 ? n / 1e6 : n >= 1e14 ? n / 1e3 : n >= 1e11 ? n : n * 1000;
  return new Date(Math.floor(ms));
}
