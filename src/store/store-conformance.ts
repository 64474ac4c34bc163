// One conformance suite every Store implementation runs (SQLite now, PostgreSQL with scale-out), so
// the backends cannot drift apart. Call it from a *.test.ts beside the implementation.
import assert from 'node:assert/strict';
import { describe, it, beforeEach, afterEach } from 'node:test';
import type { Post } from '../clean/post.ts';
import type { FetchOutcome, MatchRows, Store, StoredMatch } from './store.ts';

export function post(entryId: string, overrides: Partial<Post> = {}): Post {
  return {
    entryId,
    url: `https://example.com/posts/${entryId}`,
    link: `https://example.com/posts/${entryId}?utm_source=rss`,
    title: `Post ${entryId}`,
    authors: [{ name: 'Ada' }],
    published: new Date('2026-11-01T10:00:00Z'),
    contentHtml: `<p>Body of ${entryId}</p>`,
    text: `Body of ${entryId}`,
    categories: [{ term: 'news' }],
    enclosures: [],
    // Distinct, far-apart hashes per entry unless a test sets one.
    simhash: distinctSimhash(entryId),
    ...overrides,
  };
}

function distinctSimhash(seed: string): string {
  let h = 0x811c9dc5;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const lo = h.toString(16).padStart(8, '0');
  const hi = Math.imul(h ^ 0x5bd1e995, 0x01000193) >>> 0;
  return hi.toString(16).padStart(8, '0') + lo;
}

const t0 = new Date('2026-11-20T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function fetched(posts: Post[], extra: Partial<Extract<FetchOutcome, { kind: 'fetched' }>> = {}): FetchOutcome {
  return { kind: 'fetched', at: t0, httpStatus: 200, posts, nextFetchAt: later(60), feedTitle: 'Example', ...extra };
}

/** Matches as the columns saveMatchRows takes (typed arrays, as the scoring service gives them). */
function matchRows(matches: readonly StoredMatch[]): MatchRows {
  return {
    length: matches.length,
    postId: Float64Array.from(matches, (m) => m.postId),
    interestId: Float64Array.from(matches, (m) => m.interestId),
    score: Float64Array.from(matches, (m) => m.score),
    aboveThreshold: Uint8Array.from(matches, (m) => (m.aboveThreshold ? 1 : 0)),
    breakdownJson: (i) => JSON.stringify(matches[i].breakdown),
    scoredAt: (i) => matches[i].scoredAt.getTime(),
  };
}

export function runStoreConformance(name: string, open: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('has a default user and finds users by name', async () => {
      const user = await store.defaultUser();
      assert.equal((await store.defaultUser()).id, user.id);
      assert.deepEqual(await store.userByName(user.name), user);
      assert.equal(await store.userByName('nobody'), undefined);
      assert.equal(user.ownFeedsOnly, false);
      assert.equal((await store.updateUserSettings(user.id, { ownFeedsOnly: true }))?.ownFeedsOnly, true);
      assert.equal((await store.defaultUser()).ownFeedsOnly, true);
    });

    it('the first account takes over the local user and keeps what it set up', async () => {
      const local = await store.defaultUser();
      assert.equal(local.hasPassword, false);
      const { feed } = await store.subscribe(local.id, { url: 'https://example.com/feed.xml' });
      await store.addInterest(local.id, { name: 'Tech', keywords: ['software'] });
      const ada = await store.createUser('ada', 'scrypt$hash-a');
      assert.equal(ada.id, local.id);
      assert.equal(ada.name, 'ada');
      assert.equal(ada.hasPassword, true);
      assert.equal(await store.passwordHash(ada.id), 'scrypt$hash-a');
      assert.deepEqual((await store.subscriptions(ada.id)).map((s) => s.feed.id), [feed.id]);
      assert.equal((await store.interests(ada.id)).length, 1);
      assert.equal(await store.userByName('local'), undefined);
      // Later accounts are new users; names are unique in any case.
      const bob = await store.createUser('bob', 'scrypt$hash-b');
      assert.notEqual(bob.id, ada.id);
      await assert.rejects(store.createUser('ADA', 'x'), /already exists/);
      assert.deepEqual((await store.users()).map((u) => u.name), ['ada', 'bob']);
      assert.equal((await store.defaultUser()).id, ada.id);
      assert.deepEqual(await store.userById(bob.id), bob);
      assert.deepEqual(await store.subscriptions(bob.id), []);
      await store.setPasswordHash(bob.id, 'scrypt$hash-b2');
      assert.equal(await store.passwordHash(bob.id), 'scrypt$hash-b2');
    });

    it('removes a user with everything that is theirs', async () => {
      await store.defaultUser();
      const ada = await store.createUser('ada', 'h');
      const bob = await store.createUser('bob', 'h');
      const { feed } = await store.subscribe(bob.id, { url: 'https://bob.example/feed' });
      await store.createApiToken(bob.id, 'reader', 'token-hash');
      assert.equal(await store.removeUser(bob.id), true);
      assert.equal(await store.removeUser(bob.id), false);
      assert.equal(await store.userById(bob.id), undefined);
      assert.equal(await store.useApiToken('token-hash', new Date()), undefined);
      assert.equal((await store.feedById(feed.id))?.status, 'disabled', 'a feed nobody follows stops being fetched');
      assert.deepEqual((await store.users()).map((u) => u.id), [ada.id]);
    });

    it('keeps sessions by id hash until they expire or are revoked', async () => {
      const user = await store.createUser('ada', 'h');
      const now = new Date('2026-11-20T12:00:00Z');
      const session = { idHash: 'hash-1', userId: user.id, createdAt: now, lastSeenAt: now, expiresAt: later(60) };
      await store.createSession(session);
      await store.createSession({ ...session, idHash: 'hash-2' });
      assert.deepEqual(await store.sessionByHash('hash-1', now), session);
      assert.equal(await store.sessionByHash('hash-1', later(61)), undefined, 'expired');
      assert.equal(await store.sessionByHash('nope', now), undefined);
      await store.touchSession('hash-1', later(30), later(120));
      assert.deepEqual((await store.sessionByHash('hash-1', later(90)))?.lastSeenAt, later(30));
      await store.revokeSession('hash-1');
      assert.equal(await store.sessionByHash('hash-1', now), undefined);
      assert.ok(await store.sessionByHash('hash-2', now));
      await store.revokeUserSessions(user.id);
      assert.equal(await store.sessionByHash('hash-2', now), undefined);
    });

    it('keeps named API tokens per user by hash, revocable, with their last use', async () => {
      const ada = await store.createUser('ada', 'h');
      const bob = await store.createUser('bob', 'h');
      const token = await store.createApiToken(ada.id, 'NetNewsWire', 'hash-a');
      assert.equal(token.name, 'NetNewsWire');
      assert.equal(token.lastUsedAt, undefined);
      await assert.rejects(store.createApiToken(ada.id, 'netnewswire', 'hash-b'), /already exists/);
      await store.createApiToken(bob.id, 'NetNewsWire', 'hash-c');
      const at = new Date('2026-11-20T12:00:00Z');
      const used = await store.useApiToken('hash-a', at);
      assert.equal(used?.userId, ada.id);
      assert.deepEqual(used?.lastUsedAt, at);
      assert.deepEqual((await store.apiTokens(ada.id)).map((t) => [t.name, t.lastUsedAt?.getTime()]), [['NetNewsWire', at.getTime()]]);
      assert.equal(await store.revokeApiToken(bob.id, 'NETNEWSWIRE'), true);
      assert.equal(await store.revokeApiToken(bob.id, 'NetNewsWire'), false);
      assert.equal(await store.useApiToken('hash-c', at), undefined);
      assert.ok(await store.useApiToken('hash-a', at), "revoking bob's token leaves ada's");
      // Recorded to the minute: a use within a minute of the recorded one leaves it, a later one moves it.
      const soon = new Date(at.getTime() + 30_000), later = new Date(at.getTime() + 61_000);
      assert.deepEqual((await store.useApiToken('hash-a', soon))?.lastUsedAt, at);
      assert.deepEqual((await store.apiTokens(ada.id))[0].lastUsedAt, at);
      assert.deepEqual((await store.useApiToken('hash-a', later))?.lastUsedAt, later);
      assert.deepEqual((await store.apiTokens(ada.id))[0].lastUsedAt, later);
    });

    it('keeps one output-feed token per user: set, rotated, revoked, gone with the user', async () => {
      const ada = await store.createUser('ada', 'h');
      const bob = await store.createUser('bob', 'h');
      assert.equal(await store.outputFeedToken(ada.id), undefined);
      await store.setOutputFeedToken(ada.id, 'out-a1');
      await store.setOutputFeedToken(bob.id, 'out-b1');
      assert.equal(await store.outputFeedToken(ada.id), 'out-a1');
      assert.equal((await store.userForOutputFeedToken('out-a1'))?.id, ada.id);
      await store.setOutputFeedToken(ada.id, 'out-a2');
      assert.equal(await store.userForOutputFeedToken('out-a1'), undefined, 'rotating retires the old token');
      assert.equal((await store.userForOutputFeedToken('out-a2'))?.name, 'ada');
      await store.setOutputFeedToken(ada.id, undefined);
      assert.equal(await store.outputFeedToken(ada.id), undefined);
      assert.equal(await store.userForOutputFeedToken('out-a2'), undefined);
      assert.equal((await store.userForOutputFeedToken('out-b1'))?.id, bob.id, "revoking ada's token leaves bob's");
      await store.removeUser(bob.id);
      assert.equal(await store.userForOutputFeedToken('out-b1'), undefined);
    });

    it('keeps post vectors per embedder', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b')]));
      const [a, b] = (await store.posts()).map((p) => p.id);
      await store.savePostVectors('emb@1', new Map([[a, new Float32Array([0.5, -1, 2])]]));
      await store.savePostVectors('emb@2', new Map([[a, new Float32Array([9])]]));
      const got = await store.postVectors('emb@1', [a, b]);
      assert.deepEqual([...got.keys()], [a]);
      assert.deepEqual([...(got.get(a) ?? [])], [0.5, -1, 2]);
      assert.deepEqual([...((await store.postVectors('emb@2', [a])).get(a) ?? [])], [9]);
    });

    it('drops the vectors of a post whose content a refetch changed', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b')]));
      const [a, b] = (await store.posts({ order: 'oldest' })).map((p) => p.id);
      await store.savePostVectors('emb@1', new Map([[a, new Float32Array([1])], [b, new Float32Array([2])]]));
      await store.saveFetch(feed.id, fetched([post('a', { title: 'Post a, corrected' }), post('b')]));
      assert.deepEqual([...(await store.postVectors('emb@1', [a, b])).keys()], [b]);
    });

    it('lists the posts whose text was edited, in the order of their last edit; a new date alone is no edit', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b'), post('c')]));
      const [a, b, c] = (await store.posts({ order: 'oldest' })).map((p) => p.id);
      assert.equal(await store.lastPostEdit(), 0);
      assert.deepEqual(await store.postEditsAfter(0, { limit: 10 }), []);
      await store.savePostVectors('emb@1', new Map([[c, new Float32Array([1])]]));
      assert.deepEqual(await store.saveFetch(feed.id, fetched([post('c', { updated: later(5) })])), { newPosts: 0, updatedPosts: 1, editedPosts: 0 });
      assert.deepEqual(await store.postEditsAfter(0, { limit: 10 }), [], 'a new date alone');
      assert.equal((await store.postRevisions({ ids: [c] }))[0].revision, 0);
      assert.equal((await store.postVectors('emb@1', [c])).size, 1, 'its vector kept');
      assert.deepEqual(await store.saveFetch(feed.id, fetched([post('b', { title: 'B, corrected' })])), { newPosts: 0, updatedPosts: 1, editedPosts: 1 });
      await store.saveFetch(feed.id, fetched([post('a', { contentHtml: '<p>A, rewritten</p>', text: 'A, rewritten' })]));
      await store.saveFetch(feed.id, fetched([post('b', { title: 'B, corrected again' })]));
      const edits = await store.postEditsAfter(0, { limit: 10 });
      assert.deepEqual(edits.map((e) => e.postId), [a, b], 'b once, at its last edit');
      assert.ok(edits[0].seq < edits[1].seq);
      assert.equal(await store.lastPostEdit(), edits[1].seq);
      assert.deepEqual(await store.postEditsAfter(edits[0].seq, { limit: 10 }), [edits[1]]);
      assert.deepEqual(await store.postEditsAfter(0, { limit: 1 }), [edits[0]]);
    });

    it('keeps a dictionary of stems: one id each, the same whoever asks again', async () => {
      const first = await store.stemIds(['new', 'york', 'new']);
      assert.deepEqual([...first.keys()].sort(), ['new', 'york']);
      const again = await store.stemIds(['york', 'citi', 'états-uni', '東']);
      assert.equal(again.get('york'), first.get('york'));
      const ids = [...again.values(), ...first.values()];
      assert.equal(new Set(ids).size, 5, 'distinct stems, distinct ids');
      assert.ok(ids.every((id) => Number.isInteger(id) && id >= 1));
      assert.deepEqual(await store.stemsOf([again.get('東')!, first.get('new')!, 99_999]), new Map([[again.get('東')!, '東'], [first.get('new')!, 'new']]));
      assert.deepEqual(await store.stemIds([]), new Map());
    });

    it('keeps post stems per analysis at the revision they were analysed from', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b'), post('c')]));
      const [a, b, c] = (await store.posts({ order: 'oldest' })).map((p) => p.id);
      assert.deepEqual((await store.posts({ ids: [a] }))[0].revision, 0);
      const stems = (revision: number, titleLength: number, ...ids: number[]) => ({ revision, titleLength, ids: Uint32Array.from(ids) });
      await store.savePostStems(
        'stems@1',
        new Map([
          [a, stems(0, 2, 1, 2, 3, 4_000_000_000, 3)],
          [b, stems(0, 0)],
          [c, stems(1, 1, 7)], // c is at revision 0: skipped
          [c + 100, stems(0, 1, 7)], // no such post: skipped
        ]),
      );
      assert.deepEqual(await store.postStems('stems@1', [b, a, c, c + 100]), new Map([[b, stems(0, 0)], [a, stems(0, 2, 1, 2, 3, 4_000_000_000, 3)]]));
      assert.equal((await store.postStems('stems@2', [a])).size, 0, 'another analysis is not read');
      // An edit moves a's revision: its stems are stale until saved again.
      await store.saveFetch(feed.id, fetched([post('a', { title: 'Post a, corrected' }), post('b'), post('c')]));
      assert.deepEqual([...(await store.postStems('stems@1', [a, b])).keys()], [b]);
      await store.savePostStems('stems@1', new Map([[a, stems(0, 1, 9)]]));
      assert.equal((await store.postStems('stems@1', [a])).size, 0, 'stems of the revision before are not saved');
      await store.savePostStems('stems@2', new Map([[a, stems(1, 3, 1, 2, 5)]]));
      assert.deepEqual((await store.postStems('stems@2', [a])).get(a), stems(1, 3, 1, 2, 5));
      assert.equal((await store.postStems('stems@1', [b])).size, 1);
    });

    it('drops the vectors and stems of posts first seen before a time, oldest first, a limited number at a time', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b')], { at: t0 }));
      await store.saveFetch(feed.id, fetched([post('c')], { at: later(60 * 24) }));
      const [a, b, c] = (await store.posts({ order: 'oldest' })).map((p) => p.id);
      const vector = new Float32Array([1, 0]);
      await store.savePostVectors('emb@1', new Map([[a, vector], [b, vector], [c, vector]]));
      await store.savePostVectors('emb@2', new Map([[a, vector]]));
      const stems = { revision: 0, titleLength: 1, ids: Uint32Array.from([1, 2]) };
      await store.savePostStems('stems@1', new Map([[a, stems], [b, stems], [c, stems]]));
      assert.deepEqual(await store.dropPostDerivedBefore(later(60), { limit: 2 }), { vectors: 2, stems: 2 });
      assert.deepEqual(await store.dropPostDerivedBefore(later(60), { limit: 2 }), { vectors: 1, stems: 0 });
      assert.deepEqual(await store.dropPostDerivedBefore(later(60), { limit: 2 }), { vectors: 0, stems: 0 });
      assert.deepEqual([...(await store.postVectors('emb@1', [a, b, c])).keys()], [c], 'the post of the day after keeps its vector');
      assert.equal((await store.postVectors('emb@2', [a])).size, 0, 'every embedder\'s');
      assert.deepEqual([...(await store.postStems('stems@1', [a, b, c])).keys()], [c]);
      assert.equal((await store.posts({ ids: [a, b, c] })).length, 3, 'the posts themselves stay');
    });

    it('subscribes once per URL and shares the feed between users', async () => {
      const user = await store.defaultUser();
      const a = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' }, 'Tech');
      const b = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      assert.equal(a.created, true);
      assert.equal(b.created, false);
      assert.equal(a.feed.id, b.feed.id);
      const subs = await store.subscriptions(user.id);
      assert.equal(subs.length, 1);
      assert.equal(subs[0].category, 'Tech');
      assert.equal(subs[0].feed.status, 'active');
      assert.deepEqual(await store.feedByUrl('https://example.com/feed.xml'), a.feed);
    });

    it('stores a fetch: new posts, then unchanged, then updated', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      assert.deepEqual(await store.saveFetch(feed.id, fetched([post('a'), post('b')], { etag: '"v1"' })), {
        newPosts: 2,
        updatedPosts: 0,
        editedPosts: 0,
      });
      assert.deepEqual(await store.saveFetch(feed.id, fetched([post('a'), post('b')])), { newPosts: 0, updatedPosts: 0, editedPosts: 0 });
      assert.deepEqual(await store.saveFetch(feed.id, fetched([post('a', { title: 'Post a, corrected' }), post('b')])), {
        newPosts: 0,
        updatedPosts: 1,
        editedPosts: 1,
      });
      const posts = await store.posts({ feedId: feed.id });
      assert.equal(posts.length, 2);
      assert.ok(posts.some((p) => p.title === 'Post a, corrected'));
      const stored = await store.feedById(feed.id);
      assert.equal(stored?.title, 'Example');
      assert.equal(stored?.lastSuccessAt?.getTime(), t0.getTime());
      assert.equal(stored?.nextFetchAt.getTime(), later(60).getTime());
      assert.equal(stored?.httpStatus, 200);
    });

    it('counts the revisions of a post in the order and pages of posts()', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
      await store.saveFetch(feed.id, fetched([post('a', { published: at(1) }), post('b', { published: at(2) }), post('c', { published: at(3) })]));
      await store.saveFetch(feed.id, fetched([post('a', { published: at(1) }), post('b', { published: at(2), title: 'B, corrected' }), post('c', { published: at(3) })]));
      await store.saveFetch(feed.id, fetched([post('b', { published: at(2), title: 'B, corrected again' })]));
      const query = { order: 'oldest' as const, limit: 2 };
      const first = await store.postRevisions(query);
      const posts = await store.posts(query);
      assert.deepEqual(first.map((r) => r.id), posts.map((p) => p.id));
      assert.deepEqual(first.map((r) => r.revision), [0, 2]);
      assert.deepEqual(first.map((r) => r.time.getTime()), [at(1).getTime(), at(2).getTime()]);
      const next = await store.postRevisions({ ...query, after: { time: first[1].time, id: first[1].id } });
      assert.deepEqual(next.map((r) => [r.revision, r.time.getTime()]), [[0, at(3).getTime()]]);
      assert.deepEqual(await store.postRevisions({ ids: [first[1].id] }), [first[1]]);
    });

    it('remembers entry hashes per feed', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      assert.deepEqual(await store.entryHashes(feed.id), new Map());
      await store.saveFetch(feed.id, fetched([post('a'), post('b')], { entryHashes: new Map([['a', 'h1'], ['b', 'h2']]) }));
      await store.saveFetch(feed.id, fetched([post('b', { title: 'B2' })], { entryHashes: new Map([['b', 'h3']]) }));
      assert.deepEqual(await store.entryHashes(feed.id), new Map([['a', 'h1'], ['b', 'h3']]));
    });

    it('keeps one post per canonical URL with every feed as a source', async () => {
      const user = await store.defaultUser();
      const one = (await store.subscribe(user.id, { url: 'https://one.example/feed' })).feed;
      const two = (await store.subscribe(user.id, { url: 'https://two.example/feed' })).feed;
      await store.saveFetch(one.id, fetched([post('x', { url: 'https://news.example/story' })], { feedTitle: 'One' }));
      const r = await store.saveFetch(two.id, fetched([post('other-id', { url: 'https://news.example/story' })], { feedTitle: 'Two' }));
      assert.equal(r.newPosts, 0);
      const posts = await store.posts();
      assert.equal(posts.length, 1);
      assert.deepEqual(
        posts[0].sources.map((s) => s.feedTitle),
        ['One', 'Two'],
      );
    });

    it('reads the heads of posts (cluster, times, sources) without their content', async () => {
      const user = await store.defaultUser();
      const one = (await store.subscribe(user.id, { url: 'https://one.example/feed' })).feed;
      const two = (await store.subscribe(user.id, { url: 'https://two.example/feed' })).feed;
      await store.saveFetch(one.id, fetched([post('a', { url: 'https://news.example/a' }), post('b', { published: undefined })], { feedTitle: 'One' }));
      await store.saveFetch(two.id, fetched([post('a2', { url: 'https://news.example/a' })], { feedTitle: 'Two' }));
      const posts = await store.posts();
      const heads = await store.postHeads([...posts.map((p) => p.id), 999_999]);
      assert.deepEqual([...heads.keys()].sort(), posts.map((p) => p.id).sort(), 'only posts that exist');
      for (const p of posts) {
        assert.deepEqual(heads.get(p.id), { id: p.id, published: p.published, clusterId: p.clusterId, firstSeenAt: p.firstSeenAt, sources: p.sources });
      }
      assert.deepEqual(heads.get(posts.find((p) => p.title === 'Post a')!.id)?.sources.map((s) => s.feedTitle), ['One', 'Two']);
      assert.equal(heads.get(posts.find((p) => p.title === 'Post b')!.id)?.published, undefined);
      assert.deepEqual(await store.postHeads([]), new Map());
    });

    it('puts near-duplicates in one cluster and unrelated posts apart', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(
        feed.id,
        fetched([
          post('orig', { simhash: 'f0f0f0f0f0f0f0f0' }),
          post('copy', { simhash: 'f0f0f0f0f0f0f0f3' }), // 2 bits away
          post('other', { simhash: '0f0f0f0f0f0f0f0f' }),
          post('empty1', { simhash: '0000000000000000', text: '' }),
          post('empty2', { simhash: '0000000000000000', text: '' }),
        ]),
      );
      const byEntry = new Map((await store.posts()).map((p) => [p.sources[0].entryId, p]));
      assert.equal(byEntry.get('copy')?.clusterId, byEntry.get('orig')?.id);
      assert.equal(byEntry.get('orig')?.clusterId, byEntry.get('orig')?.id);
      assert.notEqual(byEntry.get('other')?.clusterId, byEntry.get('orig')?.clusterId);
      assert.notEqual(byEntry.get('empty1')?.clusterId, byEntry.get('empty2')?.clusterId);
    });

    it('records failures without losing posts, and disables a gone feed', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a')]));
      await store.saveFetch(feed.id, { kind: 'failed', at: later(1), httpStatus: 500, error: 'GET https://example.com/feed.xml: HTTP 500', disable: false, nextFetchAt: later(30) });
      let f = await store.feedById(feed.id);
      assert.equal(f?.status, 'error');
      assert.equal(f?.consecutiveErrors, 1);
      assert.match(f?.lastError ?? '', /HTTP 500/);
      assert.equal((await store.posts()).length, 1);
      await store.saveFetch(feed.id, { kind: 'not-modified', at: later(2), httpStatus: 304, nextFetchAt: later(90) });
      f = await store.feedById(feed.id);
      assert.equal(f?.status, 'active');
      assert.equal(f?.consecutiveErrors, 0);
      assert.equal(f?.lastError, undefined);
      await store.saveFetch(feed.id, { kind: 'failed', at: later(3), httpStatus: 410, error: 'gone', disable: true, nextFetchAt: later(90) });
      assert.equal((await store.feedById(feed.id))?.status, 'disabled');
      assert.deepEqual(await store.dueFeeds(later(1000), { all: true }), []);
    });

    it('follows a permanent redirect to a new URL', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'http://old.example/feed' });
      await store.saveFetch(feed.id, fetched([], { newUrl: 'https://new.example/feed' }));
      assert.equal((await store.feedById(feed.id))?.url, 'https://new.example/feed');
    });

    it('writes a fetch all or nothing', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      const broken = post('b', { title: null as unknown as string }); // violates NOT NULL mid-transaction
      await assert.rejects(store.saveFetch(feed.id, fetched([post('a'), broken], { etag: '"new"' })));
      assert.equal((await store.posts()).length, 0);
      const f = await store.feedById(feed.id);
      assert.equal(f?.etag, undefined);
      assert.equal(f?.lastFetchAt, undefined);
    });

    it('lists due feeds oldest first and remembers recent post times', async () => {
      const user = await store.defaultUser();
      const a = (await store.subscribe(user.id, { url: 'https://a.example/feed' })).feed;
      const b = (await store.subscribe(user.id, { url: 'https://b.example/feed' })).feed;
      await store.saveFetch(a.id, fetched([post('a1')], { nextFetchAt: later(120) }));
      await store.saveFetch(b.id, fetched([post('b1', { published: new Date('2026-11-02T00:00:00Z') })], { nextFetchAt: later(60) }));
      assert.deepEqual((await store.dueFeeds(later(90))).map((f) => f.id), [b.id]);
      assert.deepEqual((await store.dueFeeds(later(0), { all: true })).map((f) => f.id), [b.id, a.id]);
      assert.deepEqual(await store.recentPostTimes(b.id, 5), [new Date('2026-11-02T00:00:00Z')]);
    });

    it('keeps interests per user, unique by name in any case, with learned state', async () => {
      const user = await store.defaultUser();
      const f1 = await store.addInterest(user.id, { name: 'Formula One', keywords: ['F1', 'grand prix'], description: 'Racing' });
      assert.equal(f1.name, 'Formula One');
      assert.deepEqual(f1.keywords, ['F1', 'grand prix']);
      await assert.rejects(store.addInterest(user.id, { name: 'formula one', keywords: [] }), /already exists/);
      await store.addInterest(user.id, { name: 'Camper vans', keywords: ['campervan'] });
      assert.deepEqual((await store.interests(user.id)).map((i) => i.name), ['Camper vans', 'Formula One']);
      assert.equal((await store.interestByName(user.id, 'FORMULA ONE'))?.id, f1.id);
      const updated = await store.updateInterest(user.id, f1.id, { keywords: ['F1'], learned: { threshold: 0.4 } });
      assert.deepEqual(updated?.keywords, ['F1']);
      assert.deepEqual(updated?.learned, { threshold: 0.4 });
      assert.equal(updated?.description, 'Racing');
      assert.equal(await store.updateInterest(user.id + 1000, f1.id, { name: 'x' }), undefined, "another user's interest is not found");
      assert.equal((await store.allInterests()).length, 2);
      assert.equal((await store.interestById(f1.id))?.name, 'Formula One');
      assert.equal(await store.interestById(f1.id + 1000), undefined);
      assert.equal(await store.removeInterest(user.id, f1.id), true);
      assert.equal(await store.removeInterest(user.id, f1.id), false);
      assert.equal(await store.interestByName(user.id, 'Formula One'), undefined);
    });

    it('keeps matches per post and interest, best first', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b'), post('c')]));
      const [a, b, c] = (await store.posts()).map((p) => p.id).sort((x, y) => x - y);
      const f1 = await store.addInterest(user.id, { name: 'F1', keywords: ['f1'] });
      const vans = await store.addInterest(user.id, { name: 'Vans', keywords: ['van'] });
      const at = new Date('2026-11-20T12:00:00Z');
      await store.saveMatches([
        { postId: a, interestId: f1.id, score: 2.5, aboveThreshold: false, breakdown: { terms: ['f1'] }, scoredAt: at },
        { postId: b, interestId: f1.id, score: 4.5, aboveThreshold: true, breakdown: { terms: [] }, scoredAt: at },
        { postId: c, interestId: vans.id, score: 3.5, aboveThreshold: true, breakdown: null, scoredAt: at },
      ]);
      // Scoring again replaces a pair's match.
      await store.saveMatches([{ postId: a, interestId: f1.id, score: 5, aboveThreshold: true, breakdown: { terms: ['f1'] }, scoredAt: at }]);
      assert.deepEqual((await store.matchesFor([f1.id])).map((m) => [m.postId, m.score]), [[a, 5], [b, 4.5]]);
      assert.deepEqual((await store.matchesFor([f1.id, vans.id], { limit: 2 })).map((m) => m.postId), [a, b]);
      assert.deepEqual((await store.matchesFor([vans.id], { aboveThresholdOnly: true }))[0].breakdown, null);
      assert.deepEqual((await store.matchesFor([f1.id, vans.id], { minScore: 4.5 })).map((m) => [m.postId, m.score]), [[a, 5], [b, 4.5]]);
      assert.deepEqual(await store.matchesFor([f1.id], { since: new Date(Date.now() + 3600_000) }), []);
      await store.clearPostMatches([c, c + 1000]);
      assert.deepEqual(await store.matchesFor([vans.id]), [], "c's match with Vans");
      assert.equal((await store.matchesFor([f1.id])).length, 2, "the other posts' kept");
      await store.clearMatches(f1.id);
      assert.deepEqual(await store.matchesFor([f1.id]), []);
      assert.deepEqual(await store.matchesFor([]), []);
    });

    it('writes matches given as columns as saveMatches writes them: per pair, replaced, skipped when the post or interest is gone', async () => {
      const ada = await store.createUser('ada', 'scrypt$a');
      const bea = await store.createUser('bea', 'scrypt$b');
      const { feed } = await store.subscribe(ada.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b', { published: later(-600) }), post('c')]));
      const [a, b, c] = (await store.posts()).map((p) => p.id).sort((x, y) => x - y);
      const f1 = await store.addInterest(ada.id, { name: 'F1', keywords: ['f1'] });
      const vans = await store.addInterest(ada.id, { name: 'Vans', keywords: ['van'] });
      const bikes = await store.addInterest(bea.id, { name: 'Bikes', keywords: ['bike'] });
      const m = (postId: number, interestId: number, score: number, minutes = 0): StoredMatch => ({
        postId, interestId, score, aboveThreshold: score >= 3, breakdown: { evidence: score, terms: ['f1', 'van "x"'] }, scoredAt: later(minutes),
      });
      const batch = [m(a, f1.id, 4.5), m(b, f1.id, 2.5, 1), m(999_999, f1.id, 9), m(c, vans.id + 1000, 9), m(c, vans.id, -0.5, 2), m(a, bikes.id, 0)];
      const feeds = async () => [...(await store.feedMatches(ada.id)), ...(await store.feedMatches(bea.id))];
      await store.saveMatches(batch);
      const expected = await feeds();
      assert.equal(expected.length, 4, 'the pairs whose post or interest is missing are skipped');
      await store.clearMatches(f1.id);
      await store.clearMatches(vans.id);
      await store.clearMatches(bikes.id);
      await store.saveMatchRows(matchRows(batch));
      assert.deepEqual(await feeds(), expected);
      assert.deepEqual((await store.matchesFor([f1.id])).map((x) => [x.postId, x.score, x.aboveThreshold, x.scoredAt.getTime()]), [[a, 4.5, true, later(0).getTime()], [b, 2.5, false, later(1).getTime()]]);
      assert.deepEqual((await store.matchesFor([f1.id]))[0].breakdown, { evidence: 4.5, terms: ['f1', 'van "x"'] });
      // Scoring again replaces a pair's match; nothing to write changes nothing.
      await store.saveMatchRows(matchRows([m(b, f1.id, 6, 5)]));
      assert.deepEqual((await store.matchesFor([f1.id])).map((x) => [x.postId, x.score]), [[b, 6], [a, 4.5]]);
      const version = await store.feedVersion(ada.id);
      await store.saveMatchRows(matchRows([]));
      assert.equal(await store.feedVersion(ada.id), version);
    });

    it('serves a user\'s matches in rank order (fresher and better first), filtered and paged', async () => {
      const user = await store.createUser('ada', 'scrypt$a'); // takes over the local user
      const other = await store.createUser('bob', 'scrypt$b');
      const { feed: own } = await store.subscribe(user.id, { url: 'https://example.com/own.xml' });
      const { feed: pool } = await store.subscribe(other.id, { url: 'https://example.com/pool.xml' });
      const day = (d: number) => new Date(Date.UTC(2026, 10, d));
      await store.saveFetch(own.id, fetched([post('a', { published: day(1) }), post('b', { published: day(3) })]));
      await store.saveFetch(pool.id, fetched([post('c', { published: day(5) }), post('d', { published: new Date('2030-01-01T00:00:00Z') })]));
      const ids = Object.fromEntries((await store.posts()).map((p) => [p.title.slice(5), p.id]));
      const f1 = await store.addInterest(user.id, { name: 'F1', keywords: ['f1'] });
      const vans = await store.addInterest(user.id, { name: 'Vans', keywords: ['van'] });
      const theirs = await store.addInterest(other.id, { name: 'F1', keywords: ['f1'] });
      const m = (post: string, interestId: number, score: number) => ({ postId: ids[post], interestId, score, aboveThreshold: score >= 3, breakdown: { score }, scoredAt: t0 });
      await store.saveMatches([m('a', f1.id, 8), m('b', f1.id, 4), m('c', vans.id, 4), m('d', vans.id, 3.5), m('a', vans.id, -1), m('b', vans.id, 0), m('c', theirs.id, 9)]);
      await store.saveMatches([{ postId: 999_999, interestId: f1.id, score: 9, aboveThreshold: true, breakdown: null, scoredAt: t0 }]); // no such post: ignored
      const order = (ms: { postId: number; interestId: number }[]) => ms.map((x) => `${Object.keys(ids).find((k) => ids[k] === x.postId)}${x.interestId === f1.id ? 'F' : 'V'}`);
      // Rank key ~ log2(score) + post time / 36 h: c (4, day 5) > b (4, day 3) > a (8, day 1); "d" is
      // dated 2030 but counts from when it was first seen (t0, 20 November), so it comes first.
      // Then the zero score, then the negative one.
      const all = await store.feedMatches(user.id);
      assert.deepEqual(order(all), ['dV', 'cV', 'bF', 'aF', 'bV', 'aV']);
      assert.equal(all[0].postTime.getTime(), t0.getTime());
      assert.equal(all[1].postTime.getTime(), day(5).getTime());
      assert.deepEqual(all[1].breakdown, { score: 4 });
      assert.equal(all[1].userId, user.id);
      assert.deepEqual(order(await store.feedMatches(user.id, { aboveThresholdOnly: true, limit: 3 })), ['dV', 'cV', 'bF']);
      assert.deepEqual(order(await store.feedMatches(user.id, { aboveThresholdOnly: true, belowRankKey: all[1].rankKey })), ['bF', 'aF']);
      assert.deepEqual(order(await store.feedMatches(user.id, { interestIds: [vans.id], aboveThresholdOnly: true })), ['dV', 'cV']);
      assert.deepEqual(order(await store.feedMatches(user.id, { ownFeedsOnly: true })), ['bF', 'aF', 'bV', 'aV']);
      assert.deepEqual(order(await store.feedMatches(user.id, { postIds: [ids.a] })), ['aF', 'aV']);
      const clusterOfB = (await store.postById(ids.b))!.clusterId;
      assert.deepEqual(order(await store.feedMatches(user.id, { clusterIds: [clusterOfB] })), ['bF', 'bV']);
      assert.deepEqual(order(await store.feedMatches(user.id, { since: day(4) })), ['dV', 'cV']);
      assert.deepEqual((await store.feedMatches(other.id)).map((x) => x.interestId), [theirs.id]);
      await store.clearMatches(vans.id);
      assert.deepEqual(order(await store.feedMatches(user.id)), ['bF', 'aF']);
    });

    it('keeps the matcher\'s saved state per embedder, and each interest\'s calibration', async () => {
      const user = await store.defaultUser();
      assert.equal(await store.matcherStream('e@1'), undefined);
      await store.saveMatcherStream('e@1', { n: 1, terms: ['a'] });
      await store.saveMatcherStream('e@1', { n: 2, terms: ['a', 'b'] });
      await store.saveMatcherStream('f@1', { n: 7 });
      assert.deepEqual(await store.matcherStream('e@1'), { n: 2, terms: ['a', 'b'] });
      const one = await store.addInterest(user.id, { name: 'One', keywords: ['one'] });
      const two = await store.addInterest(user.id, { name: 'Two', keywords: ['two'] });
      await store.saveInterestCalibrations('e@1', new Map<number, unknown>([[one.id, { s: 1 }], [two.id, { s: 2 }], [999_999, { s: 9 }]]));
      await store.saveInterestCalibrations('f@1', new Map([[one.id, { s: 'f' }]]));
      assert.deepEqual(await store.interestCalibrations('e@1'), new Map([[one.id, { s: 1 }], [two.id, { s: 2 }]]));
      assert.deepEqual(await store.interestCalibrations('e@1', [two.id]), new Map([[two.id, { s: 2 }]]));
      await store.removeInterest(user.id, one.id);
      assert.deepEqual(await store.interestCalibrations('f@1'), new Map());
    });

    it('moves a user\'s feed version with every change their pages show, and with nobody else\'s', async () => {
      const ada = await store.createUser('ada', 'scrypt$a');
      const bea = await store.createUser('bea', 'scrypt$b');
      const { feed } = await store.subscribe(ada.id, { url: 'https://example.com/feed.xml' });
      const { feed: other } = await store.subscribe(bea.id, { url: 'https://other.example/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b')]));
      const [a, b] = (await store.posts()).map((p) => p.id).sort((x, y) => x - y);
      const vans = await store.addInterest(ada.id, { name: 'Vans', keywords: ['van'] });
      const bikes = await store.addInterest(bea.id, { name: 'Bikes', keywords: ['bike'] });
      const match = (postId: number, interestId: number) => ({ postId, interestId, score: 4, aboveThreshold: true, breakdown: {}, scoredAt: t0 });
      await store.saveMatches([match(a, vans.id), match(b, bikes.id)]);
      await store.flush();

      const versions = async () => ({ ada: await store.feedVersion(ada.id), bea: await store.feedVersion(bea.id) });
      let last = await versions();
      assert.deepEqual(await versions(), last, 'reads change nothing');
      // Each write, and whose pages it changes.
      const writes: [string, () => Promise<unknown>, ('ada' | 'bea')[]][] = [
        ['an interest added', () => store.addInterest(ada.id, { name: 'Vans 2', keywords: ['van'] }), ['ada']],
        ['an interest edited (learned state)', () => store.updateInterest(ada.id, vans.id, { learned: { threshold: 2 } }), ['ada']],
        ['read', () => store.setRead(ada.id, [a], true), ['ada']],
        ['starred', () => store.setStarred(ada.id, [a], true), ['ada']],
        ['unstarred', () => store.setStarred(ada.id, [a], false), ['ada']],
        ['all marked read', () => store.markAllRead(ada.id, { before: later(60) }), ['ada']],
        ['a verdict', () => store.addFeedback(ada.id, a, 'like', vans.id), ['ada']],
        ['a verdict withdrawn', () => store.clearFeedback(ada.id, a, vans.id), ['ada']],
        ['a subscription', () => store.subscribe(ada.id, { url: 'https://third.example/feed.xml' }), ['ada']],
        ['an unsubscription', async () => store.unsubscribe(ada.id, (await store.feedByUrl('https://third.example/feed.xml'))!.id), ['ada']],
        ['a setting', () => store.updateUserSettings(ada.id, { ownFeedsOnly: true }), ['ada']],
        ['a match of an interest', () => store.saveMatches([match(b, vans.id)]), ['ada']],
        ['a match of an interest, as columns', () => store.saveMatchRows(matchRows([{ ...match(b, vans.id), score: 5 }])), ['ada']],
        ['matches of both users, as columns', () => store.saveMatchRows(matchRows([match(a, vans.id), { ...match(b, bikes.id), score: 6 }])), ['ada', 'bea']],
        ['no matches, as columns', () => store.saveMatchRows(matchRows([])), []],
        ['a matched post updated', () => store.saveFetch(feed.id, fetched([post('b', { title: 'B, corrected' })])), ['ada', 'bea']],
        ['a matched post carried by another feed', () => store.saveFetch(other.id, fetched([post('a', { entryId: 'a-again' })], { feedTitle: '' })), ['ada']],
        ['a feed retitled', () => store.saveFetch(other.id, fetched([], { feedTitle: 'Other, renamed' })), ['ada', 'bea']],
        ['an interest\'s matches cleared', () => store.clearMatches(vans.id), ['ada']],
        ['an interest removed', () => store.removeInterest(ada.id, vans.id), ['ada']],
        ['another user\'s read state', () => store.setRead(bea.id, [b], true), ['bea']],
        ['another user\'s verdict', () => store.addFeedback(bea.id, b, 'dislike', bikes.id), ['bea']],
        ['another user\'s match', () => store.saveMatches([match(a, bikes.id)]), ['bea']],
        ['a new post nobody matched', () => store.saveFetch(feed.id, fetched([post('c')])), []],
        ['a click', () => store.addFeedback(ada.id, a, 'click'), []],
        ['a view', () => store.countView(a), []],
        ['the scoring service\'s state', () => store.saveMatcherStream('e@1', { n: 1 }), []],
        ['post vectors', () => store.savePostVectors('e@1', new Map([[a, new Float32Array([1, 0])]])), []],
        ['a session', () => store.createSession({ idHash: 'h', userId: ada.id, createdAt: t0, lastSeenAt: t0, expiresAt: later(60) }), []],
        ['an unchanged fetch', () => store.saveFetch(feed.id, { kind: 'not-modified', at: later(1), httpStatus: 304, nextFetchAt: later(61) }), []],
      ];
      for (const [what, write, moves] of writes) {
        await write();
        await store.flush();
        const now = await versions();
        for (const who of ['ada', 'bea'] as const) {
          if (moves.includes(who)) assert.notEqual(now[who], last[who], `${what} moves ${who}'s feed version`);
          else assert.equal(now[who], last[who], `${what} leaves ${who}'s feed version`);
        }
        last = now;
      }
    });

    it('lists post ids after a high-water mark, oldest first', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b'), post('c')]));
      const ids = (await store.posts()).map((p) => p.id).sort((x, y) => x - y);
      assert.deepEqual(await store.postIdsAfter(0), ids);
      assert.deepEqual(await store.postIdsAfter(ids[0], { limit: 1 }), [ids[1]]);
      assert.deepEqual(await store.postIdsAfter(0, { since: new Date(Date.now() + 3600_000) }), []);
      assert.equal(await store.postsSince(t0), 3, 'first seen when fetched, at t0');
      assert.equal(await store.postsSince(new Date(t0.getTime() + 1)), 0);
    });

    it('pages posts by feed, by id, newest or oldest first', async () => {
      const user = await store.defaultUser();
      const { feed: one } = await store.subscribe(user.id, { url: 'https://example.com/one.xml' });
      const { feed: two } = await store.subscribe(user.id, { url: 'https://example.com/two.xml' });
      const at = (day: number) => new Date(Date.UTC(2026, 10, day));
      await store.saveFetch(one.id, fetched([post('a', { published: at(1) }), post('b', { published: at(3) }), post('c', { published: at(5) })]));
      await store.saveFetch(two.id, fetched([post('d', { published: at(4) })]));
      const titles = (ps: { title: string }[]) => ps.map((p) => p.title);
      assert.deepEqual(titles(await store.posts()), ['Post c', 'Post d', 'Post b', 'Post a']);
      const first = await store.posts({ limit: 2 });
      const last = first[first.length - 1];
      const next = await store.posts({ limit: 2, after: { time: last.published ?? last.firstSeenAt, id: last.id } });
      assert.deepEqual(titles(next), ['Post b', 'Post a']);
      assert.deepEqual(titles(await store.posts({ feedIds: [one.id], order: 'oldest' })), ['Post a', 'Post b', 'Post c']);
      assert.deepEqual(titles(await store.posts({ feedId: two.id })), ['Post d']);
      assert.deepEqual(titles(await store.posts({ ids: [first[1].id, next[1].id, 999_999] })), ['Post d', 'Post a']);
      assert.equal(first[1].sources[0].feedId, two.id);
      assert.equal(first[1].views, 0);
    });

    it('keeps read and starred state per user, and counts views', async () => {
      const user = await store.createUser('ann', 'hash');
      const other = await store.createUser('bea', 'hash');
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b'), post('c')]));
      const [a, b, c] = (await store.posts()).map((p) => p.id).sort((x, y) => x - y);
      await store.setRead(user.id, [a, b, 999_999], true);
      await store.setStarred(user.id, [b], true);
      let states = await store.postStates(user.id, [a, b, c]);
      assert.ok(states.get(a)?.readAt && !states.get(a)?.starredAt);
      assert.ok(states.get(b)?.readAt && states.get(b)?.starredAt);
      assert.equal(states.has(c), false);
      assert.equal((await store.postStates(other.id, [a, b, c])).size, 0, 'state is per user');
      assert.deepEqual((await store.posts({ unreadBy: user.id })).map((p) => p.id), [c]);
      assert.deepEqual((await store.posts({ starredBy: user.id })).map((p) => p.id), [b]);
      assert.deepEqual((await store.unreadCounts(user.id, new Date(0))).map((u) => [u.feedId, u.count]), [[feed.id, 1]]);

      await store.setRead(user.id, [a, b], false);
      await store.setStarred(user.id, [b], false);
      assert.equal((await store.postStates(user.id, [a, b, c])).size, 0);
      assert.equal(await store.markAllRead(user.id, { before: new Date(Date.now() + 1000) }), 3);
      assert.equal(await store.markAllRead(user.id, { before: new Date(Date.now() + 1000), feedIds: [feed.id] }), 0);
      assert.deepEqual(await store.unreadCounts(user.id, new Date(0)), []);
      assert.equal(await store.markAllRead(other.id, { before: new Date(0), feedIds: [feed.id] }), 0, 'nothing seen before then');

      assert.equal(await store.countView(a), 1);
      assert.equal(await store.countView(a), 2);
      assert.equal(await store.countView(999_999), 0);
      assert.equal((await store.postById(a))?.views, 2);
    });

    it('records feedback per user and interest', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a')]));
      const [p] = await store.posts();
      const interest = await store.addInterest(user.id, { name: 'Tech', keywords: ['software'] });
      await store.addFeedback(user.id, p.id, 'like', interest.id);
      await store.addFeedback(user.id, p.id, 'offtopic');
      assert.deepEqual((await store.feedback(user.id)).map((f) => f.kind), ['like', 'offtopic']);
      const forInterest = await store.feedback(user.id, { interestId: interest.id });
      assert.equal(forInterest.length, 1);
      assert.equal(forInterest[0].postId, p.id);
    });

    it('keeps the latest verdict per post and interest, and withdraws one on request', async () => {
      const user = await store.createUser('ann', 'scrypt$x');
      const other = await store.createUser('bob', 'scrypt$x');
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b')]));
      const [p, q] = await store.posts({ order: 'oldest' });
      const tech = await store.addInterest(user.id, { name: 'Tech', keywords: ['software'] });
      await store.addFeedback(user.id, p.id, 'like', tech.id);
      await store.addFeedback(user.id, p.id, 'click');
      await store.addFeedback(user.id, p.id, 'offtopic', tech.id);
      await store.addFeedback(user.id, p.id, 'dislike');
      await store.addFeedback(user.id, q.id, 'like', tech.id);
      await store.addFeedback(other.id, p.id, 'like');
      const kinds = (list: { kind: string; interestId?: number }[]) => list.map((f) => `${f.kind}:${f.interestId ?? '-'}`);
      assert.deepEqual(kinds(await store.feedbackOn(user.id, p.id)), ['click:-', `offtopic:${tech.id}`, 'dislike:-'], 'the like was replaced; the click stays');
      assert.equal(await store.clearFeedback(user.id, p.id, tech.id), 1);
      assert.equal(await store.clearFeedback(user.id, p.id, tech.id), 0, 'nothing left to withdraw');
      assert.deepEqual(kinds(await store.feedbackOn(user.id, p.id)), ['click:-', 'dislike:-']);
      assert.equal(await store.clearFeedback(user.id, p.id), 1, 'the verdict about no interest');
      assert.deepEqual(kinds(await store.feedbackOn(user.id, p.id)), ['click:-']);
      assert.deepEqual(kinds(await store.feedbackOn(user.id, q.id)), [`like:${tech.id}`], 'another post keeps its verdict');
      assert.deepEqual(kinds(await store.feedbackOn(other.id, p.id)), ['like:-'], "another user's verdict stays");
      // Each withdrawal is logged for other processes (a delete leaves no row); none when nothing was withdrawn.
      const withdrawn = await store.feedbackWithdrawnAfter(0);
      assert.deepEqual(withdrawn.map((w) => [w.userId, w.postId, w.interestId]), [[user.id, p.id, tech.id], [user.id, p.id, undefined]]);
      assert.ok(withdrawn[0].id < withdrawn[1].id && withdrawn[0].withdrawnAt instanceof Date);
      assert.deepEqual((await store.feedbackWithdrawnAfter(withdrawn[0].id)).map((w) => w.id), [withdrawn[1].id]);
      assert.equal((await store.feedbackWithdrawnAfter(0, { limit: 1 })).length, 1);
    });

    it('gives a lease to one holder at a time: renewed by it, taken over when stale or replaced, released', async () => {
      const at = (ms: number) => new Date(1_800_000_000_000 + ms);
      const version = await store.feedVersion(1);
      const a = await store.claimLease('scoring', { token: 'a', holder: { pid: 1 }, at: at(0), staleBefore: at(-20_000) });
      assert.deepEqual([a.token, a.holder, a.acquiredAt, a.renewedAt], ['a', { pid: 1 }, at(0), at(0)]);
      const refused = await store.claimLease('scoring', { token: 'b', holder: { pid: 2 }, at: at(1000), staleBefore: at(-19_000) });
      assert.equal(refused.token, 'a', 'held and fresh: b does not get it');
      const renewed = await store.claimLease('scoring', { token: 'a', holder: { pid: 1, url: 'x' }, at: at(3000), staleBefore: at(0) });
      assert.deepEqual([renewed.holder, renewed.acquiredAt, renewed.renewedAt], [{ pid: 1, url: 'x' }, at(0), at(3000)]);
      assert.equal(await store.feedVersion(1), version, 'heartbeats are not feed changes');
      const stale = await store.claimLease('scoring', { token: 'b', holder: { pid: 2 }, at: at(30_000), staleBefore: at(10_000) });
      assert.deepEqual([stale.token, stale.acquiredAt], ['b', at(30_000)], 'silent since 3 s: taken over');
      const replaced = await store.claimLease('scoring', { token: 'c', holder: null, at: at(31_000), staleBefore: at(0), replacing: 'b' });
      assert.equal(replaced.token, 'c', 'its holder known gone: replaced');
      assert.equal(await store.releaseLease('scoring', 'b'), false, 'only the holder releases it');
      assert.equal((await store.lease('scoring'))?.token, 'c');
      assert.equal(await store.lease('other'), undefined, 'leases are by name');
      assert.equal(await store.releaseLease('scoring', 'c'), true);
      assert.equal(await store.lease('scoring'), undefined);
    });

    it('lists the posts a user has read, newest first, paged', async () => {
      const user = await store.createUser('ann', 'scrypt$x');
      const other = await store.createUser('bob', 'scrypt$x');
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('a'), post('b'), post('c'), post('d')]));
      const all = await store.posts({ order: 'oldest' });
      await store.setRead(user.id, [all[0].id, all[2].id, all[3].id], true);
      await store.setRead(other.id, [all[1].id], true);
      const first = await store.posts({ readBy: user.id, limit: 2 });
      assert.deepEqual(first.map((p) => p.id), [all[3].id, all[2].id]);
      const last = first[1];
      const rest = await store.posts({ readBy: user.id, limit: 2, after: { time: last.published ?? last.firstSeenAt, id: last.id } });
      assert.deepEqual(rest.map((p) => p.id), [all[0].id]);
      assert.deepEqual((await store.posts({ readBy: other.id })).map((p) => p.id), [all[1].id]);
      assert.deepEqual((await store.posts({ readBy: user.id, feedIds: [feed.id], unreadBy: user.id })).length, 0);
    });

    it('unsubscribing stops fetching a feed nobody follows; subscribing again revives it', async () => {
      const user = await store.defaultUser();
      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      assert.equal(await store.unsubscribe(user.id, feed.id), true);
      assert.equal(await store.unsubscribe(user.id, feed.id), false);
      assert.deepEqual(await store.subscriptions(user.id), []);
      assert.deepEqual(await store.dueFeeds(later(10), { all: true }), []);
      await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      assert.equal((await store.dueFeeds(new Date(Date.now() + 60_000))).length, 1);
    });

    it('says what changed since: interests edited from a time, every interest id, feedback after an id', async () => {
      const user = await store.defaultUser();
      const a = await store.addInterest(user.id, { name: 'A', keywords: ['a'] });
      const b = await store.addInterest(user.id, { name: 'B', keywords: ['b'] });
      assert.deepEqual(await store.interestIds(), [a.id, b.id]);
      assert.equal(await store.interestCount(), 2);
      const since = new Date(Math.max(a.updatedAt.getTime(), b.updatedAt.getTime()) + 1);
      assert.deepEqual(await store.interestsUpdatedSince(since), []);
      while (Date.now() < since.getTime()) await new Promise((resolve) => setImmediate(resolve)); // the clock must pass `since`
      await store.updateInterest(user.id, a.id, { keywords: ['a', 'aa'] });
      assert.deepEqual((await store.interestsUpdatedSince(since)).map((i) => [i.id, i.keywords]), [[a.id, ['a', 'aa']]]);
      await store.removeInterest(user.id, b.id);
      assert.deepEqual(await store.interestIds(), [a.id]);

      const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
      await store.saveFetch(feed.id, fetched([post('p'), post('q')]));
      const [p, q] = await store.posts({ order: 'oldest' });
      const first = await store.addFeedback(user.id, p.id, 'like', a.id);
      const second = await store.addFeedback(user.id, q.id, 'dislike');
      assert.deepEqual((await store.feedbackAfter(0)).map((f) => f.id), [first.id, second.id]);
      assert.deepEqual((await store.feedbackAfter(first.id)).map((f) => [f.postId, f.kind, f.interestId]), [[q.id, 'dislike', undefined]]);
      assert.equal((await store.feedbackAfter(0, { limit: 1 })).length, 1);
    });

    it('keeps an embedder’s bytes by name', async () => {
      assert.equal(await store.embedderData('oov'), undefined);
      const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 255);
      await store.saveEmbedderData('oov', bytes);
      await store.saveEmbedderData('other', new Uint8Array([1]));
      assert.deepEqual(await store.embedderData('oov'), bytes);
      await store.saveEmbedderData('oov', new Uint8Array([2, 3]));
      assert.deepEqual(await store.embedderData('oov'), new Uint8Array([2, 3]));
    });
  });
}
