// Self-training in the scoring service: interests learn from the posts they match surely
// (score/implicit-likes.ts), keep those through feedback, and let them go with a new wording.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LearnedInterest } from '../match/matcher/learned-state.ts';
import { MAX_IMPLICIT_LIKES, MIN_IMPLICIT_LIKES } from '../match/score/implicit-likes.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { ScoringService, type ScoringOptions } from './scoring.ts';
import { addTopicPosts } from './topic-posts.ts';

async function withPosts(count: number, work: (store: Store, topicOf: Map<number, string>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-self-training-'));
  const store = await openStore(join(dir, 'sluice.db'));
  try {
    const user = await store.defaultUser();
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    await work(store, await addTopicPosts(store, feed, count));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const learnedOf = async (store: Store, id: number) => (await store.interestById(id))?.learned as LearnedInterest | null | undefined;

test('interests learn from the posts they match surely, keep them through feedback, and let them go with a new wording', async () => {
  await withPosts(300, async (store, topicOf) => {
    const user = await store.defaultUser();
    const gardening = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'compost'] });
    const football = await store.addInterest(user.id, { name: 'Football', keywords: ['football', 'striker'] });
    const logs: string[] = [];
    const options: ScoringOptions = { log: (m) => logs.push(m), warn: (m) => logs.push(`warning: ${m}`), selfTrainEvery: 100 };
    const service = await ScoringService.start(store, options);
    try {
      assert.ok(logs.some((l) => /self-training: 2 interests learned/.test(l)), logs.join('\n'));
      for (const [interest, topic] of [[gardening, 'gardening'], [football, 'football']] as const) {
        const learned = (await learnedOf(store, interest.id))!;
        const implicit = learned.implicit ?? [];
        assert.ok(implicit.length >= MIN_IMPLICIT_LIKES && implicit.length <= MAX_IMPLICIT_LIKES, `${topic}: ${implicit.length} implicit likes`);
        assert.ok(implicit.every((id) => topicOf.get(id) === topic), `${topic} learned from ${implicit.map((id) => topicOf.get(id))}`);
        assert.equal(learned.feedback.implicit, implicit.length);
        assert.equal(learned.feedback.liked, 0);
        // What it shows is still its topic, and most of it.
        const shown = (await store.matchesFor([interest.id], { aboveThresholdOnly: true })).map((m) => topicOf.get(m.postId));
        const own = [...topicOf.values()].filter((t) => t === topic).length;
        assert.ok(shown.filter((t) => t === topic).length >= 0.9 * own && shown.every((t) => t === topic), `${topic}: shows ${shown.length} (${own} of its posts)`);
      }

      // A like: learned again from all the feedback and the same implicit likes.
      const before = (await learnedOf(store, gardening.id))!.implicit!;
      const liked = [...topicOf].find(([id, t]) => t === 'gardening' && !before.includes(id))![0];
      await store.addFeedback(user.id, liked, 'like', gardening.id);
      await service.feedbackChanged(user.id, gardening.id);
      const afterLike = (await learnedOf(store, gardening.id))!;
      assert.deepEqual(afterLike.implicit, before);
      assert.equal(afterLike.feedback.liked, 1);

      // A new wording chose none of them: they go, the like stays.
      await store.updateInterest(user.id, gardening.id, { keywords: ['compost', 'seedlings', 'garden'] });
      await service.interestChanged(gardening.id);
      const reworded = (await learnedOf(store, gardening.id))!;
      assert.equal(reworded.implicit, undefined);
      assert.deepEqual(reworded.feedback, { liked: 1, disliked: 0, offTopic: 0, implicit: 0 });

      // ...and the next pass, once enough new posts were scored, finds its own.
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await addTopicPosts(store, feed, 100);
      await service.postsAdded();
      assert.ok(((await learnedOf(store, gardening.id))!.implicit?.length ?? 0) >= MIN_IMPLICIT_LIKES);
    } finally {
      await service.close();
    }
  });
});

test('with self-training off, an interest without feedback stays as written', async () => {
  await withPosts(300, async (store) => {
    const user = await store.defaultUser();
    const gardening = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'compost'] });
    await (await ScoringService.start(store, { selfTrainEvery: 0 })).close();
    assert.equal(await learnedOf(store, gardening.id), undefined);
  });
});
