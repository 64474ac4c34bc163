// Posts on five topics (match/matcher/synthetic-posts.ts's words) stored through a real fetch
// outcome, for the tests of the scoring service and the feed. Seeded, so every run is the same.
import { TOPICS } from '../match/matcher/synthetic-posts.ts';
import { seededRandom } from '../seeded-random.ts';
import { post } from '../store/store-conformance.ts';
import type { Feed, Store } from '../store/store.ts';

const FILLER = ['today', 'people', 'said', 'new', 'also', 'first', 'week', 'time', 'year', 'good', 'day', 'many', 'around', 'still', 'told', 'local', 'city', 'news'];
const random = seededRandom(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
let serial = 0;

/** Stores `count` posts, topics in turn, published over the last few hours; returns their ids by topic. */
export async function addTopicPosts(store: Store, feed: Feed, count: number): Promise<Map<number, string>> {
  const topics = Object.keys(TOPICS);
  const now = Date.now();
  const posts = Array.from({ length: count }, (_, i) => {
    const topic = topics[i % topics.length];
    const words = Array.from({ length: 40 }, () => (random() < 0.45 ? pick(TOPICS[topic]) : pick(FILLER)));
    const id = `${topic}-${serial++}`;
    return post(id, { title: `${pick(TOPICS[topic])} ${pick(FILLER)} ${pick(TOPICS[topic])}`, text: words.join(' '), contentHtml: `<p>${words.join(' ')}</p>`, published: new Date(now - (count - i) * 60_000) });
  });
  await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date(now + 3600_000) });
  await store.flush();
  const stored = await store.posts({ since: new Date(now - 3600_000 * 24), limit: 100_000 });
  const topicOf = new Map<string, string>(posts.map((p) => [p.url!, p.entryId.split('-')[0]]));
  return new Map(stored.filter((p) => topicOf.has(p.url!)).map((p) => [p.id, topicOf.get(p.url!)!]));
}

