// /me (who you are, with your output-feed URLs; PATCH changes your reading setting) and /output-feeds
// (create, rotate or revoke the secret in those URLs).
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import { outputFeedToken, revokeOutputFeedToken, rotateOutputFeedToken } from '../../actions/output-feeds.ts';
import type { User } from '../../store/store.ts';
import type { Context } from 'hono';
import { outputFeedUrls, requestOrigin } from '../output/urls.ts';
import { Timestamp, timestamp } from './fields.ts';
import { apiRoute, type ApiRoute } from './route.ts';

const Links = z.object({ atom: z.url(), json: z.url() });

const OutputFeeds = Links.extend({
  interests: z.array(Links.extend({ id: z.number().int(), name: z.string() })),
})
  .nullable()
  .meta({
    id: 'OutputFeeds',
    description: 'Atom 1.0 and JSON Feed 1.1 copies of your ranked feed, whole and per interest, at secret URLs (anyone with one can read it). null until created.',
  });

const Me = z.object({
  id: z.number().int(),
  name: z.string(),
  ownFeedsOnly: z.boolean().meta({ description: "rank only your subscriptions' posts, not the instance's shared pool" }),
  createdAt: Timestamp,
  outputFeeds: OutputFeeds,
});

const MeChange = z.strictObject({
  own_feeds_only: z.boolean().meta({ description: "true: rank only your subscriptions' posts; false: the instance's shared pool" }),
});

export function meRoutes(ctx: ActionContext, trustProxy: boolean): ApiRoute[] {
  const urls = async (c: Context, user: User, token: string) => outputFeedUrls(requestOrigin(c, trustProxy), token, await ctx.store.interests(user.id));
  /** The URLs the user's token opens now; null before there is one. */
  const currentUrls = async (c: Context, user: User) => {
    const token = await outputFeedToken(ctx, user);
    return token === undefined ? null : urls(c, user, token);
  };
  const me = async (c: Context, user: User): Promise<z.infer<typeof Me>> => ({
    id: user.id,
    name: user.name,
    ownFeedsOnly: user.ownFeedsOnly,
    createdAt: timestamp(user.createdAt),
    outputFeeds: await currentUrls(c, user),
  });
  return [
    apiRoute({
      method: 'get',
      path: '/me',
      tag: 'me',
      summary: 'Who you are',
      response: { status: 200, description: 'your account', schema: Me },
      handle: async ({ user, c }) => me(c, user),
    }),
    apiRoute({
      method: 'patch',
      path: '/me',
      tag: 'me',
      summary: 'Change your reading setting',
      body: MeChange,
      response: { status: 200, description: 'your account as changed', schema: Me },
      handle: async ({ user, body, c }) => {
        const changed = await ctx.store.updateUserSettings(user.id, { ownFeedsOnly: body.own_feeds_only });
        return me(c, changed ?? user);
      },
    }),
    apiRoute({
      method: 'get',
      path: '/output-feeds',
      tag: 'me',
      summary: 'Your output-feed URLs',
      response: { status: 200, description: 'the URLs, or null before they are created', schema: OutputFeeds },
      handle: async ({ user, c }) => currentUrls(c, user),
    }),
    apiRoute({
      method: 'post',
      path: '/output-feeds',
      tag: 'me',
      summary: 'Create your output-feed URLs, or replace them',
      description: 'A new secret: the previous URLs stop working at once.',
      response: { status: 201, description: 'the new URLs', schema: OutputFeeds.unwrap() },
      handle: async ({ user, c }) => urls(c, user, await rotateOutputFeedToken(ctx, user)),
    }),
    apiRoute({
      method: 'delete',
      path: '/output-feeds',
      tag: 'me',
      summary: 'Revoke your output-feed URLs',
      response: { status: 204, description: 'revoked' },
      handle: async ({ user }) => {
        await revokeOutputFeedToken(ctx, user);
      },
    }),
  ];
}
