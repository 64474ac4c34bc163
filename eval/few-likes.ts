// `node eval/few-likes.ts [POSTS]`: what the first likes do to an interest, on BBC News. The eval's
// "after 20 likes" hides the start: a user likes one post, then a few. For each of the five
// interests and three draws of 1, 3 and 20 liked posts of its own topic: the live matcher (posts
// streamed in batches of 50, then `applyFeedback` with every post as the recent ones) and the
// batch reference (rounds 0 and self-trained) — recall and precision of the interest's matched
// posts against its label, the liked posts left out. A like should never make an interest worse.
// Not a test (minutes of CPU); measured numbers are in eval/README.md.
import { existsSync } from 'node:fs';
import { scoreAnalyzed } from '../src/match/batch.ts';
import { Matcher, type MatcherPost } from '../src/match/matcher/matcher.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { loadLabelled, prepareCorpus, sampleOf } from './run.ts';

const corpus = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const interestsFile = new URL('./bbc-interests.json', import.meta.url).pathname;
if (!existsSync(corpus)) {
  console.log(`few-likes: ${corpus} not found (the shared corpora are not here); nothing to measure`);
  process.exit(0);
}
const POSTS = Number(process.argv[2] ?? 500);
const DRAWS = 3;

const { posts, interests } = loadLabelled(corpus, interestsFile);
const sample = sampleOf(posts, POSTS, 11);
const { embedder, background, backgroundFrequency, analyzed, compiled } = await prepareCorpus(sample, interests);
const matcher = Matcher.create(compiled.map((c, i) => ({ id: i, compiled: c })),
  { embedderId: embedder.id, dims: embedder.dims, background, backgroundFrequency, threads: 1 });
const matcherPosts: MatcherPost[] = analyzed.map((p) => ({ id: Number(p.id), vector: p.vector, doc: p.doc }));
for (let s = 0; s < matcherPosts.length; s += 50) await matcher.scorePosts(matcherPosts.slice(s, s + 50));

/** Matched posts of the interest's own label, matched posts of other labels, posts of its label. */
type Tally = [number, number, number];
const show = (t: Tally) => `${(t[0] / t[2]).toFixed(3)} / ${(t[0] / Math.max(1, t[0] + t[1])).toFixed(3)}`;
console.log('| likes | live matcher recall / precision | batch, rounds 0 | batch, self-trained |');
console.log('|---|---|---|---|');
try {
  for (const likes of [0, 1, 3, 20]) {
    const live: Tally = [0, 0, 0], rounds0: Tally = [0, 0, 0], selfTrained: Tally = [0, 0, 0];
    for (let k = 0; k < compiled.length; k++) {
      const own = sample.flatMap((p, j) => (p.label === interests[k].label ? [j] : []));
      for (let draw = 0; draw < (likes === 0 ? 1 : DRAWS); draw++) {
        const shuffle = seededRandom(100 * k + draw);
        for (let i = own.length - 1; i > 0; i--) {
          const q = Math.floor(shuffle() * (i + 1));
          [own[i], own[q]] = [own[q], own[i]];
        }
        const liked = new Set(own.slice(0, likes));
        const tally = (into: Tally, matched: (j: number) => boolean) => {
          sample.forEach((p, j) => {
            if (liked.has(j)) return;
            const on = p.label === interests[k].label;
            if (on) into[2]++;
            if (matched(j)) into[on ? 0 : 1]++;
          });
        };
        const { matches } = await matcher.applyFeedback(k, { liked: [...liked].map((j) => matcherPosts[j]) }, matcherPosts);
        const above = new Set(matches.filter((m) => m.aboveThreshold).map((m) => m.postId));
        tally(live, (j) => above.has(j));
        const feedback = { [compiled[k].name]: { liked: [...liked].map(String) } };
        const batch0 = scoreAnalyzed(analyzed, [compiled[k]], { rounds: 0, background, backgroundFrequency, feedback });
        tally(rounds0, (j) => batch0[j].matched.length > 0);
        const batch = scoreAnalyzed(analyzed, [compiled[k]], { background, backgroundFrequency, feedback });
        tally(selfTrained, (j) => batch[j].matched.length > 0);
      }
      await matcher.applyFeedback(k, {}, matcherPosts); // back to the interest as written
    }
    console.log(`| ${likes} | ${show(live)} | ${show(rounds0)} | ${show(selfTrained)} |`);
  }
} finally {
  await matcher.close();
}
