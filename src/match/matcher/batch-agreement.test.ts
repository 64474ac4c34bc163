// The streaming matcher against the batch reference (match/batch.ts, rounds 0) on labelled BBC
// News posts: the same interests, the same posts, streamed in batches of 25. After a warm-up
// (the stream has seen few posts; the batch calibrates on all of them at once), `best` must
// agree on ≥ 95% of posts and the matched pairs overlap strongly. The batch at rounds 0 has no
// midpoint threshold, so the comparison runs with the matcher's off (its default); with it on it
// is measured beside and held to the same bounds. Skipped without the corpora.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { loadLabelled } from '../../../eval/run.ts';
import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { gloveBackground } from '../../embed/glove/background.ts';
import { seededRandom } from '../../seeded-random.ts';
import { analyzePosts, scoreAnalyzed, statisticsOf } from '../batch.ts';
import { compileInterest } from '../interest/compile.ts';
import { tableBackground } from '../score/background-frequency.ts';
import type { Match } from './match.ts';
import { Matcher } from './matcher.ts';

const corpus = new URL('../../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const interestsFile = new URL('../../../eval/bbc-interests.json', import.meta.url).pathname;
const POSTS = 400;
const WARM_UP = 100;
const BATCH = 25;

test('streaming matches agree with the batch reference on BBC News', { skip: existsSync(corpus) ? false : `${corpus} not found (shared corpora absent)` }, async (t) => {
  const { posts, interests } = loadLabelled(corpus, interestsFile);
  const random = seededRandom(7);
  const sample = posts.map((p) => [random(), p] as const).sort((a, b) => a[0] - b[0]).slice(0, POSTS).map(([, p], i) => ({ ...p, id: String(i) }));
  const embedder = new BuiltinEmbedder();
  const analyzed = await analyzePosts(sample, embedder);
  const backgroundFrequency = tableBackground(embedder.table);
  const stats = statisticsOf(analyzed, backgroundFrequency);
  const compiled = await Promise.all(interests.map((i) => compileInterest(i, embedder, { stats })));
  const reference = scoreAnalyzed(analyzed, compiled, { rounds: 0, background: gloveBackground(), backgroundFrequency });

  const run = async (storageMargin: number, midpointThreshold: boolean): Promise<Match[][]> => {
    const matcher = Matcher.create(compiled.map((c, i) => ({ id: i, compiled: c })),
      { embedderId: embedder.id, dims: embedder.dims, background: gloveBackground(), backgroundFrequency, threads: 1, storageMargin, storageMarginWithoutTerms: storageMargin === 1 ? undefined : storageMargin, midpointThreshold });
    const byPost: Match[][] = analyzed.map(() => []);
    try {
      for (let s = 0; s < analyzed.length; s += BATCH) {
        const batch = analyzed.slice(s, s + BATCH).map((p) => ({ id: Number(p.id), vector: p.vector, doc: p.doc }));
        for (const m of await matcher.scorePosts(batch)) byPost[m.postId].push(m);
      }
    } finally {
      await matcher.close();
    }
    return byPost;
  };
  const name = (m: Match | undefined) => (m ? compiled[m.interestId].name : null);
  const top = (list: Match[]) => list.reduce<Match | undefined>((a, b) => (a && a.score >= b.score ? a : b), undefined);

  for (const midpoint of [false, true]) {
    // `best` needs every interest's score: a storage margin that lets every pair through.
    const all = await run(50, midpoint);
    let agree = 0;
    for (let j = WARM_UP; j < POSTS; j++) if (name(top(all[j])) === reference[j].best) agree++;
    const agreement = agree / (POSTS - WARM_UP);

    // Matched sets, with the default storage floor.
    const stored = await run(1, midpoint);
    let both = 0, either = 0;
    for (let j = WARM_UP; j < POSTS; j++) {
      const streamed = new Set(stored[j].filter((m) => m.aboveThreshold).map((m) => compiled[m.interestId].name));
      const batch = new Set(reference[j].matched);
      both += [...streamed].filter((n) => batch.has(n)).length;
      either += new Set([...streamed, ...batch]).size;
    }
    const jaccard = both / either;
    t.diagnostic(`midpoint ${midpoint ? 'on' : 'off'}: best agreement ${agreement.toFixed(4)}, matched-pair Jaccard ${jaccard.toFixed(4)} (${either} pairs in either)`);
    assert.ok(agreement >= 0.95, `midpoint ${midpoint}: best agrees on ${agreement}`);
    assert.ok(jaccard >= 0.85, `midpoint ${midpoint}: matched pairs overlap ${jaccard}`);
  }
});
