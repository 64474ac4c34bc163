// How much of the off-topic rejection gap is the threshold's: for a user following 2 of the
// topics (every pair, as eval/run.ts), rejection and recall at Sluice's own thresholds beside
// the "oracle" — each interest's threshold set, from the labels, where 90% of its own posts
// stay matched. When Sluice's rejection at recall ≥ 0.90 is far under the oracle's, the
// threshold choice is the gap; when close, the scores themselves must separate better.
//   node eval/oracle.ts [full|odd|even]
import { scoreAnalyzed } from '../src/match/batch.ts';
import { loadLabelled, prepareCorpus } from './run.ts';

/** Recall each interest keeps under the oracle. */
const ORACLE_RECALL = 0.9;

const split = process.argv[2] ?? 'full';
const corpus = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const { posts: allPosts, interests } = loadLabelled(corpus, new URL('./bbc-interests.json', import.meta.url).pathname);
const posts = allPosts.filter((_, j) => split === 'full' || (split === 'odd') === (j % 2 === 1));
const { background, backgroundFrequency, analyzed, compiled } = await prepareCorpus(posts, interests);
const options = { background, backgroundFrequency };

/** The score under which a share `1 − recall` of an interest's own posts fall. */
function oracleThreshold(scores: readonly number[], own: readonly boolean[]): number {
  const mine = scores.filter((_, j) => own[j]).sort((a, b) => a - b);
  return mine[Math.floor((1 - ORACLE_RECALL) * mine.length)] ?? Infinity;
}

const totals = { sluice: { rejection: 0, recall: 0 }, oracle: { rejection: 0, recall: 0 } };
let pairs = 0;
for (let a = 0; a < compiled.length; a++) {
  for (let b = a + 1; b < compiled.length; b++) {
    const followed = [a, b];
    const scored = scoreAnalyzed(analyzed, followed.map((k) => compiled[k]), options);
    const scores = followed.map((k) => scored.map((s) => s.scores[compiled[k].name]));
    const own = followed.map((k) => posts.map((p) => p.label === interests[k].label));
    const thresholds = {
      sluice: followed.map((k) => scored[0].thresholds[compiled[k].name]),
      oracle: followed.map((_, side) => oracleThreshold(scores[side], own[side])),
    };
    const row: string[] = [];
    for (const [name, t] of Object.entries(thresholds) as [keyof typeof totals, number[]][]) {
      let others = 0, rejected = 0, relevant = 0, kept = 0;
      posts.forEach((_, j) => {
        const side = own.findIndex((o) => o[j]);
        if (side >= 0) {
          relevant++;
          if (scores[side][j] >= t[side]) kept++;
        } else {
          others++;
          if (scores.every((s, i) => s[j] < t[i])) rejected++;
        }
      });
      totals[name].rejection += rejected / others;
      totals[name].recall += kept / relevant;
      row.push(`${name} ${(rejected / others).toFixed(4)}/${(kept / relevant).toFixed(4)} (thresholds ${t.map((x) => x.toFixed(2)).join(', ')})`);
    }
    pairs++;
    console.log(`follow ${interests[a].label}+${interests[b].label}: ${row.join('  ')}`);
  }
}
for (const [name, t] of Object.entries(totals)) {
  console.log(`${split} ${name}: rejection=${(t.rejection / pairs).toFixed(4)} recall=${(t.recall / pairs).toFixed(4)}`);
}
