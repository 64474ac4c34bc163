// The matching evaluation (eval/run.ts) on other splits, to check that a change is not fitted to
// one draw: the whole corpus, its odd and its even posts (each half its own stream: statistics,
// interests compiled, self-training), and likes drawn with more than one seed.
//   node eval/splits.ts [full,odd,even] [1000,7000]
// One line per split: zero-shot, after 20 likes (one per seed), off-topic rejection and recall
// averaged over every pair of followed topics (as eval/run.ts).
import { BuiltinEmbedder } from '../src/embed/builtin.ts';
import { gloveBackground } from '../src/embed/glove/background.ts';
import { analyzePosts, scoreAnalyzed, statisticsOf, type Feedback, type PostScores } from '../src/match/batch.ts';
import { compileInterest } from '../src/match/interest/compile.ts';
import { tableBackground } from '../src/match/score/background-frequency.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { LIKES, loadLabelled, type LabelledPost } from './run.ts';

const splits = (process.argv[2] ?? 'full,odd,even').split(',');
const seeds = (process.argv[3] ?? '1000,7000').split(',').map(Number);
const corpus = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const { posts: allPosts, interests } = loadLabelled(corpus, new URL('./bbc-interests.json', import.meta.url).pathname);
const embedder = new BuiltinEmbedder();
const backgroundFrequency = tableBackground(embedder.table);
const base = { background: gloveBackground(), backgroundFrequency };
const allAnalyzed = await analyzePosts(allPosts, embedder);
const labelOf = new Map(interests.map((i) => [i.name, i.label]));

/** `count` ids of a label by a seeded shuffle (as eval/run.ts draws them). */
function drawLikes(posts: readonly LabelledPost[], label: string, count: number, seed: number): string[] {
  const ids = posts.filter((p) => p.label === label).map((p) => p.id);
  const random = seededRandom(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [ids[i], ids[k]] = [ids[k], ids[i]];
  }
  return ids.slice(0, count);
}

function accuracy(posts: readonly LabelledPost[], scored: readonly PostScores[]): number {
  const best = new Map(scored.map((s) => [s.id, s.best]));
  return posts.filter((p) => labelOf.get(best.get(p.id) ?? '') === p.label).length / posts.length;
}

for (const split of splits) {
  const keep = (j: number) => split === 'full' || (split === 'odd') === (j % 2 === 1);
  const posts = allPosts.filter((_, j) => keep(j));
  const analyzed = allAnalyzed.filter((_, j) => keep(j));
  const stats = statisticsOf(analyzed, backgroundFrequency);
  const compiled = await Promise.all(interests.map((i) => compileInterest(i, embedder, { stats })));
  const zeroShot = accuracy(posts, scoreAnalyzed(analyzed, compiled, base));
  const after = seeds.map((seed) => {
    const feedback: Record<string, Feedback> = {};
    const liked = new Set<string>();
    interests.forEach((interest, k) => {
      const ids = drawLikes(posts, interest.label, LIKES, seed + k);
      feedback[interest.name] = { liked: ids };
      for (const id of ids) liked.add(id);
    });
    return accuracy(posts.filter((p) => !liked.has(p.id)), scoreAnalyzed(analyzed, compiled, { ...base, feedback }));
  });
  let rejection = 0, recall = 0, pairs = 0;
  for (let a = 0; a < compiled.length; a++) {
    for (let b = a + 1; b < compiled.length; b++) {
      const labels = [interests[a].label, interests[b].label];
      let others = 0, rejected = 0, relevant = 0, kept = 0;
      scoreAnalyzed(analyzed, [compiled[a], compiled[b]], base).forEach((s, j) => {
        const label = posts[j].label;
        if (labels.includes(label)) {
          relevant++;
          if (s.matched.some((name) => labelOf.get(name) === label)) kept++;
        } else {
          others++;
          if (s.matched.length === 0) rejected++;
        }
      });
      rejection += rejected / others;
      recall += kept / relevant;
      pairs++;
    }
  }
  console.log(`${split} (${posts.length} posts): zero_shot=${zeroShot.toFixed(4)} after_feedback=${after.map((x) => x.toFixed(4)).join('/')} ` +
    `rejection=${(rejection / pairs).toFixed(4)} recall=${(recall / pairs).toFixed(4)}`);
}
