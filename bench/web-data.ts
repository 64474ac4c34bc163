// The web benchmark's instance: a SQLite data directory with POSTS posts over FEEDS feeds and one
// account with INTERESTS interests, and the stored matches the scoring service would have written
// (2% of posts match 1–3 interests, from threshold − 1 up, 80% of them above it), some posts read,
// some feedback. Posts are written straight into the tables in one transaction (the store's own
// insert path checks near-duplicates per post: hours at 1M); matches go through the store
// (saveMatches computes their rank keys). Cached under bench/.cache/, keyed by size and schema
// version, and made again when a day old (posts age out of the feed's 30-day window).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_THRESHOLD } from '../src/match/batch.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { migrations } from '../src/store/sqlite/migrations.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { StoredMatch } from '../src/store/store.ts';
import { createAccount, issueApiToken } from '../src/web/auth/accounts.ts';

export interface WebBenchSize {
  posts: number;
  interests: number;
  feeds: number;
}

export interface WebBenchData extends WebBenchSize {
  dbPath: string;
  userName: string;
  password: string;
  /** An API token of the user (the store keeps only its hash, so the cache keeps the secret). */
  apiToken: string;
  matches: number;
  generatedAt: number;
}

const DEFAULT_CACHE = new URL('./.cache/', import.meta.url).pathname;
/** Bumped when what is generated changes, so old caches are not reused. */
const DATA_VERSION = 1;
const DAY = 24 * 3600 * 1000;
const MAX_AGE_MS = DAY;
const SPAN_DAYS = 45; // two thirds of the posts in the feed's 30-day window
const MATCHED_SHARE = 0.02;
const SUBSCRIBED_FEEDS = 100;

const WORDS = `market election climate rust compiler kernel football tennis vaccine gardening tomato recipe
  startup funding database sqlite postgres index latency browser privacy encryption satellite rocket
  telescope galaxy quantum battery solar wind energy housing mortgage inflation bank court ruling
  parliament minister strike union museum novel poetry film festival album concert guitar chess
  bicycle railway airport harbour ocean forest river mountain glacier drought flood storm coffee
  bread cheese wine olive pasta noodle curry hospital nurse doctor school teacher student research
  paper model training dataset robot drone camera phone laptop keyboard linux windows android
  security breach patch release version update feature bug crash outage cloud server network`
  .split(/\s+/)
  .filter(Boolean);

export async function webBenchData(size: WebBenchSize, cacheDir = DEFAULT_CACHE, log: (line: string) => void = console.log): Promise<WebBenchData> {
  const dir = join(cacheDir, `web-p${size.posts}-i${size.interests}-f${size.feeds}-d${DATA_VERSION}-s${migrations.at(-1)?.version}`);
  const manifest = join(dir, 'bench.json');
  if (existsSync(manifest)) {
    const data = JSON.parse(readFileSync(manifest, 'utf8')) as WebBenchData;
    if (Date.now() - data.generatedAt < MAX_AGE_MS && existsSync(data.dbPath)) return data;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const data = await generate(size, join(dir, 'sluice.db'));
  writeFileSync(manifest, JSON.stringify(data, null, 2));
  log(`web: generated ${size.posts} posts, ${size.feeds} feeds, ${size.interests} interests, ${data.matches} stored matches in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`);
  return data;
}

async function generate(size: WebBenchSize, dbPath: string): Promise<WebBenchData> {
  const random = seededRandom(4);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)];
  const words = (n: number) => Array.from({ length: n }, pick).join(' ');
  const now = Date.now();
  const store = openSqliteStore(dbPath);
  try {
    const userName = 'bench';
    const password = 'bench password 1';
    const user = await createAccount(store, userName, password);
    const { secret: apiToken } = await issueApiToken(store, user.id, 'web bench');
    const interests = [];
    for (let i = 1; i <= size.interests; i++) interests.push(await store.addInterest(user.id, { name: `Interest ${i} ${pick()}`, keywords: [pick(), pick(), `${pick()} ${pick()}`] }));

    const db = store.db;
    // Indexes are built once after the rows are in (a sort each) rather than kept up row by row.
    const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('posts', 'post_sources') AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    db.exec('BEGIN');
    for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
    const feed = db.prepare("INSERT INTO feeds (id, url, title, status, next_fetch_at, last_fetch_at, last_success_at, created_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?)");
    for (let f = 1; f <= size.feeds; f++) feed.run(f, `https://feed${f}.example/feed.xml`, `${pick()} ${pick()} weekly`, now + 3600_000, now, now, now - 60 * DAY);
    const subscribe = db.prepare('INSERT INTO subscriptions (user_id, feed_id, title, created_at) VALUES (?, ?, NULL, ?)');
    for (let f = 1; f <= Math.min(SUBSCRIBED_FEEDS, size.feeds); f++) subscribe.run(user.id, f, now);
    const post = db.prepare(`INSERT INTO posts (id, url, link, title, content_html, text, simhash, sh0, sh1, sh2, sh3, cluster_id, published_at, first_seen_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const source = db.prepare('INSERT INTO post_sources (post_id, feed_id, entry_id, seen_at) VALUES (?, ?, ?, ?)');
    const matched: { postId: number; at: number }[] = [];
    for (let id = 1; id <= size.posts; id++) {
      // Ids grow with time, as they do when posts arrive; the newest post is a minute old.
      const at = now - 60_000 - Math.floor(((size.posts - id) / size.posts) * SPAN_DAYS * DAY);
      const text = words(35 + Math.floor(random() * 30));
      const bands = [0, 1, 2, 3].map(() => Math.floor(random() * 65536));
      const simhash = bands.map((b) => b.toString(16).padStart(4, '0')).join('');
      // One post in 10 is a near-duplicate of one a little earlier (the feed folds them).
      const cluster = id > 10 && random() < 0.1 ? id - 1 - Math.floor(random() * 10) : id;
      const url = `https://feed.example/${id}`;
      post.run(id, url, url, `${words(6)} ${id}`, `<p>${text}</p>`, text, simhash, ...bands, cluster, at, at);
      // Popular feeds carry more posts.
      source.run(id, 1 + Math.floor(random() ** 2 * size.feeds), `entry-${id}`, at);
      if (random() < MATCHED_SHARE) matched.push({ postId: id, at });
    }
    for (const { sql } of indexes) db.exec(sql);
    // A tenth of the matched posts were read already.
    const read = db.prepare('INSERT INTO post_states (user_id, post_id, read_at) VALUES (?, ?, ?)');
    for (const m of matched) if (random() < 0.1) read.run(user.id, m.postId, m.at + 3600_000);
    db.exec('COMMIT');

    const matches: StoredMatch[] = [];
    for (const { postId } of matched) {
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const interest = interests[Math.floor(random() * interests.length)];
        // Scores from threshold − 1 up (what the scoring service keeps), 80% above the threshold.
        const score = random() < 0.8 ? DEFAULT_THRESHOLD + random() * 5 : DEFAULT_THRESHOLD - random();
        const terms = interest.keywords.slice(0, 1 + Math.floor(random() * 2));
        const semantic = score * (0.4 + random() * 0.3);
        const breakdown = { evidence: score, semantic, lexical: score - semantic, terms, cosine: 0.2 + random() * 0.4 };
        matches.push({ postId, interestId: interest.id, score: Math.round(score * 1000) / 1000, aboveThreshold: score >= DEFAULT_THRESHOLD, breakdown, scoredAt: new Date(now) });
      }
    }
    await store.saveMatches(matches);
    // Some feedback, as a user who has used the reader for a while leaves.
    for (let i = 0; i < Math.min(200, matches.length); i++) {
      const m = matches[Math.floor(random() * matches.length)];
      await store.addFeedback(user.id, m.postId, random() < 0.7 ? 'like' : 'offtopic', m.interestId);
    }
    db.exec('ANALYZE');
    return { posts: size.posts, interests: size.interests, feeds: size.feeds, dbPath, userName, password, apiToken, matches: matches.length, generatedAt: now };
  } finally {
    await store.close();
  }
}
