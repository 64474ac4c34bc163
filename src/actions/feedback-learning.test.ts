// Learning follows an undo: with the real scoring service, off-topic reports take posts out of an
// interest's feed, and withdrawing them brings back the same matches as learning from no feedback.
// (The baseline is a re-learn with no verdicts, not the first replay: the service's re-learn
// calibrates on recent posts, which scores differently from the replay even with nothing to learn.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ScoringService } from '../jobs/scoring.ts';
import { addTopicPosts } from '../jobs/topic-posts.ts';
import { openStore } from '../store/open.ts';
import type { ActionContext } from './context.ts';
import { toggleFeedback } from './feedback.ts';
import { NO_FETCH_CONFIG } from './test-fixture.ts';

test('withdrawn off-topic reports are unlearned: the interest scores as it did before them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-undo-'));
  const store = await openStore(join(dir, 'sluice.db'));
  try {
    const user = await store.createUser('ann', 'h');
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    await addTopicPosts(store, feed, 100);
    const football = await store.addInterest(user.id, { name: 'Football', keywords: ['football', 'league', 'striker'] });
    const service = await ScoringService.start(store, { log: () => {}, warn: () => {} });
    const ctx: ActionContext = { store, config: NO_FETCH_CONFIG, scoring: service };
    await service.feedbackChanged(user.id, football.id);
    const shown = async () => (await store.feedMatches(user.id, { interestIds: [football.id], aboveThresholdOnly: true })).map((m) => `${m.postId}:${m.score.toFixed(6)}`).sort();
    const before = await shown();
    assert.ok(before.length >= 10, `football shows ${before.length} posts`);

    const reported = before.slice(-3).map((s) => Number(s.split(':')[0]));
    for (const id of reported) assert.equal((await toggleFeedback(ctx, user, id, 'offtopic', football.id)).verdict, 'offtopic');
    const during = await shown();
    assert.notDeepEqual(during, before, 'the reports changed what the interest matches');
    assert.equal(((await store.interestById(football.id))?.learned as { feedback: { offTopic: number } }).feedback.offTopic, 3);

    for (const id of reported) assert.equal((await toggleFeedback(ctx, user, id, 'offtopic', football.id)).undone, true);
    assert.equal(((await store.interestById(football.id))?.learned as { feedback: { offTopic: number } }).feedback.offTopic, 0);
    assert.deepEqual(await shown(), before, 'the same posts and scores as with no reports');
    await service.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
