import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinEmbedder } from './builtin.ts';
import { pseudoDocuments } from './glove/pseudo-documents.ts';
import { seededRandom } from '../seeded-random.ts';
import { gloveTable } from './glove/table.ts';
import { loadOovLearner, OovLearner, saveOovLearner, solveSymmetric } from './oov.ts';
import { cosine } from './sif.ts';

const table = gloveTable();
const vectorOf = (word: string): Float32Array => table.vector(table.rowOf(word)!);

const TOPICS = {
  computing: 'gpu gpus inference cuda nvidia chip chips processor memory training model models kernel server servers compute hardware accelerator latency throughput datacenter'.split(' '),
  sports: 'football match goal league striker season coach stadium team players fans cup referee penalty'.split(' '),
  finance: 'bank shares market profit interest investors economy inflation stocks rates trading earnings'.split(' '),
};
const FUNCTION_WORDS = 'the a of and to in for with on was new is by'.split(' ');

function assertNearer(v: Float32Array, near: string, far: string): void {
  const [a, b] = [cosine(v, vectorOf(near)), cosine(v, vectorOf(far))];
  assert.ok(a > b + 0.1, `cos to ${near} ${a.toFixed(3)}, to ${far} ${b.toFixed(3)}`);
}

// Sentences of one topic each; "zorbleflux" occurs only among computing words.
function syntheticCorpus(sentences: number, seed: number): string[][] {
  const random = seededRandom(seed);
  const pick = (list: string[]): string => list[Math.floor(random() * list.length)];
  const topics = Object.values(TOPICS);
  const corpus: string[][] = [];
  for (let s = 0; s < sentences; s++) {
    const topic = topics[s % topics.length];
    const words = Array.from({ length: 12 }, () => (random() < 0.5 ? pick(FUNCTION_WORDS) : pick(topic)));
    if (topic === TOPICS.computing && s % 2 === 0) words.splice(Math.floor(random() * 12), 0, 'zorbleflux');
    corpus.push(words);
  }
  return corpus;
}

test('an unknown word seen among GPU words gets a vector near "gpu", far from "football" (context average)', () => {
  const learner = new OovLearner(table, { minFitWords: Infinity });
  for (const sentence of syntheticCorpus(300, 1)) learner.observe(sentence);
  assert.equal(learner.usesLinearMap, false);
  const v = learner.vector('zorbleflux');
  assert.ok(v, 'learned');
  assertNearer(v, 'gpu', 'football');
  assertNearer(v, 'gpu', 'inflation');
});

// A learner that has seen enough text to fit A: pseudo-documents (many known words) plus the
// synthetic corpus. Built once: both tests below read it.
let fitted: OovLearner | undefined;
function fittedLearner(): OovLearner {
  if (fitted) return fitted;
  fitted = new OovLearner(table, { minFitWords: 150 });
  for (const doc of pseudoDocuments(table, 300, { seed: 3, vocabulary: 6000, topicTo: 5000, minWords: 30, maxWords: 120 })) fitted.observe(doc);
  for (const sentence of syntheticCorpus(300, 2)) fitted.observe([...sentence, 'café-zorb']);
  return fitted;
}

test('the same with the fitted linear map (à la carte) once enough known words were seen', () => {
  const learner = fittedLearner();
  assert.equal(learner.usesLinearMap, true);
  const v = learner.vector('zorbleflux')!;
  assertNearer(v, 'gpu', 'football');
  assertNearer(v, 'processor', 'inflation');
});

test('the built-in embedder uses learned vectors: a post about the new word lands near its topic', () => {
  const learner = new OovLearner(table, { minFitWords: Infinity });
  for (const sentence of syntheticCorpus(300, 4)) learner.observe(sentence);
  const embedder = new BuiltinEmbedder({ oov: learner });
  const post = embedder.embedText('Zorbleflux ships zorbleflux');
  assert.ok(cosine(post, embedder.embedText('GPU computing')) > cosine(post, embedder.embedText('football')));
});

test('a word needs minCount occurrences with context before it gets a vector', () => {
  const learner = new OovLearner(table, { minCount: 3 });
  learner.observe(['the', 'new', 'frobnik', 'gpu']);
  learner.observe(['frobnik', 'chips']);
  assert.equal(learner.count('frobnik'), 2);
  assert.equal(learner.vector('frobnik'), undefined);
  learner.observe(['frobnik']); // no context: not counted
  assert.equal(learner.count('frobnik'), 2);
  learner.observe(['fast', 'frobnik', 'memory']);
  assert.ok(learner.vector('frobnik'));
  assert.deepEqual(learner.learnedWords(), ['frobnik']);
});

test('known words, numbers, single letters and compounds of known words are not learned; new compounds are', () => {
  const learner = new OovLearner(table);
  assert.ok(!learner.isCandidate('football'));
  assert.ok(!learner.isCandidate("company's"));
  assert.ok(!learner.isCandidate('2024'));
  assert.ok(!learner.isCandidate('a') && !learner.isCandidate('i'));
  assert.ok(!learner.isCandidate('football-mad'));
  assert.ok(learner.isCandidate('gpt-4'));
  assert.ok(learner.isCandidate('pytorch'));
});

test('at most maxWords words are tracked; the rarest make room for newcomers', () => {
  const learner = new OovLearner(table, { maxWords: 2, minCount: 1, adaptFromRank: Infinity });
  learner.observe(['aaxq', 'gpu', 'aaxq', 'gpu', 'bbxq', 'gpu']);
  assert.deepEqual(learner.learnedWords(), ['aaxq', 'bbxq']);
  learner.observe(['gpu', 'ccxq']);
  assert.deepEqual(learner.learnedWords(), ['aaxq', 'ccxq']);
  assert.equal(learner.vector('bbxq'), undefined);
});

test('solveSymmetric solves a positive-definite system', () => {
  const m = Float64Array.of(4, 2, 2, 3);
  const b = Float64Array.of(2, 1, 1, 0); // columns: (2,1) and (1,0)
  const x = solveSymmetric(m, b, 2);
  // check M X = B
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      const got = m[i * 2] * x[j] + m[i * 2 + 1] * x[2 + j];
      assert.ok(Math.abs(got - b[i * 2 + j]) < 1e-12);
    }
  }
  assert.throws(() => solveSymmetric(Float64Array.of(1, 2, 2, 1), b, 2), /not positive definite/);
});

test('a known word used in another sense is tracked, and its induced vector follows the stream', () => {
  const random = seededRandom(5);
  const programming = 'compiler code programming software language memory safety developers library syntax'.split(' ');
  const learner = new OovLearner(table, { minFitWords: Infinity });
  for (let s = 0; s < 200; s++) {
    const pick = (list: string[]): string => list[Math.floor(random() * list.length)];
    const words = Array.from({ length: 10 }, () => pick(random() < 0.5 ? FUNCTION_WORDS : programming));
    words.splice(4, 0, 'rust');
    learner.observe(words);
  }
  assert.equal(learner.count('rust'), 200);
  assert.deepEqual(learner.learnedWords(), [], 'only unknown words are "learned"');
  assertNearer(learner.induced('rust')!.vector, 'programming', 'mildew');
  const embedder = new BuiltinEmbedder({ oov: learner });
  const before = cosine(vectorOf('rust'), vectorOf('programming'));
  assert.ok(cosine(embedder.wordVector('rust')!, vectorOf('programming')) > before + 0.2);
  // Frequent words are left alone.
  assert.equal(learner.count('the'), 0);
  assert.equal(new OovLearner(table, { adaptFromRank: Infinity }).isCandidate('rust'), false);
});

test('a saved learner restores to the same vectors; damaged snapshots are refused', () => {
  const learner = fittedLearner();
  const bytes = saveOovLearner(learner);
  const restored = loadOovLearner(table, bytes, { minFitWords: 150 });
  assert.equal(restored.usesLinearMap, true);
  assert.deepEqual(restored.learnedWords(), learner.learnedWords());
  for (const word of ['zorbleflux', 'café-zorb', 'gpu']) assert.deepEqual(restored.induced(word), learner.induced(word), word);
  assert.deepEqual(saveOovLearner(restored), bytes);
  assert.throws(() => loadOovLearner(table, bytes.subarray(0, bytes.length - 3)), /truncated|left over/);
  assert.throws(() => loadOovLearner(table, new Uint8Array(24)), /bad magic/);
});
