// The IDF sweep of a matcher past IDF_SWEEP_FROM interests (matcher.ts, #refreshIdf): each
// interest's lexical weights are the stream's IDF of some batch no more than 25% (+ 20 posts)
// of growth ago, and not every interest is re-weighted in the same batch. And the stream-moment
// sweep computed ahead, while the workers scan (StreamSweep.stageAhead, stream-sweep.ts): the same numbers however the batch is
// scanned, and a batch that fails leaves it as if the batch had not been.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import type { CompiledInterest } from '../interest/interest.ts';
import { CorpusStatistics } from '../score/corpus-statistics.ts';
import type { LexicalDocument } from '../score/document.ts';
import { queryVector, sparseDot, tfidfVector } from '../score/tfidf.ts';
import { createDenseScorer, type DenseScorer } from '../kernel/dense-scorer.ts';
import { randomUnitVector } from '../kernel/synthetic-vectors.ts';
import { Matcher, type MatcherPost } from './matcher.ts';
import { VectorMoments } from './vector-moments.ts';

const DIMS = 8, INTERESTS = 5000, VOCABULARY = 400, BATCH = 40;

const unitVector = (random: () => number): Float32Array => randomUnitVector(random, DIMS);

test('past 4,096 interests, the IDF is refreshed by a sweep: every query within 25% of growth, spread over batches', async () => {
  const random = seededRandom(21);
  const term = (i: number) => `t${i}`;
  // Single-word terms only: CorpusStatistics.toJSON keeps them all, so a copy is a snapshot.
  const doc = (): LexicalDocument => {
    const counts = new Map<string, number>();
    // Skewed: low ids are common, so their IDF moves as the stream grows.
    for (let k = 0; k < 12; k++) counts.set(term(Math.floor(VOCABULARY * random() ** 2)), 1 + Math.floor(random() * 3));
    return { counts, title: new Set(), length: 40 };
  };
  const interests = Array.from({ length: INTERESTS }, (_, id): { id: number; compiled: CompiledInterest } => ({
    id,
    compiled: {
      name: `interest ${id}`,
      terms: Array.from({ length: 3 }, (_, k) => ({ term: term((id * 7 + k * 131) % VOCABULARY), weight: 1 + k, source: 'keyword' as const, text: '' })),
      refused: [],
      vector: unitVector(random),
      embedderId: 'sweep@1',
    },
  }));
  const matcher = Matcher.create(interests, { embedderId: 'sweep@1', dims: DIMS });
  try {
    const snapshots = new Map<number, CorpusStatistics>(); // stream size → its statistics
    const probe: MatcherPost = { id: -1, vector: unitVector(random), doc: { counts: new Map(Array.from({ length: VOCABULARY }, (_, i) => [term(i), 1])), title: new Set(), length: VOCABULARY } };
    let id = 0, fresh = 0, checked = 0, crowd = 0;
    for (let batch = 0; batch < 30; batch++) {
      await matcher.scorePostsColumns(Array.from({ length: BATCH }, () => ({ id: id++, vector: unitVector(random), doc: doc() })));
      const n = matcher.stats.documents;
      snapshots.set(n, CorpusStatistics.fromJSON(matcher.stats.toJSON()));
      if (batch < 5) continue;
      const x = tfidfVector(probe.doc, matcher.stats);
      let batchFresh = 0, batchChecked = 0;
      for (let i = batch % 97; i < INTERESTS; i += 97) {
        // ℓ of the probe from its lexical z and the calibration it was scored with.
        const match = matcher.scoreOne(i, probe), lexical = matcher.calibration(i).lexical;
        const l = match.lexical * lexical.std + lexical.mean;
        const at = [...snapshots].filter(([, stats]) => Math.abs(sparseDot(queryVector(interests[i].compiled.terms, stats), x) - l) < 1e-9).map(([m]) => m);
        assert.ok(at.length > 0, `batch ${batch}, interest ${i}: ℓ ${l} from no batch's IDF`);
        assert.ok(Math.max(...at) * 1.25 + 20 > n, `batch ${batch}, interest ${i}: weighed at ${Math.max(...at)} of ${n} posts`);
        batchChecked++;
        if (at.includes(n)) batchFresh++;
      }
      fresh += batchFresh;
      checked += batchChecked;
      // From 440 posts on a row's weights may be 4 batches old: a quarter of them per batch.
      if (batch >= 10) crowd = Math.max(crowd, batchFresh / batchChecked);
    }
    assert.ok(fresh > 0, 'the sweep re-weighs');
    assert.ok(crowd < 0.6, `at most ${(crowd * 100).toFixed(0)}% of the sampled queries re-weighed in one batch: a slice per batch, not all at once`);
  } finally {
    await matcher.close();
  }
});

test('a keyword the stream has not seen yet is weighed at its IDF once posts bring it', async () => {
  const random = seededRandom(5);
  // 'late' appears from the 8th batch on: absent from the statistics when first weighed.
  const doc = (batch: number): LexicalDocument => {
    const counts = new Map<string, number>([[`w${Math.floor(random() * 20)}`, 1], ['common', 1]]);
    if (batch >= 8 && random() < 0.5) counts.set('late', 1);
    return { counts, title: new Set(), length: 10 };
  };
  const terms = ['common', 'late', 'w3'].map((term, k) => ({ term, weight: 1 + k, source: 'keyword' as const, text: term }));
  const compiled: CompiledInterest = { name: 'late', terms, refused: [], vector: unitVector(random), embedderId: 'late@1' };
  const matcher = Matcher.create([{ id: 0, compiled }], { embedderId: 'late@1', dims: DIMS });
  try {
    const probe: MatcherPost = { id: -1, vector: unitVector(random), doc: { counts: new Map([['common', 1], ['late', 2], ['w3', 1]]), title: new Set(), length: 4 } };
    const snapshots = [CorpusStatistics.fromJSON(matcher.stats.toJSON())]; // weighed at its upsert
    let id = 0, weighedWithLate = 0;
    for (let batch = 0; batch < 40; batch++) {
      await matcher.scorePostsColumns(Array.from({ length: 10 }, () => ({ id: id++, vector: unitVector(random), doc: doc(batch) })));
      snapshots.push(CorpusStatistics.fromJSON(matcher.stats.toJSON()));
      const x = tfidfVector(probe.doc, matcher.stats);
      const match = matcher.scoreOne(0, probe), lexical = matcher.calibration(0).lexical;
      const l = match.lexical * lexical.std + lexical.mean;
      const at = snapshots.filter((stats) => Math.abs(sparseDot(queryVector(terms, stats), x) - l) < 1e-9);
      assert.ok(at.length > 0, `batch ${batch}: ℓ ${l} from no batch's IDF`);
      if (at.some((stats) => stats.documentFrequency('late') > 0)) weighedWithLate++;
    }
    assert.ok(weighedWithLate > 0, 'weighed again after the keyword came');
  } finally {
    await matcher.close();
  }
});

test('a batch that fails after the stream-moment sweep ran ahead leaves the sweep as if it had not been', async () => {
  const random = seededRandom(33);
  const doc = (): LexicalDocument => ({ counts: new Map([[`w${Math.floor(random() * 50)}`, 1]]), title: new Set(), length: 5 });
  // Posts spread unevenly over the dimensions, so an interest's cosine spread depends on its vector.
  const skewed = (): Float32Array => {
    const v = unitVector(random).map((x, i) => x * (1 + 2 * i));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const post = (id: number): MatcherPost => ({ id, vector: skewed(), doc: doc() });
  // A day-old stream (2,000 posts), so each batch sweeps a slice of the rows, not all of them.
  const moments = new VectorMoments(DIMS), stats = new CorpusStatistics();
  for (let i = 0; i < 2000; i++) { const p = post(-1 - i); moments.add(p.vector); stats.add(p.doc); }
  const saved = { version: 1, embedderId: 'ahead@1', dims: DIMS, vectors: moments.toJSON(), corpus: stats.toJSON(), idfRefreshedAt: stats.documents };
  // Keywords no post holds: the interests' calibrations move only with their cosines.
  const interests = Array.from({ length: 300 }, (_, id): { id: number; compiled: CompiledInterest } => ({
    id, compiled: { name: `i${id}`, terms: [{ term: `absent${id}`, weight: 1, source: 'keyword', text: '' }], refused: [], vector: unitVector(random), embedderId: 'ahead@1' },
  }));
  // a scans in three parts; its scorer fails the scan of part 1 when told (after part 0 was
  // scored and the sweep ahead ran), and runs `edits.a` when asked for part 2's scan (between two
  // slices of the sweep). b scans in one (its sweep ahead runs after the scan was asked for) and
  // runs `edits.b` when asked for it: the same stream then, the same numbers to expect.
  let failPart = -1, parts: unknown[] = [];
  const edits: { a?: () => void; b?: () => void } = {};
  const hooked = (inner: DenseScorer, name: 'a' | 'b', at: number): DenseScorer => new Proxy(inner, {
    get(target, key) {
      if (key === 'split') return (n: number) => (parts = target.split(n));
      if (key === 'scoreBatch') {
        return (...args: Parameters<DenseScorer['scoreBatch']>) => {
          const part = args[4] === undefined ? -1 : parts.indexOf(args[4]);
          if (part === at) { edits[name]?.(); edits[name] = undefined; }
          return name === 'a' && failPart >= 0 && part === failPart ? Promise.reject(new Error('scan failed')) : target.scoreBatch(...args);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const options = (scorer: DenseScorer, splitBatchFrom: number) => ({ embedderId: 'ahead@1', dims: DIMS, saved, scorer, splitBatchFrom, scanParts: 3 });
  const a = Matcher.create(interests, options(hooked(createDenseScorer(DIMS, { threads: 1 }), 'a', 2), 1));
  const b = Matcher.create(interests, options(hooked(createDenseScorer(DIMS, { threads: 1 }), 'b', -1), Infinity));
  const semantic = (m: Matcher) => interests.map(({ id }) => m.calibration(id).semantic);
  try {
    let id = 0, compared = 0;
    for (let batch = 0; batch < 12; batch++) {
      const posts = Array.from({ length: 20 }, () => post(id++));
      if (batch === 5) {
        failPart = 1;
        await assert.rejects(a.scorePostsColumns(posts), /scan failed/);
        failPart = -1;
        assert.equal(a.postsSeen, b.postsSeen, 'the failed batch is not in the stream');
        continue; // b never sees it
      }
      // Batch 9: two thirds of the interests get new vectors while the batch runs (for a, between
      // two slices of what it stages for the next batch's sweep): what was staged for their old
      // vectors must not become theirs.
      if (batch === 9) {
        const changed = interests.slice(100).map(({ id, compiled }) => ({ id, compiled: { ...compiled, vector: unitVector(random) } }));
        edits.a = () => { for (const e of changed) a.upsertInterest(e.id, e.compiled); };
        edits.b = () => { for (const e of changed) b.upsertInterest(e.id, e.compiled); };
      }
      await a.scorePostsColumns(posts);
      await b.scorePostsColumns(posts);
      assert.deepEqual(edits, { a: undefined, b: undefined }, 'the edits ran in the batch');
      const sa = semantic(a), sb = semantic(b);
      // Part 0's rows were scored in the failed batch (their cosines observed): the rest must agree.
      for (let i = batch > 5 ? 100 : 0; i < interests.length; i++) { assert.deepEqual(sa[i], sb[i], `batch ${batch}, interest ${i}`); compared++; }
    }
    assert.ok(compared > 2000);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
