// The IDF sweep of a matcher past IDF_SWEEP_FROM interests (matcher.ts, #refreshIdf): each
// interest's lexical weights are the stream's IDF of some batch no more than 25% (+ 20 posts)
// of growth ago, and not every interest is re-weighted in the same batch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import type { CompiledInterest } from '../interest/interest.ts';
import { CorpusStatistics } from '../score/corpus-statistics.ts';
import type { LexicalDocument } from '../score/document.ts';
import { queryVector, sparseDot, tfidfVector } from '../score/tfidf.ts';
import { Matcher, type MatcherPost } from './matcher.ts';

const DIMS = 8, INTERESTS = 5000, VOCABULARY = 400, BATCH = 40;

function unitVector(random: () => number): Float32Array {
  const v = Float32Array.from({ length: DIMS }, () => random() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

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
