// A CLI command (withScoring, no server) saves every interest's calibration when it ends — not
// after each batch of posts — and also when its task fails; one that scored no post writes no state.
// A service stopped without saving loses its posts whole: the next start scores them again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../embed/builtin.ts';
import type { SavedCalibration } from '../match/matcher/matcher.ts';
import { openStore } from '../store/open.ts';
import type { Feed, NewInterest, Store, User } from '../store/store.ts';
import { ScoringService, withScoring } from './scoring.ts';
import { addTopicPosts } from './topic-posts.ts';

interface Scored {
  store: Store;
  embedder: BuiltinEmbedder;
  /** Without self-training, whose learning saves the interest it moved at once (as feedback does). */
  options: { embedder: BuiltinEmbedder; selfTrainEvery: number };
  user: User;
  feed: Feed;
  /** Posts in each saved calibration (every post since the interest joined counts). */
  savedPosts: () => Promise<number[]>;
}

/** A store in a temp dir with 100 topic posts and these interests, scored by a first command; removed after `work`. */
async function withScoredStore(interests: readonly NewInterest[], work: (scored: Scored) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-command-save-'));
  const store = await openStore(join(dir, 'sluice.db'));
  const embedder = new BuiltinEmbedder();
  const options = { embedder, selfTrainEvery: 0 };
  const savedPosts = async () => [...(await store.interestCalibrations(embedder.id)).values()].map((c) => (c as SavedCalibration).state.lexical.n);
  try {
    const user = await store.defaultUser();
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    await addTopicPosts(store, feed, 100);
    for (const interest of interests) await store.addInterest(user.id, interest);
    await withScoring(store, options, async () => {});
    await work({ store, embedder, options, user, feed, savedPosts });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const gardening: NewInterest = { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] };
const football: NewInterest = { name: 'Football', keywords: ['football', 'league', 'striker'] };

test('a command leaves every calibration saved with the posts it scored, its task done or failed', async () => {
  await withScoredStore([gardening, football], async ({ store, options, feed, savedPosts }) => {
    assert.deepEqual(await savedPosts(), [100, 100]);

    // Three batches of new posts, scored as the command starts: the calibrations are saved once, at its end.
    await addTopicPosts(store, feed, 600);
    const during = await withScoring(store, options, async () => savedPosts());
    assert.deepEqual(during, [100, 100]);
    assert.deepEqual(await savedPosts(), [700, 700]);

    await addTopicPosts(store, feed, 300);
    await assert.rejects(withScoring(store, options, async () => { throw new Error('the task failed'); }), /the task failed/);
    assert.deepEqual(await savedPosts(), [1000, 1000]);
  });
});

test('a command that scores no post writes no stream state and no calibration but the back-scored interest\'s', async () => {
  await withScoredStore([gardening], async ({ store, embedder, options, user, feed }) => {
    const stream = JSON.stringify(await store.matcherStream(embedder.id));
    // The same store, its writes of state counted.
    const writes: string[] = [];
    const counting = new Proxy(store, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (typeof value !== 'function') return value;
        if (name === 'saveMatcherStream') return (...args: unknown[]) => (writes.push('stream'), value.apply(target, args));
        if (name === 'saveInterestCalibrations') return (id: string, c: Map<number, unknown>) => (writes.push(`calibrations of ${c.size}`), value.call(target, id, c));
        return value.bind(target);
      },
    });
    const added = await store.addInterest(user.id, football);
    await withScoring(counting, options, async () => {});
    assert.deepEqual(writes, ['calibrations of 1'], 'the new interest back-scored, its calibration saved; nothing else');
    assert.ok((await store.interestCalibrations(embedder.id, [added.id])).has(added.id));
    assert.equal(JSON.stringify(await store.matcherStream(embedder.id)), stream);
    // Posts scored: the state moves and is written.
    writes.length = 0;
    await addTopicPosts(store, feed, 10);
    await withScoring(counting, options, async () => {});
    assert.deepEqual(writes, ['stream', 'calibrations of 2'], 'at the end, together (not after the batch)');
    assert.notEqual(JSON.stringify(await store.matcherStream(embedder.id)), stream);
  });
});

test('a service stopped without saving (a crash) loses its posts whole: the next start scores them again, counted once', async () => {
  await withScoredStore([gardening], async ({ store, embedder, options, feed, savedPosts }) => {
    const stream = JSON.stringify(await store.matcherStream(embedder.id));
    // A server scores two batches of new posts, then dies before its next save is due.
    const server = await ScoringService.start(store, options);
    const fresh = await addTopicPosts(store, feed, 300);
    await server.postsAdded([...fresh.keys()]);
    assert.equal(JSON.stringify(await store.matcherStream(embedder.id)), stream, 'not saved after each batch');
    assert.ok((await store.matchesFor([...(await store.interestIds())], { minScore: -Infinity })).some((m) => fresh.has(m.postId)), 'its matches stored');
    await server.abandon(); // stops without saving, as a crash
    // The next start takes the state saved before them and scores them again: each counted once.
    await withScoring(store, options, async () => {});
    assert.deepEqual(await savedPosts(), [400]);
  });
});
