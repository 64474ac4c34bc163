// /feed: your feed ranked by relevance, in the one JSON shape of a feed item (actions/feed.ts, the
// same as `sluice feed --json`).
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import { feedItemJson, readFeed } from '../../actions/feed.ts';
import { interestNamed, ownInterest } from '../../actions/interests.ts';
import type { User } from '../../store/store.ts';
import { DEFAULT_LIMIT } from '../../rank/rank-feed.ts';
import { encodedFeed } from './feed-json.ts';
import { QueryFlag, Timestamp } from './fields.ts';
import { apiRoute, type ApiRoute } from './route.ts';

const FeedItemJson = z
  .object({
    id: z.number().int().meta({ description: 'the post id' }),
    url: z.string().nullable(),
    title: z.string(),
    source: z.string().nullable().meta({ description: 'the feed the item is shown under' }),
    published: Timestamp.nullable(),
    interest: z.string().meta({ description: 'the interest the post is ranked under' }),
    otherInterests: z.array(z.string()).meta({ description: 'other interests it is visible in, best first' }),
    score: z.number().meta({ description: 'calibrated: standard deviations above the typical off-topic post' }),
    threshold: z.number(),
    rankScore: z.number().meta({ description: 'the score decayed by freshness (the order)' }),
    hidden: z.boolean(),
    hiddenReason: z.enum(['below-threshold', 'offtopic', 'disliked']).nullable(),
    feedback: z.enum(['like', 'dislike', 'offtopic']).nullable(),
    read: z.boolean(),
    starred: z.boolean(),
    alsoIn: z
      .array(z.object({ feedId: z.number().int(), feedTitle: z.string(), postId: z.number().int() }))
      .meta({ description: 'near-duplicates folded into this item' }),
    breakdown: z.unknown().meta({ description: 'the score explained: semantic and lexical evidence (SDs), the matched terms, the raw cosine, the threshold it was judged against, feedback (how far the interest\'s feedback moved that threshold, SDs) and chance (the chance level the threshold started from: the score an off-topic post reaches by chance about once a day at the instance\'s volume, never under 3)' }),
    terms: z.array(z.string()).readonly().meta({ description: 'matched terms, strongest first' }),
  })
  .meta({ id: 'FeedItem' });

const RankedFeedQuery = z.object({
  interest: z.string().min(1).max(1000).optional().meta({ description: "only this interest's posts: its id or its name" }),
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: `items per page (default ${DEFAULT_LIMIT})` }),
  offset: z.coerce.number().int().min(0).max(10_000).optional(),
  before: z.coerce.number().optional().meta({ description: 'the previous page\'s "next": stable while new posts arrive (instead of offset)' }),
  include_hidden: QueryFlag.optional().meta({ description: 'also below-threshold, off-topic and disliked posts, flagged hidden' }),
});

const RankedFeed = z.object({
  items: z.array(FeedItemJson),
  next: z.number().nullable().meta({ description: 'pass as `before` for the next page; null on the last page' }),
  postsScored: z.number().int(),
});

export function rankedFeedRoutes(ctx: ActionContext): ApiRoute[] {
  return [
    apiRoute({
      method: 'get',
      path: '/feed',
      tag: 'feed',
      summary: 'Your feed ranked by relevance',
      description:
        'Recent posts (30 days) scored against your interests, fresher first among equals, no long runs from one source, near-duplicates folded, off-topic posts hidden.',
      query: RankedFeedQuery,
      response: { status: 200, description: 'a page of the ranked feed', schema: RankedFeed },
      handle: async ({ user, query }) => {
        const view = {
          interest: query.interest === undefined ? undefined : await interestName(ctx, user, query.interest),
          limit: query.limit,
          offset: query.offset,
          before: query.before,
        };
        const feed = await readFeed(ctx, user, { ...view, includeHidden: query.include_hidden });
        // Pages with hidden items are ranked anew at every ask (no edition to keep them under).
        if (query.include_hidden) return { items: feed.items.map(feedItemJson), next: feed.next ?? null, postsScored: feed.postsScored };
        return encodedFeed(feed, JSON.stringify(view));
      },
    }),
  ];
}

/** An interest given by id (digits) or by name. */
async function interestName(ctx: ActionContext, user: User, idOrName: string): Promise<string> {
  return (/^\d+$/.test(idOrName) ? await ownInterest(ctx, user, Number(idOrName)) : await interestNamed(ctx, user, idOrName)).name;
}
