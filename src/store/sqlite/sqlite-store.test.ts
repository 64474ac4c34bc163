import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it, test } from 'node:test';
import { StoreError } from '../errors.ts';
import { post, runStoreConformance } from '../store-conformance.ts';
import { migrations } from './migrations.ts';
import { openSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStoreConformance('sqlite', async () => openSqliteStore(join(dir, `conformance-${n++}.db`)));

describe('SqliteStore on disk', () => {
  it('applies migrations once and reopens an existing file', async () => {
    const path = join(dir, 'reopen.db');
    const first = openSqliteStore(path);
    const user = await first.defaultUser();
    await first.subscribe(user.id, { url: 'https://example.com/feed' });
    await first.close();
    const second = openSqliteStore(path);
    assert.equal((await second.subscriptions(user.id)).length, 1);
    const versions = second.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
    assert.ok(versions.n >= 1);
    assert.equal((second.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
    await second.close();
  });

  it('keeps the matches of a file made before migration 12 (matches in post order, no insert trigger)', async () => {
    const path = join(dir, 'before-12.db');
    const old = new DatabaseSync(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 11)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)').run(m.version, m.name);
    }
    old.exec(`INSERT INTO users (id, name, created_at) VALUES (7, 'ada', 0);
      INSERT INTO interests (id, user_id, name, keywords, created_at, updated_at) VALUES (3, 7, 'Vans', '[]', 0, 0);
      INSERT INTO posts (id, url, title, content_html, text, simhash, sh0, sh1, sh2, sh3, cluster_id, published_at, first_seen_at)
        VALUES (5, 'https://example.com/5', 't', '', '', '0', 0, 0, 0, 0, 5, 1000, 2000);
      INSERT INTO matches (post_id, interest_id, user_id, score, above_threshold, post_time, rank_key, breakdown, scored_at)
        VALUES (5, 3, 7, 4.5, 1, 1000, 2.17, '{"terms":["van"]}', 3000);`);
    old.close();
    const store = openSqliteStore(path);
    assert.deepEqual(
      (await store.feedMatches(7)).map((m) => [m.postId, m.interestId, m.score, m.aboveThreshold, m.postTime.getTime(), m.rankKey, m.breakdown, m.scoredAt.getTime()]),
      [[5, 3, 4.5, true, 1000, 2.17, { terms: ['van'] }, 3000]],
    );
    const triggers = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'matches'").all() as { name: string }[];
    assert.deepEqual(triggers.map((t) => t.name), ['feed_versions_matches_delete_old_user_id']);
    const version = await store.feedVersion(7);
    await store.clearMatches(3);
    assert.notEqual(await store.feedVersion(7), version, 'a delete still moves the feed version');
    await store.close();
  });

  it('lets several processes open a new file at once (each migration applied once)', async () => {
    const path = join(dir, 'concurrent.db');
    // Every child busy-waits for the same instant, so their opens really overlap.
    const start = Date.now() + 2000;
    const script = `
      import { openSqliteStore } from ${JSON.stringify(new URL('./sqlite-store.ts', import.meta.url).href)};
      while (Date.now() < ${start});
      const store = openSqliteStore(${JSON.stringify(path)});
      await store.defaultUser();
      await store.close();
    `;
    const codes = await Promise.all(
      Array.from({ length: 4 }, () =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
          child.on('exit', (code) => resolve(code ?? 1));
        }),
      ),
    );
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const store = openSqliteStore(path);
    const rows = store.db.prepare('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version').all() as { n: number }[];
    assert.ok(rows.length >= 5 && rows.every((r) => r.n === 1));
    assert.equal((await store.users()).length, 1, 'one local user, not one per process');
    await store.close();
  });

  it('moves a user\'s feed version on every connection when one of them commits a change of theirs', async () => {
    const path = join(dir, 'feed-version.db');
    const writer = openSqliteStore(path);
    const reader = openSqliteStore(path);
    const ada = await writer.createUser('ada', 'scrypt$a');
    const bea = await writer.createUser('bea', 'scrypt$b');
    const before = await reader.feedVersion(ada.id);
    await writer.addInterest(bea.id, { name: 'Bikes', keywords: ['bike'] });
    assert.equal(await reader.feedVersion(ada.id), before, 'another user\'s change');
    await writer.addInterest(ada.id, { name: 'Vans', keywords: ['van'] });
    assert.notEqual(await reader.feedVersion(ada.id), before);
    await writer.close();
    await reader.close();
  });

  it('moves every feed version when a transaction is rolled back (what was read inside it is gone)', async () => {
    const store = openSqliteStore(join(dir, 'feed-rollback.db'));
    const user = await store.defaultUser();
    const { transaction } = store as unknown as { transaction<T>(work: () => T): T };
    let inside: Promise<string> | undefined;
    assert.throws(() =>
      transaction.call(store, () => {
        store.db.prepare("INSERT INTO interests (user_id, name, keywords, created_at, updated_at) VALUES (?, 'gone', '[]', 0, 0)").run(user.id);
        inside = store.feedVersion(user.id);
        throw new Error('fails after the insert');
      }),
    );
    assert.deepEqual(await store.interests(user.id), []);
    assert.notEqual(await store.feedVersion(user.id), await inside);
    await store.addInterest(user.id, { name: 'kept', keywords: ['kept'] });
    assert.notEqual(await store.feedVersion(user.id), await inside, 'as many moves again, after one was taken back: another version');
    await store.close();
  });

  it('groups the writes of fetches in a row into one commit, visible to other connections after it', async () => {
    const path = join(dir, 'group.db');
    const writer = openSqliteStore(path);
    const reader = openSqliteStore(path);
    const user = await writer.defaultUser();
    const { feed } = await writer.subscribe(user.id, { url: 'https://example.com/feed' });
    await writer.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: [post('a')], nextFetchAt: new Date() });
    await writer.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: [post('b')], nextFetchAt: new Date() });
    assert.equal((await writer.posts()).length, 2, 'the writer sees its own writes at once');
    assert.equal((await reader.posts()).length, 0, 'not committed yet');
    await writer.flush();
    assert.equal((await reader.posts()).length, 2);
    await writer.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: [post('c')], nextFetchAt: new Date() });
    // Committed by the timer, without a flush (polled: the machine may be busy).
    for (let i = 0; i < 100 && (await reader.posts()).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await reader.posts()).length, 3, 'committed by the timer without a flush');
    await writer.close();
    await reader.close();
  });

  it('loses nothing and keeps no half fetch when the process is killed mid-write', async () => {
    const path = join(dir, 'killed.db');
    const setup = openSqliteStore(path);
    const user = await setup.defaultUser();
    const { feed } = await setup.subscribe(user.id, { url: 'https://example.com/feed' });
    await setup.close();
    // A child process writes one huge fetch (one transaction) and is SIGKILLed as soon as it says it started.
    const script = `
      import { openSqliteStore } from ${JSON.stringify(new URL('./sqlite-store.ts', import.meta.url).href)};
      import { post } from ${JSON.stringify(new URL('../store-conformance.ts', import.meta.url).href)};
      const store = openSqliteStore(${JSON.stringify(path)});
      await store.saveFetch(${feed.id}, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: [post('first')], nextFetchAt: new Date() });
      await store.flush();
      const posts = Array.from({ length: 200000 }, (_, i) => post('bulk-' + i));
      process.stdout.write('writing\\n');
      await store.saveFetch(${feed.id}, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date() });
      process.stdout.write('finished\\n');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('writing')) setTimeout(() => child.kill('SIGKILL'), 50);
      });
      child.on('exit', () => resolve());
    });
    assert.ok(!out.includes('finished'), 'the child was killed before its write finished');
    const store = openSqliteStore(path);
    const count = (store.db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n;
    assert.equal(count, 1, 'the committed fetch survives and the killed one left nothing');
    await store.close();
  });
});

test('a file that is not a SQLite database is refused by name and left as it was', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-notadb-'));
  try {
    const file = join(dir, 'notes.txt');
    const text = 'my notes, not a database — a --database typo must not touch them\n';
    writeFileSync(file, text);
    assert.throws(() => openSqliteStore(file), (err: Error) => err instanceof StoreError && err.message === `${file} is not a Sluice database (not a SQLite file); nothing was written to it`);
    assert.equal(readFileSync(file, 'utf8'), text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
