import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { post } from '../store/store-conformance.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { ActionError } from './errors.ts';
import { markRead, markStarred, postWithState } from './posts.ts';

describe('post actions', () => {
  it('show a post with the user’s own read and starred state, and refuse unknown posts', async () => {
    const store = openSqliteStore(':memory:');
    const ann = await store.createUser('ann', 'h');
    const bea = await store.createUser('bea', 'h');
    const { feed } = await store.subscribe(ann.id, { url: 'https://example.com/feed.xml' });
    await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: [post('a')], nextFetchAt: new Date() });
    const [{ id }] = await store.posts();
    const ctx = { store, config: { allowPrivateNetworks: false, maxBodyBytes: 1, fetchTimeoutMs: 1, fetchConcurrency: 1, fetchConcurrencyPerHost: 1 } };

    assert.deepEqual(await markRead(ctx, ann, id, true).then((s) => [s.read, s.starred]), [true, false]);
    assert.deepEqual(await markStarred(ctx, ann, id, true).then((s) => [s.read, s.starred]), [true, true]);
    assert.deepEqual(await postWithState(ctx, bea, id).then((s) => [s.post.title, s.read, s.starred]), ['Post a', false, false]);
    assert.deepEqual(await markRead(ctx, ann, id, false).then((s) => [s.read, s.starred]), [false, true]);
    for (const attempt of [postWithState(ctx, ann, 999), markRead(ctx, ann, 999, true), markStarred(ctx, bea, 999, true)]) {
      await assert.rejects(attempt, (err: unknown) => err instanceof ActionError && err.code === 'not_found');
    }
    await store.close();
  });
});
