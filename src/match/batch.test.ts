import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { gloveBackground } from '../embed/glove/background.ts';
import { analyzePosts, DEFAULT_THRESHOLD, scoreAnalyzed, scoreBatch, type BatchOptions, type PostInput } from './batch.ts';
import { compileInterest } from './interest/compile.ts';
import type { Interest } from './interest/interest.ts';
import { tableBackground } from './score/background-frequency.ts';

const embedder = new BuiltinEmbedder();
const options: BatchOptions = { background: gloveBackground(), backgroundFrequency: tableBackground(embedder.table) };

const interests: Interest[] = [
  { name: 'Baking', keywords: ['bread', 'cake', 'oven', 'flour'] },
  { name: 'Cycling', keywords: ['bicycle', 'cycling', 'peloton', 'tour de france'] },
];
const posts: PostInput[] = [
  { id: 'b1', title: 'Rye bread at home', text: 'Mix rye flour with water and salt, let the dough rise overnight and bake the bread in a hot oven.' },
  { id: 'b2', title: 'Chocolate cake', text: 'A moist chocolate cake: butter, sugar, eggs and flour, baked for forty minutes in the oven.' },
  { id: 'c1', title: 'Pogačar wins the Tour de France stage', text: 'The peloton split on the final climb and the cyclist attacked alone to win the stage of the Tour de France.' },
  { id: 'c2', title: 'Choosing a commuting bicycle', text: 'A steel frame, mudguards and wide tyres make a bicycle comfortable for cycling to work every day.' },
  { id: 'x1', title: 'Parliament passes the budget', text: 'Members of parliament approved the budget after a long debate about taxes and pensions.' },
  { id: 'x2', title: '', text: '' },
];

test('scoreBatch: one result per post with scores, matched, best and a breakdown', async () => {
  const results = await scoreBatch(posts, interests, embedder, options);
  assert.deepEqual(results.map((r) => r.id), posts.map((p) => p.id));
  const byId = new Map(results.map((r) => [r.id, r]));
  for (const id of ['b1', 'b2']) assert.deepEqual(byId.get(id)!.matched, ['Baking'], id);
  for (const id of ['c1', 'c2']) assert.deepEqual(byId.get(id)!.matched, ['Cycling'], id);
  assert.deepEqual(byId.get('x1')!.matched, []);
  assert.deepEqual(byId.get('x2')!.matched, [], 'an empty post matches nothing');
  assert.equal(byId.get('x2')!.best, null, 'and has no best interest');
  assert.equal(byId.get('b1')!.best, 'Baking');
  const breakdown = byId.get('b1')!.breakdown.Baking;
  assert.ok(breakdown.semantic > 0 && breakdown.lexical > 0);
  assert.ok(breakdown.terms.includes('bread') && breakdown.terms.includes('oven'), breakdown.terms.join(','));
  assert.equal(typeof breakdown.feedback, 'number');
  for (const r of results) for (const s of Object.values(r.scores)) assert.ok(Number.isFinite(s));
});

test('scoreAnalyzed: deterministic, and a post is matched exactly when its score reaches the threshold', async () => {
  const analyzed = await analyzePosts(posts, embedder);
  const compiled = await Promise.all(interests.map((i) => compileInterest(i, embedder)));
  const a = scoreAnalyzed(analyzed, compiled, options);
  assert.deepEqual(scoreAnalyzed(analyzed, compiled, options), a);
  for (const r of a) for (const [name, s] of Object.entries(r.scores)) assert.equal(r.matched.includes(name), s >= DEFAULT_THRESHOLD);
});

test('feedback: an off-topic report pushes the interest away from that post; a like pulls it closer', async () => {
  const analyzed = await analyzePosts(posts, embedder);
  const compiled = await Promise.all(interests.map((i) => compileInterest(i, embedder)));
  const before = scoreAnalyzed(analyzed, compiled, options);
  const offTopic = scoreAnalyzed(analyzed, compiled, { ...options, feedback: { Baking: { offTopic: ['b2'] } } });
  // (The threshold itself moves by score/feedback.ts adjustedThreshold, tested there.)
  assert.ok(offTopic.find((r) => r.id === 'b2')!.scores.Baking < before.find((r) => r.id === 'b2')!.scores.Baking);
  // A liked post that the interest as written scored low comes up.
  const liked = scoreAnalyzed(analyzed, compiled, { ...options, feedback: { Cycling: { liked: ['x1'] } } });
  assert.ok(liked.find((r) => r.id === 'x1')!.scores.Cycling > before.find((r) => r.id === 'x1')!.scores.Cycling);
});

test('stored posts calibrate but are not scored in the output', async () => {
  const stored = await analyzePosts([{ id: 'stored:1', title: 'Sourdough', text: 'A sourdough loaf with a crisp crust.' }], embedder);
  const results = await scoreBatch(posts.slice(0, 2), interests, embedder, { ...options, corpus: stored });
  assert.deepEqual(results.map((r) => r.id), ['b1', 'b2']);
});
