// The ranked feed read from stored matches, at instance scale:
//   node bench/match-feed.ts [--posts=300000] [--interests=600] [--feeds=2000] [--rounds=20]
// A SQLite file with POSTS posts of the last 30 days spread over FEEDS feeds, one user with
// INTERESTS interests, and stored matches for ~15% of posts (1–3 interests each; 80% of them
// above the threshold), written straight into the tables (the scoring path has its own bench).
// Measured: userFeed's first page (50 items), the page after it by cursor and by offset, and one
// interest's page — each the median of ROUNDS calls — and the query plan of the first read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { userFeed } from '../src/jobs/user-feed.ts';
import { seededRandom } from '../src/seeded-random.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const POSTS = arg('posts', 300_000), INTERESTS = arg('interests', 600), FEEDS = arg('feeds', 2000), ROUNDS = arg('rounds', 20);
const DAY = 24 * 3600 * 1000;

const dir = mkdtempSync(join(tmpdir(), 'sluice-feed-bench-'));
const store = openSqliteStore(join(dir, 'sluice.db'));
try {
  const random = seededRandom(3);
  const user = await store.defaultUser();
  const now = Date.now();
  let t = performance.now();
  const db = store.db;
  db.exec('BEGIN');
  const feed = db.prepare("INSERT INTO feeds (url, title, status, next_fetch_at, consecutive_errors, full_text, created_at) VALUES (?, ?, 'active', 0, 0, 0, 0)");
  for (let f = 1; f <= FEEDS; f++) feed.run(`https://f${f}.example/feed.xml`, `Feed ${f}`);
  const sub = db.prepare('INSERT INTO subscriptions (user_id, feed_id, title, created_at) VALUES (?, ?, ?, 0)');
  for (let f = 1; f <= 100; f++) sub.run(user.id, f, `Feed ${f}`);
  const interest = db.prepare("INSERT INTO interests (user_id, name, keywords, created_at, updated_at) VALUES (?, ?, '[]', 0, 0)");
  for (let i = 1; i <= INTERESTS; i++) interest.run(user.id, `Interest ${i}`);
  const post = db.prepare(`INSERT INTO posts (id, url, title, content_html, text, simhash, sh0, sh1, sh2, sh3, cluster_id, published_at, first_seen_at)
    VALUES (?, ?, ?, '', '', '0', 0, 0, 0, 0, ?, ?, ?)`);
  const source = db.prepare('INSERT INTO post_sources (post_id, feed_id, entry_id, seen_at) VALUES (?, ?, ?, 0)');
  const match = db.prepare(`INSERT OR REPLACE INTO matches (post_id, interest_id, user_id, score, above_threshold, post_time, rank_key, breakdown, scored_at)
    VALUES (?, ?, ?, ?, ?, ?, log2(?4) + ?6 / ${36 * 3600 * 1000}.0, '{"terms":[]}', 0)`);
  let matches = 0;
  for (let id = 1; id <= POSTS; id++) {
    const at = now - Math.floor(random() * 30 * DAY);
    // One post in 10 is a near-duplicate of an earlier one.
    const cluster = id > 10 && random() < 0.1 ? id - 1 - Math.floor(random() * 10) : id;
    post.run(id, `https://example.com/${id}`, `Post ${id}`, cluster, at, at);
    source.run(id, 1 + Math.floor(random() ** 2 * FEEDS), `e${id}`);
    if (random() < 0.15) {
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const score = 2 + random() * 6;
        match.run(id, 1 + Math.floor(random() * INTERESTS), user.id, score, score >= 3 ? 1 : 0, at);
        matches++;
      }
    }
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  console.log(`match-feed: ${POSTS} posts, ${FEEDS} feeds, ${INTERESTS} interests, ${matches} stored matches, written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT m.* FROM matches m WHERE m.user_id = ? AND m.post_time >= ? AND m.above_threshold = 1
    ORDER BY m.rank_key DESC, m.post_id, m.interest_id LIMIT 120`).all(user.id, now - 30 * DAY) as { detail: string }[];
  console.log(`plan of the first read: ${plan.map((r) => r.detail).join('; ')}`);

  const median = async (label: string, call: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      t = performance.now();
      await call();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)];
    console.log(`${label.padEnd(34)} median ${ms.toFixed(1)} ms (p90 ${times[Math.floor(times.length * 0.9)].toFixed(1)} ms)`);
    return ms;
  };
  const at = new Date(now + 1000);
  const first = await userFeed(store, user, { now: at, limit: 50 });
  const firstMs = await median('first page (50)', () => userFeed(store, user, { now: at, limit: 50 }));
  await median('next page by cursor', () => userFeed(store, user, { now: at, limit: 50, before: first.next }));
  await median('page 3 by offset', () => userFeed(store, user, { now: at, limit: 50, offset: 100 }));
  await median('one interest, first page', () => userFeed(store, user, { now: at, limit: 50, interest: 'Interest 7' }));
  await median('own subscriptions only, first page', () => userFeed(store, { ...user, ownFeedsOnly: true }, { now: at, limit: 50 }));
  console.log(`match-feed: first_page_ms=${firstMs.toFixed(1)} posts=${POSTS} interests=${INTERESTS} matches=${matches}`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
