import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { ActionError } from './errors.ts';
import { outputFeedOwner, outputFeedToken, revokeOutputFeedToken, rotateOutputFeedToken } from './output-feeds.ts';
import { NO_FETCH_CONFIG } from './test-fixture.ts';

describe('output-feed token actions', () => {
  it('create, rotate and revoke the one secret that opens a user’s output feeds', async () => {
    const store = openSqliteStore(':memory:');
    const ann = await store.createUser('ann', 'h');
    const ctx = { store, config: NO_FETCH_CONFIG };
    const notFound = (err: unknown) => err instanceof ActionError && err.code === 'not_found';

    assert.equal(await outputFeedToken(ctx, ann), undefined);
    const first = await rotateOutputFeedToken(ctx, ann);
    assert.match(first, /^[\w-]{43}$/);
    assert.equal((await outputFeedOwner(ctx, first)).id, ann.id);
    const second = await rotateOutputFeedToken(ctx, ann);
    assert.notEqual(second, first);
    assert.equal(await outputFeedToken(ctx, ann), second);
    await assert.rejects(outputFeedOwner(ctx, first), notFound);
    await revokeOutputFeedToken(ctx, ann);
    await assert.rejects(outputFeedOwner(ctx, second), notFound);
    await assert.rejects(outputFeedOwner(ctx, ''), notFound);
    await assert.rejects(outputFeedOwner(ctx, 'x'.repeat(5000)), notFound);
    await store.close();
  });
});
