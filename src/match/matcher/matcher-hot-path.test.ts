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
  const matcher = Matcher.create(topics.map((t, i) => ({ id: i + 1, compiled: compiled[t] })), matcherOptions(embedder, { storageMargin: 50 }));
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
