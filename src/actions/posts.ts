// One post with the user's state of it, and marking it read or starred — for the post page, the REST
// API and the Google Reader API. Posts are the instance's shared pool; read and starred are per user.
import type { StoredPost, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';

export interface PostWithState {
  post: StoredPost;
  read: boolean;
  starred: boolean;
}

export async function postWithState(ctx: ActionContext, user: User, postId: number): Promise<PostWithState> {
  const post = await ctx.store.postById(postId);
  if (!post) throw new ActionError('not_found', `no post with id ${postId}`);
  const state = (await ctx.store.postStates(user.id, [postId])).get(postId);
  return { post, read: !!state?.readAt, starred: !!state?.starredAt };
}

export async function markRead(ctx: ActionContext, user: User, postId: number, read: boolean): Promise<PostWithState> {
  await postWithState(ctx, user, postId);
  await ctx.store.setRead(user.id, [postId], read);
  return postWithState(ctx, user, postId);
}

export async function markStarred(ctx: ActionContext, user: User, postId: number, starred: boolean): Promise<PostWithState> {
  await postWithState(ctx, user, postId);
  await ctx.store.setStarred(user.id, [postId], starred);
  return postWithState(ctx, user, postId);
}
