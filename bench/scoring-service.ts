// `npm run bench -- scoring-service [--users=300] [--interests=100] [--warm=500] [--posts=512] [--threads=1] [--calibration-save-ms=N]`
// The app's real scoring path at instance scale: ScoringService.postsAdded (src/jobs/scoring.ts)
// on a SQLite store in a temp dir — new posts read from the store, embedded (built-in embedder,
// stream vocabulary on), vectors stored, scored by the matcher against USERS × INTERESTS interests,
// the stored pairs written to the matches table.
//
// Data: BBC news posts (../shared/corpora/bbc-news/bbc.jsonl) when present, else the seeded
// five-topic posts of src/jobs/topic-posts.ts. Each interest is named after a random post's title
// with up to 3 of its longer words as keywords (BBC), or 3 words of one topic (synthetic). The
// first WARM posts are stored and replayed by the service's first start (not measured); then POSTS
// more are stored and one postsAdded() call scores them all, in the service's batches of 256, with
// the service's settings (every interest's calibration saved every 5 minutes, not after each batch;
// --calibration-save-ms=0 saves them after each batch, as commands did before).
// Reported: posts/s and stored pairs/s (wall), and CPU ms per post by stage (the service's own
// `cost`: process CPU, scan workers included). Last line (the contract):
// `scoring-service: posts_per_s=X pairs_per_s=Y interests=N embed_ms=E score_ms=S save_ms=V` (ms per post).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ScoringService } from '../src/jobs/scoring.ts';
import { addTopicPosts } from '../src/jobs/topic-posts.ts';
import { TOPICS } from '../src/match/matcher/synthetic-posts.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { post } from '../src/store/store-conformance.ts';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { Feed, NewInterest } from '../src/store/store.ts';

const BBC = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url);

interface Options {
  users: number;
  interests: number;
  warm: number;
  posts: number;
  threads: number;
  /** ScoringOptions.saveIntervalMs; undefined: the service's default. */
  calibrationSaveMs?: number;
}

interface Article {
  title: string;
  text: string;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args: args.filter((a) => a !== 'scoring-service'),
    options: {
      users: { type: 'string', default: '300' },
      interests: { type: 'string', default: '100' },
      warm: { type: 'string', default: '500' },
      posts: { type: 'string', default: '512' },
      threads: { type: 'string', default: '1' },
      'calibration-save-ms': { type: 'string' },
    },
    strict: false,
  });
  const number = (name: keyof Options): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`bench scoring-service: --${name} must be a positive integer, not "${values[name]}"`);
    return n;
  };
  const saveMs = values['calibration-save-ms'] === undefined ? undefined : Number(values['calibration-save-ms']);
  if (saveMs !== undefined && !(saveMs >= 0)) throw new Error(`bench scoring-service: --calibration-save-ms must be a number ≥ 0, not "${values['calibration-save-ms']}"`);
  await benchScoringService({ users: number('users'), interests: number('interests'), warm: number('warm'), posts: number('posts'), threads: number('threads'), calibrationSaveMs: saveMs });
}

export async function benchScoringService(options: Options): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-scoring-bench-'));
  const store = openSqliteStore(join(dir, 'sluice.db'));
  const random = seededRandom(11);
  try {
    const articles = existsSync(BBC) ? shuffled(bbcArticles(), random) : undefined;
    if (articles && articles.length < options.warm + options.posts) throw new Error(`bench scoring-service: the corpus has ${articles.length} posts, fewer than --warm + --posts`);
    let t = performance.now();
    const feed = await interestsAndFeed(store, options, articles, random);
    const addPosts = async (from: number, count: number) => {
      if (articles) await storeArticles(store, feed, articles.slice(from, from + count));
      else await addTopicPosts(store, feed, count);
    };
    await addPosts(0, options.warm);
    const total = options.users * options.interests;
    console.log(`scoring-service: ${articles ? 'BBC' : 'synthetic'} posts; ${options.users} users × ${options.interests} interests; store built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    // As the server and commands run it: calibrations saved every few minutes (the default), not every batch.
    // Self-training passes are timed apart (below): the scoring path alone here, as before them.
    const service = await ScoringService.start(store, { threads: options.threads, saveIntervalMs: options.calibrationSaveMs, selfTrainEvery: 0 });
    console.log(`first start (replay of ${options.warm} posts): ${((performance.now() - t) / 1000).toFixed(1)} s, ${service.interests} interests in the matcher, ${matchCount(store)} pairs stored`);

    await addPosts(options.warm, options.posts);
    const before = service.cost;
    const pairsBefore = matchCount(store);
    t = performance.now();
    await service.postsAdded();
    const wallS = (performance.now() - t) / 1000;
    const after = service.cost;
    const posts = after.posts - before.posts;
    const pairs = matchCount(store) - pairsBefore;
    // One self-training pass over what the replay and these posts scored (the server runs one every
    // SELF_TRAIN_EVERY posts): the interests with enough sure pairs learn and are back-scored.
    t = performance.now();
    const pass = process.cpuUsage();
    const learned = await service.selfTrain();
    const passCpu = process.cpuUsage(pass);
    console.log(`self-training pass: ${learned} interests learned, ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${((passCpu.user + passCpu.system) / 1000).toFixed(0)} ms CPU`);
    // close() saves every interest's calibration (what the CLI paid after every batch before).
    t = performance.now();
    const closing = process.cpuUsage();
    await service.close();
    const closeCpu = process.cpuUsage(closing);
    const closeS = (performance.now() - t) / 1000;
    if (posts !== options.posts) throw new Error(`bench scoring-service: ${posts} posts scored, ${options.posts} stored`);
    if (pairs !== after.storedPairs - before.storedPairs) throw new Error(`bench scoring-service: the matcher stored ${after.storedPairs - before.storedPairs} pairs, the table gained ${pairs}`);

    const perPost = (ms: number) => ms / posts;
    const embed = perPost(after.embedMs - before.embedMs), score = perPost(after.scoreMs - before.scoreMs), save = perPost(after.saveMs - before.saveMs);
    console.log(`postsAdded, ${posts} posts: ${wallS.toFixed(2)} s wall, ${(posts / wallS).toFixed(1)} posts/s, ${(pairs / posts).toFixed(0)} stored pairs/post, ${(pairs / wallS).toFixed(0)} stored pairs/s`);
    console.log(`CPU ms per post: embed ${embed.toFixed(2)}, score ${score.toFixed(2)}, save ${save.toFixed(2)} (save: ${(pairs / posts / save).toFixed(0)} pairs per CPU-ms)`);
    console.log(`close (saves the stream and ${total} calibrations): ${closeS.toFixed(2)} s wall, ${((closeCpu.user + closeCpu.system) / 1000).toFixed(0)} ms CPU`);
    console.log(
      `scoring-service: posts_per_s=${(posts / wallS).toFixed(1)} pairs_per_s=${(pairs / wallS).toFixed(0)} interests=${total} embed_ms=${embed.toFixed(2)} score_ms=${score.toFixed(2)} save_ms=${save.toFixed(2)}`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function bbcArticles(): Article[] {
  return readFileSync(BBC, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Article);
}

/** The corpus is sorted by topic; posts arrive mixed. */
function shuffled<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** The users, their interests and the one feed every post comes from. */
async function interestsAndFeed(store: SqliteStore, options: Options, articles: Article[] | undefined, random: () => number): Promise<Feed> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const topics = Object.keys(TOPICS);
  const interest = (u: number, k: number): NewInterest => {
    if (!articles) {
      const topic = pick(topics);
      const keywords = [...new Set([pick(TOPICS[topic]), pick(TOPICS[topic]), pick(TOPICS[topic])])];
      return { name: `${topic} ${u}-${k}`, keywords };
    }
    const title = pick(articles).title;
    const words = [...new Set(title.toLowerCase().match(/[a-z]{5,}/g) ?? [])];
    return { name: `${title} (${u}-${k})`, keywords: words.slice(0, 3) };
  };
  let feed: Feed | undefined;
  for (let u = 0; u < options.users; u++) {
    const user = await store.createUser(`user${u}`, 'scrypt$bench');
    if (!feed) feed = (await store.subscribe(user.id, { url: 'https://bench.example/feed.xml' })).feed;
    for (let k = 0; k < options.interests; k++) await store.addInterest(user.id, interest(u, k));
  }
  return feed!;
}

let stored = 0;
/** Stores articles as one fetch of the feed, published a minute apart up to now. */
async function storeArticles(store: SqliteStore, feed: Feed, articles: readonly Article[]): Promise<void> {
  const now = Date.now();
  const posts = articles.map((a, i) => {
    const id = `bbc-${stored++}`;
    return post(id, { title: a.title, text: a.text, contentHtml: `<p>${a.text}</p>`, published: new Date(now - (articles.length - i) * 60_000) });
  });
  await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date(now + 3600_000) });
  await store.flush();
}

function matchCount(store: SqliteStore): number {
  return Number((store.db.prepare('SELECT count(*) AS n FROM matches').get() as { n: number }).n);
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
