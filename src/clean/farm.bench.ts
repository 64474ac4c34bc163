// toPost over the benchmark farm's feeds (bench/farm/feed-content.ts: small-blog RSS and Atom, 10–20
// entries of simple HTML each), parsed once; what the refresh job's clean step costs per feed.
// Run: node src/clean/farm.bench.ts [feeds] [rounds]
import { generateFeed } from '../../bench/farm/feed-content.ts';
import { loadFeedUrls } from '../../bench/farm/feed-urls.ts';
import { parseFeed } from '../parse/index.ts';
import { toPost } from './to-post.ts';

const feedCount = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 8);
const { urls } = loadFeedUrls(feedCount);
const feeds = urls.map((url, i) => ({ url, parsed: parseFeed(generateFeed(url, i % 2 === 0 ? 'rss' : 'atom', 0).xml, { url }) }));
const posts = feeds.reduce((sum, feed) => sum + feed.parsed.entries.length, 0);
console.log(`${feeds.length} feeds, ${posts} entries`);

const times: number[] = [];
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  for (const { url, parsed } of feeds) {
    for (const entry of parsed.entries) toPost(entry, { url, siteUrl: parsed.siteUrl });
  }
  times.push(performance.now() - start);
}
// The first round warms up the JIT; the best of the rest is the least disturbed by other processes.
const [best] = times.slice(1).sort((a, b) => a - b);
const median = times.slice(1).sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
console.log(`toPost: best ${((best * 1000) / posts).toFixed(1)} µs/post (${(best / feeds.length).toFixed(3)} ms/feed), median ${((median * 1000) / posts).toFixed(1)} µs/post`);
