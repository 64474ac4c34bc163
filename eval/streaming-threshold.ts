// The midpoint threshold in its streaming form (score/midpoint-threshold.ts,
// streamingMidpointThreshold with score/running-median.ts) beside the batch form, on the same
// scores: a user following 2 of the topics (every pair, as eval/run.ts), rejection and recall
// with
//   null      — the null threshold alone (DEFAULT_THRESHOLD, as the live matcher has it now),
//   batch     — the batch's midpoint (median of the off-topic posts and of the matches),
//   streamed  — the running median of every score at or above the null threshold, fed post by
//               post, each post judged at the threshold of its arrival (as a live matcher
//               would), the first posts at the null threshold;
//   end       — the running median's threshold after the whole stream, for every post.
// The corpus file is sorted by topic; a stream interleaves them, so the posts arrive in a
// seeded shuffle (each topic's own posts in one block would make any windowed estimate
// follow the block, not the topic).
// Scores: `rounds 0` (the interests as written: what the live matcher computes) and the
// batch's default self-training.
//   node eval/streaming-threshold.ts [full|odd|even]
import { DEFAULT_THRESHOLD, scoreAnalyzed } from '../src/match/batch.ts';
import { midpointThreshold, streamingMidpointThreshold } from '../src/match/score/midpoint-threshold.ts';
import { EMPTY_RUNNING_MEDIAN, observeMedian } from '../src/match/score/running-median.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { loadLabelled, prepareCorpus } from './run.ts';

const split = process.argv[2] ?? 'full';
const corpus = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const { posts: allPosts, interests } = loadLabelled(corpus, new URL('./bbc-interests.json', import.meta.url).pathname);
const posts = allPosts.filter((_, j) => split === 'full' || (split === 'odd') === (j % 2 === 1));
const { background, backgroundFrequency, analyzed, compiled } = await prepareCorpus(posts, interests);

type Rule = 'null' | 'batch' | 'streamed' | 'end';
const RULES: Rule[] = ['null', 'batch', 'streamed', 'end'];
/** Arrival order: a seeded shuffle of the posts (Fisher–Yates). */
const arrival = [...posts.keys()];
const random = seededRandom(2026);
for (let i = arrival.length - 1; i > 0; i--) {
  const k = Math.floor(random() * (i + 1));
  [arrival[i], arrival[k]] = [arrival[k], arrival[i]];
}

for (const rounds of [0, undefined]) {
  const totals = Object.fromEntries(RULES.map((r) => [r, { rejection: 0, recall: 0 }])) as Record<Rule, { rejection: number; recall: number }>;
  let pairs = 0;
  for (let a = 0; a < compiled.length; a++) {
    for (let b = a + 1; b < compiled.length; b++) {
      const followed = [a, b];
      const scored = scoreAnalyzed(analyzed, followed.map((k) => compiled[k]), { background, backgroundFrequency, rounds });
      const scores = followed.map((k) => scored.map((s) => s.scores[compiled[k].name]));
      // matched[rule][side][j]
      const matched = {} as Record<Rule, boolean[][]>;
      matched.null = scores.map((s) => s.map((x) => x >= DEFAULT_THRESHOLD));
      matched.batch = scores.map((s) => {
        const t = midpointThreshold(s, DEFAULT_THRESHOLD, () => true);
        return s.map((x) => x >= t);
      });
      const ends: number[] = [];
      matched.streamed = scores.map((s) => {
        let state = EMPTY_RUNNING_MEDIAN;
        const out: boolean[] = new Array(s.length);
        for (const j of arrival) {
          out[j] = s[j] >= streamingMidpointThreshold(DEFAULT_THRESHOLD, state);
          if (s[j] >= DEFAULT_THRESHOLD) state = observeMedian(state, s[j]);
        }
        ends.push(streamingMidpointThreshold(DEFAULT_THRESHOLD, state));
        return out;
      });
      matched.end = scores.map((s, side) => s.map((x) => x >= ends[side]));
      const own = followed.map((k) => posts.map((p) => p.label === interests[k].label));
      for (const rule of RULES) {
        let others = 0, rejected = 0, relevant = 0, kept = 0;
        posts.forEach((_, j) => {
          const side = own.findIndex((o) => o[j]);
          if (side >= 0) {
            relevant++;
            if (matched[rule][side][j]) kept++;
          } else {
            others++;
            if (!matched[rule].some((m) => m[j])) rejected++;
          }
        });
        totals[rule].rejection += rejected / others;
        totals[rule].recall += kept / relevant;
      }
      pairs++;
    }
  }
  for (const rule of RULES) {
    console.log(`${split} rounds ${rounds ?? 'default'} ${rule}: rejection=${(totals[rule].rejection / pairs).toFixed(4)} recall=${(totals[rule].recall / pairs).toFixed(4)}`);
  }
}
