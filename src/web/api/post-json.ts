// A stored post as the API shows it (with the user's read and starred state), and pages of posts
// under a cursor that stays put while new posts arrive.
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import type { PostWithState } from '../../actions/posts.ts';
import type { PostCursor, StoredPost, User } from '../../store/store.ts';
import { Timestamp, timestamp } from './fields.ts';

export const PostJson = z
  .object({
    id: z.number().int(),
    url: z.string().nullable().meta({ description: 'the canonical URL (tracking parameters removed), else the link' }),
    link: z.string().nullable().meta({ description: 'the link as the feed gave it' }),
    title: z.string(),
    authors: z.array(z.string()),
    published: Timestamp.nullable(),
    updated: Timestamp.nullable(),
    firstSeenAt: Timestamp,
    categories: z.array(z.string()),
    sources: z.array(z.object({ feedId: z.number().int(), feed: z.string() })).meta({ description: 'every feed that carried the post' }),
    clusterId: z.number().int().meta({ description: 'near-duplicates share it' }),
    content: z.string().meta({ description: 'sanitized HTML' }),
    views: z.number().int(),
    read: z.boolean(),
    starred: z.boolean(),
  })
  .meta({ id: 'Post' });

export function postJson({ post, read, starred }: PostWithState): z.infer<typeof PostJson> {
  return {
    id: post.id,
    url: post.url ?? post.link ?? null,
    link: post.link ?? null,
    title: post.title,
    authors: post.authors,
    published: timestamp(post.published),
    updated: timestamp(post.updated),
    firstSeenAt: timestamp(post.firstSeenAt),
    categories: post.categories,
    sources: post.sources.map((s) => ({ feedId: s.feedId, feed: s.feedTitle })),
    clusterId: post.clusterId,
    content: post.contentHtml,
    views: post.views,
    read,
    starred,
  };
}

export const PostPage = z.object({
  posts: z.array(PostJson),
  next: z.string().nullable().meta({ description: 'pass as `after` for the next page; null on the last page' }),
});

export interface PostPageQuery {
  feedIds: readonly number[];
  limit: number;
  /** The previous page's `next`: "<sort time ms>-<post id>". */
  after?: string;
  unreadOnly?: boolean;
}

export async function postPage(ctx: ActionContext, user: User, query: PostPageQuery): Promise<z.infer<typeof PostPage>> {
  // One more than asked tells whether a next page exists.
  const posts = await ctx.store.posts({
    feedIds: query.feedIds,
    limit: query.limit + 1,
    after: query.after === undefined ? undefined : parseCursor(query.after),
    unreadBy: query.unreadOnly ? user.id : undefined,
  });
  const page = posts.slice(0, query.limit);
  const states = await ctx.store.postStates(user.id, page.map((p) => p.id));
  const last = page.at(-1);
  return {
    posts: page.map((post) => postJson({ post, read: !!states.get(post.id)?.readAt, starred: !!states.get(post.id)?.starredAt })),
    next: posts.length > query.limit && last ? formatCursor(last) : null,
  };
}

/** The store orders posts by published time, else first seen, then id. */
function formatCursor(post: StoredPost): string {
  return `${(post.published ?? post.firstSeenAt).getTime()}-${post.id}`;
}

function parseCursor(text: string): PostCursor {
  const [time, id] = text.split('-').map(Number);
  return { time: new Date(time), id };
}
