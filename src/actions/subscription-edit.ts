// Renaming a subscription (the user's own title for a feed) and moving it to a folder (category) — what
// feed reader apps do through the Google Reader API's subscription/edit.
import type { Subscription, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';
import { ownSubscription } from './subscriptions.ts';

export interface SubscriptionChange {
  title?: string;
  /** The folder to move it to (a subscription is in at most one). */
  category?: string;
}

const MAX_NAME = 200;

export async function editSubscription(ctx: ActionContext, user: User, feedId: number, change: SubscriptionChange): Promise<Subscription> {
  const sub = await ownSubscription(ctx, user, feedId);
  const title = checkedName('title', change.title);
  const category = checkedName('folder', change.category);
  if (title === undefined && category === undefined) return sub;
  // Subscribing again to a followed feed updates the user's title and folder and nothing else.
  await ctx.store.subscribe(user.id, { url: sub.feed.url, title }, category);
  return ownSubscription(ctx, user, feedId);
}

function checkedName(what: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name || name.length > MAX_NAME) throw new ActionError('invalid', `a subscription ${what} must be 1–${MAX_NAME} characters, not "${value}"`);
  return name;
}
