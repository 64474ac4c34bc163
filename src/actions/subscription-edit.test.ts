import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';
import { editSubscription } from './subscription-edit.ts';
import { NO_FETCH_CONFIG } from './test-fixture.ts';
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof ActionError ? e.code : String(e)));

describe('editSubscription', () => {
  it("renames and moves the user's own subscription only, keeping what is not changed", async () => {
    const store = openSqliteStore(':memory:');
    const ctx: ActionContext = { store, config: NO_FETCH_CONFIG };
    const ann = await store.createUser('ann', 'h');
    const bea = await store.createUser('bea', 'h');
    const { feed } = await store.subscribe(ann.id, { url: 'https://motors.example/feed.xml', title: 'Motors' }, 'Cars');
    await store.subscribe(bea.id, { url: feed.url }, 'Bea’s');

    const renamed = await editSubscription(ctx, ann, feed.id, { title: '  Motor   news ' });
    assert.equal(renamed.title, 'Motor news');
    assert.equal(renamed.category, 'Cars', 'the folder stays');
    const moved = await editSubscription(ctx, ann, feed.id, { category: 'Sport' });
    assert.deepEqual([moved.title, moved.category], ['Motor news', 'Sport']);
    assert.equal((await editSubscription(ctx, ann, feed.id, {})).title, 'Motor news');

    const beas = (await store.subscriptions(bea.id))[0];
    assert.deepEqual([beas.title, beas.category], ['Motors', 'Bea’s'], "another user's subscription is untouched");
    assert.equal(await code(editSubscription(ctx, ann, feed.id, { title: ' ' })), 'invalid');
    assert.equal(await code(editSubscription(ctx, ann, feed.id, { category: 'x'.repeat(201) })), 'invalid');
    assert.equal(await code(editSubscription(ctx, ann, 9999, { title: 'x' })), 'not_found');
    await store.unsubscribe(ann.id, feed.id);
    assert.equal(await code(editSubscription(ctx, ann, feed.id, { title: 'x' })), 'not_found', 'only while subscribed');
    await store.close();
  });
});
