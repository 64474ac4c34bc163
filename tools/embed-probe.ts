// Checks the built-in embedder on a labelled corpus (a measurement, not a test):
//   node tools/embed-probe.ts [../shared/corpora/bbc-news/bbc.jsonl]
// Zero-shot topic assignment: each label is described by its name plus 8 keywords (fixed
// below, written without looking at the articles); an article goes to the label whose
// description vector is most similar. Compared: plain SIF and SIF−PC, raw cosine and
// cosine z-scored per label — against the stream itself (all articles) and, as a brand-new
// instance would, against the shipped background statistics alone.
// Also: how well OOV induction recovers the vectors of known words hidden from it.

import { existsSync, readFileSync } from 'node:fs';
import { BuiltinEmbedder } from '../src/embed/builtin.ts';
import { cosineStatistics, gloveBackground } from '../src/embed/glove/background.ts';
import { gloveTable } from '../src/embed/glove/table.ts';
import { nearestWords } from '../src/embed/neighbours.ts';
import { OovLearner } from '../src/embed/oov.ts';
import { isStopword } from '../src/text/stopwords.ts';
import { cosine, dot, firstPrincipalComponent } from '../src/embed/sif.ts';
import { words } from '../src/text/tokenize.ts';

const LABELS: Record<string, string[]> = {
  business: ['company', 'market', 'shares', 'profit', 'economy', 'bank', 'investors', 'sales'],
  entertainment: ['film', 'music', 'actor', 'singer', 'album', 'awards', 'television', 'celebrity'],
  politics: ['government', 'election', 'minister', 'parliament', 'party', 'vote', 'policy', 'campaign'],
  sport: ['football', 'match', 'team', 'player', 'championship', 'coach', 'league', 'tournament'],
  tech: ['technology', 'computer', 'software', 'internet', 'mobile', 'digital', 'online', 'devices'],
};

const path = process.argv[2] ?? new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
if (!existsSync(path)) {
  console.error(`embed-probe: ${path} not found (the shared corpora are not here); nothing to measure`);
  process.exit(0);
}
const articles = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { label: string; title: string; text: string });
const labels = Object.keys(LABELS);
const tokens = articles.map((a) => words(`${a.title}\n${a.text}`));

let t0 = performance.now();
const table = gloveTable();
const background = gloveBackground();
console.log(`table: ${table.size} words × ${table.dims} dims, loaded in ${(performance.now() - t0).toFixed(0)} ms (with background)`);

function accuracy(docs: Float32Array[], queries: Float32Array[], calibrate?: (label: number) => { mean: number; std: number }): number {
  const stats = queries.map((_, l) => calibrate?.(l) ?? { mean: 0, std: 1 });
  let right = 0;
  docs.forEach((doc, i) => {
    let best = -1;
    let bestScore = -Infinity;
    queries.forEach((q, l) => {
      const score = (cosine(doc, q) - stats[l].mean) / stats[l].std;
      if (score > bestScore) [best, bestScore] = [l, score];
    });
    if (labels[best] === articles[i].label) right++;
  });
  return right / docs.length;
}

/** Pooled AUC over all (article, label) pairs: do calibrated scores of right labels beat wrong
 *  ones across labels? (Per-label AUC would not see calibration at all.) */
function pooledAuc(docs: Float32Array[], queries: Float32Array[], calibrate: (label: number) => { mean: number; std: number }): number {
  const scored: [number, boolean][] = [];
  queries.forEach((q, l) => {
    const { mean, std } = calibrate(l);
    docs.forEach((d, i) => scored.push([(cosine(d, q) - mean) / std, articles[i].label === labels[l]]));
  });
  scored.sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  scored.forEach(([, positive], rank) => {
    if (positive) {
      positives++;
      rankSum += rank + 1;
    }
  });
  const negatives = scored.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function streamStats(docs: Float32Array[], q: Float32Array): { mean: number; std: number } {
  const cos = docs.map((d) => cosine(d, q));
  const mean = cos.reduce((a, b) => a + b, 0) / cos.length;
  const std = Math.sqrt(cos.reduce((a, b) => a + (b - mean) ** 2, 0) / cos.length);
  return { mean, std };
}

const variants: [string, BuiltinEmbedder][] = [
  ['SIF', new BuiltinEmbedder({ commonComponent: null })],
  ['SIF−PC (shipped component)', new BuiltinEmbedder()],
];
const plain = variants[0][1];
const ownComponent = firstPrincipalComponent(tokens.map((t) => plain.sifAverage(t)));
variants.push(['SIF−PC (component of this corpus)', new BuiltinEmbedder({ commonComponent: ownComponent })]);
console.log(`shipped vs this corpus's common component: |cos| = ${Math.abs(dot(ownComponent, background.commonComponent)).toFixed(3)}`);

for (const [name, embedder] of variants) {
  t0 = performance.now();
  const docs = tokens.map((t) => embedder.embedWords(t));
  const perSecond = docs.length / ((performance.now() - t0) / 1000);
  const queries = labels.map((l) => embedder.embedText(`${l} ${LABELS[l].join(' ')}`));
  const line = [
    `raw ${accuracy(docs, queries).toFixed(3)}`,
    `z(stream) ${accuracy(docs, queries, (l) => streamStats(docs, queries[l])).toFixed(3)}`,
  ];
  if (embedder.commonComponent === background.commonComponent) {
    line.push(`z(shipped background) ${accuracy(docs, queries, (l) => cosineStatistics(background, queries[l])).toFixed(3)}`);
  }
  console.log(`${name.padEnd(34)} ${line.join('  ')}   (${perSecond.toFixed(0)} articles/s)`);
}

// Cold start: calibrating from a small batch alone versus the shipped background.
{
  const embedder = new BuiltinEmbedder();
  const docs = tokens.map((t) => embedder.embedWords(t));
  const queries = labels.map((l) => embedder.embedText(`${l} ${LABELS[l].join(' ')}`));
  const batch = docs.filter((_, i) => i % 53 === 0); // 42 articles
  const calibrations: [string, (l: number) => { mean: number; std: number }][] = [
    ['none (raw cosine)', () => ({ mean: 0, std: 1 })],
    [`batch of ${batch.length} articles`, (l) => streamStats(batch, queries[l])],
    ['shipped background', (l) => cosineStatistics(background, queries[l])],
    [`all ${docs.length} articles`, (l) => streamStats(docs, queries[l])],
  ];
  const stats = labels.map((l, i) => {
    const own = streamStats(docs, queries[i]);
    const shipped = cosineStatistics(background, queries[i]);
    return `${l} ${own.mean.toFixed(2)}±${own.std.toFixed(2)} vs ${shipped.mean.toFixed(2)}±${shipped.std.toFixed(2)}`;
  });
  console.log(`cosine to each label, this corpus vs shipped background: ${stats.join(', ')}`);
  for (const [name, calibrate] of calibrations) {
    console.log(`calibration ${name.padEnd(22)} pooled AUC ${pooledAuc(docs, queries, calibrate).toFixed(3)}  accuracy ${accuracy(docs, queries, calibrate).toFixed(3)}`);
  }
  const titles = articles.map((a) => embedder.embedText(a.title));
  console.log(
    `titles only (${(articles.reduce((n, a) => n + words(a.title).length, 0) / articles.length).toFixed(1)} words): ` +
      `raw ${accuracy(titles, queries).toFixed(3)}  z(shipped background) ${accuracy(titles, queries, (l) => cosineStatistics(background, queries[l])).toFixed(3)}`,
  );
}

// Sensitivity to SIF's a (each with its own corpus's common component, z(stream)).
{
  const line: string[] = [];
  for (const a of [1e-4, 3e-4, 1e-3, 3e-3, 1e-2]) {
    const plainA = new BuiltinEmbedder({ commonComponent: null, sifA: a });
    const u = firstPrincipalComponent(tokens.map((t) => plainA.sifAverage(t)));
    const embedder = new BuiltinEmbedder({ commonComponent: u, sifA: a });
    const docs = tokens.map((t) => embedder.embedWords(t));
    const queries = labels.map((l) => embedder.embedText(`${l} ${LABELS[l].join(' ')}`));
    line.push(`a=${a}: ${accuracy(docs, queries).toFixed(3)}/${accuracy(docs, queries, (l) => streamStats(docs, queries[l])).toFixed(3)}`);
  }
  console.log(`SIF−PC raw/z(stream) by a   ${line.join('  ')}`);
}

// OOV induction: hide known words from the learner by renaming them, learn from the corpus,
// compare the induced vector with the real one.
const hidden = new Map<string, string>();
for (let row = 2000; row < 12000 && hidden.size < 300; row += 1) {
  const word = table.words[row];
  if (/^[a-z]+$/.test(word) && row % 7 === 0) hidden.set(word, `${word}zq`);
}
for (const [label, options] of [
  ['context average only', { minFitWords: Infinity }],
  ['à la carte (fitted A)', {}],
] as const) {
  const learner = new OovLearner(table, options);
  for (const t of tokens) learner.observe(t.map((w) => hidden.get(w) ?? w));
  const cosines: number[] = [];
  for (const [word, alias] of hidden) {
    const induced = learner.vector(alias);
    if (induced) cosines.push(cosine(induced, table.vector(table.rowOf(word)!)));
  }
  cosines.sort((a, b) => a - b);
  const mean = cosines.reduce((a, b) => a + b, 0) / cosines.length;
  console.log(
    `OOV ${label.padEnd(22)} ${cosines.length}/${hidden.size} hidden words induced; cos(induced, true) mean ${mean.toFixed(3)}, median ${cosines[cosines.length >> 1].toFixed(3)}` +
      (learner.usesLinearMap ? '' : ' (A not fitted)'),
  );
}

// What the learner makes of the corpus's own unknown words.
{
  t0 = performance.now();
  const learner = new OovLearner(table);
  for (const t of tokens) learner.observe(t);
  console.log(`OOV learner observed ${tokens.length} articles in ${(performance.now() - t0).toFixed(0)} ms`);
  // Does using the stream's vectors (new words; known words blended by use) change accuracy?
  for (const [name, options] of [
    ['no stream vectors', {}],
    ['unknown words only', { oov: learner, adaptation: Infinity }],
    ['unknown + adapted known words (τ=20)', { oov: learner, adaptation: 20 }],
  ] as const) {
    const embedder = new BuiltinEmbedder(options);
    t0 = performance.now();
    const docs = tokens.map((t) => embedder.embedWords(t));
    const perSecond = docs.length / ((performance.now() - t0) / 1000);
    const queries = labels.map((l) => embedder.embedText(`${l} ${LABELS[l].join(' ')}`));
    console.log(
      `SIF−PC with ${name.padEnd(37)} raw ${accuracy(docs, queries).toFixed(3)}  z(shipped background) ` +
        `${accuracy(docs, queries, (l) => cosineStatistics(background, queries[l])).toFixed(3)}  (${perSecond.toFixed(0)} articles/s)`,
    );
  }
  const learned = learner.learnedWords();
  console.log(`OOV words learned from the corpus (≥3 occurrences): ${learned.length}; the most frequent with their nearest words:`);
  const embedder = new BuiltinEmbedder();
  for (const word of learned.slice(0, 15)) {
    const near = nearestWords(table, learner.vector(word)!, 5, { commonComponent: embedder.commonComponent, exclude: isStopword });
    console.log(`  ${word} (${learner.count(word)}×): ${near.map((n) => n.word).join(', ')}`);
  }
}
