// The scoring service drops the stored vectors and stems of posts that left its window
// (scoring.ts #dropOutsideWindowIfDue): only scoring reads them, and it never reads those again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_EMBEDDER_ID } from '../embed/builtin.ts';
import { CONTENT_STEMS_ANALYSIS } from '../match/score/document.ts';
import { openStore } from '../store/open.ts';
import { ScoringService } from './scoring.ts';
import { addTopicPosts } from './topic-posts.ts';

const DAY_MS = 24 * 3600 * 1000;

test('the vectors and stems of posts older than the window are dropped, once an hour, and the posts stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-window-drop-'));
  const store = await openStore(join(dir, 'sluice.db'));
  try {
    const user = await store.defaultUser();
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    const ids = [...(await addTopicPosts(store, feed, 60)).keys()];
    let now = Date.now();
    const logs: string[] = [];
    const options = { selfTrainEvery: 0, oov: false, now: () => new Date(now), log: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
    const derived = async () => [(await store.postVectors(BUILTIN_EMBEDDER_ID, ids)).size, (await store.postStems(CONTENT_STEMS_ANALYSIS, ids)).size];
    const first = await ScoringService.start(store, options);
    await first.postsAdded();
    assert.deepEqual(await derived(), [60, 60], 'in the window: kept');
    await first.close();

    // 30 days and a few hours on (the window and less than its day of margin): still kept.
    now += 30.5 * DAY_MS;
    const second = await ScoringService.start(store, options);
    assert.deepEqual(await derived(), [60, 60]);
    // Two days on: dropped at the next catch-up due (the last ran when the service started: not
    // before an hour has passed).
    now += 1.5 * DAY_MS;
    await second.postsAdded();
    assert.deepEqual(await derived(), [0, 0]);
    assert.ok(logs.some((l) => /dropped the stored vectors of 60 and stems of 60 posts older than the 30-day window/.test(l)), logs.join('\n'));
    assert.equal((await store.posts({ ids, limit: ids.length })).length, 60, 'the posts themselves stay');
    await second.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
