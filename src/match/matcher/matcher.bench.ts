// Throughput of the whole standing-query path (calibration, floors, scan, index, scoring,
// calibration update) on synthetic interests and posts:
//   node src/match/matcher/matcher.bench.ts [INTERESTS=30000] [POSTS=2048] [THREADS=1]
// Interests: 100-d vectors around 1 topic per 300 interests, 6 keywords from their topic's
// 200 words; posts: 30 topic words + 60 background words, vectors near their topic.
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../../seeded-random.ts';
import type { CompiledInterest } from '../interest/interest.ts';
import { clusteredVectors, randomCentroids } from '../kernel/synthetic-vectors.ts';
import { lexicalDocument } from '../score/document.ts';
import { Matcher, type MatcherPost } from './matcher.ts';

const [interests = 30_000, postCount = 2048, threads = 1] = process.argv.slice(2).map(Number);
const DIMS = 100, BATCH = 256;
const random = seededRandom(42);
const topics = Math.max(10, Math.round(interests / 300));
const centroids = randomCentroids(random, topics, DIMS);
const letters = 'bcdfghjklmnpqrstvwxz';
const word = (n: number) => { let s = ''; do { s += letters[n % 20] + 'a'; n = Math.floor(n / 20); } while (n > 0); return s + 'o'; };
const topicWord = (t: number) => word(1000 + t * 200 + Math.floor(random() ** 2 * 200));
const unit = (v: Float32Array) => { const n = Math.hypot(...v); return v.map((x) => x / n); };

const compiled: CompiledInterest[] = [];
for (let i = 0; i < interests; i++) {
  const t = i % topics;
  const [v] = clusteredVectors(random, 1, [centroids[t]], 0.8);
  const terms = Array.from({ length: 6 }, () => { const w = topicWord(t); return { term: w, weight: 1, source: 'keyword' as const, text: w }; });
  compiled.push({ name: `i${i}`, terms, refused: [], vector: unit(v), embedderId: 'synthetic@1' });
}
const posts: MatcherPost[] = Array.from({ length: postCount }, (_, j) => {
  const t = j % topics;
  const words = [...Array.from({ length: 30 }, () => topicWord(t)), ...Array.from({ length: 60 }, () => word(100_000 + Math.floor(random() ** 3 * 5000)))];
  const [v] = clusteredVectors(random, 1, [centroids[t]], 1.2);
  return { id: j + 1, vector: unit(v), doc: lexicalDocument(words.slice(0, 5).join(' '), words.join(' ')) };
});

let t = performance.now();
const matcher = Matcher.create(compiled.map((c, i) => ({ id: i, compiled: c })), { embedderId: 'synthetic@1', dims: DIMS, threads });
console.log(`built: ${interests} interests in ${((performance.now() - t) / 1000).toFixed(2)} s`);
// Two halves: the first includes the cold start (calibration refreshed at every batch while
// the stream doubles; IDF re-weighting); the second is the steady state.
const halves: { seconds: number; cpu: number; matches: number; above: number }[] = [];
for (const [from, to] of [[0, postCount / 2], [postCount / 2, postCount]]) {
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  let matches = 0, above = 0;
  for (let s = from; s < to; s += BATCH) {
    const out = await matcher.scorePosts(posts.slice(s, Math.min(s + BATCH, to)));
    matches += out.length;
    above += out.filter((m) => m.aboveThreshold).length;
  }
  const cpu = process.cpuUsage(cpu0);
  halves.push({ seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, matches, above });
}
t = performance.now();
const back = await matcher.backScore(0, posts);
const backSeconds = (performance.now() - t) / 1000;
halves.forEach((h, i) => console.log(`scorePosts, ${i ? 'steady' : 'cold start'}: ${postCount / 2} posts in ${h.seconds.toFixed(2)} s wall, ${h.cpu.toFixed(2)} s CPU (${(postCount / 2 / h.cpu).toFixed(0)} posts per CPU-second); ${(h.matches / (postCount / 2)).toFixed(0)} stored pairs/post, ${(h.above / (postCount / 2)).toFixed(0)} above threshold`));
console.log(`backScore: 1 interest × ${postCount} posts in ${(backSeconds * 1000).toFixed(0)} ms, ${back.length} pairs`);
const steady = halves[1];
console.log(`matcher: posts_per_s=${(postCount / 2 / steady.seconds).toFixed(0)} pairs_per_s=${((postCount / 2) * interests / steady.seconds).toExponential(2)} interests=${interests} rss_mb=${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}`);
await matcher.close();
