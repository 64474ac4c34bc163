import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionError } from './errors.ts';
import { markRead, markStarred, postWithState } from './posts.ts';
import { NO_FETCH_CONFIG, storeWithOnePost } from './test-fixture.ts';

describe('post actions', () => {
  it('show a post with the user’s own read and starred state, and refuse unknown posts', async () => {
    const { store, ann, bea, postId: id } = await storeWithOnePost();
    const ctx = { store, config: NO_FETCH_CONFIG };

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
