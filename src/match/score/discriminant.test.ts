import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { discriminant, DISCRIMINANT_SHRINKAGE, QUERY_AS_LIKES, shrinkageFor, streamMoments } from './discriminant.ts';
import { rocchio } from './feedback.ts';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

test('streamMoments: mean and population covariance', () => {
  const m = streamMoments([[1, 0], [3, 2], [2, 1]]);
  assert.deepEqual(Array.from(m.mean), [2, 1]);
  // x − mean: (−1,−1), (1,1), (0,0): every entry 2/3.
  for (const c of Array.from(m.covariance)) assert.ok(Math.abs(c - 2 / 3) < 1e-12, `covariance ${Array.from(m.covariance)}`);
  assert.deepEqual(Array.from(streamMoments([], 2).mean), [0, 0]);
});

// A stream whose posts vary most along axis 0 (a direction every topic shares) and little along
// axis 1; the positives sit a little higher on both. The centroid points mostly along the noisy
// axis 0; the discriminant turns towards axis 1, where the positives stand out.
function stream(): { posts: Float32Array[]; positives: Float32Array[] } {
  const random = seededRandom(3);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const posts: Float32Array[] = [];
  const positives: Float32Array[] = [];
  for (let i = 0; i < 2000; i++) {
    const on = i % 10 === 0;
    const v = Float32Array.of(3 * gauss() + (on ? 1 : 0), 0.3 * gauss() + (on ? 1 : 0), 0.3 * gauss());
    posts.push(v);
    if (on) positives.push(v);
  }
  return { posts, positives };
}

test('discriminant: separates the positives from the stream better than their centroid', () => {
  const { posts, positives } = stream();
  const query = Float32Array.of(0, 0, 1);
  const moments = streamMoments(posts);
  const w = discriminant(query, positives, [], moments);
  const r = rocchio(query, positives, [], { alpha: 0, beta: 1, gamma: 0 });
  assert.ok(Math.abs(Math.hypot(...w) - 1) < 1e-6, 'unit length');
  // Fisher's criterion: separation of the means over the spread along the direction.
  const fisher = (v: ArrayLike<number>) => {
    const on = positives.map((p) => dot(p, v));
    const all = posts.map((p) => dot(p, v));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(mean(all.map((x) => (x - mean(all)) ** 2)));
    return (mean(on) - mean(all)) / sd;
  };
  assert.ok(fisher(w) > 1.5 * fisher(r), `discriminant ${fisher(w)} vs centroid ${fisher(r)}`);
  assert.ok(Math.abs(w[1]) > Math.abs(w[0]), `turned towards the quiet axis: ${Array.from(w)}`);
});

test('discriminant: without positives the query is the positive side; dislikes push away', () => {
  const { posts } = stream();
  const moments = streamMoments(posts);
  const query = Float32Array.of(0, 1, 0);
  const alone = discriminant(query, [], [], moments);
  assert.ok(alone[1] > 0.9, `${Array.from(alone)}`);
  const away = discriminant(query, [], [Float32Array.of(0, 0, 1)], moments);
  assert.ok(away[2] < 0, `pushed away from the disliked post: ${Array.from(away)}`);
  // A stream with no spread says nothing: the query comes back.
  assert.deepEqual(discriminant(query, [], [], streamMoments([query, query])), query);
  assert.throws(() => discriminant(query, [], [], streamMoments([[1, 2]])), /2 dims, query of 3/);
});

test('discriminant: a few likes move the interest part of the way (the words count as QUERY_AS_LIKES likes), many take it', () => {
  const { posts, positives } = stream();
  const moments = streamMoments(posts);
  const query = Float32Array.of(0, 0, 1);
  const one = discriminant(query, positives.slice(0, 1), [], moments);
  const many = discriminant(query, positives, [], moments);
  const unmixed = discriminant(query, positives.slice(0, 1), [], moments, [], 0.15, undefined, 0);
  assert.ok(Math.abs(Math.hypot(...one) - 1) < 1e-6, 'unit length');
  assert.ok(dot(one, query) > 0.75, `one like keeps most of the words' direction: ${Array.from(one)}`);
  assert.ok(dot(unmixed, query) < 0.5, `without the mix one like takes it over: ${Array.from(unmixed)}`);
  assert.ok(dot(many, query) < 0.1, `${positives.length} likes take it over: ${Array.from(many)}`);
  assert.ok(QUERY_AS_LIKES > 0);
});

test('shrinkageFor: the fewer the positives, the nearer the mean difference (λ = 1); none, the base λ', () => {
  assert.equal(shrinkageFor(0, 100), DISCRIMINANT_SHRINKAGE);
  const few = shrinkageFor(40, 100);
  const many = shrinkageFor(250, 100);
  assert.ok(few > many && many > DISCRIMINANT_SHRINKAGE, `${few} > ${many} > ${DISCRIMINANT_SHRINKAGE}`);
  assert.ok(Math.abs(shrinkageFor(100, 100) - (DISCRIMINANT_SHRINKAGE + 1) / 2) < 1e-12, 'as many positives as dimensions: halfway to 1');
  assert.ok(shrinkageFor(1, 100) < 1 && shrinkageFor(1, 100) > 0.99);
  assert.ok(shrinkageFor(1e9, 100) - DISCRIMINANT_SHRINKAGE < 1e-6);
});

test('discriminant: with few positives the default λ keeps closer to their mean difference than λ = DISCRIMINANT_SHRINKAGE', () => {
  const { posts, positives } = stream();
  const moments = streamMoments(posts);
  const query = Float32Array.of(0, 0, 1);
  const few = positives.slice(0, 3);
  // The plain mean difference (λ = 1), with the same query mix.
  const meanDifference = discriminant(query, few, [], moments, [], 0.15, 1);
  const adaptive = discriminant(query, few, [], moments);
  const base = discriminant(query, few, [], moments, [], 0.15, DISCRIMINANT_SHRINKAGE);
  assert.ok(dot(adaptive, meanDifference) > dot(base, meanDifference), `${dot(adaptive, meanDifference)} vs ${dot(base, meanDifference)}`);
});
