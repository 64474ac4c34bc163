// One conformance suite for every DenseScorer (plain JS float32, WebAssembly, WebAssembly
// across workers): the same cases, so the fast scorers are held to the reference.
// Scores are exact float32 cosines in every implementation (one shared exactDot), so the
// implementations agree to the bit; the brute-force reference here is written separately
// (one running float64 sum), so against it scores agree within 1e-6 and only pairs that
// close to the threshold may fall either way. The int8 kernel may only change how many
// candidates it rescores, never which pairs come out.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DimensionMismatchError, unitVector } from './interest-matrix.ts';
import { FloatDenseScorer } from './float-scorer.ts';
import { clusteredVectors, randomCentroids } from './synthetic-vectors.ts';
import { seededRandom } from '../../seeded-random.ts';
import { MatchList } from './match-list.ts';
import type { DenseScorer } from './dense-scorer.ts';
import { PairTally } from './pair-tally.ts';

export type ScorerFactory = (dims: number) => DenseScorer;

/** Brute-force reference: written independently of every scorer. */
function reference(interests: Map<number, { vector: ArrayLike<number>; threshold: number }>, posts: ArrayLike<number>[], threshold: number): Map<string, number> {
  const out = new Map<string, number>();
  const units = posts.map((p) => unitVector(p));
  for (const [id, { vector, threshold: own }] of interests) {
    const w = unitVector(vector);
    for (let p = 0; p < units.length; p++) {
      let sum = 0;
      for (let d = 0; d < w.length; d++) sum += w[d] * units[p][d];
      const score = Math.fround(sum);
      if (score >= threshold && score >= Math.fround(own)) out.set(`${p}:${id}`, score);
    }
  }
  return out;
}

function asMap(matches: MatchList): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < matches.length; i++) {
    const key = `${matches.post[i]}:${matches.interest[i]}`;
    assert.ok(!out.has(key), `pair ${key} reported twice`);
    out.set(key, matches.score[i]);
  }
  return out;
}

const TOLERANCE = 1e-6;

/** Pairs a tallying scan drops (over the kernel's thresholds, under their tally floor). */
function droppedUnderTally(scorer: DenseScorer, posts: ArrayLike<number>[], ids: number[], floors: Map<number, { report: number; tally: number }>, threshold: number): number {
  let n = 0;
  for (const post of posts) {
    const exact = scorer.exactScores(post, ids);
    for (const id of ids) {
      const f = floors.get(id), c = exact[id];
      if (f && c < f.tally && c >= Math.max(threshold, id % 4 === 1 ? Math.fround(0.3) : -Infinity)) n++;
    }
  }
  return n;
}

function assertSameMatches(actual: MatchList, expected: Map<string, number>, threshold = -Infinity): void {
  const got = asMap(actual);
  const borderline = (score: number) => Math.abs(score - threshold) <= TOLERANCE;
  const missing = [...expected].filter(([k, s]) => !got.has(k) && !borderline(s)).map(([k]) => k);
  const extra = [...got].filter(([k, s]) => !expected.has(k) && !borderline(s)).map(([k]) => k);
  assert.deepEqual({ missing: missing.slice(0, 5), extra: extra.slice(0, 5) }, { missing: [], extra: [] },
    `${missing.length} missing, ${extra.length} extra of ${expected.size}`);
  for (const [key, score] of expected) {
    if (got.has(key)) assert.ok(Math.abs(got.get(key)! - score) <= TOLERANCE, `score of ${key}: ${got.get(key)} vs ${score}`);
  }
}

/** The k best pairs of every post, best first. */
function topKPerPost(scores: Map<string, number>, k: number): Map<string, string[]> {
  const byPost = new Map<string, [string, number][]>();
  for (const [key, score] of scores) {
    const post = key.slice(0, key.indexOf(':'));
    let list = byPost.get(post);
    if (!list) byPost.set(post, (list = []));
    list.push([key, score]);
  }
  return new Map([...byPost].map(([post, list]) => [post, list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k).map(([key]) => key)]));
}

export function describeDenseScorer(name: string, make: ScorerFactory): void {
  describe(`DenseScorer conformance: ${name}`, () => {
    const opened: DenseScorer[] = [];
    const open = (dims: number) => { const s = make(dims); opened.push(s); return s; };
    after(async () => { await Promise.all(opened.map((s) => s.close())); });

    test('an empty scorer matches nothing', async () => {
      const scorer = open(8);
      assert.equal((await scorer.scoreBatch([[1, 0, 0, 0, 0, 0, 0, 0]], -1)).length, 0);
    });

    for (const dims of [100, 37]) {
      test(`returns exactly the pairs at or above the threshold, with exact scores (${dims} dims)`, async () => {
        const random = seededRandom(dims);
        const scorer = open(dims);
        const topics = randomCentroids(random, 20, dims);
        const interests = new Map<number, { vector: Float32Array; threshold: number }>();
        clusteredVectors(random, 1500, topics, 0.6).forEach((vector, i) => {
          interests.set(i * 7 + 3, { vector, threshold: -Infinity });
          scorer.add(i * 7 + 3, vector);
        });
        // 70 posts: several kernel batches (the fast scorers run with batches of 32), an odd count.
        const posts = clusteredVectors(random, 70, topics, 0.8);
        const expected = reference(interests, posts, 0.5);
        assert.ok(expected.size > 500 && expected.size < 70 * 1500 / 2, `test data gives a useful number of matches (${expected.size})`);
        const matches = await scorer.scoreBatch(posts, 0.5);
        assertSameMatches(matches, expected, 0.5);
        // Recall of the true top-10 of every post (the match stage ranks from these).
        const everything = reference(interests, posts, -Infinity);
        const got = asMap(await scorer.scoreBatch(posts, -Infinity));
        assert.deepEqual(topKPerPost(got, 10), topKPerPost(everything, 10));
      });
    }

    test('agrees bit for bit with the plain float32 scorer', async () => {
      const random = seededRandom(77);
      const dims = 50;
      const topics = randomCentroids(random, 12, dims);
      const scorer = open(dims);
      const reference = new FloatDenseScorer(dims);
      clusteredVectors(random, 2000, topics, 0.7).forEach((v, i) => {
        const own = i % 5 === 0 ? 0.61 + random() * 0.2 : undefined; // non-representable in float32
        scorer.add(i, v, own);
        reference.add(i, v, own);
      });
      const posts = clusteredVectors(random, 45, topics, 0.7);
      const key = (m: MatchList) => Array.from({ length: m.length }, (_, i) => `${m.post[i]}:${m.interest[i]}:${m.score[i]}`).sort();
      for (const threshold of [0.55, 0.3]) {
        const expected = key(reference.scoreBatchSync(posts, threshold));
        assert.ok(expected.length > 200);
        assert.deepEqual(key(await scorer.scoreBatch(posts, threshold)), expected);
      }
    });

    test('exact scores of chosen pairs match the scan, below any threshold too', async () => {
      const random = seededRandom(8);
      const topics = randomCentroids(random, 4, 20);
      const scorer = open(20);
      clusteredVectors(random, 300, topics, 0.8).forEach((v, i) => scorer.add(i + 1, v, i % 2 ? 0.9 : undefined));
      const post = clusteredVectors(random, 1, topics, 0.8)[0];
      const all = await scorer.scoreBatch([post], -Infinity);
      const ids = [...all.interest.subarray(0, all.length)];
      const scores = scorer.exactScores(post, [...ids, 99999]);
      ids.forEach((id, i) => assert.equal(scores[i], all.score[i], `interest ${id}`));
      assert.ok(Number.isNaN(scores[ids.length]));
      // Interests with their own threshold 0.9 are not in the scan at -Infinity… but are scored here.
      assert.equal(all.length, 150);
      const withOwn = scorer.exactScores(post, [2, 4, 6]);
      assert.ok(withOwn.every((x) => Number.isFinite(x)));
      // Post after post (a scorer may reuse its row of the post): each gets its own scores.
      const other = clusteredVectors(random, 1, topics, 0.8)[0];
      const otherAll = await scorer.scoreBatch([other], -Infinity);
      const otherScores = scorer.exactScores(other, ids);
      ids.forEach((id, i) => assert.equal(otherScores[i], otherAll.score[otherAll.interest.indexOf(id)], `interest ${id}, second post`));
      assert.deepEqual(scorer.exactScores(post, ids), scores.subarray(0, ids.length));
    });

    test('a list given to scoreBatch is filled again, batch after batch, with what a new one gets', async () => {
      const random = seededRandom(12);
      const topics = randomCentroids(random, 4, 16);
      const scorer = open(16);
      clusteredVectors(random, 500, topics, 0.9).forEach((v, i) => scorer.add(i, v));
      const reused = new MatchList(4);
      for (const [count, threshold] of [[40, 0.2], [3, 0.5], [60, -Infinity], [0, 0]] as const) {
        const posts = clusteredVectors(random, count, topics, 0.9);
        const fresh = await scorer.scoreBatch(posts, threshold);
        const got = await scorer.scoreBatch(posts, threshold, reused);
        assert.equal(got, reused);
        assert.deepEqual(asMap(got), asMap(fresh), `${count} posts at ${threshold}`);
      }
      assert.equal(reused.length, 0);
    });

    test('every pair comes out when the threshold is -Infinity (output buffer refills)', async () => {
      const random = seededRandom(11);
      const scorer = open(16);
      const interests = new Map<number, { vector: Float32Array; threshold: number }>();
      const topics = randomCentroids(random, 5, 16);
      clusteredVectors(random, 3000, topics, 1).forEach((vector, i) => { interests.set(i, { vector, threshold: -Infinity }); scorer.add(i, vector); });
      const posts = clusteredVectors(random, 64, topics, 1);
      const matches = await scorer.scoreBatch(posts, -Infinity);
      assert.equal(matches.length, 3000 * 64);
      assertSameMatches(matches, reference(interests, posts, -Infinity));
    });

    test('per-interest thresholds and the per-call threshold both apply', async () => {
      const scorer = open(4);
      scorer.add(1, [1, 0, 0, 0], 0.95);
      scorer.add(2, [1, 0, 0, 0]);
      scorer.add(3, [0, 1, 0, 0], -1);
      const post = [0.9, Math.sqrt(1 - 0.81), 0, 0]; // cos 0.9 with 1 and 2, 0.436 with 3
      const got = asMap(await scorer.scoreBatch([post], 0.5));
      assert.deepEqual([...got.keys()].sort(), ['0:2']);
      const low = asMap(await scorer.scoreBatch([post], 0.4));
      assert.deepEqual([...low.keys()].sort(), ['0:2', '0:3']);
    });

    test('vectors are compared by direction (cosine), and zero vectors score 0', async () => {
      const scorer = open(4);
      scorer.add(1, [10, 0, 0, 0]);
      scorer.add(2, [0, 0, 0, 0]);
      const got = asMap(await scorer.scoreBatch([[0.001, 0, 0, 0], [0, 0, 0, 0]], -1));
      assert.equal(got.get('0:1'), 1);
      assert.equal(got.get('0:2'), 0);
      assert.equal(got.get('1:1'), 0);
      assert.equal((await scorer.scoreBatch([[0, 0, 0, 0]], 0.001)).length, 0);
    });

    test('add, update and remove apply incrementally', async () => {
      const random = seededRandom(5);
      const dims = 24;
      const scorer = open(dims);
      const interests = new Map<number, { vector: Float32Array; threshold: number }>();
      const topics = randomCentroids(random, 6, dims);
      const vectors = clusteredVectors(random, 600, topics, 0.5);
      vectors.forEach((vector, i) => { interests.set(2 ** 40 + i, { vector, threshold: -Infinity }); scorer.add(2 ** 40 + i, vector); });
      const posts = clusteredVectors(random, 20, topics, 0.5);
      for (let i = 0; i < 600; i += 3) { scorer.remove(2 ** 40 + i); interests.delete(2 ** 40 + i); }
      for (let i = 1; i < 600; i += 9) {
        const vector = clusteredVectors(random, 1, topics, 0.4)[0];
        scorer.update(2 ** 40 + i, vector, 0.2);
        interests.set(2 ** 40 + i, { vector, threshold: 0.2 });
      }
      // New interests reuse the freed slots.
      for (let i = 0; i < 150; i++) {
        const vector = clusteredVectors(random, 1, topics, 0.4)[0];
        scorer.add(i, vector);
        interests.set(i, { vector, threshold: -Infinity });
      }
      scorer.remove(123456789); // unknown: ignored
      assert.equal(scorer.size, interests.size);
      assertSameMatches(await scorer.scoreBatch(posts, 0.3), reference(interests, posts, 0.3), 0.3);
      const compactable = scorer as DenseScorer & { compact?: () => unknown };
      if (compactable.compact) {
        for (let i = 0; i < 150; i += 2) { scorer.remove(i); interests.delete(i); }
        compactable.compact();
        assertSameMatches(await scorer.scoreBatch(posts, 0.3), reference(interests, posts, 0.3), 0.3);
      }
    });

    test('setThreshold moves one interest\'s floor and keeps its vector', async () => {
      const scorer = open(4);
      scorer.add(1, [1, 0, 0, 0], 0.99);
      scorer.add(2, [0.8, 0.6, 0, 0], 0.99);
      assert.equal((await scorer.scoreBatch([[1, 0, 0, 0]], -1)).length, 1);
      scorer.setThreshold(2, 0.7);
      const got = asMap(await scorer.scoreBatch([[1, 0, 0, 0]], -1));
      assert.deepEqual([...got.keys()].sort(), ['0:1', '0:2']);
      assert.ok(Math.abs(got.get('0:2')! - 0.8) < 1e-6);
      scorer.setThreshold(1, 1.5);
      assert.deepEqual([...asMap(await scorer.scoreBatch([[1, 0, 0, 0]], -1)).keys()], ['0:2']);
      assert.throws(() => scorer.setThreshold(3, 0), /no interest with id 3/);
      assert.throws(() => scorer.setThreshold(1, NaN), RangeError);
    });

    test('a change made while a scan runs applies to the next scan', async () => {
      const scorer = open(4);
      scorer.add(1, [1, 0, 0, 0]);
      const running = scorer.scoreBatch([[1, 0, 0, 0]], 0.5);
      scorer.remove(1);
      scorer.add(2, [0.9, 0.1, 0, 0]);
      await running;
      const next = asMap(await scorer.scoreBatch([[1, 0, 0, 0]], 0.5));
      assert.deepEqual([...next.keys()], ['0:2']);
    });

    test('with a tally, pairs under an interest\'s report floor are counted, not listed, and dropped under its tally floor', async () => {
      const random = seededRandom(31);
      const dims = 40;
      const topics = randomCentroids(random, 6, dims);
      const scorer = open(dims);
      const vectors = clusteredVectors(random, 900, topics, 0.7);
      // A third of the interests keep every pair (no floors), the rest get floors of their own
      // (non-representable in float32), some with their own kernel threshold (0.3) above or under their tally floor.
      const floors = new Map<number, { report: number; tally: number }>();
      vectors.forEach((v, i) => {
        scorer.add(i, v, i % 4 === 1 ? 0.3 : undefined);
        if (i % 3 === 0) return;
        const tally = 0.1 + random() * 0.3;
        const f = { report: Math.fround(tally + 0.05 + random() * 0.3), tally: Math.fround(tally) };
        floors.set(i, f);
        scorer.setReportFloors(i, f.report, f.tally);
      });
      const posts = clusteredVectors(random, 33, topics, 0.7);
      const threshold = 0;
      // What exactScores says of every pair (bit for bit what a scan reports) decides each one.
      const listed = new Set<string>();
      const counts = new Map<number, { count: number; sum: number; squares: number }>();
      const ids = vectors.map((_, i) => i);
      posts.forEach((post, p) => {
        const exact = scorer.exactScores(post, ids);
        ids.forEach((id) => {
          const c = exact[id], f = floors.get(id);
          if (c < Math.max(threshold, id % 4 === 1 ? Math.fround(0.3) : -Infinity)) return;
          if (!f || c >= f.report) { listed.add(`${p}:${id}`); return; }
          if (c < f.tally) return;
          const t = counts.get(id) ?? { count: 0, sum: 0, squares: 0 };
          t.count++; t.sum += c - f.tally; t.squares += (c - f.tally) ** 2;
          counts.set(id, t);
        });
      });
      const tally = new PairTally();
      const matches = await scorer.scoreBatch(posts, threshold, undefined, tally);
      const got = new Set(Array.from({ length: matches.length }, (_, i) => `${matches.post[i]}:${matches.interest[i]}`));
      assert.ok(listed.size > 1000 && counts.size > 300, `useful test data (${listed.size} listed, ${counts.size} interests tallied)`);
      assert.deepEqual([...got].filter((k) => !listed.has(k)).slice(0, 3), [], 'nothing listed that is under its report floor');
      assert.equal(got.size, listed.size);
      assert.equal(tally.length, counts.size);
      for (let i = 0; i < tally.length; i++) {
        const want = counts.get(tally.id[i]);
        assert.ok(want, `interest ${tally.id[i]} tallied`);
        assert.equal(tally.count[i], want.count);
        assert.ok(Math.abs(tally.sum[i] - want.sum) < 1e-9 && Math.abs(tally.sumSquares[i] - want.squares) < 1e-9, `sums of ${tally.id[i]}`);
      }
      assert.equal(tally.pairs, [...counts.values()].reduce((n, t) => n + t.count, 0));
      // The same scan again: the tally starts from zero each time.
      await scorer.scoreBatch(posts, threshold, undefined, tally);
      assert.equal(tally.pairs, [...counts.values()].reduce((n, t) => n + t.count, 0));
      // Without a tally the floors do not apply: every pair is listed.
      const all = await scorer.scoreBatch(posts, threshold);
      assert.equal(all.length, listed.size + [...counts.values()].reduce((n, t) => n + t.count, 0) + droppedUnderTally(scorer, posts, ids, floors, threshold));
    });

    test('tallies span every block and batch: 4,200 interests (more than one claim of 4,096), 259 posts (two kernel batches, the last odd), zero inside the tallied range', async () => {
      const random = seededRandom(37);
      const dims = 8;
      const scorer = open(dims);
      const ids = Array.from({ length: 4200 }, (_, i) => i);
      for (const id of ids) {
        scorer.add(id, Array.from({ length: dims }, () => random() - 0.5));
        // Every pair with a cosine in [−0.25, 0.5) is tallied: a padding post (cosine 0) would be too.
        scorer.setReportFloors(id, 0.5, -0.25);
      }
      const posts = Array.from({ length: 259 }, () => Array.from({ length: dims }, () => random() - 0.5));
      const counts = new Float64Array(ids.length), sums = new Float64Array(ids.length), squares = new Float64Array(ids.length);
      let listed = 0;
      for (const post of posts) {
        const exact = scorer.exactScores(post, ids);
        for (const id of ids) {
          const c = exact[id];
          if (c >= Math.fround(0.5)) { listed++; continue; }
          if (c < Math.fround(-0.25)) continue;
          const d = c - Math.fround(-0.25);
          counts[id]++; sums[id] += d; squares[id] += d * d;
        }
      }
      const tally = new PairTally();
      const matches = await scorer.scoreBatch(posts, -Infinity, undefined, tally);
      assert.equal(matches.length, listed);
      assert.equal(tally.length, counts.filter((n) => n > 0).length);
      for (let i = 0; i < tally.length; i++) {
        const id = tally.id[i];
        assert.equal(tally.count[i], counts[id], `count of ${id}`);
        assert.ok(Math.abs(tally.sum[i] - sums[id]) < 1e-9 && Math.abs(tally.sumSquares[i] - squares[id]) < 1e-9, `sums of ${id}`);
      }
    });

    test('scanned part by part (split), a batch gives what one scan gives: each pair from the part partOf names, tallies too; interests added later fall in the last part', async () => {
      const random = seededRandom(41);
      const dims = 24;
      const topics = randomCentroids(random, 5, dims);
      const scorer = open(dims);
      const vectors = clusteredVectors(random, 5000, topics, 0.6);
      vectors.forEach((v, i) => {
        scorer.add(i * 3, v); // ids not equal to slots
        if (i % 2 === 0) scorer.setReportFloors(i * 3, Math.fround(0.8), Math.fround(0.6));
      });
      const posts = clusteredVectors(random, 300, topics, 0.6);
      const key = (m: MatchList, i: number) => `${m.post[i]}:${m.interest[i]}:${m.score[i]}`;
      const keys = (m: MatchList) => Array.from({ length: m.length }, (_, i) => key(m, i)).sort();
      const byId = (t: PairTally) => new Map(Array.from({ length: t.length }, (_, i) => [t.id[i], [t.count[i], t.sum[i], t.sumSquares[i]]]));
      const wholeTally = new PairTally();
      const whole = await scorer.scoreBatch(posts, 0.5, undefined, wholeTally);
      for (const count of [2, 3]) {
        const parts = scorer.split(count);
        assert.equal(parts.length, count);
        const got: string[] = [];
        const tallied = new Map<number, number[]>();
        for (let p = 0; p < count; p++) {
          const tally = new PairTally();
          const found = await scorer.scoreBatch(posts, 0.5, undefined, tally, parts[p]);
          for (let i = 0; i < found.length; i++) {
            assert.equal(scorer.partOf(found.interest[i], parts), p, `interest ${found.interest[i]} found by part ${p}`);
            got.push(key(found, i));
          }
          for (const [id, t] of byId(tally)) {
            assert.equal(scorer.partOf(id, parts), p, `interest ${id} tallied by part ${p}`);
            tallied.set(id, t);
          }
        }
        assert.deepEqual(got.sort(), keys(whole), `${count} parts`);
        const want = byId(wholeTally);
        assert.equal(tallied.size, want.size);
        for (const [id, t] of want) {
          const g = tallied.get(id)!;
          assert.equal(g[0], t[0]);
          assert.ok(Math.abs(g[1] - t[1]) < 1e-9 && Math.abs(g[2] - t[2]) < 1e-9, `tally of ${id}`);
        }
        // Every interest is in one part; one added now is in the last.
        const sizes = parts.map((_, p) => vectors.filter((_, i) => scorer.partOf(i * 3, parts) === p).length);
        assert.equal(sizes.reduce((a, b) => a + b, 0), vectors.length);
        assert.ok(sizes.every((n) => n > vectors.length / count / 2), `parts of about equal size: ${sizes}`);
      }
      const parts = scorer.split(2);
      scorer.add(1e6, posts[0]);
      await scorer.scoreBatch([posts[0]], 0.5); // a parallel scorer applies changes when idle
      assert.equal(scorer.partOf(1e6, parts), 1);
      const last = await scorer.scoreBatch([posts[0]], 0.99, undefined, undefined, parts[1]);
      assert.ok(Array.from({ length: last.length }, (_, i) => last.interest[i]).includes(1e6));
      assert.equal(scorer.partOf(-5, parts), -1);
    });

    test('vectors of the wrong length or with NaN are refused, saying which', async () => {
      const scorer = open(4);
      assert.throws(() => scorer.add(1, [1, 2, 3]), DimensionMismatchError);
      scorer.add(1, [1, 2, 3, 4]);
      await assert.rejects(scorer.scoreBatch([[1, 2]], 0), DimensionMismatchError);
      await assert.rejects(scorer.scoreBatch([[1, 0, 0, 0], [NaN, 0, 0, 0]], 0), /post 1/);
      assert.throws(() => scorer.add(2, [NaN, 1, 1, 1]), RangeError);
      assert.throws(() => scorer.exactScores([1, 2], [1]), DimensionMismatchError);
      assert.throws(() => scorer.exactScores([1, Infinity, 0, 0], [1]), /NaN or infinite/);
      assert.equal(scorer.has(2), false);
      assert.equal(scorer.size, 1);
      assert.equal((await scorer.scoreBatch([[1, 2, 3, 4]], 0.99)).length, 1, 'the scorer still works');
    });
  });
}
