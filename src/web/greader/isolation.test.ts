// Refusals and isolation: no credentials, wrong credentials, wrong action token, bad input (never a
// 500), and another user's feeds, items, labels and states — each answered exactly as an unknown one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueApiToken } from '../auth/accounts.ts';
import { SESSION_COOKIE } from '../auth/session.ts';
import { TestClient } from '../auth/test-client.ts';
import { greaderFixture, PASSWORD, type GreaderFixture } from './test-fixture.ts';

const API = '/reader/api/0';

describe('Google Reader API: refusals and isolation', () => {
  let f: GreaderFixture;
  let ann: string;
  let annT: string;
  let bea: string;
  let beaT: string;
  let motors: string;
  before(async () => {
    f = await greaderFixture();
    ({ auth: ann, T: annT } = await f.signIn('ann'));
    ({ auth: bea, T: beaT } = await f.signIn('bea'));
    motors = `${f.feedServer}/motors.xml`;
    await f.call('POST', `${API}/subscription/quickadd`, { auth: ann, form: `T=${annT}&quickadd=${encodeURIComponent(motors)}` });
    await f.call('POST', `${API}/subscription/edit`, { auth: ann, form: `T=${annT}&ac=edit&s=feed/${encodeURIComponent(motors)}&a=user/-/label/Cars` });
  });
  after(() => f.close());

  it('every call without a valid GoogleLogin token is 401 "Unauthorized"', async () => {
    for (const auth of [undefined, 'sluice_not-a-real-token', 'nonsense']) {
      for (const [method, path] of [['GET', '/token'], ['GET', '/subscription/list?output=json'], ['POST', '/edit-tag'], ['GET', '/stream/contents/reading-list'], ['GET', '/no/such/call']]) {
        const res = await f.call(method, `${API}${path}`, { auth, form: method === 'POST' ? 'a=x' : undefined });
        assert.deepEqual([res.status, res.text], [401, 'Unauthorized'], `${method} ${path} with ${auth}`);
      }
    }
    const bearer = await f.call('GET', `${API}/subscription/list`, { headers: { authorization: `Bearer ${ann}` } });
    assert.equal(bearer.status, 401, 'only the GoogleLogin scheme here');
  });

  it('a browser session opens nothing here, and a GoogleLogin token opens no page', async () => {
    const browser = new TestClient(f.app);
    const csrf = await browser.csrf('/login');
    await browser.request('/login', { form: { _csrf: csrf, name: 'ann', password: PASSWORD } });
    assert.ok(browser.cookies.has(SESSION_COOKIE));
    assert.equal((await browser.request(`${API}/subscription/list?output=json`)).status, 401);
    const page = await f.call('GET', '/account', { auth: ann });
    assert.equal(page.status, 303, 'the account page sends a token-only caller to sign in');
  });

  it('ClientLogin: wrong or missing credentials are 401; repeated failures are throttled', async () => {
    for (const form of ['Email=ann&Passwd=wrong', 'Email=nobody&Passwd=whatever', 'Email=ann', '']) {
      const res = await f.call('POST', '/accounts/ClientLogin', { form });
      assert.deepEqual([res.status, res.text], [401, 'Unauthorized'], form);
    }
    let last;
    for (let i = 0; i < 4; i++) last = await f.call('POST', '/accounts/ClientLogin', { form: 'Email=ann&Passwd=wrong' });
    assert.equal(last?.status, 429);
    assert.ok(Number(last?.res.headers.get('retry-after')) > 0);
    assert.equal((await f.call('POST', '/accounts/ClientLogin', { form: `Email=ann&Passwd=${encodeURIComponent(PASSWORD)}` })).status, 429, 'even the right password waits');
  });

  it('edit calls need the action token of this login: missing or wrong T is 401 with X-Reader-Google-Bad-Token', async () => {
    const post = (await f.store.posts({ limit: 1 }))[0];
    for (const t of ['', 'x', beaT, annT.slice(1)]) {
      const res = await f.call('POST', `${API}/edit-tag`, { auth: ann, form: `T=${t}&i=${post.id}&a=user/-/state/com.google/read` });
      assert.equal(res.status, 401, `T=${t}`);
      assert.equal(res.res.headers.get('x-reader-google-bad-token'), 'true');
    }
    assert.equal((await f.store.postStates(f.ann.id, [post.id])).size, 0, 'nothing changed');
    const withNewline = await f.call('POST', `${API}/edit-tag`, { auth: ann, form: `T=${annT}%0A&i=${post.id}&a=user/-/state/com.google/read` });
    assert.equal(withNewline.text, 'OK', 'a token sent back with its newline is fine');
  });

  it('bad input is a 400 with the reason, never a 500', async () => {
    for (const [method, path, form, reason] of [
      ['GET', '/stream/items/ids', undefined, /s=STREAM is required/],
      ['GET', '/stream/items/ids?s=bogus', undefined, /stream id "bogus"/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/broadcast', undefined, /unknown state/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/kept-unread', undefined, /kept unread/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/reading-list&n=0', undefined, /n must be/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/reading-list&n=ten', undefined, /n must be/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/reading-list&r=x', undefined, /r must be/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/reading-list&ot=yesterday', undefined, /ot must be/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/reading-list&c=zzz', undefined, /continuation "zzz"/],
      ['GET', '/stream/items/ids?s=user/-/state/com.google/reading-list&xt=feed/x', undefined, /xt supports/],
      ['GET', '/subscription/list?output=xml', undefined, /output=json/],
      ['GET', '/stream/contents/%E0%A4%A', undefined, /percent-encoding/],
      ['POST', '/stream/items/contents', 'i=', /i=ITEM_ID is required/],
      ['POST', '/stream/items/contents', 'i=tag:google.com,2005:reader/item/xyz', /not an item id/],
      ['POST', '/edit-tag', `T=${annT}&i=1`, /needs a tag/],
      ['POST', '/edit-tag', `T=${annT}&a=user/-/state/com.google/read`, /needs the items/],
      ['POST', '/edit-tag', `T=${annT}&i=1&a=user/-/state/com.google/broadcast`, /unknown state/],
      ['POST', '/edit-tag', `T=${annT}&i=1&r=user/-/state/com.google/kept-unread`, /cannot remove/],
      ['POST', '/subscription/edit', `T=${annT}&ac=subscribe`, /s=feed\/URL is required/],
      ['POST', '/subscription/edit', `T=${annT}&ac=explode&s=feed/${motors}`, /ac must be/],
      ['POST', '/subscription/edit', `T=${annT}&ac=edit&s=feed/${motors}&a=user/-/state/com.google/starred`, /a must be a folder/],
      ['POST', '/subscription/edit', `T=${annT}&ac=edit&s=feed/${motors}&r=user/-/label/Cars`, /not left without one/],
      ['POST', '/subscription/edit', `T=${annT}&ac=subscribe&s=user/-/label/Cars`, /must name a feed/],
      ['POST', '/subscription/quickadd', `T=${annT}`, /quickadd=URL is required/],
      ['POST', '/mark-all-as-read', `T=${annT}`, /s=STREAM is required/],
      ['POST', '/mark-all-as-read', `T=${annT}&s=user/-/state/com.google/starred`, /not "user\/-\/state\/com.google\/starred"/],
      ['POST', '/mark-all-as-read', `T=${annT}&s=user/-/state/com.google/reading-list&ts=soon`, /ts must be/],
    ] as const) {
      const res = await f.call(method, `${API}${path}`, { auth: ann, form });
      assert.equal(res.status, 400, `${method} ${path} ${form ?? ''}: ${res.status} ${res.text}`);
      assert.match(res.text, /^Bad Request: /);
      assert.match(res.text, reason);
    }
    const quickadd = await f.call('POST', `${API}/subscription/quickadd`, { auth: ann, form: `T=${annT}&quickadd=ftp%3A%2F%2Fexample.com%2Ffeed` });
    assert.deepEqual([quickadd.status, quickadd.json.numResults], [200, 0]);
    assert.match(quickadd.json.error, /only http and https/);
  });

  it("another user's feeds, folders and interests are unknown streams to bea (404, same as made-up ones)", async () => {
    const notFound = async (path: string, form?: string) => {
      const res = await f.call(form === undefined ? 'GET' : 'POST', `${API}${path}`, { auth: bea, form });
      assert.equal(res.status, 404, `${path}: ${res.text}`);
      return res.text.replace(/"[^"]*"|\S+:\/\/\S+|\d+/g, '…');
    };
    const theirs = await notFound(`/stream/items/ids?s=feed/${encodeURIComponent(motors)}`);
    assert.equal(await notFound(`/stream/items/ids?s=feed/${encodeURIComponent(`${f.feedServer}/made-up.xml`)}`), theirs);
    const feedId = (await f.store.feedByUrl(motors))!.id;
    await notFound(`/stream/contents/feed/${feedId}`);
    assert.equal(await notFound('/stream/contents/user/-/label/Cars'), await notFound('/stream/contents/user/-/label/Made-up'));
    await notFound('/stream/items/ids?s=user/-/label/Cars');
    await notFound('/subscription/edit', `T=${beaT}&ac=unsubscribe&s=feed/${motors}`);
    await notFound('/subscription/edit', `T=${beaT}&ac=edit&s=feed/${motors}&t=Mine`);
    await notFound('/mark-all-as-read', `T=${beaT}&s=feed/${motors}`);
    assert.equal((await f.store.subscriptions(f.ann.id))[0].title, 'Motors & more', "ann's subscription untouched");
    const other = await f.call('GET', `${API}/stream/items/ids?s=user/${f.ann.id}/state/com.google/reading-list`, { auth: bea });
    assert.equal(other.status, 400, "another user's id in a stream is refused, not served");
    assert.deepEqual((await f.call('GET', `${API}/subscription/list?output=json`, { auth: bea })).json, { subscriptions: [] });
    assert.deepEqual((await f.call('GET', `${API}/tag/list?output=json`, { auth: bea })).json.tags, [{ id: 'user/-/state/com.google/starred' }]);
    assert.deepEqual((await f.call('GET', `${API}/unread-count?output=json`, { auth: bea })).json, {
      max: 0,
      unreadcounts: [{ id: 'user/-/state/com.google/reading-list', count: 0, newestItemTimestampUsec: '0' }],
    });
  });

  it("ann's items are unknown ids to bea: no contents, no state changes, no states shown", async () => {
    const posts = await f.store.posts({ limit: 10 });
    await f.store.setStarred(f.ann.id, [posts[0].id], true);
    const ids = posts.map((p) => `i=${p.id}`).join('&');
    const contents = await f.call('POST', `${API}/stream/items/contents`, { auth: bea, form: ids });
    assert.deepEqual([contents.status, contents.json.items], [200, []]);
    const unknown = await f.call('POST', `${API}/stream/items/contents`, { auth: bea, form: 'i=999999&i=tag:google.com,2005:reader/item/00000000000f423f' });
    assert.deepEqual(unknown.json.items, contents.json.items);
    const edit = await f.call('POST', `${API}/edit-tag`, { auth: bea, form: `T=${beaT}&${ids}&a=user/-/state/com.google/starred` });
    assert.equal(edit.text, 'OK');
    assert.equal((await f.store.postStates(f.bea.id, posts.map((p) => p.id))).size, 0, 'nothing of bea changed');
    assert.equal((await f.store.feedback(f.bea.id)).length, 0);
    assert.deepEqual((await f.call('GET', `${API}/stream/items/ids?s=user/-/state/com.google/starred`, { auth: bea })).json.itemRefs, []);
    const annSees = await f.call('POST', `${API}/stream/items/contents`, { auth: ann, form: `i=${posts[0].id}` });
    assert.ok(annSees.json.items[0].categories.includes('user/-/state/com.google/starred'));
    // Once bea follows the feed, the posts are hers to read too — with her own (empty) state.
    await f.call('POST', `${API}/subscription/quickadd`, { auth: bea, form: `T=${beaT}&quickadd=${encodeURIComponent(motors)}` });
    const beaSees = await f.call('POST', `${API}/stream/items/contents`, { auth: bea, form: `i=${posts[0].id}` });
    assert.deepEqual(beaSees.json.items[0].categories, ['user/-/state/com.google/reading-list']);
  });

  it('a new API token from the account page works here too, and revoking it locks the app out', async () => {
    const { secret } = await issueApiToken(f.store, f.ann.id, 'phone');
    assert.equal((await f.call('GET', `${API}/user-info`, { auth: secret })).json.userName, 'ann');
    await f.store.revokeApiToken(f.ann.id, 'phone');
    assert.equal((await f.call('GET', `${API}/user-info`, { auth: secret })).status, 401);
  });
});
