import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredPost } from '../store/store.ts';
import { candidatesOf } from './candidate.ts';
import { rankFeed } from './rank-feed.ts';

const post = (id: number, more: Partial<StoredPost> = {}): StoredPost => ({
  id,
  url: `https://example.org/${id}`,
  title: `Post ${id}`,
  authors: [],
  contentHtml: '',
  text: '',
  categories: [],
  simhash: '0000000000000000',
  clusterId: id,
  firstSeenAt: new Date('2026-11-22T10:00:00Z'),
  sources: [{ feedId: 3, feedTitle: 'Three', entryId: 'e' }],
  views: 0,
  revision: 0,
  ...more,
});

test('a stored post and its matches become one candidate per interest', () => {
  const stored = post(5, { clusterId: 2, published: new Date('2026-11-22T09:00:00Z') });
  const candidates = candidatesOf(stored, [
    { interest: 'AI', score: 6, threshold: 4, breakdown: { semantic: 3 }, terms: ['model'] },
    { interest: 'Chips', score: 2, threshold: 4, breakdown: {}, terms: [], feedback: 'offtopic' },
  ], true);
  assert.equal(candidates.length, 2);
  assert.deepEqual(candidates[0], {
    postId: 5,
    clusterId: 2,
    sources: [{ feedId: 3, feedTitle: 'Three' }],
    published: stored.published,
    firstSeenAt: stored.firstSeenAt,
    interest: 'AI',
    score: 6,
    threshold: 4,
    breakdown: { semantic: 3 },
    terms: ['model'],
    read: true,
  });
  assert.equal(candidates[1].feedback, 'offtopic');
  assert.equal('published' in candidatesOf(post(6), [{ interest: 'AI', score: 1, threshold: 0, breakdown: {}, terms: [] }], false)[0], false);
});

test('candidates from stored posts rank end to end', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const candidates = [
    ...candidatesOf(post(1), [{ interest: 'AI', score: 5, threshold: 4, breakdown: {}, terms: [] }], false),
    ...candidatesOf(post(2, { sources: [{ feedId: 4, feedTitle: 'Four', entryId: 'x' }] }), [{ interest: 'AI', score: 7, threshold: 4, breakdown: {}, terms: [] }], false),
  ];
  assert.deepEqual(rankFeed(candidates, { now }).map((r) => [r.postId, r.source?.feedTitle]), [[2, 'Four'], [1, 'Three']]);
});
