// Which posts a caller may ask for by id (stream/items/contents, edit-tag). Posts live in one pool for
// the whole instance, but which feeds someone follows is theirs: a post is shown only when it came
// through one of the caller's subscriptions, when they already marked it (read, starred), or when it
// is in their ranked feed (matched one of their interests, from their own feeds if they asked for
// that). Any other id answers as an unknown one.
import type { ActionContext } from '../../actions/context.ts';
import type { StoredPost, Subscription, User } from '../../store/store.ts';

/** `subscriptions` are the user's (the caller has them loaded: the items' JSON needs them too). */
export async function visiblePosts(ctx: ActionContext, user: User, postIds: readonly number[], subscriptions: readonly Subscription[]): Promise<StoredPost[]> {
  const ids = [...new Set(postIds)];
  if (ids.length === 0) return [];
  const [posts, states] = await Promise.all([ctx.store.posts({ ids, limit: ids.length }), ctx.store.postStates(user.id, ids)]);
  const followed = new Set(subscriptions.map((s) => s.feed.id));
  const seen = (p: StoredPost) => p.sources.some((s) => followed.has(s.feedId)) || states.has(p.id);
  const rest = posts.filter((p) => !seen(p)).map((p) => p.id);
  const matched = rest.length
    ? new Set((await ctx.store.feedMatches(user.id, { postIds: rest, ownFeedsOnly: user.ownFeedsOnly, aboveThresholdOnly: true })).map((m) => m.postId))
    : new Set<number>();
  // In the order asked for, as clients expect their ids back.
  const byId = new Map(posts.filter((p) => seen(p) || matched.has(p.id)).map((p) => [p.id, p]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
