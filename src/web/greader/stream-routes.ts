// The stream calls: stream/items/ids (s=STREAM → decimal ids, how NetNewsWire and Read You sync),
// stream/items/contents (i=ID, repeatable → items) and stream/contents/STREAM (items of a stream page,
// the stream in the path or as s=; the reading list when absent).
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import type { StoredPost } from '../../store/store.ts';
import { signedInUser } from '../auth/context.ts';
import type { GreaderEnv } from './auth.ts';
import { badRequest } from './errors.ts';
import { parseStreamId, READER_STATES, shortItemId, stateStreamId, type ReaderState } from './ids.ts';
import { itemsJson } from './items.ts';
import { itemIdParams, type RequestParams } from './params.ts';
import { streamQuery } from './stream-query.ts';
import { readStream } from './streams.ts';
import { visiblePosts } from './visibility.ts';

export async function streamItemIds(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams): Promise<Response> {
  const user = signedInUser(c);
  const s = params.get('s');
  if (!s) throw badRequest('s=STREAM is required (e.g. user/-/state/com.google/reading-list)');
  const page = await readStream(ctx, user, streamQuery(params, user, parseStreamId(s, user)));
  return c.json({
    itemRefs: page.posts.map((p) => ({ id: shortItemId(p.id), directStreamIds: [], timestampUsec: String(p.firstSeenAt.getTime() * 1000) })),
    ...(page.continuation ? { continuation: page.continuation } : {}),
  });
}

export async function streamItemContents(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams): Promise<Response> {
  const user = signedInUser(c);
  const ids = itemIdParams(params);
  if (ids.length === 0) throw badRequest('i=ITEM_ID is required (repeat it for more items)');
  const subscriptions = await ctx.store.subscriptions(user.id);
  const posts = sortedByDate(await visiblePosts(ctx, user, ids, subscriptions), params.get('r') === 'o');
  return c.json({ id: stateStreamId('reading-list'), updated: nowSeconds(), items: await itemsJson(ctx, user, posts, subscriptions) });
}

/** stream/contents/STREAM: the stream id follows the prefix in the path, percent-encoded or not. */
export async function streamContents(ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams, prefix: string): Promise<Response> {
  const user = signedInUser(c);
  const path = new URL(c.req.url).pathname;
  let fromPath: string;
  try {
    fromPath = decodeURIComponent(path.slice(prefix.length).replace(/^\//, ''));
  } catch {
    throw badRequest('the stream id in the path is not valid percent-encoding');
  }
  const given = fromPath || params.get('s') || 'reading-list';
  // FreshRSS's documented short forms: stream/contents/reading-list, …/starred.
  const id = READER_STATES.some((s) => s === given) ? stateStreamId(given as ReaderState) : given;
  const stream = parseStreamId(id, user);
  const page = await readStream(ctx, user, streamQuery(params, user, stream));
  return c.json({
    id,
    updated: nowSeconds(),
    items: await itemsJson(ctx, user, page.posts),
    ...(page.continuation ? { continuation: page.continuation } : {}),
  });
}

function sortedByDate(posts: StoredPost[], oldestFirst: boolean): StoredPost[] {
  const time = (p: StoredPost) => (p.published ?? p.firstSeenAt).getTime();
  return posts.sort((a, b) => (oldestFirst ? time(a) - time(b) || a.id - b.id : time(b) - time(a) || b.id - a.id));
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
