// What the action tests share: fetch settings for the actions that never fetch, and an in-memory store
// where ann follows a feed of one post and bea follows nothing.
import { post } from '../store/store-conformance.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';

/** For contexts whose actions fetch nothing: any fetch would fail at once. */
export const NO_FETCH_CONFIG: ActionContext['config'] = { allowPrivateNetworks: false, maxBodyBytes: 1, fetchTimeoutMs: 1, fetchConcurrency: 1, fetchConcurrencyPerHost: 1 };

export async function storeWithOnePost(): Promise<{ store: Store; ann: User; bea: User; postId: number }> {
  const store = openSqliteStore(':memory:');
  const ann = await store.createUser('ann', 'h');
  const bea = await store.createUser('bea', 'h');
  const { feed } = await store.subscribe(ann.id, { url: 'https://example.com/feed.xml' });
  await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: [post('a')], nextFetchAt: new Date() });
  const [{ id: postId }] = await store.posts();
  return { store, ann, bea, postId };
}
