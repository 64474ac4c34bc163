import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusStatistics } from './corpus-statistics.ts';
import { lexicalDocument } from './document.ts';
import { centroidView, MIN_OFF_TOPIC_POSTS, naiveBayesView, positiveViews } from './positive-views.ts';
import { tfidfVector } from './tfidf.ts';

// A small stream: baking posts (the positives are the first three), gardening posts and
// football posts, each topic with its own words and a few words every post shares.
const baking = ['flour butter oven dough rise loaf', 'sourdough starter flour oven crust', 'butter pastry oven bake tart flour', 'loaf dough knead flour bake crust'];
const gardening = ['soil seeds water roses prune', 'compost soil worms garden beds', 'tomatoes water greenhouse seeds soil'];
const football = ['goal striker penalty match keeper', 'league match referee goal fans', 'striker transfer club league goal'];

function stream(copies: number) {
  const texts = [...baking, ...Array.from({ length: copies }, (_, k) => [...gardening, ...football].map((t) => `${t} week ${k % 3 === 0 ? 'news' : 'report'}`)).flat()];
  const docs = texts.map((t) => lexicalDocument('', `${t} people said`));
  const stats = new CorpusStatistics();
  for (const d of docs) stats.add(d);
  return { docs, vectors: docs.map((d) => tfidfVector(d, stats)) };
}
const positives = [0, 1, 2];

test('naiveBayesView: posts in the positives\' words score above the rest, and a post of other words below the stream', () => {
  const { docs } = stream(2);
  const view = naiveBayesView(docs, positives);
  const unseenBaking = view[3];
  const others = Array.from(view).slice(4);
  assert.ok(others.every((x) => x < unseenBaking), `${unseenBaking} vs ${others}`);
  assert.ok(unseenBaking > 0);
  assert.ok(others.every((x) => x < 0));
});

test('centroidView: the cosine to the positives\' centroid, highest for a post of their words, 0 for a post sharing none', () => {
  const { vectors } = stream(2);
  const view = centroidView(vectors, positives);
  assert.ok(view[3] > 0.2, String(view[3]));
  assert.ok(Array.from(view).slice(4).every((x) => x < view[3]));
  const unrelated = centroidView([...vectors, new Map([['volcano', 1]])], positives);
  assert.equal(unrelated[vectors.length], 0);
});

test('positiveViews: SDs above the typical off-topic post, summed; none without positives or with too few other posts', () => {
  const small = stream(2);
  assert.ok(small.docs.length - positives.length < MIN_OFF_TOPIC_POSTS);
  assert.equal(positiveViews(small.docs, small.vectors, positives), undefined);
  const { docs, vectors } = stream(10);
  assert.ok(docs.length - positives.length >= MIN_OFF_TOPIC_POSTS);
  assert.equal(positiveViews(docs, vectors, []), undefined);
  const views = positiveViews(docs, vectors, positives)!;
  assert.equal(views.length, docs.length);
  // The baking post nobody liked stands far above the gardening and football posts, which sit
  // around their typical post (0 for each view).
  const others = Array.from(views).slice(4);
  assert.ok(views[3] > 3, String(views[3]));
  assert.ok(others.every((x) => Math.abs(x) < 3), String(others));
});
