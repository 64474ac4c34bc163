// The embedded default Store: one SQLite file through the built-in node:sqlite (no native addon).
// WAL mode lets readers (the web server) run beside the writer (refresh); every fetch is one
// transaction, so a process killed mid-write leaves the feed as it was before that fetch.
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Post } from '../../clean/post.ts';
import type {
  Feed,
  Feedback,
  FeedbackKind,
  FeedbackWithdrawal,
  FeedMatch,
  FeedMatchQuery,
  FeedStatus,
  FetchOutcome,
  Lease,
  MatchRows,
  NewFeed,
  PostHead,
  PostQuery,
  PostRevision,
  PostState,
  SaveResult,
  NewInterest,
  ApiToken,
  Session,
  Store,
  StoredInterest,
  StoredMatch,
  PostEdit,
  PostStems,
  StoredPost,
  Subscription,
  User,
} from '../store.ts';
import { DuplicateError, StoreError } from '../errors.ts';
import { simhashBands, isNearDuplicate, NEAR_DUPLICATE_WINDOW_MS } from '../near-duplicates.ts';
import { ensureDatabaseDirectory } from './database-directory.ts';
import { migrations } from './migrations.ts';
import { DEFAULT_HALF_LIFE_HOURS } from '../../rank/freshness.ts';

type Row = Record<string, unknown>;

const DEFAULT_USER = 'local';

/**
 * A match's ranking key, from its score (?3) and its post's time (?7, ms): ordering by it
 * is ordering by rank/freshness.ts's rankScore at the default half-life, whatever `now` is, because
 * rankScore = score · 2^(post_time/h) · 2^(−now/h). So log2(score) + post_time/h for a positive
 * score (≈ 13,700 today, ± a thousand for any score a float holds); a zero score ranks below every
 * positive one; a negative one, −|score| · 2^((now − post_time)/h), lower still and lower with age.
 */
const HALF_LIFE_MS = DEFAULT_HALF_LIFE_HOURS * 3600 * 1000;
const RANK_KEY = `CASE WHEN ?3 > 0 THEN log2(?3) + ?7 / ${HALF_LIFE_MS}.0
  WHEN ?3 = 0 THEN -100000.0
  ELSE -1000000.0 - log2(-?3) + ?7 / ${HALF_LIFE_MS}.0 END`;

/** An API token's last use is written again only this long after the recorded one. */
const API_TOKEN_USE_MS = 60_000;

/** How long a withdrawn verdict stays in the log other processes read. */
const WITHDRAWALS_KEPT_MS = 90 * 24 * 3600 * 1000;

/** How long fetches saved in a row share one transaction (measured: 50 ms → 200 ms cut commit time by a third). */
const GROUP_COMMIT_MS = 200;

export function openSqliteStore(path: string): SqliteStore {
  if (path !== ':memory:') ensureDatabaseDirectory(dirname(path));
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
  } catch (cause) {
    throw new StoreError(`cannot open SQLite database ${path}: ${(cause as Error).message}`, { cause });
  }
  try {
    return new SqliteStore(db, path);
  } catch (cause) {
    db.close();
    // SQLITE_NOTADB (26): another kind of file at that path (a --database typo), left untouched.
    if ((cause as { errcode?: number }).errcode === 26) throw new StoreError(`${path} is not a Sluice database (not a SQLite file); nothing was written to it`, { cause });
    throw cause;
  }
}

/** How long opening waits for other processes switching the same new file to WAL. */
const WAL_SWITCH_WAIT_MS = 10_000;

/** WAL mode is kept in the file, so this changes something only on a new file. Switching takes an
 *  exclusive lock, and SQLite answers "database is locked" at once — busy_timeout or not — when
 *  another process opens or switches the file at that moment (seen with 4 processes opening a new
 *  file together): so it is tried again, briefly, for a while. */
function useWal(db: DatabaseSync): void {
  const deadline = Date.now() + WAL_SWITCH_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (err) {
      const code = (err as { errcode?: number }).errcode;
      // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.
      if (code === undefined || ![5, 6].includes(code & 0xff) || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 10 + Math.random() * 40);
    }
  }
}

export class SqliteStore implements Store {
  readonly location: string;
  readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, location: string) {
    this.db = db;
    this.location = location;
    db.exec('PRAGMA busy_timeout = 5000;');
    useWal(db);
    db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    // A 64 MB page cache and memory-mapped reads: refresh's index lookups (URL, entry, simhash bands) and
    // inserts touch pages all over a large file; SQLite's default 2 MB cache turned them into syscalls.
    // Checkpoints every 32 MB of WAL rather than 4 MB: fewer, larger copies during a big refresh.
    db.exec('PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 8192;');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => Number(r.version)),
    );
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      this.transaction(() => {
        // Checked again under the write lock: another process opening the same file may have just applied it.
        if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      });
    }
  }

  /** Prepared statements are cached: refresh runs the same few queries thousands of times. */
  private sql(text: string): StatementSync {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /** All or nothing. Inside an open group commit, a savepoint gives the same guarantee. */
  private transaction<T>(work: () => T): T {
    if (this.group) {
      this.db.exec('SAVEPOINT one_write');
      try {
        const result = work();
        this.db.exec('RELEASE one_write');
        return result;
      } catch (err) {
        this.db.exec('ROLLBACK TO one_write; RELEASE one_write');
        this.rollbacks++;
        throw err;
      }
    }
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      this.rollbacks++;
      throw err;
    }
  }

  // Group commit: a refresh saves thousands of fetches, and a COMMIT per fetch cost a third of the
  // refresh's main-thread time. Fetches saved within GROUP_COMMIT_MS share one transaction, each in
  // its own savepoint, so each is still all or nothing; a crash loses at most that window of fetches
  // (never half of one), and those feeds are simply fetched again.
  private group: ReturnType<typeof setTimeout> | undefined;
  private groupError: Error | undefined;

  private inGroup<T>(work: () => T): T {
    if (this.groupError) {
      const err = this.groupError;
      this.groupError = undefined;
      throw new StoreError(`the last group of writes to ${this.location} could not be committed: ${err.message}`, { cause: err });
    }
    if (!this.group) {
      this.db.exec('BEGIN IMMEDIATE');
      this.group = setTimeout(() => this.commitGroup(), GROUP_COMMIT_MS);
    }
    return this.transaction(work);
  }

  private commitGroup(): void {
    if (!this.group) return;
    clearTimeout(this.group);
    this.group = undefined;
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      this.rollbacks++;
      this.groupError = err as Error;
    }
  }

  async flush(): Promise<void> {
    this.commitGroup();
  }

  async defaultUser(): Promise<User> {
    // The first account; before any exists, the passwordless local user (made on first use).
    const first = () => this.sql('SELECT * FROM users ORDER BY password_hash IS NULL, id LIMIT 1').get() as Row | undefined;
    const row = first();
    if (row) return userFromRow(row);
    // Under the write lock, so two processes starting on an empty database make one local user.
    return this.transaction(() => {
      const made = first();
      if (made) return userFromRow(made);
      const info = this.sql('INSERT INTO users (name, created_at) VALUES (?, ?)').run(DEFAULT_USER, Date.now());
      return userFromRow(this.sql('SELECT * FROM users WHERE id = ?').get(info.lastInsertRowid) as Row);
    });
  }

  async userByName(name: string): Promise<User | undefined> {
    const row = this.sql('SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
    return row ? userFromRow(row) : undefined;
  }

  async userById(id: number): Promise<User | undefined> {
    const row = this.sql('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? userFromRow(row) : undefined;
  }

  async users(): Promise<User[]> {
    return (this.sql('SELECT * FROM users ORDER BY id').all() as Row[]).map(userFromRow);
  }

  async createUser(name: string, passwordHash: string): Promise<User> {
    return this.transaction(() => {
      const counts = this.sql('SELECT count(*) AS total, count(password_hash) AS accounts FROM users').get() as Row;
      const taken = this.sql('SELECT id FROM users WHERE name = ?').get(name) as Row | undefined;
      if (Number(counts.total) === 1 && Number(counts.accounts) === 0) {
        // Only the local user exists: the first account takes it over, keeping what was set up before signing up.
        const local = this.sql('SELECT id FROM users').get() as Row;
        try {
          this.sql('UPDATE users SET name = ?, password_hash = ? WHERE id = ?').run(name, passwordHash, local.id as number);
        } catch (err) {
          if (/UNIQUE constraint/.test((err as Error).message)) throw new DuplicateError('user', name);
          throw err;
        }
        return userFromRow(this.sql('SELECT * FROM users WHERE id = ?').get(local.id as number) as Row);
      }
      if (taken) throw new DuplicateError('user', name);
      const info = this.sql('INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)').run(name, passwordHash, Date.now());
      return userFromRow(this.sql('SELECT * FROM users WHERE id = ?').get(info.lastInsertRowid) as Row);
    });
  }

  async passwordHash(userId: number): Promise<string | undefined> {
    const row = this.sql('SELECT password_hash FROM users WHERE id = ?').get(userId) as Row | undefined;
    return (row?.password_hash as string | null | undefined) ?? undefined;
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    this.sql('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  async removeUser(userId: number): Promise<boolean> {
    return this.transaction(() => {
      const feeds = (this.sql('SELECT feed_id FROM subscriptions WHERE user_id = ?').all(userId) as Row[]).map((r) => Number(r.feed_id));
      const removed = Number(this.sql('DELETE FROM users WHERE id = ?').run(userId).changes) > 0;
      // Feeds nobody follows any more stop being fetched, as with unsubscribe.
      for (const feedId of feeds) {
        if (!this.sql('SELECT 1 FROM subscriptions WHERE feed_id = ? LIMIT 1').get(feedId)) {
          this.sql("UPDATE feeds SET status = 'disabled' WHERE id = ?").run(feedId);
        }
      }
      return removed;
    });
  }

  async createSession(session: Session): Promise<void> {
    // Sign-ins are rare: a good moment to forget sessions that expired.
    this.sql('DELETE FROM sessions WHERE expires_at <= ?').run(session.createdAt.getTime());
    this.sql('INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      session.idHash,
      session.userId,
      session.createdAt.getTime(),
      session.lastSeenAt.getTime(),
      session.expiresAt.getTime(),
    );
  }

  async sessionByHash(idHash: string, now: Date): Promise<Session | undefined> {
    const row = this.sql('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, now.getTime()) as Row | undefined;
    return row ? sessionFromRow(row) : undefined;
  }

  async touchSession(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    this.sql('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?').run(lastSeenAt.getTime(), expiresAt.getTime(), idHash);
  }

  async revokeSession(idHash: string): Promise<void> {
    this.sql('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async revokeUserSessions(userId: number): Promise<void> {
    this.sql('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  async createApiToken(userId: number, name: string, tokenHash: string): Promise<ApiToken> {
    try {
      const info = this.sql('INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)').run(
        userId,
        name,
        tokenHash,
        Date.now(),
      );
      return apiTokenFromRow(this.sql('SELECT * FROM api_tokens WHERE id = ?').get(info.lastInsertRowid) as Row);
    } catch (err) {
      if (/UNIQUE constraint failed: api_tokens\.user_id/.test((err as Error).message)) throw new DuplicateError('token', name);
      throw err;
    }
  }

  async apiTokens(userId: number): Promise<ApiToken[]> {
    return (this.sql('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id').all(userId) as Row[]).map(apiTokenFromRow);
  }

  async revokeApiToken(userId: number, name: string): Promise<boolean> {
    return Number(this.sql('DELETE FROM api_tokens WHERE user_id = ? AND name = ? COLLATE NOCASE').run(userId, name).changes) > 0;
  }

  async useApiToken(tokenHash: string, at: Date): Promise<ApiToken | undefined> {
    const row = this.sql('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    if (!row) return undefined;
    // Recorded to the minute (as shown): a client calling many times a second writes once a minute.
    const last = row.last_used_at as number | null;
    if (last !== null && at.getTime() >= last && at.getTime() - last < API_TOKEN_USE_MS) return apiTokenFromRow(row);
    this.sql('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at.getTime(), row.id as number);
    return apiTokenFromRow({ ...row, last_used_at: at.getTime() });
  }

  async outputFeedToken(userId: number): Promise<string | undefined> {
    const row = this.sql('SELECT token FROM output_feed_tokens WHERE user_id = ?').get(userId) as Row | undefined;
    return row ? String(row.token) : undefined;
  }

  async setOutputFeedToken(userId: number, token: string | undefined): Promise<void> {
    if (token === undefined) this.sql('DELETE FROM output_feed_tokens WHERE user_id = ?').run(userId);
    else this.sql('INSERT OR REPLACE INTO output_feed_tokens (user_id, token, created_at) VALUES (?, ?, ?)').run(userId, token, Date.now());
  }

  async userForOutputFeedToken(token: string): Promise<User | undefined> {
    const row = this.sql('SELECT u.* FROM output_feed_tokens t JOIN users u ON u.id = t.user_id WHERE t.token = ?').get(token) as Row | undefined;
    return row ? userFromRow(row) : undefined;
  }

  async updateUserSettings(userId: number, settings: { ownFeedsOnly?: boolean }): Promise<User | undefined> {
    if (settings.ownFeedsOnly !== undefined) {
      this.sql('UPDATE users SET own_feeds_only = ? WHERE id = ?').run(settings.ownFeedsOnly ? 1 : 0, userId);
    }
    const row = this.sql('SELECT * FROM users WHERE id = ?').get(userId) as Row | undefined;
    return row ? userFromRow(row) : undefined;
  }

  async postVectors(embedderId: string, postIds: readonly number[]): Promise<Map<number, Float32Array>> {
    const out = new Map<number, Float32Array>();
    // One statement for the list (json_each): a window read asks for 2,000 at a time, and a query
    // per id cost ~18 µs each (100,000 posts: 1.9 s).
    const rows = this.sql('SELECT post_id, vector FROM post_vectors WHERE embedder = ? AND post_id IN (SELECT value FROM json_each(?))').all(
      embedderId,
      JSON.stringify(postIds),
    ) as Row[];
    const found = new Map<number, Uint8Array>();
    for (const row of rows) found.set(Number(row.post_id), row.vector as Uint8Array);
    for (const id of postIds) {
      const bytes = found.get(id);
      // Copy: the blob's buffer may be shared and unaligned.
      if (bytes !== undefined) out.set(id, new Float32Array(bytes.slice().buffer));
    }
    return out;
  }

  async savePostVectors(embedderId: string, vectors: ReadonlyMap<number, Float32Array>): Promise<void> {
    this.transaction(() => {
      const put = this.sql('INSERT OR REPLACE INTO post_vectors (post_id, embedder, vector) VALUES (?, ?, ?)');
      for (const [id, v] of vectors) put.run(id, embedderId, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    });
  }

  async postEditsAfter(seq: number, opts: { limit: number }): Promise<PostEdit[]> {
    const rows = this.sql('SELECT id, edit_seq FROM posts WHERE edit_seq > ? ORDER BY edit_seq LIMIT ?').all(seq, opts.limit) as Row[];
    return rows.map((r) => ({ seq: Number(r.edit_seq), postId: Number(r.id) }));
  }

  async lastPostEdit(): Promise<number> {
    const row = this.sql('SELECT max(edit_seq) AS seq FROM posts').get() as Row;
    return Number(row.seq ?? 0);
  }

  async stemIds(stems: readonly string[]): Promise<Map<string, number>> {
    const list = JSON.stringify(stems);
    return this.transaction(() => {
      this.sql('INSERT OR IGNORE INTO stems (stem) SELECT value FROM json_each(?)').run(list);
      const rows = this.sql('SELECT id, stem FROM stems WHERE stem IN (SELECT value FROM json_each(?))').all(list) as Row[];
      return new Map(rows.map((r) => [String(r.stem), Number(r.id)]));
    });
  }

  async stemsOf(ids: readonly number[]): Promise<Map<number, string>> {
    const rows = this.sql('SELECT id, stem FROM stems WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Row[];
    return new Map(rows.map((r) => [Number(r.id), String(r.stem)]));
  }

  async postStems(analysis: string, postIds: readonly number[]): Promise<Map<number, PostStems>> {
    const rows = this.sql(
      `SELECT s.post_id, s.revision, s.title_length, s.ids FROM post_stems s JOIN posts p ON p.id = s.post_id
       WHERE s.post_id IN (SELECT value FROM json_each(?)) AND s.analysis = ? AND s.revision = p.revision`,
    ).all(JSON.stringify(postIds), analysis) as Row[];
    const found = new Map<number, PostStems>();
    for (const row of rows) {
      // Copy: the blob's buffer may be shared and unaligned.
      const ids = new Uint32Array((row.ids as Uint8Array).slice().buffer);
      found.set(Number(row.post_id), { revision: Number(row.revision), titleLength: Number(row.title_length), ids });
    }
    // In the order asked.
    const out = new Map<number, PostStems>();
    for (const id of postIds) {
      const stems = found.get(id);
      if (stems !== undefined) out.set(id, stems);
    }
    return out;
  }

  async savePostStems(analysis: string, stems: ReadonlyMap<number, PostStems>): Promise<void> {
    this.transaction(() => {
      // Only at the post's current revision: stems analysed from text a refetch has since changed are stale.
      const put = this.sql(
        `INSERT OR REPLACE INTO post_stems (post_id, analysis, revision, title_length, ids)
         SELECT id, ?, revision, ?, ? FROM posts WHERE id = ? AND revision = ?`,
      );
      for (const [id, s] of stems) put.run(analysis, s.titleLength, new Uint8Array(s.ids.buffer, s.ids.byteOffset, s.ids.byteLength), id, s.revision);
    });
  }

  async dropPostDerivedBefore(before: Date, opts: { limit: number }): Promise<{ vectors: number; stems: number }> {
    return this.transaction(() => {
      // Walked from the derived tables (a window's worth of rows, oldest first), not from the
      // posts before the cut (every post ever stored, a longer walk each day).
      const vectors = this.sql(
        `DELETE FROM post_vectors WHERE rowid IN (
           SELECT v.rowid FROM post_vectors v CROSS JOIN posts p ON p.id = v.post_id WHERE p.first_seen_at < ? LIMIT ?)`,
      ).run(before.getTime(), opts.limit).changes;
      const stems = this.sql(
        `DELETE FROM post_stems WHERE post_id IN (
           SELECT s.post_id FROM post_stems s CROSS JOIN posts p ON p.id = s.post_id WHERE p.first_seen_at < ? LIMIT ?)`,
      ).run(before.getTime(), opts.limit).changes;
      return { vectors: Number(vectors), stems: Number(stems) };
    });
  }

  async subscribe(userId: number, feed: NewFeed, category?: string): Promise<{ feed: Feed; created: boolean }> {
    return this.transaction(() => {
      const now = Date.now();
      let row = this.sql('SELECT * FROM feeds WHERE url = ?').get(feed.url) as Row | undefined;
      let created = false;
      if (!row) {
        const info = this.sql(
          'INSERT INTO feeds (url, title, site_url, full_text, next_fetch_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(feed.url, feed.title ?? '', feed.siteUrl ?? null, feed.fullText ? 1 : 0, now, now);
        row = this.sql('SELECT * FROM feeds WHERE id = ?').get(info.lastInsertRowid) as Row;
        created = true;
      } else {
        // Subscribing again to a feed that was disabled (gone, or left by everyone) gives it another try now.
        if (row.status === 'disabled') {
          this.sql("UPDATE feeds SET status = 'active', next_fetch_at = ?, consecutive_errors = 0 WHERE id = ?").run(now, row.id as number);
        }
        if (feed.fullText !== undefined) this.sql('UPDATE feeds SET full_text = ? WHERE id = ?').run(feed.fullText ? 1 : 0, row.id as number);
        row = this.sql('SELECT * FROM feeds WHERE id = ?').get(row.id as number) as Row;
      }
      this.sql(
        `INSERT INTO subscriptions (user_id, feed_id, title, category, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, feed_id) DO UPDATE SET category = coalesce(excluded.category, category),
           title = coalesce(excluded.title, title)`,
      ).run(userId, row.id as number, feed.title ?? null, category ?? null, now);
      return { feed: feedFromRow(row), created };
    });
  }

  async unsubscribe(userId: number, feedId: number): Promise<boolean> {
    return this.transaction(() => {
      const info = this.sql('DELETE FROM subscriptions WHERE user_id = ? AND feed_id = ?').run(userId, feedId);
      // A feed nobody subscribes to any more is no longer fetched; its posts stay in the shared pool.
      const left = this.sql('SELECT 1 FROM subscriptions WHERE feed_id = ? LIMIT 1').get(feedId);
      if (!left) this.sql("UPDATE feeds SET status = 'disabled' WHERE id = ?").run(feedId);
      return Number(info.changes) > 0;
    });
  }

  async subscriptions(userId: number): Promise<Subscription[]> {
    const rows = this.sql(
      `SELECT f.*, s.title AS sub_title, s.category AS sub_category FROM subscriptions s
       JOIN feeds f ON f.id = s.feed_id WHERE s.user_id = ? ORDER BY s.category, f.id`,
    ).all(userId) as Row[];
    return rows.map((r) => {
      const feed = feedFromRow(r);
      return {
        feed,
        title: (r.sub_title as string | null) || feed.title || feed.url,
        category: (r.sub_category as string | null) ?? undefined,
      };
    });
  }

  async feedById(id: number): Promise<Feed | undefined> {
    const row = this.sql('SELECT * FROM feeds WHERE id = ?').get(id) as Row | undefined;
    return row ? feedFromRow(row) : undefined;
  }

  async feedByUrl(url: string): Promise<Feed | undefined> {
    const row = this.sql('SELECT * FROM feeds WHERE url = ?').get(url) as Row | undefined;
    return row ? feedFromRow(row) : undefined;
  }

  async dueFeeds(now: Date, opts: { all?: boolean; limit?: number } = {}): Promise<Feed[]> {
    const limit = opts.limit ?? -1;
    const rows = opts.all
      ? this.sql("SELECT * FROM feeds WHERE status != 'disabled' ORDER BY next_fetch_at LIMIT ?").all(limit)
      : this.sql("SELECT * FROM feeds WHERE status != 'disabled' AND next_fetch_at <= ? ORDER BY next_fetch_at LIMIT ?").all(
          now.getTime(),
          limit,
        );
    return (rows as Row[]).map(feedFromRow);
  }

  async recentPostTimes(feedId: number, limit: number): Promise<Date[]> {
    const rows = this.sql(
      `SELECT coalesce(p.published_at, p.first_seen_at) AS t FROM post_sources s JOIN posts p ON p.id = s.post_id
       WHERE s.feed_id = ? ORDER BY t DESC LIMIT ?`,
    ).all(feedId, limit) as Row[];
    return rows.map((r) => new Date(Number(r.t)));
  }

  async entryHashes(feedId: number): Promise<Map<string, string>> {
    const rows = this.sql('SELECT entry_id, entry_hash FROM post_sources WHERE feed_id = ? AND entry_hash IS NOT NULL').all(feedId) as Row[];
    return new Map(rows.map((r) => [String(r.entry_id), String(r.entry_hash)]));
  }

  async saveFetch(feedId: number, outcome: FetchOutcome): Promise<SaveResult> {
    return this.inGroup(() => {
      const at = outcome.at.getTime();
      const next = outcome.nextFetchAt.getTime();
      if (outcome.kind === 'failed') {
        this.sql(
          `UPDATE feeds SET status = ?, http_status = ?, last_error = ?, last_fetch_at = ?, next_fetch_at = ?,
             consecutive_errors = consecutive_errors + 1 WHERE id = ?`,
        ).run(outcome.disable ? 'disabled' : 'error', outcome.httpStatus ?? null, outcome.error, at, next, feedId);
        return { newPosts: 0, updatedPosts: 0, editedPosts: 0 };
      }
      if (outcome.kind === 'not-modified') {
        this.sql(
          `UPDATE feeds SET status = 'active', http_status = ?, last_error = NULL, last_fetch_at = ?, last_success_at = ?,
             next_fetch_at = ?, consecutive_errors = 0 WHERE id = ?`,
        ).run(outcome.httpStatus, at, at, next, feedId);
        return { newPosts: 0, updatedPosts: 0, editedPosts: 0 };
      }
      // A permanent redirect moves the feed, unless another stored feed already has that URL.
      let url: string | null = null;
      if (outcome.newUrl && !this.sql('SELECT 1 FROM feeds WHERE url = ?').get(outcome.newUrl)) url = outcome.newUrl;
      this.sql(
        `UPDATE feeds SET url = coalesce(?, url), status = 'active', http_status = ?, last_error = NULL,
           last_fetch_at = ?, last_success_at = ?, next_fetch_at = ?, consecutive_errors = 0, etag = ?, last_modified = ?,
           title = CASE WHEN ? != '' THEN ? ELSE title END, site_url = coalesce(?, site_url), parse_warnings = ?
         WHERE id = ?`,
      ).run(
        url,
        outcome.httpStatus,
        at,
        at,
        next,
        outcome.etag ?? null,
        outcome.lastModified ?? null,
        outcome.feedTitle ?? '',
        outcome.feedTitle ?? '',
        outcome.siteUrl ?? null,
        outcome.parseWarnings ?? null,
        feedId,
      );
      const result: SaveResult = { newPosts: 0, updatedPosts: 0, editedPosts: 0 };
      for (const post of outcome.posts) {
        const kind = this.savePost(feedId, post, at, outcome.entryHashes?.get(post.entryId));
        if (kind === 'new') result.newPosts++;
        else if (kind === 'edited') { result.updatedPosts++; result.editedPosts++; }
        else if (kind === 'updated') result.updatedPosts++;
      }
      return result;
    });
  }

  /** One entry of one feed: update its post, attach it to the post of the same URL, or add a post. */
  private savePost(feedId: number, post: Post, at: number, entryHash: string | undefined): 'new' | 'edited' | 'updated' | 'unchanged' | 'linked' {
    const known = this.sql('SELECT post_id FROM post_sources WHERE feed_id = ? AND entry_id = ?').get(feedId, post.entryId) as
      | Row
      | undefined;
    if (known) {
      if (entryHash !== undefined) {
        this.sql('UPDATE post_sources SET entry_hash = ? WHERE feed_id = ? AND entry_id = ?').run(entryHash, feedId, post.entryId);
      }
      const postId = known.post_id as number;
      const old = this.sql('SELECT title, content_html, coalesce(updated_at, 0) AS updated FROM posts WHERE id = ?').get(postId) as Row;
      const edited = old.title !== post.title || old.content_html !== post.contentHtml;
      if (!edited && Number(old.updated) === (post.updated?.getTime() ?? 0)) return 'unchanged';
      // A new text is a new revision, numbered in the order of edits (postEditsAfter: the scoring
      // service scores it again); a new "updated" date alone is not.
      this.sql(
        `UPDATE posts SET ${POST_CONTENT_COLUMNS.map((c) => `${c} = ?`).join(', ')}, revision = revision + ?,
           edit_seq = CASE WHEN ? THEN (SELECT coalesce(max(edit_seq), 0) + 1 FROM posts) ELSE edit_seq END
         WHERE id = ?`,
      ).run(...postContentValues(post), edited ? 1 : 0, edited ? 1 : 0, postId);
      // Its vectors were of the text before (its stems are kept per revision: they no longer match).
      if (edited) this.sql('DELETE FROM post_vectors WHERE post_id = ?').run(postId);
      return edited ? 'edited' : 'updated';
    }
    if (post.url) {
      const same = this.sql('SELECT id FROM posts WHERE url = ?').get(post.url) as Row | undefined;
      if (same) {
        this.addSource(same.id as number, feedId, post.entryId, at, entryHash);
        return 'linked';
      }
    }
    const clusterId = this.nearDuplicateCluster(post.simhash, at);
    const info = this.sql(
      `INSERT INTO posts (url, ${POST_CONTENT_COLUMNS.join(', ')}, cluster_id, first_seen_at)
       VALUES (?, ${POST_CONTENT_COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
    ).run(post.url ?? null, ...postContentValues(post), clusterId ?? 0, at);
    const postId = Number(info.lastInsertRowid);
    if (clusterId === undefined) this.sql('UPDATE posts SET cluster_id = id WHERE id = ?').run(postId);
    this.addSource(postId, feedId, post.entryId, at, entryHash);
    return 'new';
  }

  private addSource(postId: number, feedId: number, entryId: string, at: number, entryHash: string | undefined): void {
    this.sql('INSERT INTO post_sources (post_id, feed_id, entry_id, seen_at, entry_hash) VALUES (?, ?, ?, ?, ?)').run(
      postId,
      feedId,
      entryId,
      at,
      entryHash ?? null,
    );
  }

  /** The cluster of a recent post whose simhash is within the near-duplicate distance, if any. */
  private nearDuplicateCluster(simhash: string, at: number): number | undefined {
    const bands = simhashBands(simhash);
    // No ORDER BY: sorting the candidates cost more than the lookup; the smallest cluster id wins instead.
    const rows = this.sql(
      `SELECT cluster_id, simhash FROM posts WHERE (sh0 = ? OR sh1 = ? OR sh2 = ? OR sh3 = ?) AND first_seen_at >= ? LIMIT 200`,
    ).all(bands[0], bands[1], bands[2], bands[3], at - NEAR_DUPLICATE_WINDOW_MS) as Row[];
    let cluster: number | undefined;
    for (const r of rows) {
      const id = Number(r.cluster_id);
      if ((cluster === undefined || id < cluster) && isNearDuplicate(simhash, String(r.simhash))) cluster = id;
    }
    return cluster;
  }


  async posts(query: PostQuery = {}): Promise<StoredPost[]> {
    return this.postsFromRows(this.postRows('p.*', query));
  }

  async postRevisions(query: PostQuery = {}): Promise<PostRevision[]> {
    return this.postRows('p.id, p.revision, p.published_at, p.first_seen_at', query).map((r) => ({
      id: Number(r.id),
      revision: Number(r.revision),
      time: new Date(Number(r.published_at ?? r.first_seen_at)),
    }));
  }

  /** The rows of posts() with these columns. */
  private postRows(columns: string, query: PostQuery): Row[] {
    // Lists of ids travel as one JSON parameter (json_each), so each shape of query is one statement.
    const where = ['p.first_seen_at >= ?'];
    const params: (number | string)[] = [query.since?.getTime() ?? 0];
    const feedIds = query.feedId !== undefined ? [query.feedId, ...(query.feedIds ?? [])] : query.feedIds;
    // A read list starts from the user's read rows (post_states' primary key), so it costs what the user
    // read, not every post of their feeds: each read post is checked against the feeds by its own sources.
    const readList = query.readBy !== undefined;
    if (feedIds) {
      where.push(
        readList
          ? 'EXISTS (SELECT 1 FROM post_sources s WHERE s.post_id = p.id AND s.feed_id IN (SELECT value FROM json_each(?)))'
          : 'p.id IN (SELECT s.post_id FROM post_sources s WHERE s.feed_id IN (SELECT value FROM json_each(?)))',
      );
      params.push(JSON.stringify(feedIds));
    }
    if (query.ids) {
      where.push('p.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.ids));
    }
    if (query.unreadBy !== undefined) {
      where.push('NOT EXISTS (SELECT 1 FROM post_states st WHERE st.user_id = ? AND st.post_id = p.id AND st.read_at IS NOT NULL)');
      params.push(query.unreadBy);
    }
    if (query.starredBy !== undefined) {
      where.push('EXISTS (SELECT 1 FROM post_states st WHERE st.user_id = ? AND st.post_id = p.id AND st.starred_at IS NOT NULL)');
      params.push(query.starredBy);
    }
    if (readList) {
      where.push('rd.user_id = ? AND rd.read_at IS NOT NULL');
      params.push(query.readBy as number);
    }
    const oldestFirst = query.order === 'oldest';
    if (query.after) {
      where.push(`(coalesce(p.published_at, p.first_seen_at), p.id) ${oldestFirst ? '>' : '<'} (?, ?)`);
      params.push(query.after.time.getTime(), query.after.id);
    }
    const direction = oldestFirst ? 'ASC' : 'DESC';
    return this.sql(
      `SELECT ${columns} FROM ${readList ? 'post_states rd CROSS JOIN posts p ON p.id = rd.post_id' : 'posts p'} WHERE ${where.join(' AND ')}
       ORDER BY coalesce(p.published_at, p.first_seen_at) ${direction}, p.id ${direction} LIMIT ?`,
    ).all(...params, query.limit ?? 50) as Row[];
  }

  async postHeads(ids: readonly number[]): Promise<Map<number, PostHead>> {
    const heads = new Map<number, PostHead>();
    if (ids.length === 0) return heads;
    const rows = this.sql('SELECT id, published_at, cluster_id, first_seen_at FROM posts WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as Row[];
    const sources = this.sourcesOf(rows.map((r) => Number(r.id)));
    for (const r of rows) {
      const id = Number(r.id);
      heads.set(id, { id, published: dateOrUndefined(r.published_at), clusterId: Number(r.cluster_id), firstSeenAt: new Date(Number(r.first_seen_at)), sources: sources.get(id) ?? [] });
    }
    return heads;
  }

  /** The feeds that carried each of these posts, first seen first. */
  private sourcesOf(postIds: readonly number[]): Map<number, StoredPost['sources']> {
    const sources = new Map<number, StoredPost['sources']>();
    if (postIds.length === 0) return sources;
    const sourceRows = this.sql(
      `SELECT s.post_id, s.feed_id, s.entry_id, f.title, f.url FROM post_sources s JOIN feeds f ON f.id = s.feed_id
       WHERE s.post_id IN (SELECT value FROM json_each(?)) ORDER BY s.seen_at`,
    ).all(JSON.stringify(postIds)) as Row[];
    for (const s of sourceRows) {
      const list = sources.get(Number(s.post_id)) ?? [];
      list.push({ feedId: Number(s.feed_id), feedTitle: String(s.title || s.url), entryId: String(s.entry_id) });
      sources.set(Number(s.post_id), list);
    }
    return sources;
  }

  async postById(id: number): Promise<StoredPost | undefined> {
    const row = this.sql('SELECT * FROM posts WHERE id = ?').get(id) as Row | undefined;
    return row ? this.postsFromRows([row])[0] : undefined;
  }

  async countView(postId: number): Promise<number> {
    const row = this.sql('UPDATE posts SET views = views + 1 WHERE id = ? RETURNING views').get(postId) as Row | undefined;
    return row ? Number(row.views) : 0;
  }

  async setRead(userId: number, postIds: readonly number[], read: boolean): Promise<void> {
    this.setPostState(userId, postIds, 'read_at', read);
  }

  async setStarred(userId: number, postIds: readonly number[], starred: boolean): Promise<void> {
    this.setPostState(userId, postIds, 'starred_at', starred);
  }

  private setPostState(userId: number, postIds: readonly number[], column: 'read_at' | 'starred_at', on: boolean): void {
    const ids = JSON.stringify(postIds);
    this.transaction(() => {
      if (on) {
        // Only existing posts; the first time it was set is kept.
        this.sql(
          `INSERT INTO post_states (user_id, post_id, ${column})
           SELECT ?, p.id, ? FROM posts p WHERE p.id IN (SELECT value FROM json_each(?))
           ON CONFLICT (user_id, post_id) DO UPDATE SET ${column} = coalesce(${column}, excluded.${column})`,
        ).run(userId, Date.now(), ids);
      } else {
        this.sql(`UPDATE post_states SET ${column} = NULL WHERE user_id = ? AND post_id IN (SELECT value FROM json_each(?))`).run(userId, ids);
        this.sql('DELETE FROM post_states WHERE user_id = ? AND read_at IS NULL AND starred_at IS NULL AND post_id IN (SELECT value FROM json_each(?))').run(userId, ids);
      }
    });
  }

  async postStates(userId: number, postIds: readonly number[]): Promise<Map<number, PostState>> {
    const rows = this.sql('SELECT post_id, read_at, starred_at FROM post_states WHERE user_id = ? AND post_id IN (SELECT value FROM json_each(?))').all(
      userId,
      JSON.stringify(postIds),
    ) as Row[];
    return new Map(rows.map((r) => [Number(r.post_id), { readAt: dateOrUndefined(r.read_at), starredAt: dateOrUndefined(r.starred_at) }]));
  }

  async markAllRead(userId: number, opts: { before: Date; feedIds?: readonly number[] }): Promise<number> {
    const feeds = opts.feedIds ? 'SELECT value FROM json_each(?)' : 'SELECT feed_id FROM subscriptions WHERE user_id = ?';
    const info = this.sql(
      `INSERT INTO post_states (user_id, post_id, read_at)
       SELECT DISTINCT ?, s.post_id, ? FROM post_sources s JOIN posts p ON p.id = s.post_id
       WHERE s.feed_id IN (${feeds}) AND p.first_seen_at <= ?
       ON CONFLICT (user_id, post_id) DO UPDATE SET read_at = excluded.read_at WHERE read_at IS NULL`,
    ).run(userId, Date.now(), opts.feedIds ? JSON.stringify(opts.feedIds) : userId, opts.before.getTime());
    return Number(info.changes);
  }

  async unreadCounts(userId: number, since: Date): Promise<{ feedId: number; count: number; newest: Date }[]> {
    const rows = this.sql(
      `SELECT s.feed_id, count(*) AS n, max(p.first_seen_at) AS newest
       FROM subscriptions sub JOIN post_sources s ON s.feed_id = sub.feed_id JOIN posts p ON p.id = s.post_id
       WHERE sub.user_id = ? AND p.first_seen_at >= ?
         AND NOT EXISTS (SELECT 1 FROM post_states st WHERE st.user_id = sub.user_id AND st.post_id = p.id AND st.read_at IS NOT NULL)
       GROUP BY s.feed_id`,
    ).all(userId, since.getTime()) as Row[];
    return rows.map((r) => ({ feedId: Number(r.feed_id), count: Number(r.n), newest: new Date(Number(r.newest)) }));
  }

  /** Posts with their sources, read in one query for the whole list. */
  private postsFromRows(rows: Row[]): StoredPost[] {
    if (rows.length === 0) return [];
    const sources = this.sourcesOf(rows.map((r) => Number(r.id)));
    return rows.map((r) => ({
      id: Number(r.id),
      url: (r.url as string | null) ?? undefined,
      link: (r.link as string | null) ?? undefined,
      title: String(r.title),
      authors: JSON.parse(String(r.authors)) as string[],
      published: dateOrUndefined(r.published_at),
      updated: dateOrUndefined(r.updated_at),
      contentHtml: String(r.content_html),
      text: String(r.text),
      language: (r.language as string | null) ?? undefined,
      categories: JSON.parse(String(r.categories)) as string[],
      simhash: String(r.simhash),
      clusterId: Number(r.cluster_id),
      firstSeenAt: new Date(Number(r.first_seen_at)),
      sources: sources.get(Number(r.id)) ?? [],
      views: Number(r.views),
      revision: Number(r.revision),
    }));
  }

  async addInterest(userId: number, interest: NewInterest): Promise<StoredInterest> {
    const now = Date.now();
    try {
      const info = this.sql(
        'INSERT INTO interests (user_id, name, description, keywords, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(userId, interest.name, interest.description ?? null, JSON.stringify(interest.keywords), now, now);
      return interestFromRow(this.sql('SELECT * FROM interests WHERE id = ?').get(info.lastInsertRowid) as Row);
    } catch (err) {
      if (/UNIQUE constraint/.test((err as Error).message)) throw new DuplicateError('interest', interest.name);
      throw err;
    }
  }

  async updateInterest(
    userId: number,
    id: number,
    change: Partial<NewInterest> & { learned?: unknown },
  ): Promise<StoredInterest | undefined> {
    const row = this.sql('SELECT * FROM interests WHERE id = ? AND user_id = ?').get(id, userId) as Row | undefined;
    if (!row) return undefined;
    const current = interestFromRow(row);
    const next = { ...current, ...change };
    try {
      this.sql('UPDATE interests SET name = ?, description = ?, keywords = ?, learned = ?, updated_at = ? WHERE id = ?').run(
        next.name,
        next.description ?? null,
        JSON.stringify(next.keywords),
        next.learned === undefined ? null : JSON.stringify(next.learned),
        Date.now(),
        id,
      );
    } catch (err) {
      if (/UNIQUE constraint/.test((err as Error).message)) throw new DuplicateError('interest', next.name);
      throw err;
    }
    return interestFromRow(this.sql('SELECT * FROM interests WHERE id = ?').get(id) as Row);
  }

  async removeInterest(userId: number, id: number): Promise<boolean> {
    return Number(this.sql('DELETE FROM interests WHERE id = ? AND user_id = ?').run(id, userId).changes) > 0;
  }

  async interests(userId: number): Promise<StoredInterest[]> {
    return (this.sql('SELECT * FROM interests WHERE user_id = ? ORDER BY name COLLATE NOCASE').all(userId) as Row[]).map(interestFromRow);
  }

  async interestByName(userId: number, name: string): Promise<StoredInterest | undefined> {
    const row = this.sql('SELECT * FROM interests WHERE user_id = ? AND name = ? COLLATE NOCASE').get(userId, name) as Row | undefined;
    return row ? interestFromRow(row) : undefined;
  }

  async interestById(id: number): Promise<StoredInterest | undefined> {
    const row = this.sql('SELECT * FROM interests WHERE id = ?').get(id) as Row | undefined;
    return row ? interestFromRow(row) : undefined;
  }

  async allInterests(): Promise<StoredInterest[]> {
    return (this.sql('SELECT * FROM interests ORDER BY id').all() as Row[]).map(interestFromRow);
  }

  async saveMatches(matches: readonly StoredMatch[]): Promise<void> {
    await this.saveMatchRows(storedMatchRows(matches));
  }

  async saveMatchRows(rows: MatchRows): Promise<void> {
    if (rows.length === 0) return;
    // The lookups below check the foreign keys, under the same write lock: SQLite's own check per
    // row (three parent lookups) was a third of the write's CPU (probe: 89,600 pairs on 30k
    // interests, 10.4 → 6.7 µs a pair). The pragma is ignored inside a transaction, so the open
    // group of fetches, if any, is committed first.
    this.commitGroup();
    this.db.exec('PRAGMA foreign_keys = OFF');
    try {
      this.writeMatchRows(rows);
    } finally {
      this.db.exec('PRAGMA foreign_keys = ON');
    }
  }

  private writeMatchRows(rows: MatchRows): void {
    this.transaction(() => {
      // Each post's time and each interest's user are read once per batch (a batch of new posts
      // holds thousands of pairs per post); a pair whose post or interest was deleted meanwhile
      // is skipped. One statement per row: multi-row VALUES (64 rows) measured no faster.
      const postTimes = this.idMap(
        'SELECT id, min(first_seen_at, coalesce(published_at, first_seen_at)) AS v FROM posts WHERE id IN (SELECT value FROM json_each(?))',
        rows.postId,
        rows.length,
      );
      const owners = this.idMap('SELECT id, user_id AS v FROM interests WHERE id IN (SELECT value FROM json_each(?))', rows.interestId, rows.length);
      const put = this.sql(
        `INSERT OR REPLACE INTO matches (post_id, interest_id, user_id, score, above_threshold, post_time, rank_key, breakdown, scored_at)
         VALUES (?1, ?2, ?6, ?3, ?4, ?7, ${RANK_KEY}, ?5, ?8)`,
      );
      const users = new Set<number>();
      for (let i = 0; i < rows.length; i++) {
        const postTime = postTimes.get(rows.postId[i]);
        const user = owners.get(rows.interestId[i]);
        if (postTime === undefined || user === undefined) continue;
        put.run(rows.postId[i], rows.interestId[i], rows.score[i], rows.aboveThreshold[i], rows.breakdownJson(i), user, postTime, rows.scoredAt(i));
        users.add(user);
      }
      // Their pages change (migration 12: once per batch and user, not per row by a trigger).
      if (users.size) this.sql('UPDATE feed_versions SET version = version + 1 WHERE user_id IN (SELECT value FROM json_each(?))').run(JSON.stringify([...users]));
    });
  }

  /** id → v for the distinct ids of a column, by a query taking them as one JSON array. */
  private idMap(query: string, ids: ArrayLike<number>, length: number): Map<number, number> {
    const distinct = new Set<number>();
    for (let i = 0; i < length; i++) distinct.add(ids[i]);
    const rows = this.sql(query).all(JSON.stringify([...distinct])) as Row[];
    return new Map(rows.map((r) => [Number(r.id), Number(r.v)]));
  }

  async feedMatches(userId: number, query: FeedMatchQuery = {}): Promise<FeedMatch[]> {
    // Lists of ids travel as one JSON parameter (json_each), as in posts().
    const where = ['m.user_id = ?', 'm.post_time >= ?'];
    const params: (number | string)[] = [userId, query.since?.getTime() ?? 0];
    if (query.aboveThresholdOnly) where.push('m.above_threshold = 1');
    for (const [list, column] of [[query.interestIds, 'm.interest_id'], [query.postIds, 'm.post_id']] as const) {
      if (!list) continue;
      where.push(`${column} IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(list));
    }
    if (query.clusterIds) {
      where.push('m.post_id IN (SELECT p.id FROM posts p WHERE p.cluster_id IN (SELECT value FROM json_each(?)))');
      params.push(JSON.stringify(query.clusterIds));
    }
    if (query.ownFeedsOnly) {
      where.push(`EXISTS (SELECT 1 FROM post_sources s JOIN subscriptions sub ON sub.feed_id = s.feed_id
        WHERE s.post_id = m.post_id AND sub.user_id = m.user_id)`);
    }
    if (query.belowRankKey !== undefined) {
      where.push('m.rank_key < ?');
      params.push(query.belowRankKey);
    }
    // Without the interest list, (user_id, above_threshold, rank_key) walks in rank order and
    // stops at the limit; with a short one, (interest_id, above_threshold, rank_key) does.
    const rows = this.sql(
      `SELECT m.* FROM matches m WHERE ${where.join(' AND ')} ORDER BY m.rank_key DESC, m.post_id, m.interest_id LIMIT ?`,
    ).all(...params, query.limit ?? -1) as Row[];
    return rows.map((r) => ({
      ...matchFromRow(r),
      userId: Number(r.user_id),
      postTime: new Date(Number(r.post_time)),
      rankKey: Number(r.rank_key),
    }));
  }

  async postIdsAfter(afterId: number, opts: { since?: Date; limit?: number } = {}): Promise<number[]> {
    const rows = this.sql('SELECT id FROM posts WHERE id > ? AND first_seen_at >= ? ORDER BY id LIMIT ?').all(
      afterId,
      opts.since?.getTime() ?? 0,
      opts.limit ?? -1,
    ) as Row[];
    return rows.map((r) => Number(r.id));
  }

  async postsSince(since: Date): Promise<number> {
    const row = this.sql('SELECT count(*) AS n FROM posts WHERE first_seen_at >= ?').get(since.getTime()) as Row;
    return Number(row.n);
  }

  async matcherStream(embedderId: string): Promise<unknown | undefined> {
    const row = this.sql('SELECT state FROM matcher_streams WHERE embedder = ?').get(embedderId) as Row | undefined;
    return row ? (JSON.parse(String(row.state)) as unknown) : undefined;
  }

  async saveMatcherStream(embedderId: string, state: unknown): Promise<void> {
    this.sql('INSERT OR REPLACE INTO matcher_streams (embedder, state, saved_at) VALUES (?, ?, ?)').run(embedderId, JSON.stringify(state), Date.now());
  }

  async interestCalibrations(embedderId: string, interestIds?: readonly number[]): Promise<Map<number, unknown>> {
    const rows = (
      interestIds
        ? this.sql('SELECT interest_id, state FROM interest_calibrations WHERE embedder = ? AND interest_id IN (SELECT value FROM json_each(?))').all(
            embedderId,
            JSON.stringify(interestIds),
          )
        : this.sql('SELECT interest_id, state FROM interest_calibrations WHERE embedder = ?').all(embedderId)
    ) as Row[];
    return new Map(rows.map((r) => [Number(r.interest_id), JSON.parse(String(r.state)) as unknown]));
  }

  async saveInterestCalibrations(embedderId: string, calibrations: ReadonlyMap<number, unknown>): Promise<void> {
    this.transaction(() => {
      const put = this.sql(
        'INSERT OR REPLACE INTO interest_calibrations (interest_id, embedder, state) SELECT id, ?, ? FROM interests WHERE id = ?',
      );
      for (const [id, state] of calibrations) put.run(embedderId, JSON.stringify(state), id);
    });
  }

  async clearMatches(interestId: number): Promise<void> {
    this.sql('DELETE FROM matches WHERE interest_id = ?').run(interestId);
  }

  async clearPostMatches(postIds: readonly number[]): Promise<void> {
    this.transaction(() => {
      const clear = this.sql('DELETE FROM matches WHERE post_id = ?');
      for (const id of postIds) clear.run(id);
    });
  }

  async matchesFor(
    interestIds: readonly number[],
    opts: { since?: Date; limit?: number; aboveThresholdOnly?: boolean; minScore?: number } = {},
  ): Promise<StoredMatch[]> {
    if (interestIds.length === 0) return [];
    // Interest ids are numbers from the store itself: safe to inline in the IN list.
    const ids = interestIds.map((id) => Number(id)).filter(Number.isInteger).join(',');
    const rows = this.db
      .prepare(
        `SELECT m.* FROM matches m JOIN posts p ON p.id = m.post_id
         WHERE m.interest_id IN (${ids}) AND p.first_seen_at >= ? AND m.score >= ? ${opts.aboveThresholdOnly ? 'AND m.above_threshold = 1' : ''}
         ORDER BY m.score DESC LIMIT ?`,
      )
      .all(opts.since?.getTime() ?? 0, opts.minScore ?? -Infinity, opts.limit ?? -1) as Row[];
    return rows.map(matchFromRow);
  }

  async addFeedback(userId: number, postId: number, kind: FeedbackKind, interestId?: number): Promise<Feedback> {
    return this.transaction(() => {
      // The latest verdict stands alone: an earlier one on the same post and interest goes.
      if (kind !== 'click') this.deleteVerdicts(userId, postId, interestId);
      const info = this.sql('INSERT INTO feedback (user_id, post_id, interest_id, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(
        userId,
        postId,
        interestId ?? null,
        kind,
        Date.now(),
      );
      return feedbackFromRow(this.sql('SELECT * FROM feedback WHERE id = ?').get(info.lastInsertRowid) as Row);
    });
  }

  async feedbackOn(userId: number, postId: number): Promise<Feedback[]> {
    return (this.sql('SELECT * FROM feedback WHERE user_id = ? AND post_id = ? ORDER BY id').all(userId, postId) as Row[]).map(feedbackFromRow);
  }

  async clearFeedback(userId: number, postId: number, interestId?: number): Promise<number> {
    return this.transaction(() => {
      const removed = this.deleteVerdicts(userId, postId, interestId);
      if (removed) {
        // Logged for the scoring service of another process (a delete leaves nothing to find).
        const now = Date.now();
        this.sql('DELETE FROM feedback_withdrawals WHERE withdrawn_at < ?').run(now - WITHDRAWALS_KEPT_MS);
        this.sql('INSERT INTO feedback_withdrawals (user_id, post_id, interest_id, withdrawn_at) VALUES (?, ?, ?, ?)').run(userId, postId, interestId ?? null, now);
      }
      return removed;
    });
  }

  private deleteVerdicts(userId: number, postId: number, interestId: number | undefined): number {
    const info = this.sql("DELETE FROM feedback WHERE user_id = ? AND post_id = ? AND interest_id IS ? AND kind != 'click'").run(userId, postId, interestId ?? null);
    return Number(info.changes);
  }

  async feedback(userId: number, opts: { interestId?: number } = {}): Promise<Feedback[]> {
    const rows =
      opts.interestId === undefined
        ? this.sql('SELECT * FROM feedback WHERE user_id = ? ORDER BY id').all(userId)
        : this.sql('SELECT * FROM feedback WHERE user_id = ? AND interest_id = ? ORDER BY id').all(userId, opts.interestId);
    return (rows as Row[]).map(feedbackFromRow);
  }

  /** Transactions and savepoints rolled back. */
  private rollbacks = 0;

  async feedVersion(userId: number): Promise<string> {
    // Rows of feed_versions are moved by triggers in the writing transaction (migration 11), so
    // another process's commit is seen with its rows. A rollback here takes back a move pages may
    // have been computed under (a failed group commit), so it moves every user's version too.
    const row = this.sql('SELECT (SELECT version FROM feed_versions WHERE user_id = ?) AS mine, (SELECT version FROM feed_versions WHERE user_id = 0) AS shared').get(userId) as Row;
    return `${Number(row.mine ?? 0)}.${Number(row.shared ?? 0)}.${this.rollbacks}`;
  }

  async externalChangeMark(): Promise<number | undefined> {
    // SQLite counts commits by other connections (other processes) here; our own do not move it.
    return Number((this.sql('PRAGMA data_version').get() as Row).data_version);
  }

  async interestsUpdatedSince(since: Date): Promise<StoredInterest[]> {
    return (this.sql('SELECT * FROM interests WHERE updated_at >= ? ORDER BY updated_at, id').all(since.getTime()) as Row[]).map(interestFromRow);
  }

  async interestIds(): Promise<number[]> {
    return (this.sql('SELECT id FROM interests ORDER BY id').all() as Row[]).map((r) => Number(r.id));
  }

  async interestCount(): Promise<number> {
    return Number((this.sql('SELECT count(*) AS n FROM interests').get() as Row).n);
  }

  async feedbackAfter(afterId: number, opts: { limit?: number } = {}): Promise<Feedback[]> {
    const rows = this.sql('SELECT * FROM feedback WHERE id > ? ORDER BY id LIMIT ?').all(afterId, opts.limit ?? -1) as Row[];
    return rows.map(feedbackFromRow);
  }

  async embedderData(name: string): Promise<Uint8Array | undefined> {
    const row = this.sql('SELECT bytes FROM embedder_data WHERE name = ?').get(name) as Row | undefined;
    return row ? new Uint8Array(row.bytes as Uint8Array) : undefined;
  }

  async saveEmbedderData(name: string, bytes: Uint8Array): Promise<void> {
    this.sql('INSERT OR REPLACE INTO embedder_data (name, bytes, saved_at) VALUES (?, ?, ?)').run(name, bytes, Date.now());
  }

  async feedbackWithdrawnAfter(afterId: number, opts: { limit?: number } = {}): Promise<FeedbackWithdrawal[]> {
    const rows = this.sql('SELECT * FROM feedback_withdrawals WHERE id > ? ORDER BY id LIMIT ?').all(afterId, opts.limit ?? -1) as Row[];
    return rows.map((r) => ({
      id: Number(r.id),
      userId: Number(r.user_id),
      postId: Number(r.post_id),
      interestId: (r.interest_id as number | null) ?? undefined,
      withdrawnAt: new Date(Number(r.withdrawn_at)),
    }));
  }

  async claimLease(name: string, claim: { token: string; holder: unknown; at: Date; staleBefore: Date; replacing?: string }): Promise<Lease> {
    // One statement: two processes claiming at once cannot both win. SET reads the old row.
    this.sql(
      `INSERT INTO leases (name, token, holder, acquired_at, renewed_at) VALUES (?1, ?2, ?3, ?4, ?4)
       ON CONFLICT (name) DO UPDATE SET
         acquired_at = CASE WHEN leases.token = excluded.token THEN leases.acquired_at ELSE excluded.acquired_at END,
         token = excluded.token, holder = excluded.holder, renewed_at = excluded.renewed_at
       WHERE leases.token = excluded.token OR leases.renewed_at < ?5 OR leases.token = ?6`,
    ).run(name, claim.token, JSON.stringify(claim.holder ?? null), claim.at.getTime(), claim.staleBefore.getTime(), claim.replacing ?? null);
    return (await this.lease(name)) as Lease;
  }

  async lease(name: string): Promise<Lease | undefined> {
    const r = this.sql('SELECT * FROM leases WHERE name = ?').get(name) as Row | undefined;
    if (!r) return undefined;
    return { name, token: String(r.token), holder: JSON.parse(String(r.holder)), acquiredAt: new Date(Number(r.acquired_at)), renewedAt: new Date(Number(r.renewed_at)) };
  }

  async releaseLease(name: string, token: string): Promise<boolean> {
    const info = this.sql('DELETE FROM leases WHERE name = ? AND token = ?').run(name, token);
    return Number(info.changes) > 0;
  }

  async close(): Promise<void> {
    this.commitGroup();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}

/** The columns a fetch may rewrite on a post, and their values in that order. */
const POST_CONTENT_COLUMNS = [
  'link', 'title', 'authors', 'published_at', 'updated_at', 'content_html', 'text', 'language', 'categories', 'enclosures',
  'simhash', 'sh0', 'sh1', 'sh2', 'sh3',
] as const;

function postContentValues(post: Post): (string | number | null)[] {
  return [
    post.link ?? null,
    post.title,
    JSON.stringify(post.authors.map(personName).filter(Boolean)),
    post.published?.getTime() ?? null,
    post.updated?.getTime() ?? null,
    post.contentHtml,
    post.text,
    post.language ?? null,
    JSON.stringify(post.categories.map((c) => c.label ?? c.term)),
    JSON.stringify(post.enclosures),
    post.simhash,
    ...simhashBands(post.simhash),
  ];
}

function personName(p: { name?: string; email?: string }): string {
  return p.name ?? p.email ?? '';
}

function dateOrUndefined(v: unknown): Date | undefined {
  return v === null || v === undefined ? undefined : new Date(Number(v));
}

function userFromRow(r: Row): User {
  return {
    id: Number(r.id),
    name: String(r.name),
    ownFeedsOnly: Number(r.own_feeds_only) === 1,
    hasPassword: r.password_hash !== null && r.password_hash !== undefined,
    createdAt: new Date(Number(r.created_at)),
  };
}

function sessionFromRow(r: Row): Session {
  return {
    idHash: String(r.id_hash),
    userId: Number(r.user_id),
    createdAt: new Date(Number(r.created_at)),
    lastSeenAt: new Date(Number(r.last_seen_at)),
    expiresAt: new Date(Number(r.expires_at)),
  };
}

function apiTokenFromRow(r: Row): ApiToken {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    name: String(r.name),
    createdAt: new Date(Number(r.created_at)),
    lastUsedAt: dateOrUndefined(r.last_used_at),
  };
}

function interestFromRow(r: Row): StoredInterest {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    name: String(r.name),
    description: (r.description as string | null) ?? undefined,
    keywords: JSON.parse(String(r.keywords)) as string[],
    learned: r.learned === null || r.learned === undefined ? undefined : (JSON.parse(String(r.learned)) as unknown),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

/** StoredMatch objects as columns (the one write path is saveMatchRows). */
function storedMatchRows(matches: readonly StoredMatch[]): MatchRows {
  return {
    length: matches.length,
    postId: matches.map((m) => m.postId),
    interestId: matches.map((m) => m.interestId),
    score: matches.map((m) => m.score),
    aboveThreshold: matches.map((m) => (m.aboveThreshold ? 1 : 0)),
    breakdownJson: (i) => JSON.stringify(matches[i].breakdown ?? null),
    scoredAt: (i) => matches[i].scoredAt.getTime(),
  };
}

function matchFromRow(r: Row): StoredMatch {
  return {
    postId: Number(r.post_id),
    interestId: Number(r.interest_id),
    score: Number(r.score),
    aboveThreshold: Number(r.above_threshold) === 1,
    breakdown: JSON.parse(String(r.breakdown)) as unknown,
    scoredAt: new Date(Number(r.scored_at)),
  };
}

function feedbackFromRow(r: Row): Feedback {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    postId: Number(r.post_id),
    interestId: (r.interest_id as number | null) ?? undefined,
    kind: r.kind as FeedbackKind,
    createdAt: new Date(Number(r.created_at)),
  };
}

function feedFromRow(r: Row): Feed {
  return {
    id: Number(r.id),
    url: String(r.url),
    title: String(r.title ?? ''),
    siteUrl: (r.site_url as string | null) ?? undefined,
    status: r.status as FeedStatus,
    httpStatus: (r.http_status as number | null) ?? undefined,
    lastError: (r.last_error as string | null) ?? undefined,
    lastFetchAt: dateOrUndefined(r.last_fetch_at),
    lastSuccessAt: dateOrUndefined(r.last_success_at),
    nextFetchAt: new Date(Number(r.next_fetch_at)),
    consecutiveErrors: Number(r.consecutive_errors),
    etag: (r.etag as string | null) ?? undefined,
    lastModified: (r.last_modified as string | null) ?? undefined,
    fullText: Number(r.full_text) === 1,
    parseWarnings: (r.parse_warnings as string | null) ?? undefined,
    createdAt: new Date(Number(r.created_at)),
  };
}
