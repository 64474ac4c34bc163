import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rankScore } from '../rank/freshness.ts';
import { FeedCache, type CachedPage } from './feed-cache.ts';
import type { UserFeed, UserFeedItem } from './user-feed.ts';

const HOUR = 3600_000;
const t0 = Date.UTC(2026, 11, 6, 12);

function item(postId: number, score: number, ageHours: number): UserFeedItem {
  const firstSeenAt = new Date(t0 - ageHours * HOUR);
  return {
    postId, clusterId: postId, interest: 'Rust', otherInterests: [], score, threshold: 3,
    rankScore: rankScore(score, undefined, firstSeenAt, new Date(t0), 36),
    hidden: false, alsoIn: [], read: false, firstSeenAt, breakdown: null, terms: [],
    post: { id: postId } as UserFeedItem['post'],
  };
}

/** A computation that counts its calls and ranks two items at t0, valid for `validHours`. */
function computation(validHours = 10) {
  const calls: number[] = [];
  const feed: UserFeed = { items: [item(1, 8, 2), item(2, 5, 1)], postsScored: 2, interests: [], edition: 1 };
  return {
    calls,
    compute: (): (() => Promise<CachedPage>) => async () => {
      calls.push(calls.length);
      return { feed, rankedAt: t0, validUntil: t0 + validHours * HOUR };
    },
  };
}

describe('FeedCache', () => {
  test('keeps a page per key while the store\'s version stays the same', async () => {
    const cache = new FeedCache();
    const { calls, compute } = computation();
    await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    assert.equal(calls.length, 1);
    await cache.page('u1', 'b', 'v1', t0, undefined, compute());
    assert.equal(calls.length, 2, 'another key');
    await cache.page('u1', 'a', 'v2', t0, undefined, compute());
    assert.equal(calls.length, 3, 'another version');
    await cache.page('u1', 'a', 'v2', t0, undefined, compute());
    assert.equal(calls.length, 3);
  });

  test('serves the page at a later now with rankScores as ranking computes them then', async () => {
    const cache = new FeedCache();
    const { calls, compute } = computation();
    await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    const later = await cache.page('u1', 'a', 'v1', t0 + 3 * HOUR, undefined, compute());
    assert.equal(calls.length, 1);
    assert.deepEqual(later.items.map((i) => i.rankScore), [
      rankScore(8, undefined, new Date(t0 - 2 * HOUR), new Date(t0 + 3 * HOUR), 36),
      rankScore(5, undefined, new Date(t0 - 1 * HOUR), new Date(t0 + 3 * HOUR), 36),
    ]);
    const halfLife = await cache.page('u1', 'a', 'v1', t0 + 3 * HOUR, 36, compute());
    assert.deepEqual(halfLife.items.map((i) => i.rankScore), later.items.map((i) => i.rankScore));
  });

  test('computes again outside the page\'s validity: past validUntil, or before it was ranked', async () => {
    const cache = new FeedCache();
    const { calls, compute } = computation(1);
    await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    await cache.page('u1', 'a', 'v1', t0 + HOUR, undefined, compute());
    assert.equal(calls.length, 1, 'validUntil is inclusive');
    await cache.page('u1', 'a', 'v1', t0 + HOUR + 1, undefined, compute());
    assert.equal(calls.length, 2);
    await cache.page('u1', 'a', 'v1', t0 - 1, undefined, compute());
    assert.equal(calls.length, 3);
  });

  test('gives every caller its own feed and items', async () => {
    const cache = new FeedCache();
    const { compute } = computation();
    const first = await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    first.items[0].interest = 'changed';
    first.items.pop();
    const second = await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    assert.equal(second.items.length, 2);
    assert.equal(second.items[0].interest, 'Rust');
  });

  test('shares one computation between asks at the same time; forgets a failed one', async () => {
    const cache = new FeedCache();
    const { calls, compute } = computation();
    const pages = await Promise.all([1, 2, 3].map(() => cache.page('u1', 'a', 'v1', t0, undefined, compute())));
    assert.equal(calls.length, 1);
    assert.equal(pages.length, 3);
    await assert.rejects(cache.page('u1', 'b', 'v1', t0, undefined, async () => { throw new Error('store gone'); }), /store gone/);
    await cache.page('u1', 'b', 'v1', t0, undefined, compute());
    assert.equal(calls.length, 2, 'the failure was not kept');
  });

  test('keeps a bounded number of pages, dropping the least recently computed', async () => {
    const cache = new FeedCache();
    const { compute } = computation();
    for (let i = 0; i < 300; i++) await cache.page('u1', `key ${i}`, 'v1', t0, undefined, compute());
    assert.equal(cache.size, 200);
  });

  test('keeps a user\'s pages while another user\'s version moves', async () => {
    const cache = new FeedCache();
    const { calls, compute } = computation();
    await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    await cache.page('u2', 'b', 'w1', t0, undefined, compute());
    await cache.page('u2', 'b', 'w2', t0, undefined, compute());
    assert.equal(calls.length, 3, 'u2 moved: computed again');
    await cache.page('u1', 'a', 'v1', t0, undefined, compute());
    assert.equal(calls.length, 3, 'u1 did not: kept');
    assert.equal(cache.size, 2);
  });

  test('drops the pages of other versions when the version moves', async () => {
    const cache = new FeedCache();
    const { compute } = computation();
    for (let i = 0; i < 3; i++) await cache.page('u1', `key ${i}`, 'v1', t0, undefined, compute());
    assert.equal(cache.size, 3);
    await cache.page('u1', 'key 0', 'v2', t0, undefined, compute());
    assert.equal(cache.size, 1);
  });
});
