import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alsoIn, foldClusters, type Foldable } from './fold.ts';

interface Item extends Foldable {
  rank: number;
}
const src = (feedId: number): { feedId: number; feedTitle: string } => ({ feedId, feedTitle: `Feed ${feedId}` });
const item = (postId: number, clusterId: number, rank: number, ...feeds: number[]): Item => ({ postId, clusterId, rank, sources: feeds.map(src) });
const byRank = (a: Item, b: Item): number => a.rank - b.rank;

test('one item per cluster: the best-ranked post represents it', () => {
  const clusters = foldClusters([item(1, 1, 5, 10), item(2, 1, 2, 11), item(3, 3, 3, 12), item(4, 1, 9, 13)], byRank);
  assert.deepEqual(clusters.map((c) => c.representative.postId), [2, 3]);
  assert.deepEqual(clusters[0].others.map((o) => o.postId), [1, 4]);
  assert.deepEqual(clusters[1].others, []);
});

test('"also in" lists the other feeds once each, the representative\'s own extra sources first', () => {
  // Post 2 came from feeds 11 and 14 (same URL); its near-duplicates from 10, 14 again, and 13.
  const [cluster] = foldClusters([item(1, 1, 5, 10, 14), item(2, 1, 2, 11, 14), item(4, 1, 9, 13, 11)], byRank);
  assert.deepEqual(alsoIn(cluster), [
    { feedId: 14, feedTitle: 'Feed 14', postId: 2 },
    { feedId: 10, feedTitle: 'Feed 10', postId: 1 },
    { feedId: 13, feedTitle: 'Feed 13', postId: 4 },
  ]);
});

test('a post alone in its cluster with one source is in nothing else; a post without sources folds too', () => {
  const [alone] = foldClusters([item(7, 7, 1, 3)], byRank);
  assert.deepEqual(alsoIn(alone), []);
  const [bare] = foldClusters([item(8, 8, 1), item(9, 8, 2, 4)], byRank);
  assert.deepEqual(alsoIn(bare), [{ feedId: 4, feedTitle: 'Feed 4', postId: 9 }]);
});

test('the input order does not change the result', () => {
  const input = [item(1, 1, 5, 10), item(2, 1, 2, 11), item(3, 3, 3, 12), item(4, 1, 9, 13), item(5, 3, 1, 15)];
  const expected = foldClusters(input, byRank);
  assert.deepEqual(foldClusters([...input].reverse(), byRank), expected);
  assert.deepEqual(expected.map((c) => c.representative.postId), [5, 2]);
});
