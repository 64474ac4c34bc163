// /feeds and /opml: the user's subscriptions with their fetch health, subscribing by URL (discovery and
// the first fetch), a feed's posts page by page, OPML import and export.
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import { editSubscription } from '../../actions/subscription-edit.ts';
import { exportOpml, importOpml, ownSubscription, subscribe, subscriptionJson, unsubscribe } from '../../actions/subscriptions.ts';
import { IdParams, QueryFlag, Timestamp } from './fields.ts';
import { PostPage, postPage } from './post-json.ts';
import { apiRoute, type ApiRoute } from './route.ts';

export const FeedJson = z
  .object({
    id: z.number().int(),
    url: z.string(),
    title: z.string(),
    siteUrl: z.string().nullable(),
    category: z.string().nullable(),
    status: z.enum(['active', 'error', 'disabled']),
    httpStatus: z.number().int().nullable().meta({ description: 'HTTP status of the last response' }),
    lastError: z.string().nullable(),
    lastFetchAt: Timestamp.nullable(),
    lastSuccessAt: Timestamp.nullable(),
    nextFetchAt: Timestamp.nullable().meta({ description: 'null once the feed is disabled (410 Gone, or nobody follows it)' }),
    consecutiveErrors: z.number().int(),
    fullText: z.boolean().meta({ description: 'each linked article is fetched and its text extracted' }),
    parseWarnings: z.string().nullable(),
  })
  .meta({ id: 'Feed', description: 'A subscription with its fetch health' });

const SubscribeBody = z.strictObject({
  url: z.string().trim().min(1).max(2048).meta({ description: "a feed's URL, or a site's (its feed is discovered)", example: 'https://example.com/' }),
  category: z.string().trim().min(1).max(200).optional(),
  full_text: z.boolean().optional().meta({ description: 'fetch each linked article and extract its text (for summary-only feeds)' }),
});

const EditBody = z
  .strictObject({
    title: z.string().max(200).optional().meta({ description: 'your own name for the feed' }),
    category: z.string().max(200).optional().meta({ description: 'the folder to move it to' }),
  })
  .refine((b) => b.title !== undefined || b.category !== undefined, 'give a title, a category, or both');

const Subscribed = z.object({
  feed: FeedJson,
  created: z.boolean().meta({ description: 'false when you already followed this feed' }),
  firstFetch: z
    .object({ newPosts: z.number().int(), error: z.string().nullable() })
    .nullable()
    .meta({ description: 'the fetch made at once, so its posts are there to read' }),
});

const FeedPostsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().regex(/^\d{1,15}-\d{1,15}$/, 'must be the "next" of the previous page').optional().meta({ description: 'the previous page\'s "next"' }),
  unread_only: QueryFlag.optional(),
});

const OpmlImported = z.object({
  feeds: z.number().int().meta({ description: 'feeds in the file' }),
  added: z.number().int().meta({ description: 'feeds new to you' }),
});

const OPML_MEDIA_TYPE = 'text/x-opml';

export function feedRoutes(ctx: ActionContext): ApiRoute[] {
  return [
    apiRoute({
      method: 'get',
      path: '/feeds',
      tag: 'feeds',
      summary: 'Your subscriptions with their health',
      response: { status: 200, description: 'every subscription', schema: z.object({ feeds: z.array(FeedJson) }) },
      handle: async ({ user }) => ({ feeds: (await ctx.store.subscriptions(user.id)).map(subscriptionJson) }),
    }),
    apiRoute({
      method: 'post',
      path: '/feeds',
      tag: 'feeds',
      summary: 'Subscribe to a feed or a site',
      description: "Finds the feed (the URL itself, the page's <link rel=alternate>, or the usual paths), subscribes and fetches it at once. 422 when nothing can be fetched or no feed is found.",
      body: SubscribeBody,
      refuses: [422],
      response: { status: 201, description: 'subscribed', schema: Subscribed },
      handle: async ({ user, body }) => {
        const { feed, created, firstFetch } = await subscribe(ctx, user, body.url, { category: body.category, fullText: body.full_text });
        return {
          feed: subscriptionJson(await ownSubscription(ctx, user, feed.id)),
          created,
          firstFetch: firstFetch ? { newPosts: firstFetch.newPosts ?? 0, error: firstFetch.error ?? null } : null,
        };
      },
    }),
    apiRoute({
      method: 'get',
      path: '/feeds/:id',
      tag: 'feeds',
      summary: 'One subscription with its health',
      params: IdParams,
      response: { status: 200, description: 'the subscription', schema: FeedJson },
      handle: async ({ user, params }) => subscriptionJson(await ownSubscription(ctx, user, params.id)),
    }),
    apiRoute({
      method: 'patch',
      path: '/feeds/:id',
      tag: 'feeds',
      summary: 'Rename a subscription or move it to a folder',
      params: IdParams,
      body: EditBody,
      response: { status: 200, description: 'the subscription as changed', schema: FeedJson },
      handle: async ({ user, params, body }) => subscriptionJson(await editSubscription(ctx, user, params.id, body)),
    }),
    apiRoute({
      method: 'delete',
      path: '/feeds/:id',
      tag: 'feeds',
      summary: 'Unsubscribe',
      params: IdParams,
      response: { status: 204, description: 'unsubscribed' },
      handle: async ({ user, params }) => {
        await unsubscribe(ctx, user, params.id);
      },
    }),
    apiRoute({
      method: 'get',
      path: '/feeds/:id/posts',
      tag: 'feeds',
      summary: "A subscription's posts, newest first",
      params: IdParams,
      query: FeedPostsQuery,
      response: { status: 200, description: 'a page of posts; pass `next` as `after` for the following one', schema: PostPage },
      handle: async ({ user, params, query }) => {
        await ownSubscription(ctx, user, params.id);
        return postPage(ctx, user, { feedIds: [params.id], limit: query.limit, after: query.after, unreadOnly: query.unread_only });
      },
    }),
    apiRoute({
      method: 'get',
      path: '/opml',
      tag: 'feeds',
      summary: 'Your subscriptions as OPML',
      response: { status: 200, description: 'an OPML 2.0 document (categories as folders)', mediaType: OPML_MEDIA_TYPE },
      handle: async ({ user, c }) => {
        c.header('content-disposition', 'attachment; filename="sluice-subscriptions.opml"');
        return exportOpml(ctx, user);
      },
    }),
    apiRoute({
      method: 'post',
      path: '/opml',
      tag: 'feeds',
      summary: 'Subscribe to every feed of an OPML file',
      description: 'The body is the OPML document itself (text/x-opml, application/xml or text/xml). Folders become categories; the feeds are fetched by the scheduler. A malformed file adds nothing (400, with the line that is wrong).',
      bodyMediaType: OPML_MEDIA_TYPE,
      body: z.string().min(1, 'send the OPML document as the body'),
      response: { status: 200, description: 'imported', schema: OpmlImported },
      handle: async ({ user, body }) => {
        const { feeds, added } = await importOpml(ctx, user, body);
        return { feeds: feeds.length, added };
      },
    }),
  ];
}
