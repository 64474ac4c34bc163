// `node eval/live.ts [POSTS] [PASS_EVERY] [CORPUS.jsonl INTERESTS.json]`: what the live matcher does
// with self-training, on BBC News (or another labelled corpus, e.g. eval/agnews-jsonl.ts's).
// `npm run eval` measures the batch reference, which self-trains on the whole corpus at once;
// the server streams posts and learns as the scoring service does (jobs/scoring.ts): a pass every
// PASS_EVERY posts (default SELF_TRAIN_EVERY, 500) takes each interest's implicit likes from the
// pairs the service would have stored (score/implicit-likes.ts, the one user following all the
// topics), and an interest whose implicit likes changed enough learns from them (applyFeedback).
// After the stream, passes go on until none learns (the service gets them as more posts come).
// Printed per stage: recall and precision of each interest's own posts at its threshold, and the
// accuracy of the interest that scores highest. Not a test (minutes of CPU); numbers in README.md.
import { existsSync } from 'node:fs';
import { Matcher, type MatcherPost } from '../src/match/matcher/matcher.ts';
import { implicitLikes, implicitLikesChanged, SEED_MARGIN, SEED_THRESHOLD, usableImplicitLikes, type ScoredPair } from '../src/match/score/implicit-likes.ts';
import { SELF_TRAIN_EVERY } from '../src/jobs/scoring.ts';
import { loadLabelled, prepareCorpus, sampleOf } from './run.ts';

const corpus = process.argv[4] ?? new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const interestsFile = process.argv[5] ?? new URL('./bbc-interests.json', import.meta.url).pathname;
if (!existsSync(corpus)) {
  console.log(`live: ${corpus} not found (the shared corpora are not here); nothing to measure`);
  process.exit(0);
}
const POSTS = Number(process.argv[2] ?? Infinity);
const PASS_EVERY = Number(process.argv[3] ?? SELF_TRAIN_EVERY);
const BATCH = 50;

const { posts, interests } = loadLabelled(corpus, interestsFile);
// Shuffled, the whole corpus too: bbc.jsonl is sorted by topic, and a stream of one topic after
// another is no stream (the last topic arrives after 2,000 posts of the others).
const sample = sampleOf(posts, Math.min(POSTS, posts.length), 11);
const { embedder, background, backgroundFrequency, analyzed, compiled } = await prepareCorpus(sample, interests);
const stream: MatcherPost[] = analyzed.map((p, j) => ({ id: j, vector: p.vector, doc: p.doc }));
const open = () => Matcher.create(compiled.map((c, i) => ({ id: i, compiled: c })), { embedderId: embedder.id, dims: embedder.dims, background, backgroundFrequency, threads: 1 });

/** Every pair the service would store and read back for a pass: from a point under the threshold
 *  for posts sharing a term, from the threshold for the others, and SEED_THRESHOLD − SEED_MARGIN up. */
function storedPairs(matcher: Matcher, seen: readonly MatcherPost[]): ScoredPair[] {
  const out: ScoredPair[] = [];
  for (let k = 0; k < compiled.length; k++) {
    for (const p of seen) {
      const m = matcher.scoreOne(k, p);
      if (m.score >= m.threshold - (m.terms.length ? 1 : 0) && m.score >= SEED_THRESHOLD - SEED_MARGIN) out.push({ postId: p.id, interestId: k, score: m.score, semantic: m.semantic, lexical: m.lexical });
    }
  }
  return out;
}

/** One pass: the interests whose implicit likes changed enough learn; how many did. */
async function pass(matcher: Matcher, seen: readonly MatcherPost[], learnedFrom: number[][]): Promise<number> {
  const sure = implicitLikes(storedPairs(matcher, seen));
  let learned = 0;
  for (let k = 0; k < compiled.length; k++) {
    const now = usableImplicitLikes(sure.get(k) ?? []);
    if (!implicitLikesChanged(learnedFrom[k], now)) continue;
    await matcher.applyFeedback(k, { implicit: now.map((id) => stream[id]) }, seen);
    learnedFrom[k] = now;
    learned++;
  }
  return learned;
}

function report(label: string, matcher: Matcher): void {
  let tp = 0, fp = 0, own = 0, right = 0;
  const per: string[] = [];
  const scores = compiled.map((_, k) => stream.map((p) => matcher.scoreOne(k, p)));
  for (let k = 0; k < compiled.length; k++) {
    let a = 0, b = 0, c = 0;
    sample.forEach((p, j) => {
      const on = p.label === interests[k].label;
      if (on) c++;
      if (scores[k][j].aboveThreshold) on ? a++ : b++;
    });
    tp += a; fp += b; own += c;
    per.push(`${interests[k].label} ${(a / c).toFixed(3)} / ${(a / Math.max(1, a + b)).toFixed(3)}`);
  }
  sample.forEach((p, j) => {
    let best = 0;
    for (let k = 1; k < compiled.length; k++) if (scores[k][j].score > scores[best][j].score) best = k;
    if (interests[best].label === p.label) right++;
  });
  console.log(`| ${label} | ${(tp / own).toFixed(3)} / ${(tp / (tp + fp)).toFixed(3)} | ${(right / sample.length).toFixed(4)} | ${per.join(', ')} |`);
}

console.log(`live: ${sample.length} posts streamed in batches of ${BATCH}, a self-training pass every ${PASS_EVERY}`);
console.log('| | recall / precision (all interests) | highest score right | per interest, recall / precision |');
console.log('|---|---|---|---|');
const asWritten = open(), selfTrained = open();
const learnedFrom: number[][] = compiled.map(() => []);
let passes = 0, learnedTotal = 0;
try {
  for (let s = 0; s < stream.length; s += BATCH) {
    const batch = stream.slice(s, s + BATCH);
    await asWritten.scorePosts(batch);
    await selfTrained.scorePosts(batch);
    const seen = s + batch.length;
    if (Math.floor(seen / PASS_EVERY) > Math.floor(s / PASS_EVERY)) {
      learnedTotal += await pass(selfTrained, stream.slice(0, seen), learnedFrom);
      passes++;
    }
  }
  report('as written', asWritten);
  report(`self-training, as streamed (${passes} passes, ${learnedTotal} learnings)`, selfTrained);
  for (let extra = 1; extra <= 5; extra++) {
    const learned = await pass(selfTrained, stream, learnedFrom);
    if (learned === 0) break;
    report(`after ${extra} more pass${extra > 1 ? 'es' : ''} (${learned} learned)`, selfTrained);
  }
} finally {
  await asWritten.close();
  await selfTrained.close();
}
