// The ranked feed as every surface serves it (CLI --json, the web pages, the REST API, output feeds):
// the rank stage's items with the user's read and starred state, and one JSON shape for them.
import { describeOwner } from '../jobs/scoring-lease.ts';
import { catchUpScoring } from '../jobs/scoring.ts';
import { userFeed, type UserFeed, type UserFeedItem, type UserFeedOptions } from '../jobs/user-feed.ts';
import type { PostState, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { interestNamed } from './interests.ts';

export interface FeedItem extends UserFeedItem {
  read: boolean;
  starred: boolean;
}

export interface RankedFeed extends Omit<UserFeed, 'items'> {
  items: FeedItem[];
}

export async function readFeed(ctx: ActionContext, user: User, opts: UserFeedOptions = {}): Promise<RankedFeed> {
  if (opts.interest !== undefined) await interestNamed(ctx, user, opts.interest);
  // Read from the matches the scoring service stores (jobs/user-feed.ts). Where none runs here (a
  // command, a test) they are brought up to date first — or, when a server scores this data
  // directory, it is given a few seconds to pick up what was just changed.
  if (!ctx.scoring) {
    const { server, caughtUp } = await catchUpScoring(ctx.store, {
      warn: ctx.warn,
      interestIds: (await ctx.store.interests(user.id)).map((i) => i.id),
      onWait: (owner) => ctx.warn?.(`waiting for ${describeOwner(owner)}, which is scoring this data directory`),
    });
    if (server && !caughtUp) ctx.warn?.(`${describeOwner(server)} has not caught up with the latest changes yet; this feed may not show them`);
  }
  const feed = await userFeed(ctx.store, user, opts);
  const states = await statesOf(ctx, user, feed);
  return {
    ...feed,
    items: feed.items.map((item) => {
      const state = states.get(item.postId);
      return { ...item, read: !!state?.readAt, starred: !!state?.starredAt };
    }),
  };
}

/** Read and starred state of a page's posts, kept per page edition: marking a post read or starred
 *  moves the user's feed version, so the page is computed again under a new edition and these are
 *  read again with it (the cached page is served thousands of times between changes). */
const statesByEdition = new Map<number, Promise<Map<number, PostState>>>();
const STATES_KEPT = 200;

function statesOf(ctx: ActionContext, user: User, feed: UserFeed): Promise<Map<number, PostState>> {
  let states = statesByEdition.get(feed.edition);
  if (!states) {
    states = ctx.store.postStates(user.id, feed.items.map((i) => i.postId));
    states.catch(() => statesByEdition.delete(feed.edition));
    statesByEdition.set(feed.edition, states);
    // Oldest first out: editions only grow.
    if (statesByEdition.size > STATES_KEPT) statesByEdition.delete(statesByEdition.keys().next().value as number);
  }
  return states;
}

/** One feed item as JSON (`sluice feed --json`, `GET /api/v1/feed`). */
export function feedItemJson(item: FeedItem) {
  return {
    id: item.postId,
    url: item.post.url ?? item.post.link ?? null,
    title: item.post.title,
    source: item.source?.feedTitle ?? null,
    published: item.post.published?.toISOString() ?? null,
    interest: item.interest,
    otherInterests: item.otherInterests,
    score: item.score,
    threshold: item.threshold,
    rankScore: item.rankScore,
    hidden: item.hidden,
    hiddenReason: item.hiddenReason ?? null,
    feedback: item.feedback ?? null,
    read: item.read,
    starred: item.starred,
    alsoIn: item.alsoIn,
    breakdown: item.breakdown,
    terms: item.terms,
  };
}
