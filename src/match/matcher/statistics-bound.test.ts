// The stream statistics of a matcher stay bounded (matcher.ts #pruneStatistics,
// CorpusStatistics.pruneIfFull): a stream brings new phrases with nearly every post, forever, and
// unbounded they reached V8's limit of one Map (2^24 terms) within days at Scour's rate. Past the
// bound the rarest terms are forgotten; an interest's never are, and its lexical weights, read
// from the statistics by index, stay those of the terms' own IDF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import type { CompiledInterest } from '../interest/interest.ts';
import { CorpusStatistics } from '../score/corpus-statistics.ts';
import type { LexicalDocument } from '../score/document.ts';
import { queryVector, sparseDot, tfidfVector } from '../score/tfidf.ts';
import { randomUnitVector } from '../kernel/synthetic-vectors.ts';
import { Matcher, type MatcherPost } from './matcher.ts';

const DIMS = 8, BATCH = 40, NEW_PER_POST = 20, LIMIT = { from: 2000, to: 1000 };

const unitVector = (random: () => number): Float32Array => randomUnitVector(random, DIMS);

test('past its bound the stream forgets its rarest terms, never an interest\'s, and weighs every interest right', async () => {
  const random = seededRandom(8);
  let fresh = 0;
  // Common words w0…w29, the interests' rare keywords k0…k9 (one post in ~25 each) and 'solo'
  // (one post in all), and twenty words no post had before (the phrases of real posts).
  const doc = (): LexicalDocument => {
    const counts = new Map<string, number>();
    if (fresh === 1000) counts.set('solo', 1);
    for (let k = 0; k < 6; k++) counts.set(`w${Math.floor(30 * random() ** 2)}`, 1 + Math.floor(random() * 2));
    if (random() < 0.4) counts.set(`k${Math.floor(random() * 10)}`, 1);
    for (let k = 0; k < NEW_PER_POST; k++) counts.set(`new${fresh++}`, 1);
    return { counts, title: new Set(), length: 40 };
  };
  const interests = Array.from({ length: 10 }, (_, id): { id: number; compiled: CompiledInterest } => ({
    id,
    compiled: {
      name: `interest ${id}`,
      terms: [`k${id}`, `w${id * 3}`, ...(id === 0 ? ['solo'] : [])].map((term, k) => ({ term, weight: 1 + k, source: 'keyword' as const, text: term })),
      refused: [],
      vector: unitVector(random),
      embedderId: 'bound@1',
    },
  }));
  const matcher = Matcher.create(interests, { embedderId: 'bound@1', dims: DIMS, statisticsLimit: LIMIT });
  const everything = new CorpusStatistics(); // the same posts, unbounded
  const probe: MatcherPost = { id: -1, vector: unitVector(random), doc: { counts: new Map([...Array.from({ length: 10 }, (_, i) => [`k${i}`, 1] as const), ['w0', 2], ['w9', 1], ['solo', 1]]), title: new Set(), length: 14 } };
  try {
    const snapshots: CorpusStatistics[] = [CorpusStatistics.fromJSON(matcher.stats.toJSON())];
    let id = 0, most = 0;
    for (let batch = 0; batch < 40; batch++) {
      const posts = Array.from({ length: BATCH }, () => ({ id: id++, vector: unitVector(random), doc: doc() }));
      for (const p of posts) everything.add(p.doc);
      const columns = await matcher.scorePostsColumns(posts);
      most = Math.max(most, matcher.stats.terms);
      // Pruned before each batch: at most the bound and one batch's new terms.
      assert.ok(matcher.stats.terms <= LIMIT.from + BATCH * (NEW_PER_POST + 7), `batch ${batch}: ${matcher.stats.terms} terms`);
      assert.equal(matcher.stats.documents, everything.documents);
      for (const term of ['solo', ...Array.from({ length: 10 }, (_, k) => `k${k}`)]) {
        assert.equal(matcher.stats.documentFrequency(term), everything.documentFrequency(term), `batch ${batch}: ${term} counted in full`);
      }
      for (let w = 0; w < 30; w += 3) assert.equal(matcher.stats.documentFrequency(`w${w}`), everything.documentFrequency(`w${w}`));
      snapshots.push(CorpusStatistics.fromJSON(matcher.stats.toJSON()));
      assert.ok(columns.length >= 0);
      // ℓ of the probe from its lexical z-score: the query weighed at some batch's IDF of its own terms.
      const x = tfidfVector(probe.doc, matcher.stats);
      for (const { id: i, compiled } of interests) {
        const match = matcher.scoreOne(i, probe), lexical = matcher.calibration(i).lexical;
        const l = match.lexical * lexical.std + lexical.mean;
        const weighed = snapshots.some((stats) => Math.abs(sparseDot(queryVector(compiled.terms, stats), x) - l) < 1e-9);
        assert.ok(weighed, `batch ${batch}, interest ${i}: ℓ ${l} from no batch's IDF of its terms`);
      }
    }
    assert.equal(everything.documentFrequency('solo'), 1);
    assert.ok(everything.terms > 10 * LIMIT.from, `the stream brought ${everything.terms} terms`);
    assert.ok(most < 2 * LIMIT.from, `the matcher held at most ${most}`);
  } finally {
    await matcher.close();
  }
});
