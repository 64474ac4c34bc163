// The matching evaluation (eval/run.ts) on other splits, to check that a change is not fitted to
// one draw: the whole corpus, its odd and its even posts (each half its own stream: statistics,
// interests compiled, self-training), and likes drawn with more than one seed.
//   node eval/splits.ts [full,odd,even] [1000,7000]
// One line per split: zero-shot, after 20 likes (one per seed), off-topic rejection and recall
// averaged over every pair of followed topics (as eval/run.ts).
import { evaluate, loadLabelled } from './run.ts';

const splits = (process.argv[2] ?? 'full,odd,even').split(',');
const seeds = (process.argv[3] ?? '1000,7000').split(',').map(Number);
const corpus = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const { posts: allPosts, interests } = loadLabelled(corpus, new URL('./bbc-interests.json', import.meta.url).pathname);

for (const split of splits) {
  const posts = allPosts.filter((_, j) => split === 'full' || (split === 'odd') === (j % 2 === 1));
  const r = await evaluate(posts, interests, { references: false, likesSeeds: seeds });
  console.log(`${split} (${posts.length} posts): zero_shot=${r.zeroShot.toFixed(4)} after_feedback=${r.afterFeedbackBySeed.map((x) => x.toFixed(4)).join('/')} ` +
    `rejection=${r.rejection.toFixed(4)} recall=${r.recall.toFixed(4)}`);
}
