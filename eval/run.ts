// The matching evaluation (tools/eval.ts prints it; src/match/quality.test.ts guards it):
//  (a) zero-shot accuracy of `best` with each topic's interest as written;
//  (b) accuracy after 20 likes per interest (drawn deterministically from the topic's posts,
//      then removed from the test set);
//  (c) off-topic rejection for a user following 2 of the topics (every pair, averaged): share
//      of other-topic posts matching neither interest at Sluice's own thresholds, and share of
//      the followed topics' posts still matched by their interest.
// Reference rows, measured in the same run: BM25 on the keywords, raw SIF cosine, SIF−PC
// cosine z-scored per interest over the stream.

import { readFileSync } from 'node:fs';
import { BuiltinEmbedder } from '../src/embed/builtin.ts';
import { gloveBackground } from '../src/embed/glove/background.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { cosine } from '../src/embed/sif.ts';
import { analyzePosts, scoreAnalyzed, statisticsOf, type AnalyzedPost, type BatchOptions, type Feedback } from '../src/match/batch.ts';
import { compileInterest } from '../src/match/interest/compile.ts';
import type { CompiledInterest, Interest } from '../src/match/interest/interest.ts';
import { tableBackground } from '../src/match/score/background-frequency.ts';
import { moments } from '../src/match/score/calibration.ts';
import { bm25 } from '../src/match/score/lexical.ts';

export interface LabelledPost {
  id: string;
  label: string;
  title: string;
  text: string;
}

export interface LabelledInterest extends Interest {
  label: string;
}

export interface EvalReport {
  posts: number;
  zeroShot: number;
  afterFeedback: number;
  /** After-likes accuracy for each seed of `likesSeeds` (the first is `afterFeedback`). */
  afterFeedbackBySeed: number[];
  rejection: number;
  recall: number;
  references: { name: string; accuracy: number }[];
  seconds: number;
}

/** Likes per interest in (b). */
export const LIKES = 20;

export function loadLabelled(corpusPath: string, interestsPath: string): { posts: LabelledPost[]; interests: LabelledInterest[] } {
  const posts = readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const raw = JSON.parse(line) as Partial<LabelledPost>;
      return { id: String(raw.id ?? i), label: String(raw.label), title: raw.title ?? '', text: raw.text ?? '' };
    });
  const interests = JSON.parse(readFileSync(interestsPath, 'utf8')) as LabelledInterest[];
  return { posts, interests };
}

function accuracy(posts: readonly LabelledPost[], predicted: Map<string, string | null>, nameToLabel: Map<string, string>): number {
  let right = 0;
  for (const p of posts) if (nameToLabel.get(predicted.get(p.id) ?? '') === p.label) right++;
  return right / posts.length;
}

/** `count` post ids of a label, drawn by a seeded shuffle (same corpus, same likes). */
function drawLikes(posts: readonly LabelledPost[], label: string, count: number, seed: number): string[] {
  const ids = posts.filter((p) => p.label === label).map((p) => p.id);
  const random = seededRandom(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [ids[i], ids[k]] = [ids[k], ids[i]];
  }
  return ids.slice(0, count);
}

/** Posts analysed and interests compiled with the built-in embedder, as every measurement here
 *  starts (the interests compiled with the posts' own word statistics). */
export async function prepareCorpus(posts: readonly LabelledPost[], interests: readonly Interest[]) {
  const embedder = new BuiltinEmbedder();
  const background = gloveBackground();
  const backgroundFrequency = tableBackground(embedder.table);
  const analyzed = await analyzePosts(posts, embedder);
  const stats = statisticsOf(analyzed, backgroundFrequency);
  const compiled = await Promise.all(interests.map((i) => compileInterest(i, embedder, { stats })));
  return { embedder, background, backgroundFrequency, analyzed, stats, compiled };
}

/** `count` posts drawn by a seeded shuffle, renumbered "0", "1", … (matcher post ids are numbers). */
export function sampleOf(posts: readonly LabelledPost[], count: number, seed: number): LabelledPost[] {
  const random = seededRandom(seed);
  return posts.map((p) => [random(), p] as const).sort((a, b) => a[0] - b[0]).slice(0, count).map(([, p], i) => ({ ...p, id: String(i) }));
}

export async function evaluate(posts: readonly LabelledPost[], interests: readonly LabelledInterest[],
  options: { log?: (line: string) => void; pairs?: number; references?: boolean; likesSeeds?: readonly number[] } = {}): Promise<EvalReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const { background, backgroundFrequency, analyzed, stats, compiled } = await prepareCorpus(posts, interests);
  const nameToLabel = new Map(interests.map((i) => [i.name, i.label]));
  const base: BatchOptions = { background, backgroundFrequency };
  const bestOf = (scored: { id: string; best: string | null }[]) => new Map(scored.map((s) => [s.id, s.best]));

  const zeroShot = accuracy(posts, bestOf(scoreAnalyzed(analyzed, compiled, base)), nameToLabel);
  log(`zero-shot ${zeroShot.toFixed(4)}`);

  // Likes for interest k are drawn with seed + k; more seeds show whether a change holds beyond one draw.
  const afterFeedbackBySeed = (options.likesSeeds ?? [1000]).map((seed) => {
    const feedback: Record<string, Feedback> = {};
    const liked = new Set<string>();
    interests.forEach((interest, k) => {
      const ids = drawLikes(posts, interest.label, LIKES, seed + k);
      feedback[interest.name] = { liked: ids };
      for (const id of ids) liked.add(id);
    });
    const afterScores = scoreAnalyzed(analyzed, compiled, { ...base, feedback });
    return accuracy(posts.filter((p) => !liked.has(p.id)), bestOf(afterScores), nameToLabel);
  });
  const afterFeedback = afterFeedbackBySeed[0];
  log(`after ${LIKES} likes ${afterFeedback.toFixed(4)}`);

  // (c) every pair of followed topics.
  let rejection = 0;
  let recall = 0;
  let pairs = 0;
  for (let a = 0; a < compiled.length; a++) {
    for (let b = a + 1; b < compiled.length; b++) {
      if (options.pairs !== undefined && pairs >= options.pairs) break;
      const followed = [compiled[a], compiled[b]];
      const labels = new Set([interests[a].label, interests[b].label]);
      const scored = scoreAnalyzed(analyzed, followed, base);
      let others = 0, rejected = 0, relevant = 0, kept = 0;
      scored.forEach((s, j) => {
        const label = posts[j].label;
        if (labels.has(label)) {
          relevant++;
          if (s.matched.some((name) => nameToLabel.get(name) === label)) kept++;
        } else {
          others++;
          if (s.matched.length === 0) rejected++;
        }
      });
      rejection += rejected / others;
      recall += kept / relevant;
      pairs++;
      log(`follow ${interests[a].label}+${interests[b].label}: rejection ${(rejected / others).toFixed(4)} recall ${(kept / relevant).toFixed(4)}`);
    }
  }
  rejection /= pairs;
  recall /= pairs;

  const references = options.references === false ? [] : referenceRows(posts, analyzed, compiled, interests, stats);
  return { posts: posts.length, zeroShot, afterFeedback, afterFeedbackBySeed, rejection, recall, references, seconds: (performance.now() - started) / 1000 };
}

function referenceRows(posts: readonly LabelledPost[], analyzed: readonly AnalyzedPost[], compiled: readonly CompiledInterest[],
  interests: readonly LabelledInterest[], stats: ReturnType<typeof statisticsOf>): EvalReport['references'] {
  const argmaxAccuracy = (score: (i: number, j: number) => number): number => {
    let right = 0;
    posts.forEach((p, j) => {
      let best = 0;
      for (let i = 1; i < interests.length; i++) if (score(i, j) > score(best, j)) best = i;
      if (interests[best].label === p.label) right++;
    });
    return right / posts.length;
  };
  // BM25 on the keywords alone (stemmed, phrases as runs), each weight 1.
  const keywordTerms = compiled.map((c) => c.terms.filter((t) => t.source === 'keyword').map((t) => ({ term: t.term, weight: 1 })));
  const bm25Scores = compiled.map((_, i) => analyzed.map((p) => bm25(keywordTerms[i], p.doc, stats).score));
  const raw = new BuiltinEmbedder({ commonComponent: null });
  const text = (i: Interest) => `${i.name} ${i.keywords.join(' ')}`;
  const rawQueries = interests.map((i) => raw.embedText(text(i)));
  const rawDocs = posts.map((p) => raw.embedText(`${p.title}\n${p.text}`));
  const pc = new BuiltinEmbedder();
  const pcQueries = interests.map((i) => pc.embedText(text(i)));
  const pcCos = pcQueries.map((q) => analyzed.map((p) => cosine(p.vector, q)));
  const pcStats = pcCos.map((c) => moments(c));
  return [
    { name: 'BM25 on keywords', accuracy: argmaxAccuracy((i, j) => bm25Scores[i][j]) },
    { name: 'raw SIF cosine', accuracy: argmaxAccuracy((i, j) => cosine(rawDocs[j], rawQueries[i])) },
    { name: 'SIF−PC cosine z-scored per interest', accuracy: argmaxAccuracy((i, j) => (pcCos[i][j] - pcStats[i].mean) / pcStats[i].std) },
  ];
}

export function formatReport(r: EvalReport): string {
  const rows: [string, string][] = [
    ...r.references.map((ref): [string, string] => [`reference: ${ref.name}`, ref.accuracy.toFixed(3)]),
    ['sluice zero-shot accuracy of best', r.zeroShot.toFixed(3)],
    [`sluice after ${LIKES} likes per interest`, r.afterFeedback.toFixed(3)],
    ['sluice off-topic rejection (2 of the topics followed)', r.rejection.toFixed(3)],
    ['sluice relevant posts still matched', r.recall.toFixed(3)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    `${r.posts} posts, ${r.seconds.toFixed(1)} s`,
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
    `eval: zero_shot=${r.zeroShot.toFixed(3)} after_feedback=${r.afterFeedback.toFixed(3)} rejection=${r.rejection.toFixed(3)} recall=${r.recall.toFixed(3)}`,
  ].join('\n');
}
