import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enoughChange, implicitLikes, implicitLikesChanged, MAX_IMPLICIT_LIKES, MIN_IMPLICIT_LIKES, sampleImplicitLikes, usableImplicitLikes, type ScoredPair } from './implicit-likes.ts';

const pair = (postId: number, interestId: number, score: number, semantic = 3, lexical = 3): ScoredPair => ({ postId, interestId, score, semantic, lexical });

test('a post is an implicit like of its best interest only when that interest is sure of it', () => {
  const likes = implicitLikes([
    pair(1, 10, 6), pair(1, 11, 3.5), // sure, well clear of the runner-up
    pair(2, 10, 6), pair(2, 11, 5.5), // between two interests: teaches neither
    pair(3, 11, 3.9), // under the seed threshold
    pair(4, 11, 8, 5, 0.5), // one view alone (the lexical one sees nothing)
    pair(5, 11, 8, 1.5, 2.5), // the other way round: lexical unusual, semantic ordinary: enough
    pair(6, 10, 7), // no runner-up stored: it scores too low to stop it
    pair(7, 10, Number.NaN),
  ]);
  assert.deepEqual(Object.fromEntries(likes), { 10: [1, 6], 11: [5] });
});

test('a verdict of the user on a post for an interest is never overridden', () => {
  const pairs = [pair(1, 10, 6), pair(2, 10, 6), pair(2, 11, 2)];
  assert.deepEqual(Object.fromEntries(implicitLikes(pairs, (interest, post) => interest === 10 && post === 2)), { 10: [1] });
});

test('the sample is stable as the sure posts grow, and capped', () => {
  const ids = Array.from({ length: 300 }, (_, i) => 1000 + 7 * i);
  const sample = sampleImplicitLikes(ids);
  assert.equal(sample.length, MAX_IMPLICIT_LIKES);
  assert.deepEqual(sampleImplicitLikes([...ids].reverse()), sample, 'the order given does not matter');
  // Twenty more sure posts: the sample changes by a few, not wholesale.
  const grown = sampleImplicitLikes([...ids, ...Array.from({ length: 20 }, (_, i) => 5000 + i)]);
  const kept = grown.filter((id) => sample.includes(id)).length;
  assert.ok(kept >= MAX_IMPLICIT_LIKES - 20 && kept < MAX_IMPLICIT_LIKES, `${kept} kept`);
  // Not the first or the last ids: a spread of them.
  assert.ok(sample[0] < 1000 + 7 * 30 && sample[sample.length - 1] > 1000 + 7 * 270, `${sample[0]}..${sample[sample.length - 1]}`);
  assert.deepEqual(sampleImplicitLikes([5, 3, 9]), [3, 5, 9]);
});

test('an interest learns from its implicit likes once there are enough, and again when they change enough', () => {
  assert.deepEqual(usableImplicitLikes([1, 2, 3, 4]), [], `fewer than ${MIN_IMPLICIT_LIKES}: none`);
  assert.deepEqual(usableImplicitLikes([5, 1, 2, 3, 4]), [1, 2, 3, 4, 5]);
  assert.equal(implicitLikesChanged([], []), false);
  assert.equal(implicitLikesChanged([], [1, 2, 3, 4, 5]), true);
  const forty = Array.from({ length: 40 }, (_, i) => i);
  assert.equal(implicitLikesChanged(forty, [...forty.slice(4), 100, 101, 102, 103, 104]), false, '9 of 40 came or went: under a quarter');
  assert.equal(implicitLikesChanged(forty, [...forty.slice(5), 100, 101, 102, 103, 104]), true, '10 of 40: a quarter');
  assert.equal(implicitLikesChanged(forty, []), true, 'all went');
  assert.equal(enoughChange(MIN_IMPLICIT_LIKES - 1, 0), false);
  assert.equal(enoughChange(MIN_IMPLICIT_LIKES, 0), true);
  assert.equal(enoughChange(Infinity, 100), true);
});
