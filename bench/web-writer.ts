// The web benchmark's writer: what a running instance writes while a reader asks for their feed,
// from its own process (as a CLI command or a second server would; the server's refresh and
// scoring service write the same rows from inside the server). None of it is the bench user's:
//  - another reader's actions, 10 a second: a read mark or a verdict on one of their matches;
//  - a refresh's group commit, 5 a second: a new post in a feed, with its matches for the other
//    reader's interests (what the scoring service stores for it);
//  - the scoring service saving its stream state, once a second.
// So every write moves the store's data version; none changes what the bench user's page shows.
//   node bench/web-writer.ts DB_PATH   → prints `writing` once set up; on SIGTERM prints
//   `wrote N actions, M posts, K state saves` and exits
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { createAccount } from '../src/web/auth/accounts.ts';
import { DEFAULT_THRESHOLD } from '../src/match/batch.ts';
import { seededRandom } from '../src/seeded-random.ts';
import type { Post } from '../src/clean/post.ts';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('web-writer: usage: node bench/web-writer.ts DB_PATH');

const OTHER_READER = 'bench-other';
const ACTIONS_PER_S = 10;
const POSTS_PER_S = 5;
const STATE_SAVES_PER_S = 1;

const store = openSqliteStore(dbPath);
const random = seededRandom(Date.now() % 100_000);
const other = (await store.userByName(OTHER_READER)) ?? (await createAccount(store, OTHER_READER, 'bench other password'));
let interests = await store.interests(other.id);
for (let i = interests.length; i < 20; i++) await store.addInterest(other.id, { name: `Other ${i}`, keywords: [`other${i}`] });
interests = await store.interests(other.id);
const feedId = (await store.dueFeeds(new Date(), { all: true, limit: 1 }))[0]?.id;
if (feedId === undefined) throw new Error(`web-writer: ${dbPath} has no feed to add posts to`);
const counts = { actions: 0, posts: 0, stateSaves: 0 };
let nextPost = Date.now();

async function action(): Promise<void> {
  const matches = await store.feedMatches(other.id, { limit: 200 });
  const m = matches[Math.floor(random() * matches.length)];
  if (!m) return;
  if (random() < 0.5) await store.setRead(other.id, [m.postId], random() < 0.8);
  else await store.addFeedback(other.id, m.postId, random() < 0.7 ? 'like' : 'offtopic', m.interestId);
  counts.actions++;
}

async function newPost(): Promise<void> {
  const n = nextPost++;
  const text = `bench writer post ${n} ${Math.floor(random() * 1e9)} about other things entirely`;
  const simhash = Array.from({ length: 4 }, () => Math.floor(random() * 65536).toString(16).padStart(4, '0')).join('');
  const post: Post = { entryId: `writer-${n}`, url: `https://writer.example/${n}`, title: `Writer post ${n}`, authors: [], contentHtml: `<p>${text}</p>`, text, categories: [], enclosures: [], simhash };
  const at = new Date();
  await store.saveFetch(feedId as number, { kind: 'fetched', at, httpStatus: 200, posts: [post], nextFetchAt: new Date(at.getTime() + 3600_000) });
  await store.flush();
  // The newest post (no published time: first seen now), the first row of the posts' time order.
  // Not postIdsAfter(0) nor a longer limit: at 1M posts those walk every row for the few since `at`.
  const [saved] = await store.posts({ since: at, limit: 1 });
  if (saved?.url !== post.url) return;
  const postId = saved.id;
  const interest = interests[Math.floor(random() * interests.length)];
  const score = DEFAULT_THRESHOLD + random() * 3;
  await store.saveMatches([{ postId, interestId: interest.id, score, aboveThreshold: true, breakdown: { evidence: score, terms: interest.keywords }, scoredAt: at }]);
  counts.posts++;
}

async function stateSave(): Promise<void> {
  await store.saveMatcherStream('bench-writer', { savedAt: Date.now(), posts: counts.posts });
  counts.stateSaves++;
}

const timers = [
  setInterval(() => void action(), 1000 / ACTIONS_PER_S),
  setInterval(() => void newPost(), 1000 / POSTS_PER_S),
  setInterval(() => void stateSave(), 1000 / STATE_SAVES_PER_S),
];
process.stdout.write('writing\n');
process.on('SIGTERM', () => {
  for (const t of timers) clearInterval(t);
  void store.close().then(() => {
    process.stdout.write(`wrote ${counts.actions} actions, ${counts.posts} posts, ${counts.stateSaves} state saves\n`);
    process.exit(0);
  });
});
