// `node eval/off-topic.ts [POSTS]`: what off-topic reports (and, beside them, dislikes) do to an
// interest, on BBC News. For each of the five interests, the live matcher streams the posts
// (batches of 50), then the user reports the N highest-scoring matched posts of other topics
// off-topic, or dislikes them (`applyFeedback` with every post as the recent ones); recall of the
// interest's own posts and the other topics' posts still matched, the reported ones left out. A
// report should take wrong matches out, not the interest's own posts.
// Not a test (a minute of CPU); measured numbers are in eval/README.md.
import { existsSync } from 'node:fs';
import { Matcher, type MatcherPost } from '../src/match/matcher/matcher.ts';
import { loadLabelled, prepareCorpus, sampleOf } from './run.ts';

const corpus = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const interestsFile = new URL('./bbc-interests.json', import.meta.url).pathname;
if (!existsSync(corpus)) {
  console.log(`off-topic: ${corpus} not found (the shared corpora are not here); nothing to measure`);
  process.exit(0);
}
const { posts, interests } = loadLabelled(corpus, interestsFile);
const sample = sampleOf(posts, Number(process.argv[2] ?? 500), 11);
const { embedder, background, backgroundFrequency, analyzed, compiled } = await prepareCorpus(sample, interests);
const matcherPosts: MatcherPost[] = analyzed.map((p) => ({ id: Number(p.id), vector: p.vector, doc: p.doc }));

for (const kind of ['offTopic', 'disliked'] as const) {
  console.log(kind === 'offTopic' ? 'off-topic reports' : '\ndislikes');
  console.log('| posts | recall of own posts | other topics matched | precision | F1 | per interest (recall / others) |');
  console.log('|---|---|---|---|---|---|');
  for (const reports of [0, 1, 3, 5]) {
    let own = 0, ownAll = 0, other = 0;
    const per: string[] = [];
    for (let k = 0; k < compiled.length; k++) {
      const matcher = Matcher.create([{ id: 0, compiled: compiled[k] }], { embedderId: embedder.id, dims: embedder.dims, background, backgroundFrequency, threads: 1 });
      try {
        for (let s = 0; s < matcherPosts.length; s += 50) await matcher.scorePosts(matcherPosts.slice(s, s + 50));
        const label = interests[k].label;
        const wrong = matcherPosts.map((p) => ({ p, m: matcher.scoreOne(0, p) }))
          .filter((x) => x.m.aboveThreshold && sample[x.p.id].label !== label)
          .sort((a, b) => b.m.score - a.m.score).slice(0, reports).map((x) => x.p);
        if (reports > 0) await matcher.applyFeedback(0, { [kind]: wrong }, matcherPosts);
        const reported = new Set(wrong.map((p) => p.id));
        let o = 0, oa = 0, x = 0;
        for (const p of matcherPosts) {
          if (reported.has(p.id)) continue;
          const on = sample[p.id].label === label;
          if (on) oa++;
          if (matcher.scoreOne(0, p).aboveThreshold) on ? o++ : x++;
        }
        own += o; ownAll += oa; other += x;
        per.push(`${(o / oa).toFixed(2)} / ${x}`);
      } finally {
        await matcher.close();
      }
    }
    const recall = own / ownAll, precision = own / Math.max(1, own + other);
    console.log(`| ${reports} | ${recall.toFixed(3)} | ${other} | ${precision.toFixed(3)} | ${((2 * recall * precision) / (recall + precision)).toFixed(3)} | ${per.join(', ')} |`);
  }
}
