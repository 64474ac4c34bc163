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
  return withState(ctx, user, await existingPost(ctx, postId));
}

export async function markRead(ctx: ActionContext, user: User, postId: number, read: boolean): Promise<PostWithState> {
  const post = await existingPost(ctx, postId);
  await ctx.store.setRead(user.id, [postId], read);
  return withState(ctx, user, post);
}

export async function markStarred(ctx: ActionContext, user: User, postId: number, starred: boolean): Promise<PostWithState> {
  const post = await existingPost(ctx, postId);
  await ctx.store.setStarred(user.id, [postId], starred);
  return withState(ctx, user, post);
}

async function existingPost(ctx: ActionContext, postId: number): Promise<StoredPost> {
  const post = await ctx.store.postById(postId);
  if (!post) throw new ActionError('not_found', `no post with id ${postId}`);
  return post;
}

async function withState(ctx: ActionContext, user: User, post: StoredPost): Promise<PostWithState> {
  const state = (await ctx.store.postStates(user.id, [post.id])).get(post.id);
  return { post, read: !!state?.readAt, starred: !!state?.starredAt };
}
