// Cost of ranking one user's feed: synthetic candidates (posts × matched interests, a skewed
// source mix, near-duplicate clusters, some feedback), the whole ordering and a first page, and
// highlighting a page of titles. Run: node src/rank/rank.bench.ts [POSTS]
import type { Candidate } from './candidate.ts';
import { highlight } from './highlight.ts';
import { orderFeed, rankFeed } from './rank-feed.ts';

const posts = Number(process.argv[2] ?? 5000);
const now = new Date('2026-11-22T12:00:00Z');
let seed = 42;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const candidates: Candidate[] = [];
for (let id = 1; id <= posts; id++) {
  // Half the posts from 3 prolific feeds, the rest from 200; 10% in clusters of duplicates.
  const feedId = random() < 0.5 ? 1 + Math.floor(random() * 3) : 4 + Math.floor(random() * 200);
  const clusterId = random() < 0.1 ? 1 + Math.floor(random() * (posts / 30)) : id;
  const seen = new Date(now.getTime() - random() * 14 * 24 * 3600 * 1000);
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
    candidates.push({
      postId: id,
      clusterId,
      sources: [{ feedId, feedTitle: `Feed ${feedId}` }],
      published: seen,
      firstSeenAt: seen,
      interest: `interest ${Math.floor(random() * 100)}`,
      score: random() * 12 - 2,
      threshold: 4,
      breakdown: {},
      terms: ['languag model', 'gpu'],
      read: random() < 0.2,
      ...(random() < 0.02 ? { feedback: 'offtopic' as const } : {}),
    });
  }
}

function time(label: string, rounds: number, run: () => unknown): void {
  run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2)} ms`);
}

console.log(`${posts} posts, ${candidates.length} candidates`);
time('orderFeed (whole feed, with hidden)', 20, () => orderFeed(candidates, { now, includeHidden: true }));
time('rankFeed (page of 50)', 20, () => rankFeed(candidates, { now, limit: 50 }));
time('rankFeed (one interest, page of 50)', 20, () => rankFeed(candidates, { now, interest: 'interest 7', limit: 50 }));
const title = 'New GPUs make large language models cheaper to run at the state of the art';
time('highlight × 50 titles', 20, () => {
  for (let i = 0; i < 50; i++) highlight(title, ['languag model', 'gpu', 'state art']);
});
