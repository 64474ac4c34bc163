import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MatchColumns } from '../match/matcher/match-columns.ts';
import type { Match } from '../match/matcher/match.ts';
import { Matcher } from '../match/matcher/matcher.ts';
import { compiledInterests, INTERESTS, matcherOptions } from '../match/matcher/synthetic-posts.ts';
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { lexicalDocument } from '../match/score/document.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { MatchRows, StoredMatch } from '../store/store.ts';
import { columnsAsRows, matchesAsRows } from './match-rows.ts';
import { addTopicPosts } from './topic-posts.ts';

const at = new Date('2026-12-06T05:00:00Z');

/** The reference: how the service stored a Match before the rows (a StoredMatch per pair, scores
 *  to 3 decimals, the breakdown with the batch scorer's field names, ScoreBreakdown). */
function toStoredMatch(m: Match, scoredAt: Date): StoredMatch {
  return {
    postId: m.postId,
    interestId: m.interestId,
    score: round3(m.score),
    aboveThreshold: m.aboveThreshold,
    breakdown: { evidence: round3(m.score), semantic: round3(m.semantic), lexical: round3(m.lexical), terms: m.terms, cosine: round3(m.cosine),
      threshold: round3(m.threshold), feedback: round3(m.feedback), chance: round3(m.chance) },
    scoredAt,
  };
}
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Row i as the StoredMatch it stands for, with its breakdown still as text. */
const row = (rows: MatchRows, i: number) => ({
  postId: rows.postId[i],
  interestId: rows.interestId[i],
  score: rows.score[i],
  aboveThreshold: rows.aboveThreshold[i] === 1,
  breakdown: rows.breakdownJson(i),
  scoredAt: rows.scoredAt(i),
});
const stored = (columns: MatchColumns, i: number) => {
  const m = toStoredMatch(columns.match(i), at);
  return { ...m, breakdown: JSON.stringify(m.breakdown), scoredAt: m.scoredAt.getTime() };
};

test('rows hold exactly what toStoredMatch stored, breakdown text included, from columns and from Matches', () => {
  const words = ['rocket', 'say "hi"', 'café', 'orbit'];
  const columns = new MatchColumns((id) => words[id]);
  const cases: [number, number, number, number, boolean, number[]][] = [
    [3.14159, 1.23456, 2.0004, 0.71234, true, [0, 3]],
    [-0.0004, -1.5, 0, 0.1, false, []],
    [2.9995, Number.NaN, Number.POSITIVE_INFINITY, -0.25, false, [1]],
    [12, 0.5, 11.5, 0.9, true, [2, 1, 0]],
    [4, 1, 3, 0.3, true, [3]],
  ];
  for (const [k, [score, semantic, lexical, cosine, above, terms]] of cases.entries()) {
    columns.push(100 + k, 7 + (k % 2), score, semantic, lexical, cosine, above, 3 - k / 7, -k / 7);
    for (const t of terms) columns.addTerm(t);
  }
  columns.chance = 3.9815;
  const fromColumns = columnsAsRows(columns, at);
  const fromMatches = matchesAsRows(columns.toMatches(), at);
  assert.equal(fromColumns.length, cases.length);
  for (let i = 0; i < cases.length; i++) {
    assert.deepEqual(row(fromColumns, i), stored(columns, i), `pair ${i} from columns`);
    assert.deepEqual(row(fromMatches, i), stored(columns, i), `pair ${i} from Matches`);
  }
  assert.equal(fromColumns.breakdownJson(0), '{"evidence":3.142,"semantic":1.235,"lexical":2,"terms":["rocket","orbit"],"cosine":0.712,"threshold":3,"feedback":0,"chance":3.982}');
  assert.match(fromColumns.breakdownJson(3), /"threshold":2\.571,"feedback":-0\.429,"chance":3\.982\}$/);
});

/** A store with posts and the five interests, and two copies of it (same rows, same times). */
async function threeStores(dir: string): Promise<[SqliteStore, SqliteStore, SqliteStore]> {
  const store = openSqliteStore(join(dir, 'a.db'));
  const user = await store.defaultUser();
  const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
  await addTopicPosts(store, feed, 80);
  for (const interest of Object.values(INTERESTS)) await store.addInterest(user.id, interest);
  store.db.exec(`VACUUM INTO '${join(dir, 'b.db')}'`);
  store.db.exec(`VACUUM INTO '${join(dir, 'c.db')}'`);
  return [store, openSqliteStore(join(dir, 'b.db')), openSqliteStore(join(dir, 'c.db'))];
}

/** How saveMatches wrote a match before saveMatchRows (at 5603f83): the reference for the rows. */
function saveAsBefore(store: SqliteStore, matches: readonly StoredMatch[]): void {
  const put = store.db.prepare(
    `INSERT OR REPLACE INTO matches (post_id, interest_id, user_id, score, above_threshold, post_time, rank_key, breakdown, scored_at)
     SELECT ?1, i.id, i.user_id, ?3, ?4, t.post_time,
       CASE WHEN ?3 > 0 THEN log2(?3) + t.post_time / 129600000.0 WHEN ?3 = 0 THEN -100000.0
       ELSE -1000000.0 - log2(-?3) + t.post_time / 129600000.0 END, ?5, ?6
     FROM interests i, (SELECT min(first_seen_at, coalesce(published_at, first_seen_at)) AS post_time FROM posts WHERE id = ?1) t
     WHERE i.id = ?2`,
  );
  store.db.exec('BEGIN');
  for (const m of matches) put.run(m.postId, m.interestId, m.score, m.aboveThreshold ? 1 : 0, JSON.stringify(m.breakdown ?? null), m.scoredAt.getTime());
  store.db.exec('COMMIT');
}

const allRows = (store: SqliteStore) => store.db.prepare('SELECT * FROM matches ORDER BY post_id, interest_id').all();

test('a matcher batch stored as rows gives the same rows as through Match objects and toStoredMatch, and as the store wrote them before', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-match-rows-'));
  const [viaRows, viaObjects, asBefore] = await threeStores(dir);
  const embedder = new BuiltinEmbedder();
  const stored = (await viaRows.posts({ limit: 1000 })).sort((a, b) => a.id - b.id);
  const vectors = await embedder.embed(stored.map((p) => `${p.title}\n${p.text}`));
  const posts = stored.map((p, i) => ({ id: p.id, vector: vectors[i], doc: lexicalDocument(p.title, p.text) }));
  const compiled = await compiledInterests(posts, embedder);
  const interests = await viaRows.allInterests();
  const topicOf = new Map(Object.entries(INTERESTS).map(([topic, i]) => [i.name, topic]));
  const matcher = Matcher.create(
    interests.map((i) => ({ id: i.id, compiled: compiled[topicOf.get(i.name)!] })),
    matcherOptions(embedder),
  );
  try {
    const columns = await matcher.scorePostsColumns(posts);
    assert.ok(columns.length > 50 && columns.termStart[columns.length] > 50, `${columns.length} pairs, ${columns.termStart[columns.length]} terms`);
    await viaRows.saveMatchRows(columnsAsRows(columns, at));
    const matches = columns.toMatches().map((m) => toStoredMatch(m, at));
    await viaObjects.saveMatches(matches);
    saveAsBefore(asBefore, matches);
    const rows = allRows(viaRows).map((r) => JSON.stringify(r));
    assert.equal(rows.length, columns.length);
    for (const [how, store] of [['through saveMatches', viaObjects], ['as before', asBefore]] as const) {
      const expected = allRows(store).map((r) => JSON.stringify(r));
      assert.equal(expected.length, columns.length, how);
      const differ = rows.findIndex((r, i) => r !== expected[i]);
      assert.equal(differ, -1, `row ${differ}: ${rows[differ]} stored ${how} as ${expected[differ]}`);
    }
  } finally {
    await matcher.close();
    await viaRows.close();
    await viaObjects.close();
    await asBefore.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
