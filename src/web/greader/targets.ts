// What a feed or label stream id names among the caller's own things: one of their subscriptions, one
// of their interests, or one of their folders (subscription categories). Anything else — unknown, or
// another user's — is the same 404, so nothing tells them apart.
import type { ActionContext } from '../../actions/context.ts';
import { ActionError } from '../../actions/errors.ts';
import { interestNamed } from '../../actions/interests.ts';
import type { StoredInterest, Subscription, User } from '../../store/store.ts';
import { notFound } from './errors.ts';
import type { StreamRef } from './ids.ts';

export async function subscriptionOf(ctx: ActionContext, user: User, ref: Extract<StreamRef, { kind: 'feed' }>): Promise<Subscription> {
  const subs = await ctx.store.subscriptions(user.id);
  const sub = 'id' in ref ? subs.find((s) => s.feed.id === ref.id) : subs.find((s) => s.feed.url === ref.url);
  if (!sub) throw notFound(`you follow no feed ${'id' in ref ? ref.id : ref.url}`);
  return sub;
}

/** An interest wins over a folder of the same name: labels are first of all Sluice's interests. */
export type LabelTarget = { kind: 'interest'; interest: StoredInterest } | { kind: 'folder'; name: string; subscriptions: Subscription[] };

export async function labelTarget(ctx: ActionContext, user: User, name: string): Promise<LabelTarget> {
  try {
    return { kind: 'interest', interest: await interestNamed(ctx, user, name) };
  } catch (err) {
    if (!(err instanceof ActionError && err.code === 'not_found')) throw err;
  }
  const subscriptions = (await ctx.store.subscriptions(user.id)).filter((s) => s.category === name);
  if (subscriptions.length === 0) throw notFound(`you have no interest or folder named "${name}"`);
  return { kind: 'folder', name, subscriptions };
}
