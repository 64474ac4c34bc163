// NetNewsWire's Reader API account, replayed request by request. Every request below is built as
// NetNewsWire builds it in Ranchero-Software/NetNewsWire, Account/Sources/Account/ReaderAPI/
// ReaderAPICaller.swift (validateCredentials, requestAuthorizationToken, retrieveTags,
// retrieveSubscriptions, createSubscription, changeSubscription, retrieveItemIDs with its continuation
// loop, retrieveEntries, updateStateToEntries, deleteSubscription) and URLRequest+RSWeb.swift
// (.readerBasic: `Email=…&Passwd=…` form; .readerAPIKey: `GoogleLogin auth=…`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authFromClientLogin, greaderFixture, PASSWORD, type GreaderFixture } from './test-fixture.ts';

const API = '/reader/api/0';
const READING_LIST = 'user/-/state/com.google/reading-list';
const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';

describe('Google Reader API: the NetNewsWire sequence', () => {
  let f: GreaderFixture;
  let auth: string;
  let token: string;
  let gardenId: string;
  before(async () => {
    f = await greaderFixture();
  });
  after(() => f.close());

  it('validateCredentials: ClientLogin with the password; Auth is a usable API token', async () => {
    const res = await f.call('POST', '/accounts/ClientLogin', { form: `Email=ann&Passwd=${encodeURIComponent(PASSWORD)}` });
    assert.equal(res.status, 200);
    assert.match(res.res.headers.get('content-type') ?? '', /^text\/plain/);
    const lines = res.text.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => l.split('=')[0]), ['SID', 'LSID', 'Auth']);
    auth = authFromClientLogin(res.text) as string;
    assert.match(auth, /^sluice_[\w-]{43}$/, 'an API token without "=", which NetNewsWire splits on');
    const tokens = await f.store.apiTokens(f.ann.id);
    assert.equal(tokens.length, 1);
    assert.match(tokens[0].name, /^Google Reader login \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('requestAuthorizationToken: the action token as text', async () => {
    const res = await f.call('GET', `${API}/token`, { auth });
    assert.equal(res.status, 200);
    token = res.text.replace(/\n$/, '');
    assert.match(token, /^[0-9a-f]{57}$/);
    assert.equal((await f.call('GET', `${API}/token`, { auth })).text, res.text, 'stable for the same login');
  });

  it('retrieveTags and retrieveSubscriptions on an empty account', async () => {
    const tags = await f.call('GET', `${API}/tag/list?output=json`, { auth });
    assert.equal(tags.status, 200);
    assert.deepEqual(tags.json, { tags: [{ id: STARRED }] });
    assert.deepEqual((await f.call('GET', `${API}/subscription/list?output=json`, { auth })).json, { subscriptions: [] });
    assert.deepEqual((await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${READING_LIST}&xt=${READ}`, { auth })).json, { itemRefs: [] });
  });

  it('createSubscription: quickadd of a page (discovery), then the new subscription found in the list by streamId', async () => {
    const page = `${f.feedServer}/garden`;
    const added = await f.call('POST', `${API}/subscription/quickadd`, { auth, form: `T=${token}&quickadd=${encodeURIComponent(page)}` });
    assert.equal(added.status, 200);
    assert.deepEqual(added.json, { numResults: 1, query: `${f.feedServer}/garden.xml`, streamId: `feed/${f.feedServer}/garden.xml`, streamName: 'Garden notes' });
    const list = (await f.call('GET', `${API}/subscription/list?output=json`, { auth })).json;
    const sub = list.subscriptions.find((s: { id: string }) => s.id === added.json.streamId);
    assert.deepEqual(sub, { id: `feed/${f.feedServer}/garden.xml`, title: 'Garden notes', categories: [], url: `${f.feedServer}/garden.xml`, htmlUrl: 'https://garden.example/', iconUrl: '' });
    gardenId = sub.id;
    const motors = await f.call('POST', `${API}/subscription/quickadd`, { auth, form: `T=${token}&quickadd=${encodeURIComponent(`${f.feedServer}/motors.xml`)}` });
    assert.equal(motors.json.numResults, 1);
    const missing = await f.call('POST', `${API}/subscription/quickadd`, { auth, form: `T=${token}&quickadd=${encodeURIComponent(`${f.feedServer}/nothing`)}` });
    assert.equal(missing.status, 200);
    assert.equal(missing.json.numResults, 0, 'NetNewsWire reads numResults 0 as "not found"');
  });

  it('changeSubscription: into a folder, renamed (percent-encoded as NetNewsWire encodes)', async () => {
    const moved = await f.call('POST', `${API}/subscription/edit`, { auth, form: `T=${token}&s=${gardenId}&ac=edit&a=user/-/label/Home%20%26%20garden` });
    assert.deepEqual([moved.status, moved.text], [200, 'OK']);
    const renamed = await f.call('POST', `${API}/subscription/edit`, { auth, form: `T=${token}&s=${gardenId}&ac=edit&t=My%20garden` });
    assert.deepEqual([renamed.status, renamed.text], [200, 'OK']);
    const sub = (await f.call('GET', `${API}/subscription/list?output=json`, { auth })).json.subscriptions.find((s: { id: string }) => s.id === gardenId);
    assert.equal(sub.title, 'My garden');
    assert.deepEqual(sub.categories, [{ id: 'user/-/label/Home & garden', label: 'Home & garden' }]);
    assert.deepEqual((await f.call('GET', `${API}/tag/list?output=json`, { auth })).json.tags, [
      { id: STARRED },
      { id: 'user/-/label/Home & garden', label: 'Home & garden', type: 'folder' },
    ]);
  });

  it('retrieveItemIDs: all since a date, following continuations; unread (xt=read); starred', async () => {
    const since = Math.floor(Date.now() / 1000) - 90 * 24 * 3600;
    const collected: string[] = [];
    let url = `${API}/stream/items/ids?n=2&output=json&ot=${since}&s=${encodeURIComponent(READING_LIST)}`;
    for (let pages = 0; ; pages++) {
      assert.ok(pages < 5, 'continuations end');
      const res = await f.call('GET', url, { auth });
      assert.equal(res.status, 200);
      collected.push(...res.json.itemRefs.map((r: { id: string }) => r.id));
      for (const ref of res.json.itemRefs) assert.match(ref.timestampUsec, /^\d{16}$/);
      if (!res.json.continuation) break;
      url = `${API}/stream/items/ids?n=2&output=json&ot=${since}&s=${encodeURIComponent(READING_LIST)}&c=${encodeURIComponent(res.json.continuation)}`;
    }
    const posts = await f.store.posts({ limit: 100 });
    assert.equal(collected.length, 5, 'two motors posts and three garden posts');
    assert.deepEqual(collected, posts.map((p) => String(p.id)), 'newest first, as the store orders them, no repeats');
    const unread = await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${READING_LIST}&xt=${READ}`, { auth });
    assert.equal(unread.json.itemRefs.length, 5);
    assert.equal(unread.json.continuation, undefined);
    assert.deepEqual((await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${STARRED}`, { auth })).json.itemRefs, []);
  });

  it('retrieveEntries: contents of items named by unpadded hex long ids, field by field', async () => {
    const [roses] = await f.store.posts({ limit: 1, feedIds: [(await f.store.feedByUrl(`${f.feedServer}/garden.xml`))!.id] });
    const motors = (await f.store.posts({ limit: 10 })).filter((p) => p.sources[0].feedTitle === 'Motors & more');
    const ids = [roses, ...motors].map((p) => `i=tag:google.com,2005:reader/item/${p.id.toString(16)}`).join('&');
    const res = await f.call('POST', `${API}/stream/items/contents`, { auth, form: `T=${token}&output=json&${ids}` });
    assert.equal(res.status, 200);
    assert.equal(res.json.id, READING_LIST);
    assert.equal(typeof res.json.updated, 'number');
    assert.equal(res.json.items.length, 3);
    const item = res.json.items.find((i: { title: string }) => i.title === 'Pruning roses in late winter');
    assert.deepEqual(item, {
      id: `tag:google.com,2005:reader/item/${roses.id.toString(16).padStart(16, '0')}`,
      crawlTimeMsec: String(roses.firstSeenAt.getTime()),
      timestampUsec: String(roses.firstSeenAt.getTime() * 1000),
      published: Date.parse('2026-11-20T08:00:00Z') / 1000,
      updated: Date.parse('2026-11-20T08:00:00Z') / 1000,
      title: 'Pruning roses in late winter',
      author: 'Rose',
      canonical: [{ href: 'https://garden.example/roses' }],
      alternate: [{ href: 'https://garden.example/roses', type: 'text/html' }],
      summary: { direction: 'ltr', content: roses.contentHtml },
      content: { direction: 'ltr', content: roses.contentHtml },
      categories: [READING_LIST, 'user/-/label/Home & garden'],
      origin: { streamId: gardenId, title: 'My garden', htmlUrl: 'https://garden.example/' },
    });
    assert.match(roses.contentHtml, /outward-facing bud/);
    const dates = res.json.items.map((i: { published: number }) => i.published);
    assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest first');
  });

  it('updateStateToEntries: read, unread, starred with %.16llx long ids; the states show in every stream', async () => {
    const all = await f.store.posts({ limit: 10 });
    const id = (n: number) => `i=tag:google.com,2005:reader/item/${all[n].id.toString(16).padStart(16, '0')}`;
    for (const form of [`T=${token}&${id(0)}&${id(1)}&a=${READ}`, `T=${token}&${id(1)}&r=${READ}`, `T=${token}&${id(2)}&a=${STARRED}`]) {
      const res = await f.call('POST', `${API}/edit-tag`, { auth, form });
      assert.deepEqual([res.status, res.text], [200, 'OK'], form);
    }
    const unread = (await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${READING_LIST}&xt=${READ}`, { auth })).json.itemRefs.map((r: { id: string }) => Number(r.id));
    assert.deepEqual(unread, [all[1].id, all[3].id, all[4].id], 'post 0 read; a star is a like, and a like marks the post read');
    const starred = (await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${STARRED}`, { auth })).json.itemRefs.map((r: { id: string }) => Number(r.id));
    assert.deepEqual(starred, [all[2].id]);
    assert.deepEqual((await f.store.feedback(f.ann.id)).map((fb) => [fb.postId, fb.kind]), [[all[2].id, 'like']], 'the star is a like Sluice learns from');
    const item = (await f.call('POST', `${API}/stream/items/contents`, { auth, form: `T=${token}&output=json&${id(2)}` })).json.items[0];
    assert.deepEqual(item.categories.filter((c: string) => c.includes('/state/')), [READING_LIST, READ, STARRED]);
  });

  it('unstarring withdraws the like the star made (and only that): Sluice unlearns it', async () => {
    const all = await f.store.posts({ limit: 10 });
    const id = (n: number) => `i=tag:google.com,2005:reader/item/${all[n].id.toString(16).padStart(16, '0')}`;
    const edit = async (form: string) => assert.equal((await f.call('POST', `${API}/edit-tag`, { auth, form: `T=${token}&${form}` })).text, 'OK');
    await edit(`${id(2)}&r=${STARRED}`);
    assert.deepEqual((await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${STARRED}`, { auth })).json.itemRefs, []);
    assert.deepEqual((await f.store.feedback(f.ann.id)).map((fb) => [fb.postId, fb.kind]), [], 'the like is gone with the star');
    // A star, then a dislike given on the web: unstarring leaves the dislike alone.
    await edit(`${id(3)}&a=${STARRED}`);
    await f.store.addFeedback(f.ann.id, all[3].id, 'dislike');
    await edit(`${id(3)}&r=${STARRED}`);
    assert.deepEqual((await f.store.feedback(f.ann.id)).map((fb) => [fb.postId, fb.kind]), [[all[3].id, 'dislike']]);
    await f.store.clearFeedback(f.ann.id, all[3].id);
    // The like state itself: a=…/like and r=…/like (Read You's "favourite" on FreshRSS-style servers).
    const LIKE = 'user/-/state/com.google/like';
    await edit(`${id(3)}&a=${LIKE}`);
    assert.deepEqual((await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${LIKE}`, { auth })).json.itemRefs.map((r: { id: string }) => Number(r.id)), [all[3].id]);
    await edit(`${id(3)}&r=${LIKE}`);
    assert.deepEqual((await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${LIKE}`, { auth })).json.itemRefs, []);
    assert.deepEqual(await f.store.feedback(f.ann.id), []);
    await f.store.setRead(f.ann.id, [all[3].id], false);
  });

  it('deleteSubscription: unsubscribe by stream id; its items leave the reading list', async () => {
    const res = await f.call('POST', `${API}/subscription/edit`, { auth, form: `T=${token}&s=${gardenId}&ac=unsubscribe` });
    assert.deepEqual([res.status, res.text], [200, 'OK']);
    assert.deepEqual((await f.call('GET', `${API}/subscription/list?output=json`, { auth })).json.subscriptions.map((s: { title: string }) => s.title), ['Motors & more']);
    const ids = (await f.call('GET', `${API}/stream/items/ids?n=1000&output=json&s=${READING_LIST}`, { auth })).json.itemRefs;
    assert.equal(ids.length, 2);
    assert.equal((await f.call('POST', `${API}/subscription/edit`, { auth, form: `T=${token}&s=${gardenId}&ac=unsubscribe` })).status, 404, 'no longer followed');
  });
});
