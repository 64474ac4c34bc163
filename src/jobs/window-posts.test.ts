import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MatcherPost } from '../match/matcher/matcher.ts';
import { WindowPosts } from './window-posts.ts';

const post = (id: number): MatcherPost => ({ id, vector: Float32Array.of(1, 0), doc: { counts: new Map([['van', 1]]), title: new Set(), length: 1 } });

test('a held post is given back at its revision only', () => {
  const window = new WindowPosts();
  const p = post(7);
  window.set(2, p);
  assert.equal(window.get({ id: 7, revision: 2 }), p);
  assert.equal(window.get({ id: 7, revision: 3 }), undefined, 'edited since: read again');
  assert.equal(window.get({ id: 8, revision: 0 }), undefined);
});

test('posts re-embedded or gone from the window are dropped', () => {
  const window = new WindowPosts();
  for (const id of [1, 2, 3, 4]) window.set(0, post(id));
  window.forget([2]);
  assert.equal(window.get({ id: 2, revision: 0 }), undefined);
  window.keepOnly([1, 2, 4, 9]);
  assert.equal(window.size, 2);
  assert.ok(window.get({ id: 1, revision: 0 }) && window.get({ id: 4, revision: 0 }));
  assert.equal(window.get({ id: 3, revision: 0 }), undefined);
  window.clear();
  assert.equal(window.size, 0);
});
