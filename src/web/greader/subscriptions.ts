// subscription/list, subscription/edit (ac=subscribe / unsubscribe / edit; s=feed/URL, repeatable;
// t=title; a=user/-/label/FOLDER to move into a folder) and subscription/quickadd (quickadd=URL of a feed
// or of a page that links one) — all through the shared subscription actions.
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { ActionError } from '../../actions/errors.ts';
import { editSubscription } from '../../actions/subscription-edit.ts';
import { ownSubscription, subscribe, unsubscribe } from '../../actions/subscriptions.ts';
import type { Subscription, User } from '../../store/store.ts';
import { signedInUser } from '../auth/context.ts';
import { checkActionToken, type GreaderEnv } from './auth.ts';
import { badRequest } from './errors.ts';
import { feedStreamId, labelStreamId, parseStreamId, type StreamRef } from './ids.ts';
import type { RequestParams } from './params.ts';
import { subscriptionOf } from './targets.ts';

export function subscriptionJson(sub: Subscription) {
  return {
    id: feedStreamId(sub.feed.url),
    title: sub.title,
    categories: sub.category ? [{ id: labelStreamId(sub.category), label: sub.category }] : [],
    url: sub.feed.url,
    htmlUrl: sub.feed.siteUrl ?? '',
    iconUrl: '',
  };
}

export async function listSubscriptions(ctx: ActionContext, c: Context<GreaderEnv>): Promise<Response> {
  const subs = await ctx.store.subscriptions(signedInUser(c).id);
  return c.json({ subscriptions: subs.map(subscriptionJson) });
}

export async function editSubscriptions(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams): Promise<Response> {
  checkActionToken(c, params.get('T'));
  const user = signedInUser(c);
  const streams = params.all('s').filter(Boolean).map((s) => feedRef(s, user));
  if (streams.length === 0) throw badRequest('s=feed/URL is required');
  const title = params.get('t');
  const folder = folderOf(params.get('a'), user);
  const action = params.get('ac');
  switch (action) {
    case 'subscribe':
      for (const ref of streams) {
        if (!('url' in ref)) throw badRequest('subscribe names a feed by URL: s=feed/URL');
        const { feed } = await subscribe(ctx, user, ref.url, { category: folder });
        if (title) await editSubscription(ctx, user, feed.id, { title });
      }
      break;
    case 'unsubscribe':
      for (const ref of streams) await unsubscribe(ctx, user, (await subscriptionOf(ctx, user, ref)).feed.id);
      break;
    case 'edit': {
      // Sluice keeps one folder per subscription: it can be moved (a=…), not taken out of every folder.
      if (params.get('r') && !folder) throw badRequest('a subscription can be moved to another folder (a=user/-/label/NAME), not left without one');
      for (const ref of streams) await editSubscription(ctx, user, (await subscriptionOf(ctx, user, ref)).feed.id, { title, category: folder });
      break;
    }
    default:
      throw badRequest(`ac must be subscribe, unsubscribe or edit, not "${action ?? ''}"`);
  }
  return c.text('OK');
}

/** quickadd: a URL (or feed/URL) with discovery; an unusable URL is `numResults: 0`, as FreshRSS answers. */
export async function quickAdd(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams): Promise<Response> {
  checkActionToken(c, params.get('T'));
  const query = params.get('quickadd')?.replace(/^feed\//, '');
  if (!query) throw badRequest('quickadd=URL is required');
  try {
    const user = signedInUser(c);
    const { feed } = await subscribe(ctx, user, query);
    const sub = await ownSubscription(ctx, user, feed.id);
    return c.json({ numResults: 1, query: feed.url, streamId: feedStreamId(feed.url), streamName: sub.title });
  } catch (err) {
    if (err instanceof ActionError && (err.code === 'unreachable' || err.code === 'invalid')) return c.json({ numResults: 0, query, error: err.message });
    throw err;
  }
}

function feedRef(text: string, user: User): Extract<StreamRef, { kind: 'feed' }> {
  const ref = parseStreamId(text, user);
  if (ref.kind !== 'feed') throw badRequest(`s must name a feed (feed/URL), not "${text}"`);
  return ref;
}

function folderOf(text: string | undefined, user: User): string | undefined {
  if (!text) return undefined;
  const ref = parseStreamId(text, user);
  if (ref.kind !== 'label') throw badRequest(`a must be a folder (user/-/label/NAME), not "${text}"`);
  return ref.name;
}
