// A page of a stream: which posts, in which order, and where the next page starts. Every stream is the
// caller's own: the reading list is their subscriptions' posts, a feed stream one of their
// subscriptions, starred / read / like their own states, a label one of their interests (Sluice's
// ranked feed for it) or one of their folders.
//
// Order: date (newest first unless r=o) through the store's cursor, or ranked (r=a, r=relevance, and
// an interest's label by default) through the ranked feed's own pages (actions/feed.ts).
import type { ActionContext } from '../../actions/context.ts';
import { readFeed } from '../../actions/feed.ts';
import type { PostQuery, PostState, StoredPost, User } from '../../store/store.ts';
import { encodeContinuation } from './continuation.ts';
import { badRequest } from './errors.ts';
import type { ReaderState } from './ids.ts';
import type { StreamQuery } from './stream-query.ts';
import { labelTarget, subscriptionOf } from './targets.ts';

export interface StreamPage {
  posts: StoredPost[];
  continuation?: string;
}

/** The ranked feed pages at most this many items a call (its candidates grow with the page). */
const MAX_RANKED_COUNT = 1000;
/** Posts read per query while filtering on state in memory (not starred, before nt). */
const SCAN_BATCH = 500;

export async function readStream(ctx: ActionContext, user: User, q: StreamQuery): Promise<StreamPage> {
  const { stream } = q;
  if (stream.kind === 'label') {
    const target = await labelTarget(ctx, user, stream.name);
    if (target.kind === 'interest') {
      if (q.order === undefined || q.order === 'ranked') return rankedPage(ctx, user, q, target.interest.name);
      const matched = await ctx.store.feedMatches(user.id, { interestIds: [target.interest.id], aboveThresholdOnly: true, ownFeedsOnly: user.ownFeedsOnly, since: q.newerThan });
      return datePage(ctx, user, q, { ids: [...new Set(matched.map((m) => m.postId))] });
    }
    if (q.order === 'ranked') throw badRequest('ranked order is for the reading list and interest labels');
    return datePage(ctx, user, q, { feedIds: target.subscriptions.map((s) => s.feed.id) });
  }
  if (stream.kind === 'state' && stream.state === 'reading-list' && q.order === 'ranked') return rankedPage(ctx, user, q, undefined);
  if (q.order === 'ranked') throw badRequest('ranked order is for the reading list and interest labels');
  if (stream.kind === 'feed') return datePage(ctx, user, q, { feedIds: [(await subscriptionOf(ctx, user, stream)).feed.id] });
  switch (stream.state) {
    case 'reading-list':
      return datePage(ctx, user, q, { feedIds: await subscribedFeedIds(ctx, user) });
    case 'starred':
      return datePage(ctx, user, q, { starredBy: user.id });
    case 'read':
      return datePage(ctx, user, { ...q, include: [...q.include, 'read'] }, { feedIds: await subscribedFeedIds(ctx, user) });
    case 'like': {
      const liked = (await ctx.store.feedback(user.id)).filter((f) => f.kind === 'like').map((f) => f.postId);
      return datePage(ctx, user, q, { ids: [...new Set(liked)] });
    }
    case 'kept-unread':
      throw badRequest('Sluice keeps no "kept unread" state; list unread posts with xt=user/-/state/com.google/read');
  }
}

async function subscribedFeedIds(ctx: ActionContext, user: User): Promise<number[]> {
  return (await ctx.store.subscriptions(user.id)).map((s) => s.feed.id);
}

/** Date order over the posts `base` selects, with the query's filters, from its continuation on. */
async function datePage(ctx: ActionContext, user: User, q: StreamQuery, base: Pick<PostQuery, 'feedIds' | 'ids' | 'starredBy'>): Promise<StreamPage> {
  if (base.feedIds?.length === 0 || base.ids?.length === 0) return { posts: [] };
  if (q.continuation && q.continuation.order !== 'date') throw badRequest('this continuation belongs to a ranked stream');
  // What SQL can filter, it does (read and unread, starred, ot); the rest (not starred, nt) is checked on each post.
  const query: PostQuery = {
    ...base,
    since: q.newerThan,
    order: q.order === 'oldest' ? 'oldest' : 'newest',
    unreadBy: q.exclude.includes('read') ? user.id : undefined,
    // The read stream and it=read: the user's read rows drive the query, never a scan of every post.
    readBy: q.include.includes('read') ? user.id : undefined,
    starredBy: base.starredBy ?? (q.include.includes('starred') ? user.id : undefined),
  };
  const dropsStarred = q.exclude.includes('starred');
  const olderThan = q.olderThan?.getTime();
  const filtered = dropsStarred || olderThan !== undefined;
  const keep = (post: StoredPost, state: PostState | undefined) => (!dropsStarred || !state?.starredAt) && (olderThan === undefined || post.firstSeenAt.getTime() < olderThan);

  const posts: StoredPost[] = [];
  let after = q.continuation?.after;
  const batch = filtered ? Math.max(q.count, SCAN_BATCH) : q.count;
  for (;;) {
    const rows = await ctx.store.posts({ ...query, after, limit: batch });
    const states = filtered ? await ctx.store.postStates(user.id, rows.map((p) => p.id)) : new Map<number, PostState>();
    for (const post of rows) {
      after = { time: post.published ?? post.firstSeenAt, id: post.id };
      if (!keep(post, states.get(post.id))) continue;
      posts.push(post);
      // A full page ends at its last post: the next page starts right after it.
      if (posts.length === q.count) return { posts, continuation: encodeContinuation({ order: 'date', after }) };
    }
    if (rows.length < batch) return { posts };
  }
}

/** The ranked feed (one interest's, or all of them for the reading list), with the query's filters. */
async function rankedPage(ctx: ActionContext, user: User, q: StreamQuery, interest: string | undefined): Promise<StreamPage> {
  if (q.continuation && q.continuation.order !== 'ranked') throw badRequest('this continuation belongs to a stream in date order');
  const feed = await readFeed(ctx, user, { interest, limit: Math.min(q.count, MAX_RANKED_COUNT), before: q.continuation?.before });
  const state = (item: (typeof feed.items)[number]): Record<ReaderState, boolean> => ({
    'reading-list': true,
    read: item.read,
    starred: item.starred,
    'kept-unread': false,
    like: item.feedback === 'like',
  });
  // Filters thin a ranked page rather than fill it up: the next page follows the rank key, not the count.
  const items = feed.items.filter(
    (item) =>
      q.include.every((s) => state(item)[s]) &&
      !q.exclude.some((s) => state(item)[s]) &&
      (!q.newerThan || item.post.firstSeenAt >= q.newerThan) &&
      (!q.olderThan || item.post.firstSeenAt < q.olderThan),
  );
  return { posts: items.map((i) => i.post), continuation: feed.next === undefined ? undefined : encodeContinuation({ order: 'ranked', before: feed.next }) };
}
