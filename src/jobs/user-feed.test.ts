import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../store/open.ts';
import type { Store, User } from '../store/store.ts';
import { ScoringService } from './scoring.ts';
import { addTopicPosts } from './topic-posts.ts';
import { userFeed } from './user-feed.ts';

describe('userFeed from stored matches', () => {
  let dir: string;
  let store: Store;
  let user: User;
  let ownFeedId: number;
  const topicOf = new Map<number, string>();
  const now = new Date(Date.now() + 60_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-feed-'));
    store = await openStore(join(dir, 'sluice.db'));
    user = await store.createUser('ada', 'scrypt$a'); // takes over the local user
    const { feed: own } = await store.subscribe(user.id, { url: 'https://own.example/feed.xml' });
    ownFeedId = own.id;
    const other = await store.createUser('bob', 'scrypt$b');
    const { feed: pool } = await store.subscribe(other.id, { url: 'https://pool.example/feed.xml' });
    for (const [id, t] of await addTopicPosts(store, own, 100)) topicOf.set(id, t);
    for (const [id, t] of await addTopicPosts(store, pool, 100)) topicOf.set(id, t);
    await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    await store.addInterest(user.id, { name: 'Football', keywords: ['football', 'league', 'striker'] });
    const service = await ScoringService.start(store);
    await service.close();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows the interests\' posts, best ranked first, each once, from both feeds', async () => {
    const feed = await userFeed(store, user, { now, limit: 30 });
    assert.equal(feed.items.length, 30);
    assert.ok(feed.items.every((i) => !i.hidden && (topicOf.get(i.postId) === i.interest.toLowerCase())), feed.items.map((i) => `${i.interest}:${topicOf.get(i.postId)}`).join(' '));
    assert.equal(new Set(feed.items.map((i) => i.postId)).size, 30);
    assert.ok(new Set(feed.items.map((i) => i.source?.feedTitle)).size >= 1);
    assert.ok(feed.items.every((i) => i.post.id === i.postId && Array.isArray(i.terms)));
    assert.ok(feed.next !== undefined);
  });

  test('pages continue each other, by offset and by the next cursor', async () => {
    const whole = (await userFeed(store, user, { now, limit: 40 })).items.map((i) => i.postId);
    const first = await userFeed(store, user, { now, limit: 20 });
    const second = await userFeed(store, user, { now, limit: 20, offset: 20 });
    assert.deepEqual([...first.items, ...second.items].map((i) => i.postId), whole);
    const byCursor = await userFeed(store, user, { now, limit: 20, before: first.next });
    const seen = new Set(first.items.map((i) => i.postId));
    assert.ok(byCursor.items.length > 0 && byCursor.items.every((i) => !seen.has(i.postId)));
  });

  test('own subscriptions only, one interest, hidden items and feedback', async () => {
    const ownOnly = await userFeed(store, { ...user, ownFeedsOnly: true }, { now, limit: 100 });
    assert.ok(ownOnly.items.length > 5 && ownOnly.items.every((i) => i.source?.feedId === ownFeedId));
    const everyFeed = await userFeed(store, user, { now, limit: 100 });
    assert.ok(everyFeed.items.some((i) => i.source?.feedId !== ownFeedId), 'the shared pool');
    const football = await userFeed(store, user, { now, limit: 100, interest: 'football' });
    assert.ok(football.items.length >= 20 && football.items.every((i) => i.interest === 'Football'));
    const footballId = (await store.interestByName(user.id, 'Football'))!.id;

    // A story reported off-topic is hidden there, and listed after every visible item with --include-hidden.
    const reported = football.items.at(-1)!;
    await store.addFeedback(user.id, reported.postId, 'offtopic', footballId);
    const all = (await userFeed(store, user, { now, limit: 1000, includeHidden: true })).items;
    const firstHidden = all.findIndex((i) => i.hidden);
    assert.ok(firstHidden > 0 && all.slice(firstHidden).every((i) => i.hidden), 'hidden items come after the visible ones');
    assert.equal(all.find((i) => i.postId === reported.postId)?.hiddenReason, 'offtopic');
    assert.ok(!(await userFeed(store, user, { now, limit: 1000 })).items.some((i) => i.postId === reported.postId));

    // A match is judged against the threshold its breakdown says it was scored against (the
    // interest's learned one, or 3, only for matches stored before breakdowns kept it).
    const gardening = (await store.interestByName(user.id, 'Gardening'))!;
    const [shown] = (await userFeed(store, user, { now, limit: 1, interest: 'gardening' })).items;
    await store.saveMatches([{ postId: shown.postId, interestId: gardening.id, score: 3.5, aboveThreshold: false, breakdown: { evidence: 3.5, terms: [], threshold: 4, feedback: 0 }, scoredAt: new Date() }]);
    const judged = (await userFeed(store, user, { now, limit: 1000, includeHidden: true, interest: 'gardening' })).items.find((i) => i.postId === shown.postId);
    assert.equal(judged?.hiddenReason, 'below-threshold');
    assert.equal(judged?.threshold, 4);

    // A disliked story leaves the feed; a liked one carries the verdict.
    const [top, second] = (await userFeed(store, user, { now, limit: 2 })).items;
    await store.addFeedback(user.id, top.postId, 'dislike');
    await store.addFeedback(user.id, second.postId, 'like');
    const after = (await userFeed(store, user, { now, limit: 1000 })).items;
    assert.ok(!after.some((i) => i.postId === top.postId));
    assert.equal(after.find((i) => i.postId === second.postId)?.feedback, 'like');
  });

  test('a page asked again is what a cold computation gives then: later, earlier, at the window\'s edge', async () => {
    const cold = async (opts: Parameters<typeof userFeed>[2]) => {
      const fresh = await openStore(join(dir, 'sluice.db')); // its own cache
      try {
        return await userFeed(fresh, user, opts);
      } finally {
        await fresh.close();
      }
    };
    const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
    // Before the posts were first seen (none visible yet), then at the window's edge as it moves
    // through them (topic posts are published a minute apart, up to 200 minutes ago).
    const asks: [Parameters<typeof userFeed>[2], Date[]][] = [
      [{ limit: 20 }, [minutes(-120), now, minutes(1), minutes(600), now]],
      [{ limit: 20, windowDays: 2 / 24 }, [now, minutes(30), minutes(90), minutes(150), minutes(400)]],
      [{ limit: 10, interest: 'gardening', offset: 5 }, [now, minutes(60 * 24)]],
    ];
    for (const [opts, times] of asks) {
      for (const at of times) {
        const { edition: _, ...kept } = await userFeed(store, user, { ...opts, now: at });
        const { edition: __, ...fresh } = await cold({ ...opts, now: at });
        assert.deepEqual(kept, fresh, `${JSON.stringify(opts)} at ${at.toISOString()}`);
      }
    }
  });

  test('a page asked again shows what was written in between (read state, feedback)', async () => {
    const first = await userFeed(store, user, { now, limit: 5 });
    const [top] = first.items;
    assert.equal(top.read, false);
    assert.equal((await userFeed(store, user, { now: new Date(now.getTime() + 1000), limit: 5 })).edition, first.edition, 'kept');
    await store.setRead(user.id, [top.postId], true);
    assert.notEqual((await userFeed(store, user, { now, limit: 5 })).edition, first.edition, 'computed again');
    assert.equal((await userFeed(store, user, { now, limit: 5 })).items.find((i) => i.postId === top.postId)?.read, true);
    await store.setRead(user.id, [top.postId], false);
    const again = (await userFeed(store, user, { now, limit: 5 })).items;
    assert.equal(again.find((i) => i.postId === top.postId)?.read, false);
    again[0].interest = 'changed by a caller';
    assert.notEqual((await userFeed(store, user, { now, limit: 5 })).items[0].interest, 'changed by a caller', 'callers get their own items');
  });

  test('a page is kept while others write: another user\'s state, new posts nobody of theirs matched', async () => {
    const bob = (await store.userByName('bob')) as User;
    const first = await userFeed(store, user, { now, limit: 5 });
    const [top] = first.items;
    await store.setRead(bob.id, [top.postId], true);
    await store.addInterest(bob.id, { name: 'Chess', keywords: ['chess'] });
    await store.addFeedback(user.id, top.postId, 'click');
    await addTopicPosts(store, (await store.subscriptions(bob.id))[0].feed, 3);
    await store.flush();
    assert.equal((await userFeed(store, user, { now, limit: 5 })).edition, first.edition, 'kept');
    await store.addFeedback(user.id, top.postId, 'dislike');
    const next = await userFeed(store, user, { now, limit: 5 });
    assert.notEqual(next.edition, first.edition, 'their own verdict: computed again');
    assert.equal(next.items.find((i) => i.postId === top.postId)?.feedback, undefined, 'disliked: no longer shown');
  });
});
