// /posts/:id: one post with your read and starred state; marking it read or unread, starred or not.
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import { markRead, markStarred, postWithState } from '../../actions/posts.ts';
import { IdParams } from './fields.ts';
import { PostJson, postJson } from './post-json.ts';
import { apiRoute, type ApiRoute } from './route.ts';

const PostState = z.object({ id: z.number().int(), read: z.boolean(), starred: z.boolean() }).meta({ id: 'PostState' });

export function postRoutes(ctx: ActionContext): ApiRoute[] {
  const state = (
    method: 'post' | 'delete',
    flag: 'read' | 'star',
    summary: string,
    change: typeof markRead,
  ): ApiRoute =>
    apiRoute({
      method,
      path: `/posts/:id/${flag}`,
      tag: 'posts',
      summary,
      params: IdParams,
      response: { status: 200, description: "the post's state now", schema: PostState },
      handle: async ({ user, params }) => {
        const { post, read, starred } = await change(ctx, user, params.id, method === 'post');
        return { id: post.id, read, starred };
      },
    });
  return [
    apiRoute({
      method: 'get',
      path: '/posts/:id',
      tag: 'posts',
      summary: 'One post',
      params: IdParams,
      response: { status: 200, description: 'the post (posts are shared by the instance; read and starred are yours)', schema: PostJson },
      handle: async ({ user, params }) => postJson(await postWithState(ctx, user, params.id)),
    }),
    state('post', 'read', 'Mark a post read', markRead),
    state('delete', 'read', 'Mark a post unread', markRead),
    state('post', 'star', 'Star a post', markStarred),
    state('delete', 'star', 'Unstar a post', markStarred),
  ];
}
