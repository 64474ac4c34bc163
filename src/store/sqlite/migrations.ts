// Versioned schema for the SQLite store. Append new versions; never edit one that has shipped.
// Each runs in its own transaction and is recorded in schema_migrations.

export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'users, feeds, subscriptions, posts',
    sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
);

CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  site_url TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'error', 'disabled')),
  http_status INTEGER,
  last_error TEXT,
  last_fetch_at INTEGER,
  last_success_at INTEGER,
  next_fetch_at INTEGER NOT NULL,
  consecutive_errors INTEGER NOT NULL DEFAULT 0,
  etag TEXT,
  last_modified TEXT,
  full_text INTEGER NOT NULL DEFAULT 0,
  parse_warnings TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_fetch_at) WHERE status != 'disabled';

CREATE TABLE subscriptions (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  title TEXT,
  category TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, feed_id)
);
CREATE INDEX subscriptions_feed ON subscriptions (feed_id);

-- One row per canonical URL (or per entry, for entries without a link).
-- sh0..sh3 are the four 16-bit bands of the 64-bit simhash: two texts within 3 bits share at least
-- one band exactly (pigeonhole), so near-duplicate candidates come from an index lookup.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  url TEXT UNIQUE,
  link TEXT,
  title TEXT NOT NULL,
  authors TEXT NOT NULL DEFAULT '[]',
  published_at INTEGER,
  updated_at INTEGER,
  content_html TEXT NOT NULL,
  text TEXT NOT NULL,
  language TEXT,
  categories TEXT NOT NULL DEFAULT '[]',
  enclosures TEXT NOT NULL DEFAULT '[]',
  simhash TEXT NOT NULL,
  sh0 INTEGER NOT NULL, sh1 INTEGER NOT NULL, sh2 INTEGER NOT NULL, sh3 INTEGER NOT NULL,
  cluster_id INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL
);
CREATE INDEX posts_first_seen ON posts (first_seen_at);
CREATE INDEX posts_published ON posts (published_at);
CREATE INDEX posts_sh0 ON posts (sh0);
CREATE INDEX posts_sh1 ON posts (sh1);
CREATE INDEX posts_sh2 ON posts (sh2);
CREATE INDEX posts_sh3 ON posts (sh3);
CREATE INDEX posts_cluster ON posts (cluster_id);

-- Which feeds carried a post, under which entry id. (feed_id, entry_id) identifies an entry: the same
-- entry fetched again updates its post rather than adding one.
CREATE TABLE post_sources (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  entry_id TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (feed_id, entry_id)
);
CREATE INDEX post_sources_post ON post_sources (post_id);
`,
  },
  {
    version: 2,
    name: 'interests, feedback, post vectors, matches',
    sql: `
-- What a user wants to read. keywords is a JSON array of words and phrases; learned is the match
-- stage's per-interest state (feedback-moved vector, term weights, threshold), opaque to the store.
CREATE TABLE interests (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  keywords TEXT NOT NULL DEFAULT '[]',
  learned TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, name COLLATE NOCASE)
);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  interest_id INTEGER REFERENCES interests (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('like', 'dislike', 'offtopic', 'click')),
  created_at INTEGER NOT NULL
);
CREATE INDEX feedback_user ON feedback (user_id, created_at);
CREATE INDEX feedback_interest ON feedback (interest_id);

-- One vector per post per embedder: vectors of different embedders never mix.
CREATE TABLE post_vectors (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  embedder TEXT NOT NULL,
  vector BLOB NOT NULL,
  PRIMARY KEY (embedder, post_id)
);

-- Matches above the floor, with their breakdown (JSON) for the "why" of every score.
CREATE TABLE matches (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  interest_id INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
  score REAL NOT NULL,
  above_threshold INTEGER NOT NULL,
  breakdown TEXT NOT NULL,
  scored_at INTEGER NOT NULL,
  PRIMARY KEY (interest_id, post_id)
);
CREATE INDEX matches_post ON matches (post_id);

CREATE TABLE read_state (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, post_id)
);
`,
  },
  {
    version: 3,
    name: 'per-user settings',
    sql: `
-- Only match posts from the user's own subscriptions (0: the whole instance's shared pool).
ALTER TABLE users ADD COLUMN own_feeds_only INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 4,
    name: 'entry hashes',
    sql: `
-- A hash of the entry as the feed last sent it: unchanged entries are skipped before cleaning.
ALTER TABLE post_sources ADD COLUMN entry_hash TEXT;
`,
  },
  {
    version: 5,
    name: 'passwords, sessions, API tokens',
    sql: `
-- A self-describing hash (scrypt$N$r$p$salt$hash); NULL for the passwordless local user.
ALTER TABLE users ADD COLUMN password_hash TEXT;

-- Only a hash of the cookie's secret is kept: a leaked database opens no browser session.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  UNIQUE (user_id, name COLLATE NOCASE)
);
`,
  },
  {
    version: 6,
    name: 'post state per user, view counts',
    sql: `
-- Per user and post: read (dimmed in the feed; the Google Reader API's "read") and starred (its
-- "starred"). Replaces read_state, which nothing wrote. A row with both NULL is as good as no row.
DROP TABLE read_state;
CREATE TABLE post_states (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  read_at INTEGER,
  starred_at INTEGER,
  PRIMARY KEY (user_id, post_id)
) WITHOUT ROWID;
CREATE INDEX post_states_starred ON post_states (user_id, starred_at) WHERE starred_at IS NOT NULL;

-- How often a post was opened in Sluice (the post page's view counter).
ALTER TABLE posts ADD COLUMN views INTEGER NOT NULL DEFAULT 0;

-- Lists of posts are ordered by this key (published, else first seen; then id): one index serves
-- every page of them without sorting.
CREATE INDEX posts_order ON posts (coalesce(published_at, first_seen_at), id);
`,
  },
  {
    version: 7,
    name: 'matches serve the feed; the matcher saves its state',
    sql: `
-- Each match carries its interest's user and its post's ranking key, so that the first page of a
-- user's feed is one index range, however many interests and posts there are. post_time is when
-- the post's age counts from (rank/freshness.ts postTime: published, never later than first
-- seen); rank_key orders as the freshness-decayed score (see sqlite-store.ts, RANK_KEY). Matches
-- are derived data: the scoring service rebuilds them (it starts over without matcher_streams).
DROP TABLE matches;
CREATE TABLE matches (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  interest_id INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  score REAL NOT NULL,
  above_threshold INTEGER NOT NULL,
  post_time INTEGER NOT NULL,
  rank_key REAL NOT NULL,
  breakdown TEXT NOT NULL,
  scored_at INTEGER NOT NULL,
  PRIMARY KEY (interest_id, post_id)
);
CREATE INDEX matches_post ON matches (post_id);
CREATE INDEX matches_user_rank ON matches (user_id, above_threshold, rank_key);
CREATE INDEX matches_interest_rank ON matches (interest_id, above_threshold, rank_key);

-- The standing-query matcher's stream (IDF counts, vector moments, how far it has scored) and
-- each interest's calibration, per embedder (opaque JSON, owned by the match stage): a restart
-- or a CLI command goes on from them instead of replaying 30 days of posts.
CREATE TABLE matcher_streams (
  embedder TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  saved_at INTEGER NOT NULL
);
CREATE TABLE interest_calibrations (
  interest_id INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
  embedder TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (embedder, interest_id)
);
CREATE INDEX interest_calibrations_interest ON interest_calibrations (interest_id);
`,
  },
  {
    version: 8,
    name: 'output feed tokens',
    sql: `
-- The secret in a user's output-feed URLs (/out/<token>/…). Kept as is, not hashed like API tokens:
-- the user is shown the URLs again whenever they look, and the token opens only a read-only copy of
-- the ranked feed, which the database holds anyway. Rotating replaces it; revoking deletes the row.
CREATE TABLE output_feed_tokens (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
`,
  },
  {
    version: 9,
    name: 'embedder data',
    sql: `
-- What an embedder keeps between runs, by name: the built-in one's word contexts (several MB), from
-- which it induces vectors for words GloVe lacks, so a restart need not read the corpus again.
CREATE TABLE embedder_data (
  name TEXT PRIMARY KEY,
  bytes BLOB NOT NULL,
  saved_at INTEGER NOT NULL
);
`,
  },
  {
    version: 10,
    name: 'leases and feedback withdrawals',
    sql: `
-- Who does a job for the whole data directory: the scoring service runs in one process (the server,
-- or a CLI command when none runs), renewing its row every few seconds; a stale row is taken over.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  token TEXT NOT NULL,
  holder TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  renewed_at INTEGER NOT NULL
);
-- Verdicts withdrawn (un-like, undo off-topic) leave no feedback row: the scoring service of another
-- process learns of them here. Kept 90 days.
CREATE TABLE feedback_withdrawals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  interest_id INTEGER,
  withdrawn_at INTEGER NOT NULL
);
`,
  },
  {
    version: 11,
    name: 'feed versions',
    sql: `
-- A version per user of what their ranked feed pages show, moved in the same transaction as the
-- write (by triggers, so every writer and every process moves it): the pages kept in memory
-- (jobs/feed-cache.ts) stay valid while their user's version and the shared one (user_id 0: feed
-- titles, which every page may show) are unchanged, whatever else is written (other users, new
-- posts no interest of theirs matched yet, the scoring service's state, fetch bookkeeping).
CREATE TABLE feed_versions (
  user_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO feed_versions (user_id, version) SELECT id, 0 FROM users;
INSERT INTO feed_versions (user_id, version) VALUES (0, 0);
${bumpUserOn('users', 'UPDATE OF name, own_feeds_only', 'NEW.id')}
-- Every user has a row from the start (a row is never deleted: ids a user had stay monotonic).
CREATE TRIGGER feed_versions_users_insert AFTER INSERT ON users
BEGIN
  INSERT INTO feed_versions (user_id, version) SELECT NEW.id, 0 WHERE NOT EXISTS (SELECT 1 FROM feed_versions WHERE user_id = NEW.id);
  UPDATE feed_versions SET version = version + 1 WHERE user_id = NEW.id;
END;
${bumpUserOn('users', 'DELETE', 'OLD.id')}
${['INSERT', 'UPDATE', 'DELETE'].map((on) => [
  bumpUserOn('interests', on, on === 'DELETE' ? 'OLD.user_id' : 'NEW.user_id'),
  bumpUserOn('subscriptions', on, on === 'DELETE' ? 'OLD.user_id' : 'NEW.user_id'),
  bumpUserOn('post_states', on, on === 'DELETE' ? 'OLD.user_id' : 'NEW.user_id'),
  bumpUserOn('matches', on, on === 'DELETE' ? 'OLD.user_id' : 'NEW.user_id'),
].join('\n')).join('\n')}
-- Clicks are counted, not shown: only verdicts change a page.
${bumpUserOn('feedback', 'INSERT', 'NEW.user_id', "NEW.kind != 'click'")}
${bumpUserOn('feedback', 'DELETE', 'OLD.user_id', "OLD.kind != 'click'")}
${bumpUserOn('feedback', 'UPDATE', 'OLD.user_id')}
${bumpUserOn('feedback', 'UPDATE', 'NEW.user_id', 'NEW.user_id != OLD.user_id')}
-- A post's content or sources change the pages of the users it matched (the pages show only posts
-- with a match of theirs); a view count is shown on no page.
${bumpMatchedOn('posts', 'UPDATE', 'NEW.id', 'OLD.views IS NEW.views')}
${bumpMatchedOn('post_sources', 'INSERT', 'NEW.post_id')}
${bumpMatchedOn('post_sources', 'UPDATE OF post_id, feed_id, entry_id, seen_at', 'NEW.post_id')}
${bumpMatchedOn('post_sources', 'UPDATE OF post_id', 'OLD.post_id')}
${bumpMatchedOn('post_sources', 'DELETE', 'OLD.post_id')}
-- A source's name is its feed's title, else its URL.
CREATE TRIGGER feed_versions_feeds AFTER UPDATE OF title, url ON feeds
WHEN OLD.title IS NOT NEW.title OR OLD.url IS NOT NEW.url
BEGIN
  UPDATE feed_versions SET version = version + 1 WHERE user_id = 0;
END;
`,
  },
  {
    version: 12,
    name: 'matches kept in post order; feed versions moved once per batch',
    sql: `
-- The scoring service writes thousands of matches per new post. Keyed by (post_id, interest_id)
-- and WITHOUT ROWID, a batch of new posts appends to the table's end instead of touching a page of
-- an (interest_id, post_id) key and of matches_post per row (the key serves the post lookups);
-- and the feed-version trigger per inserted row is gone: saveMatchRows moves each user's version
-- once per batch in the same transaction (it is the only writer of rows). Deletes keep theirs.
CREATE TABLE matches_before_12 AS SELECT * FROM matches;
DROP TABLE matches;
CREATE TABLE matches (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  interest_id INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  score REAL NOT NULL,
  above_threshold INTEGER NOT NULL,
  post_time INTEGER NOT NULL,
  rank_key REAL NOT NULL,
  breakdown TEXT NOT NULL,
  scored_at INTEGER NOT NULL,
  PRIMARY KEY (post_id, interest_id)
) WITHOUT ROWID;
INSERT INTO matches SELECT post_id, interest_id, user_id, score, above_threshold, post_time, rank_key, breakdown, scored_at FROM matches_before_12;
DROP TABLE matches_before_12;
CREATE INDEX matches_user_rank ON matches (user_id, above_threshold, rank_key);
CREATE INDEX matches_interest_rank ON matches (interest_id, above_threshold, rank_key);
${bumpUserOn('matches', 'DELETE', 'OLD.user_id')}
`,
  },
  {
    version: 13,
    name: 'post revisions',
    sql: `
-- Counts the refetches that changed a post's content (Store.postRevisions): the scoring service
-- keeps its window's analysed posts between back-scores and reads again only the edited ones.
ALTER TABLE posts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
-- The order index covers the listing (window, order, revision): read from the table's rows, where
-- these columns come after the text, 100,000 posts took 0.5 s a listing; from the index, 0.25 s.
DROP INDEX posts_order;
CREATE INDEX posts_order ON posts (coalesce(published_at, first_seen_at), id, first_seen_at, published_at, revision);
`,
  },
  {
    version: 14,
    name: 'post stems',
    sql: `
-- Each post's content stems (Store.postStems) at the revision they were analysed from, under one
-- analysis (the version of the tokenizer, stoplist and stemmer): a restarted scoring service or a
-- CLI command reads its window's lexical documents from here instead of analysing every post's
-- text again. The stems as ids of one dictionary (stems), 4 bytes each in a blob (native order,
-- as vectors): read back without splitting or looking up a string (~1 KB a BBC post; its text ~2 KB).
CREATE TABLE stems (
  id INTEGER PRIMARY KEY,
  stem TEXT NOT NULL UNIQUE
);
CREATE TABLE post_stems (
  post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  analysis TEXT NOT NULL,
  revision INTEGER NOT NULL,
  title_length INTEGER NOT NULL,
  ids BLOB NOT NULL
);
`,
  },
  {
    version: 15,
    name: 'post edits in order',
    sql: `
-- The order of the last edit of each post's text (Store.postEditsAfter): the scoring service
-- scores a post again when a refetch changed its text. 0: never edited.
ALTER TABLE posts ADD COLUMN edit_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX posts_edit_seq ON posts (edit_seq);
`,
  },
  {
    version: 16,
    name: 'post vectors by post',
    sql: `
-- A refetch that changes a post's text drops its vectors of every embedder (migration 15): by
-- post_id alone, which the key (embedder, post_id) does not serve, so each edit scanned the whole
-- table in the fetch's write (~3 ms an edit at 100,000 vectors, growing with the window). The
-- cascade from a deleted post needs the same lookup.
CREATE INDEX post_vectors_post ON post_vectors (post_id);
`,
  },
];

/** A trigger moving one user's feed version (migration 11) after `on` on `table`. One statement a
 *  row: the row exists (made with the user), and a matches batch pays this per match. */
function bumpUserOn(table: string, on: string, user: string, when?: string): string {
  return `CREATE TRIGGER ${triggerName(table, on, user)} AFTER ${on} ON ${table}${when ? ` WHEN ${when}` : ''}
BEGIN
  UPDATE feed_versions SET version = version + 1 WHERE user_id = ${user};
END;`;
}

/** A trigger moving the feed version of every user with a match on the post `post`. */
function bumpMatchedOn(table: string, on: string, post: string, when?: string): string {
  return `CREATE TRIGGER ${triggerName(table, on, post)} AFTER ${on} ON ${table}${when ? ` WHEN ${when}` : ''}
BEGIN
  UPDATE feed_versions SET version = version + 1 WHERE user_id IN (SELECT user_id FROM matches WHERE post_id = ${post});
END;`;
}

function triggerName(table: string, on: string, who: string): string {
  return `feed_versions_${table}_${`${on} ${who}`.toLowerCase().replace(/\W+/g, '_')}`;
}
