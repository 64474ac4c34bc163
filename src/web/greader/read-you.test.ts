// Read You's Google Reader account, replayed request by request as Ashinch/ReadYou builds them in
// app/src/main/java/me/ash/reader/infrastructure/rss/provider/greader/GoogleReaderAPI.kt: ClientLogin
// with output=json (it reads the JSON `Auth`, the text lines as a fallback), the action token used as
// received (no trimming), `output=json` in every query string, item ids as `%016x` bare hex for
// contents and long ids for edit-tag, `T` added to every form, a retry with a new login after a 401.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { greaderFixture, PASSWORD, type GreaderFixture } from './test-fixture.ts';

const API = '/reader/api/0';
const ALL_ITEMS = 'user/-/state/com.google/reading-list';
const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';

/** FormBody.Builder: each name and value percent-encoded. */
function form(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

describe('Google Reader API: the Read You sequence', () => {
  let f: GreaderFixture;
  let auth: string;
  let actionToken: string;
  const hexId = (id: number) => id.toString(16).padStart(16, '0');
  before(async () => {
    f = await greaderFixture();
  });
  after(() => f.close());

  const login = async () => {
    const res = await f.call('POST', '/accounts/ClientLogin', {
      form: form([['output', 'json'], ['Email', 'ann'], ['Passwd', PASSWORD], ['client', 'ReadYou'], ['accountType', 'HOSTED_OR_GOOGLE'], ['service', 'reader']]),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json), ['SID', 'LSID', 'Auth']);
    auth = res.json.Auth;
    actionToken = (await f.call('GET', `${API}/token`, { auth })).text;
  };
  const get = (query: string, params = '') => f.call('GET', `${API}/${query}?output=json${params}`, { auth });
  const post = (query: string, pairs: [string, string][], params = '') => f.call('POST', `${API}/${query}?output=json${params}`, { auth, form: form([...pairs, ['T', actionToken]]) });

  it('reauthenticate: ClientLogin as JSON, then the action token; the token is named after the client', async () => {
    await login();
    assert.match(auth, /^sluice_/);
    assert.match(actionToken, /^[0-9a-f]{57}$/);
    assert.match((await f.store.apiTokens(f.ann.id))[0].name, /\(ReadYou\)$/);
    const wrong = await f.call('POST', '/accounts/ClientLogin', { form: form([['output', 'json'], ['Email', 'ann'], ['Passwd', 'wrong password']]) });
    assert.deepEqual([wrong.status, wrong.text], [401, 'Unauthorized'], 'Read You reports "Unauthorized for CL Token"');
  });

  it('getUserInfo and getSubscriptionList', async () => {
    assert.deepEqual((await get('user-info')).json, { userId: String(f.ann.id), userName: 'ann', userProfileId: String(f.ann.id), userEmail: '' });
    assert.deepEqual((await get('subscription/list')).json, { subscriptions: [] });
  });

  it('subscriptionQuickAdd: quickadd in the query string and the form', async () => {
    const url = `${f.feedServer}/motors.xml`;
    const res = await post('subscription/quickadd', [['quickadd', url]], `&quickadd=${url}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { numResults: 1, query: url, streamId: `feed/${url}`, streamName: 'Motors & more' });
    assert.equal((await post('subscription/quickadd', [['quickadd', `${f.feedServer}/garden`]])).json.numResults, 1);
  });

  it('subscriptionEdit: move into a category and rename, with s=feed/<id from the list>', async () => {
    const motors = (await get('subscription/list')).json.subscriptions.find((s: { title: string }) => s.title === 'Motors & more');
    const res = await post('subscription/edit', [['ac', 'edit'], ['s', motors.id], ['a', 'user/-/label/Cars'], ['t', 'F1 & vans']]);
    assert.deepEqual([res.status, res.text], [200, 'OK']);
    const after = (await get('subscription/list')).json.subscriptions.find((s: { id: string }) => s.id === motors.id);
    assert.deepEqual([after.title, after.categories], ['F1 & vans', [{ id: 'user/-/label/Cars', label: 'Cars' }]]);
  });

  it('getUnreadItemIds, getStarredItemIds, getReadItemIds with n=10000 and ot', async () => {
    const since = Math.floor(Date.now() / 1000) - 3600;
    const unread = await get('stream/items/ids', `&s=${ALL_ITEMS}&xt=${READ}&n=10000&ot=${since}`);
    assert.equal(unread.json.itemRefs.length, 5);
    assert.deepEqual((await get('stream/items/ids', `&s=${STARRED}&n=10000`)).json, { itemRefs: [] });
    assert.deepEqual((await get('stream/items/ids', `&s=${READ}&ot=${since}&n=10000`)).json, { itemRefs: [] });
    const later = Math.floor(Date.now() / 1000) + 3600;
    assert.deepEqual((await get('stream/items/ids', `&s=${ALL_ITEMS}&xt=${READ}&n=10000&ot=${later}`)).json, { itemRefs: [] }, 'ot: nothing crawled after the future');
  });

  it('getItemsContents with %016x bare hex ids; editTag read and starred with long ids; read ids follow', async () => {
    const ids = (await get('stream/items/ids', `&s=${ALL_ITEMS}&n=10000`)).json.itemRefs.map((r: { id: string }) => Number(r.id)) as number[];
    const contents = await post('stream/items/contents', ids.map((id) => ['i', hexId(id)] as [string, string]));
    assert.equal(contents.status, 200);
    assert.deepEqual(contents.json.items.map((i: { id: string }) => i.id), ids.map((id) => `tag:google.com,2005:reader/item/${hexId(id)}`));
    for (const item of contents.json.items) {
      for (const field of ['id', 'crawlTimeMsec', 'timestampUsec', 'published', 'title', 'summary', 'categories', 'origin', 'canonical', 'alternate']) assert.ok(field in item, field);
      assert.equal(typeof item.summary.content, 'string');
      assert.match(item.origin.streamId, /^feed\/http:\/\/127\.0\.0\.1:\d+\/(motors|garden)\.xml$/);
    }
    const f1 = contents.json.items.find((i: { title: string }) => /Grand Prix/.test(i.title));
    assert.deepEqual(f1.categories, [ALL_ITEMS, 'user/-/label/Cars']);
    assert.equal(f1.origin.title, 'F1 & vans');

    assert.equal((await post('edit-tag', [['i', `tag:google.com,2005:reader/item/${hexId(ids[0])}`], ['a', READ]])).text, 'OK');
    assert.equal((await post('edit-tag', [['i', `tag:google.com,2005:reader/item/${hexId(ids[1])}`], ['a', STARRED]])).text, 'OK');
    const since = Math.floor(Date.now() / 1000) - 3600;
    const read = (await get('stream/items/ids', `&s=${READ}&ot=${since}&n=10000`)).json.itemRefs.map((r: { id: string }) => Number(r.id));
    assert.deepEqual(read, [ids[0], ids[1]]);
    assert.deepEqual((await get('stream/items/ids', `&s=${STARRED}&n=10000`)).json.itemRefs.map((r: { id: string }) => Number(r.id)), [ids[1]]);
  });

  it('markAllAsRead for a category with ts, then the unread count agrees', async () => {
    const res = await post('mark-all-as-read', [['s', 'user/-/label/Cars'], ['ts', String(Date.now() * 1000)]]);
    assert.deepEqual([res.status, res.text], [200, 'OK']);
    const counts = (await get('unread-count')).json;
    const motors = counts.unreadcounts.find((u: { id: string }) => u.id === `feed/${f.feedServer}/motors.xml`);
    assert.equal(motors, undefined, 'no unread posts left in the Cars folder');
    const total = counts.unreadcounts.find((u: { id: string }) => u.id === ALL_ITEMS);
    const unread = (await get('stream/items/ids', `&s=${ALL_ITEMS}&xt=${READ}&n=10000`)).json.itemRefs.length;
    assert.equal(total.count, unread);
    assert.equal(counts.max, unread);
  });

  it('a revoked token answers 401 and the retry logs in again', async () => {
    const old = auth;
    await f.store.revokeApiToken(f.ann.id, (await f.store.apiTokens(f.ann.id))[0].name);
    const refused = await get('subscription/list');
    assert.deepEqual([refused.status, refused.text], [401, 'Unauthorized']);
    await login();
    assert.notEqual(auth, old);
    assert.equal((await get('subscription/list')).json.subscriptions.length, 2);
  });
});
