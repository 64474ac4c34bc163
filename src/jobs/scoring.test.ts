import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BUILTIN_EMBEDDER_ID } from '../embed/builtin.ts';
import { OpenAiEmbedder } from '../embed/openai.ts';
import { openStore } from '../store/open.ts';
import type { Feed, PostQuery, Store, User } from '../store/store.ts';
import { CONTENT_STEMS_ANALYSIS } from '../match/score/document.ts';
import { ScoringService } from './scoring.ts';
import { chanceThreshold } from '../match/score/chance-threshold.ts';
import { DEFAULT_THRESHOLD } from '../match/batch.ts';
import { addTopicPosts as addPosts } from './topic-posts.ts';
import { post } from '../store/store-conformance.ts';

describe('ScoringService on a SQLite file', () => {
  let dir: string;
  let store: Store;
  let user: User;
  let feed: Feed;
  const topicOf = new Map<number, string>();
  const logs: string[] = [];
  // Without self-training: these tests follow what each call does to the stored matches (a pass
  // would learn between them; the self-training tests below look at it).
  const options = { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(`warning: ${m}`), selfTrainEvery: 0 };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-scoring-'));
    store = await openStore(join(dir, 'sluice.db'));
    user = await store.defaultUser();
    ({ feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' }));
    for (const [id, t] of await addPosts(store, feed, 150)) topicOf.set(id, t);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shown = async (interestId: number) => (await store.feedMatches(user.id, { interestIds: [interestId], aboveThresholdOnly: true })).map((m) => topicOf.get(m.postId));
  const share = (topics: (string | undefined)[], topic: string) => topics.filter((t) => t === topic).length / Math.max(1, topics.length);

  test('a first start replays the window; posts, interests and feedback then keep the stored matches current', async () => {
    const gardening = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    const football = await store.addInterest(user.id, { name: 'Football', keywords: ['football', 'league', 'striker'] });
    const service = await ScoringService.start(store, options);
    assert.equal(service.embedderId, BUILTIN_EMBEDDER_ID);
    assert.ok(logs.some((l) => /replayed 150 posts/.test(l)), logs.join('\n'));
    const g = await shown(gardening.id);
    assert.ok(g.length >= 20 && share(g, 'gardening') >= 0.9, `gardening shows ${g}`);
    assert.ok(share(await shown(football.id), 'football') >= 0.9);

    // New posts arrive.
    const fresh = await addPosts(store, feed, 50);
    for (const [id, t] of fresh) topicOf.set(id, t);
    const costBefore = service.cost;
    await service.postsAdded([...fresh.keys()]);
    // What it cost is counted by batch: these posts, and every pair stored for them.
    assert.equal(service.cost.posts - costBefore.posts, 50);
    assert.equal(service.cost.storedPairs - costBefore.storedPairs, (await store.feedMatches(user.id, { postIds: [...fresh.keys()] })).length);
    const freshGardening = (await store.feedMatches(user.id, { interestIds: [gardening.id], aboveThresholdOnly: true, postIds: [...fresh.keys()] })).length;
    assert.ok(freshGardening >= 8, `${freshGardening} of 10 new gardening posts shown`);

    // A new interest is back-scored on the window.
    const cooking = await store.addInterest(user.id, { name: 'Cooking', keywords: ['recipe', 'baking', 'chef'] });
    await service.interestChanged(cooking.id);
    const c = await shown(cooking.id);
    assert.ok(c.length >= 25 && share(c, 'cooking') >= 0.9, `cooking shows ${c}`);

    // Edited keywords: its matches are replaced.
    await store.updateInterest(user.id, cooking.id, { name: 'Space', keywords: ['rocket', 'astronaut', 'satellite'] });
    await service.interestChanged(cooking.id);
    assert.ok(share(await shown(cooking.id), 'space') >= 0.9);

    // Off-topic reports raise the threshold (3 / (3 + THRESHOLD_AS_REPORTS) of the way to just over
    // the median reported post) and sink the reported posts towards it (the feed hides them as
    // reported); the learned state is stored, and the interest keeps matching its other posts:
    // three reports of Football's weakest matches once left it matching those three alone.
    const margins = async (postIds: readonly number[]) => new Map((await store.feedMatches(user.id, { interestIds: [football.id], postIds }))
      .map((m) => [m.postId, m.score - (m.breakdown as { threshold: number }).threshold]));
    const shownBefore = (await store.feedMatches(user.id, { interestIds: [football.id], aboveThresholdOnly: true })).map((m) => m.postId);
    const reported = shownBefore.slice(-3), marginsBefore = await margins(reported);
    for (const postId of reported) await store.addFeedback(user.id, postId, 'offtopic', football.id);
    await service.feedbackChanged(user.id, football.id);
    const marginsAfter = await margins(reported);
    // Together: each one's score also moves with the calibration the back-score rebuilds.
    const sum = (m: Map<number, number>) => reported.reduce((a, id) => a + (m.get(id) ?? -10), 0);
    assert.ok(sum(marginsAfter) < sum(marginsBefore), `reported posts over their threshold: ${[...marginsBefore.values()]} -> ${[...marginsAfter.values()]}`);
    const after = new Set((await store.feedMatches(user.id, { interestIds: [football.id], aboveThresholdOnly: true })).map((m) => m.postId));
    const kept = shownBefore.slice(0, -3).filter((id) => after.has(id)).length;
    assert.ok(kept >= 0.9 * (shownBefore.length - 3), `${kept} of the ${shownBefore.length - 3} other football posts still shown`);
    const learned = (await store.interestById(football.id))?.learned as { feedback: { offTopic: number } };
    assert.equal(learned.feedback.offTopic, 3);

    await store.removeInterest(user.id, cooking.id);
    await service.interestRemoved(cooking.id);
    assert.equal(service.interests, 2);
    await service.close();
    await assert.rejects(service.postsAdded([]), /called after close/);
  });

  test('a restart goes on from the saved state: no replay, no back-scoring, the same scores', async () => {
    logs.length = 0;
    const before = await store.feedMatches(user.id);
    const service = await ScoringService.start(store, options);
    assert.ok(!logs.some((l) => /replayed|back-scoring/.test(l)), logs.join('\n'));
    assert.equal(service.interests, 2);
    // Learning again from the same feedback changes nothing.
    const football = (await store.interestByName(user.id, 'Football'))!;
    await service.feedbackChanged(user.id, football.id);
    const again = await store.feedMatches(user.id);
    assert.deepEqual(again.map((m) => [m.postId, m.interestId, m.score]), before.map((m) => [m.postId, m.interestId, m.score]));
    await service.close();
  });

  test('when the configured embedder fails, the built-in one takes over, says so, and scoring goes on', async () => {
    let up = true;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (!up) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": "garbage"}');
          return;
        }
        const input = JSON.parse(body).input as string[];
        // A crude but real embedding: letter counts over 8 buckets.
        const data = input.map((text, index) => {
          const v = new Array(8).fill(0.01);
          for (const ch of text.toLowerCase()) v[ch.charCodeAt(0) % 8] += 1;
          return { index, embedding: v };
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const embedder = new OpenAiEmbedder({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'letters', dims: 8 });
      logs.length = 0;
      const service = await ScoringService.start(store, { ...options, embedder });
      assert.equal(service.embedderId, embedder.id);
      assert.ok(logs.some((l) => /replayed 200 posts/.test(l)), 'a new embedder starts with a replay of its own');
      up = false;
      const fresh = await addPosts(store, feed, 10);
      await service.postsAdded([...fresh.keys()]);
      assert.equal(service.embedderId, BUILTIN_EMBEDDER_ID);
      assert.ok(logs.some((l) => /^warning: embedder openai:letters@1: .*built-in embedder from now on/.test(l)), logs.join('\n'));
      const gardening = (await store.interestByName(user.id, 'Gardening'))!;
      const scored = await store.feedMatches(user.id, { interestIds: [gardening.id], postIds: [...fresh.keys()], aboveThresholdOnly: true });
      assert.ok(scored.length >= 1, 'the new posts were scored with the built-in embedder');
      await service.close();
    } finally {
      server.close();
    }
  });

  test('an embedder that fails on a new interest: the built-in one takes over, the interest is scored', async () => {
    let up = true;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (!up) return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error": "model unloaded"}');
        const input = JSON.parse(body).input as string[];
        const data = input.map((text, index) => ({ index, embedding: Array.from({ length: 8 }, (_, k) => 0.01 + [...text].filter((ch) => ch.charCodeAt(0) % 8 === k).length) }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const embedder = new OpenAiEmbedder({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'unloaded', dims: 8 });
      logs.length = 0;
      const service = await ScoringService.start(store, { ...options, embedder });
      assert.equal(service.embedderId, embedder.id);
      up = false;
      const cooking = await store.addInterest(user.id, { name: 'Baking bread', keywords: ['sourdough', 'bread', 'oven'] });
      await service.interestChanged(cooking.id);
      assert.equal(service.embedderId, BUILTIN_EMBEDDER_ID);
      assert.ok(logs.some((l) => /^warning: embedder openai:unloaded@1: .*503.*built-in embedder from now on/.test(l)), logs.join('\n'));
      assert.ok(service.interests >= 1 && (await store.interestCalibrations(BUILTIN_EMBEDDER_ID)).has(cooking.id), 'the new interest is in the built-in matcher');
      await store.removeInterest(user.id, cooking.id);
      await service.close();
    } finally {
      server.close();
    }
  });

  test('an embedder that answers garbage at start: the built-in one takes over there too, and the service starts', async () => {
    // Reachable when the command began (connect asked its length), garbage by the time the service
    // compiles the interests: what an endpoint whose model was swapped or unloaded does.
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": "garbage"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const embedder = new OpenAiEmbedder({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'swapped', dims: 8 });
      logs.length = 0;
      const service = await ScoringService.start(store, { ...options, embedder });
      assert.equal(service.embedderId, BUILTIN_EMBEDDER_ID);
      assert.equal(logs.filter((l) => /^warning: embedder openai:swapped@1: .*built-in embedder from now on/.test(l)).length, 1, logs.join('\n'));
      const gardening = (await store.interestByName(user.id, 'Gardening'))!;
      assert.ok(share(await shown(gardening.id), 'gardening') > 0.8, 'matches are still served');
      await service.close();
    } finally {
      server.close();
    }
  });
});

/** A store of its own in a temporary directory, one feed of `posts` topic posts (topic-posts.ts). */
async function withTopicStore(posts: number, work: (store: Store, user: User) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-scoring-'));
  const store = await openStore(join(dir, 'sluice.db'));
  try {
    const user = await store.defaultUser();
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    await addPosts(store, feed, posts);
    await work(store, user);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the window read ahead holds every post; a post edited since is read again by the next back-score', async () => {
  await withTopicStore(100, async (store, user) => {
    const feed = (await store.subscriptions(user.id))[0].feed;
    const service = await ScoringService.start(store, { selfTrainEvery: 0 });
    try {
      const at = new Date();
      const refetch = async (text: string) => {
        await store.saveFetch(feed.id, { kind: 'fetched', at, httpStatus: 200, nextFetchAt: new Date(at.getTime() + 3600_000),
          posts: [post('edited-post', { url: 'https://example.com/edited', title: 'Notes from the weekend', text, contentHtml: `<p>${text}</p>`, published: at })] });
        await store.flush();
      };
      await refetch('the garden compost heap and the plants along the fence, watered every morning');
      await service.postsAdded([]);
      const inWindow = (await store.posts({ since: new Date(Date.now() - 30 * 86_400_000), limit: 100_000 })).length;
      assert.equal(await service.readWindow(), inWindow);
      await refetch('a campervan conversion for van life: the campervan bed, the campervan kitchen, a van life budget');
      const edited = (await store.posts({ limit: 1 })).find((p) => p.url === 'https://example.com/edited')!;
      const vans = await store.addInterest(user.id, { name: 'Camper vans', keywords: ['campervan', 'van life'] });
      await service.interestChanged(vans.id);
      const match = (await store.matchesFor([vans.id], { minScore: -Infinity })).find((m) => m.postId === edited.id);
      assert.ok(match, 'the edited post is matched');
      assert.ok(JSON.stringify(match.breakdown).includes('campervan'), `matched by its new words: ${JSON.stringify(match.breakdown)}`);
    } finally {
      await service.close();
    }
  });
});

test('a restarted service reads its window from the stored stems and vectors: only a post edited since is read in full', async () => {
  await withTopicStore(100, async (store, user) => {
    const feed = (await store.subscriptions(user.id))[0].feed;
    const first = await ScoringService.start(store, { selfTrainEvery: 0 });
    const inWindow = await first.readWindow();
    await first.close();
    // The same store, its full reads of posts by id counted.
    const readInFull: number[] = [];
    const counting = new Proxy(store, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (name !== 'posts') return typeof value === 'function' ? value.bind(target) : value;
        return async (query?: PostQuery) => {
          readInFull.push(...(query?.ids ?? []));
          return target.posts(query);
        };
      },
    });
    const service = await ScoringService.start(counting, { selfTrainEvery: 0 });
    try {
      assert.equal(await service.readWindow(), inWindow);
      assert.deepEqual(readInFull, [], 'no post read in full');
      const [edited] = await store.posts({ order: 'oldest', limit: 1 });
      const at = new Date();
      await store.saveFetch(feed.id, { kind: 'fetched', at, httpStatus: 200, nextFetchAt: new Date(at.getTime() + 3600_000),
        posts: [post(edited.sources[0].entryId, { url: edited.url, title: 'A campervan for van life', text: 'the campervan bed and the campervan kitchen', published: edited.published })] });
      await store.flush();
      const vans = await store.addInterest(user.id, { name: 'Camper vans', keywords: ['campervan', 'van life'] });
      await service.interestChanged(vans.id);
      assert.deepEqual(readInFull, [edited.id], 'the edited post alone');
      assert.ok((await store.matchesFor([vans.id], { minScore: -Infinity })).some((m) => m.postId === edited.id && JSON.stringify(m.breakdown).includes('campervan')));
      assert.equal((await store.postStems(CONTENT_STEMS_ANALYSIS, [edited.id])).get(edited.id)?.revision, 1, 'its new stems stored');
    } finally {
      await service.close();
    }
  });
});

test('a post whose text a refetch changed is scored again from its new text, once, its old matches gone', async () => {
  await withTopicStore(100, async (store, user) => {
    const feed = (await store.subscriptions(user.id))[0].feed;
    const garden = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    const vans = await store.addInterest(user.id, { name: 'Camper vans', keywords: ['campervan', 'van life'] });
    const at = new Date();
    const refetch = async (title: string, text: string) => {
      await store.saveFetch(feed.id, { kind: 'fetched', at, httpStatus: 200, nextFetchAt: new Date(at.getTime() + 3600_000),
        posts: [post('edited-post', { url: 'https://example.com/edited', title, text, contentHtml: `<p>${text}</p>`, published: at })] });
      await store.flush();
    };
    await refetch('Notes from the weekend', 'the garden compost heap and the plants along the fence, garden plants watered every morning');
    const matched = async (interestId: number) => (await store.matchesFor([interestId], { aboveThresholdOnly: true })).some((m) => m.postId === edited.id);
    const [edited] = (await store.posts({ limit: 200 })).filter((p) => p.url === 'https://example.com/edited');
    let service = await ScoringService.start(store, { selfTrainEvery: 0 });
    try {
      assert.ok(await matched(garden.id), 'a garden post at first');
      assert.ok(!(await matched(vans.id)));
      await refetch('Notes from the weekend', 'a campervan conversion for van life: the campervan bed, the campervan kitchen, a van life budget');
      let before = service.cost.posts;
      await service.postsAdded([]);
      assert.equal(service.cost.posts - before, 1, 'the edited post scored again');
      assert.ok(await matched(vans.id), 'matched by its new words');
      assert.ok(!(await matched(garden.id)), 'its garden match gone');
      before = service.cost.posts;
      await service.postsAdded([]);
      assert.equal(service.cost.posts - before, 0, 'once');
      // A new "updated" date alone is no edit.
      await store.saveFetch(feed.id, { kind: 'fetched', at, httpStatus: 200, nextFetchAt: at,
        posts: [post('edited-post', { url: 'https://example.com/edited', title: 'Notes from the weekend', text: 'a campervan conversion for van life: the campervan bed, the campervan kitchen, a van life budget', contentHtml: '<p>a campervan conversion for van life: the campervan bed, the campervan kitchen, a van life budget</p>', published: at, updated: new Date(at.getTime() + 60_000) })] });
      await service.postsAdded([]);
      assert.equal(service.cost.posts - before, 0, 'a new date alone');
    } finally {
      await service.close();
    }
    service = await ScoringService.start(store, { selfTrainEvery: 0 });
    try {
      assert.equal(service.cost.posts, 0, 'a restart does not score the edit again');
      assert.equal(service.progress().lastEditSeq, await store.lastPostEdit());
    } finally {
      await service.close();
    }
  });
});

test('the start after a first start restores every calibration, even of an interest named with a common word', async () => {
  // "Local" is in most of these posts (a filler word of topic-posts.ts): too common to be a term,
  // which only the window's document frequencies can tell. The first start must compile with them,
  // or the next start compiles differently and back-scores the interest.
  await withTopicStore(150, async (store, user) => {
    await store.addInterest(user.id, { name: 'Local gardening', keywords: ['garden', 'compost'] });
    const logs: string[] = [];
    const options = { log: (m: string) => logs.push(m), warn: (m: string) => logs.push(`warning: ${m}`) };
    await (await ScoringService.start(store, options)).close();
    assert.ok(logs.some((l) => /replayed 150 posts/.test(l)), logs.join('\n'));
    logs.length = 0;
    await (await ScoringService.start(store, options)).close();
    assert.ok(!logs.some((l) => /replayed|back-scoring/.test(l)), logs.join('\n'));
  });
});

test('the pool\'s posts per day set the null threshold every match is judged against, and its breakdown says so', async () => {
  // 150 posts this week: ~21 a day. A budget of 0.001 chance matches a day stands for a pool a
  // thousand times that size: the null threshold rises from 3 to chanceThreshold's.
  await withTopicStore(150, async (store, user) => {
    const gardening = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    const thresholds = async (budget?: number) => {
      await store.clearMatches(gardening.id);
      const service = await ScoringService.start(store, { chanceMatchesPerDay: budget });
      await service.interestChanged(gardening.id);
      await service.close();
      const matches = await store.feedMatches(user.id, { interestIds: [gardening.id] });
      assert.ok(matches.length > 10, `${matches.length} matches`);
      return matches.map((m) => m.breakdown as { threshold: number; chance: number });
    };
    const floor = chanceThreshold(150 / 7, DEFAULT_THRESHOLD, 0.001);
    assert.ok(floor > 3.8, `${floor}`);
    const raised = await thresholds(0.001);
    // The breakdown keeps 3 decimals, and says where the threshold started: the chance level.
    assert.ok(raised.every((b) => b.threshold >= floor - 0.0005), `${floor}: ${raised.map((b) => b.threshold)}`);
    assert.ok(raised.every((b) => b.chance === Math.round(floor * 1000) / 1000), `${floor}: ${raised.map((b) => b.chance)}`);
    const kept = await thresholds();
    assert.ok(kept.every((b) => b.threshold < floor), 'at the default budget this small pool keeps its thresholds');
    assert.ok(kept.every((b) => b.chance === DEFAULT_THRESHOLD), `${kept.map((b) => b.chance)}`);
  });
});

test('close() while readWindow() runs: the read stops at its next page and the service closes', async () => {
  await withTopicStore(100, async (store) => {
    const first = await ScoringService.start(store, { selfTrainEvery: 0 });
    await first.close();
    // Restarted, the window is not held: reading it is the server's first work after its start.
    // close() is asked while the read lists the window (its first store call), before any page.
    let service: ScoringService | undefined, closing: Promise<void> | undefined;
    const closingOnList = new Proxy(store, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (name !== 'postRevisions') return typeof value === 'function' ? value.bind(target) : value;
        return async (query?: PostQuery) => {
          closing ??= service?.close();
          return target.postRevisions(query);
        };
      },
    });
    service = await ScoringService.start(closingOnList, { selfTrainEvery: 0 });
    assert.equal(closing, undefined, 'the start lists no revisions');
    assert.equal(await service.readWindow(), 0, 'no page read once close() was asked');
    assert.ok(closing);
    await closing;
    const again = await ScoringService.start(store, { selfTrainEvery: 0 });
    try {
      assert.equal(await again.readWindow(), 100, 'a read not stopped reads the window');
    } finally {
      await again.close();
    }
  });
});
