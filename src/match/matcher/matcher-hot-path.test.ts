// The batch path (CalibrationTable rows, per-term scratch for matched terms) against the
// single-pair path (scoreOne: calibratedScore, matchedTerms on Maps) on the same stream.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matcher } from './matcher.ts';
import { compiledInterests, matcherOptions, syntheticStream, TOPICS } from './synthetic-posts.ts';

test('scorePosts reports the matched terms scoreOne finds, in the same order', async () => {
  const { posts, embedder } = await syntheticStream(200, 3);
  const compiled = await compiledInterests(posts, embedder);
  const topics = Object.keys(TOPICS);
  const matcher = Matcher.create(topics.map((t, i) => ({ id: i + 1, compiled: compiled[t] })), matcherOptions(embedder, { storageMargin: 50, storageMarginWithoutTerms: 50 }));
  try {
    let compared = 0, withTerms = 0;
    for (let s = 0; s < posts.length; s += 40) {
      const batch = posts.slice(s, s + 40);
      const matches = await matcher.scorePosts(batch);
      // Same IDF and queries as the batch used (the statistics took the batch in before scoring).
      for (const m of matches) {
        const one = matcher.scoreOne(m.interestId, posts[m.postId - 1]);
        assert.deepEqual(m.terms, one.terms, `post ${m.postId}, interest ${m.interestId}`);
        compared++;
        if (m.terms.length > 1) withTerms++;
      }
    }
    assert.ok(compared === 200 * topics.length, `every pair came out (${compared})`);
    assert.ok(withTerms > 50, `${withTerms} pairs with several matched terms`);
  } finally {
    await matcher.close();
  }
});

test('scorePostsColumns gives the pairs scorePosts gives', async () => {
  const { posts, embedder } = await syntheticStream(120, 5);
  const compiled = await compiledInterests(posts, embedder);
  const topics = Object.keys(TOPICS);
  const open = () => Matcher.create(topics.map((t, i) => ({ id: i + 1, compiled: compiled[t] })), matcherOptions(embedder));
  const [a, b] = [open(), open()];
  try {
    for (let s = 0; s < posts.length; s += 30) {
      const batch = posts.slice(s, s + 30);
      const objects = await a.scorePosts(batch);
      const columns = await b.scorePostsColumns(batch);
      assert.ok(objects.length > 0);
      assert.deepEqual(columns.toMatches(), objects);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('matched terms stay right after many edits (the term pool is compacted)', async () => {
  const { posts, embedder } = await syntheticStream(80, 6);
  const compiled = await compiledInterests(posts, embedder);
  const topics = Object.keys(TOPICS);
  const matcher = Matcher.create(topics.map((t, i) => ({ id: i + 1, compiled: compiled[t] })), matcherOptions(embedder, { storageMargin: 50, storageMarginWithoutTerms: 50 }));
  try {
    await matcher.scorePosts(posts.slice(0, 40));
    // Each edit moves an interest's terms to the end of the pool: thousands of stale entries.
    // Interest 1 leaves first, so compacting moves interests 3-5 (never edited) down.
    for (const id of [3, 4, 5]) matcher.upsertInterest(id, compiled[topics[id - 1]]); // the same: pooled again, further up
    matcher.removeInterest(1);
    for (let k = 0; k < 3000; k++) matcher.upsertInterest(2, compiled[topics[k % 2]]);
    matcher.upsertInterest(1, compiled[topics[0]]);
    matcher.removeInterest(2);
    // 20 posts: too few for the IDF refresh, which would pool every interest's terms afresh.
    const matches = await matcher.scorePosts(posts.slice(40, 60));
    assert.equal(matches.length, 20 * (topics.length - 1));
    for (const m of matches) assert.deepEqual(m.terms, matcher.scoreOne(m.interestId, posts[m.postId - 1]).terms, `post ${m.postId}, interest ${m.interestId}`);
    const withTerms = matches.filter((m) => m.terms.length > 0).length;
    assert.ok(withTerms >= 8, `${withTerms} pairs with matched terms`);
  } finally {
    await matcher.close();
  }
});

test('lastBatch counts the batch the matcher scored: every pair, when the margin lets all through', async () => {
  const { posts, embedder } = await syntheticStream(80, 7);
  const compiled = await compiledInterests(posts, embedder);
  const topics = Object.keys(TOPICS);
  const matcher = Matcher.create(topics.map((t, i) => ({ id: i + 1, compiled: compiled[t] })), matcherOptions(embedder, { storageMargin: 50, storageMarginWithoutTerms: 50, warn: () => {} }));
  try {
    await matcher.scorePosts(posts.slice(0, 40));
    const matches = await matcher.scorePosts(posts.slice(40, 70));
    const counts = matcher.lastBatch;
    assert.equal(counts.posts, 30);
    assert.equal(counts.candidates, 30 * topics.length);
    assert.equal(counts.scanned, 30 * topics.length);
    const withTerms = matches.filter((m) => m.terms.length > 0).length;
    assert.ok(withTerms > 0);
    assert.equal(counts.lexicalHits, withTerms);
    // A batch with nothing to score counts nothing (not the batch before).
    await matcher.scorePosts([{ ...posts[70], vector: new Float32Array(3) }]);
    assert.deepEqual(matcher.lastBatch, { posts: 0, scanned: 0, lexicalHits: 0, candidates: 0, tallied: 0 });
  } finally {
    await matcher.close();
  }
});
