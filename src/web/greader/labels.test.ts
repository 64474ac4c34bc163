// Interests as labels: the calls FreshRSS documents (docs/en/developers/06_GoogleReader_API.md: the
// curl examples for subscription/list, unread-count, tag/list, token, stream/contents/reading-list,
// subscription/edit ac=unsubscribe) and the label streams clients such as Reeder browse
// (stream/contents/user/-/label/NAME with n, r, c), where Sluice serves an interest's ranked feed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import { greaderFixture, type GreaderFixture } from './test-fixture.ts';

const API = '/reader/api/0';
const LABEL = 'user/-/label/Formula One racing';

describe('Google Reader API: interests as labels, the FreshRSS-documented calls', () => {
  let f: GreaderFixture;
  let auth: string;
  let token: string;
  let f1: number;
  before(async () => {
    f = await greaderFixture();
    ({ auth, T: token } = await f.signIn('ann'));
    for (const feed of ['motors.xml', 'garden.xml']) {
      await f.call('POST', `${API}/subscription/quickadd`, { auth, form: `T=${token}&quickadd=${encodeURIComponent(`${f.feedServer}/${feed}`)}` });
    }
    await addInterest(f.actions, f.ann, { name: 'Formula One racing', keywords: 'F1, grand prix' });
    f1 = (await f.store.posts({ limit: 10 })).find((p) => /Grand Prix/.test(p.title))!.id;
  });
  after(() => f.close());

  it('tag/list: starred, then each interest as a tag', async () => {
    const res = await f.call('GET', `${API}/tag/list?output=json`, { auth });
    assert.deepEqual(res.json, { tags: [{ id: 'user/-/state/com.google/starred' }, { id: LABEL, label: 'Formula One racing', type: 'tag' }] });
  });

  it('stream/contents of a label: the ranked feed by default and with r=a; date order with r=o', async () => {
    const ranked = await f.call('GET', `${API}/stream/contents/${encodeURIComponent(LABEL)}?output=json`, { auth });
    assert.equal(ranked.status, 200);
    assert.equal(ranked.json.id, LABEL);
    assert.deepEqual(ranked.json.items.map((i: { title: string }) => i.title), ['Verstappen wins the Brazilian Grand Prix'], 'the matching post, the unrelated ones left out');
    assert.ok(ranked.json.items[0].categories.includes(LABEL), 'items carry the interests they matched');
    const unencoded = await f.call('GET', `${API}/stream/contents/user/-/label/Formula%20One%20racing?r=a`, { auth });
    assert.deepEqual(unencoded.json.items.map((i: { id: string }) => i.id), ranked.json.items.map((i: { id: string }) => i.id));
    const dated = await f.call('GET', `${API}/stream/items/ids?s=${encodeURIComponent(LABEL)}&r=o`, { auth });
    assert.deepEqual(dated.json.itemRefs.map((r: { id: string }) => Number(r.id)), [f1]);
    const wholeFeed = await f.call('GET', `${API}/stream/items/ids?s=user/-/state/com.google/reading-list&r=a`, { auth });
    assert.deepEqual(wholeFeed.json.itemRefs.map((r: { id: string }) => Number(r.id)), [f1], 'r=a on the reading list: the whole ranked feed');
    const refused = await f.call('GET', `${API}/stream/items/ids?s=user/-/state/com.google/starred&r=a`, { auth });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /^Bad Request: ranked order is for the reading list and interest labels/);
  });

  it('the reading list in date order, FreshRSS short form, with a continuation that pages to the end', async () => {
    const first = await f.call('GET', `${API}/stream/contents/reading-list?n=3`, { auth });
    assert.equal(first.json.id, 'user/-/state/com.google/reading-list');
    assert.equal(first.json.items.length, 3);
    assert.ok(first.json.continuation);
    const rest = await f.call('GET', `${API}/stream/contents/reading-list?n=3&c=${first.json.continuation}`, { auth });
    assert.equal(rest.json.items.length, 2);
    assert.equal(rest.json.continuation, undefined);
    const titles = [...first.json.items, ...rest.json.items].map((i: { title: string }) => i.title);
    assert.equal(new Set(titles).size, 5);
    const oldest = await f.call('GET', `${API}/stream/contents/reading-list?r=o&n=1`, { auth });
    assert.equal(oldest.json.items[0].title, 'Sowing garlic before the frost');
    const mixed = await f.call('GET', `${API}/stream/contents/${encodeURIComponent(LABEL)}?c=${first.json.continuation}`, { auth });
    assert.equal(mixed.status, 400, 'a date continuation does not page a ranked stream');
  });

  it('edit-tag with a label: a like for that interest; removing it: off-topic, and the item leaves the label', async () => {
    const id = `tag:google.com,2005:reader/item/${f1.toString(16)}`;
    assert.equal((await f.call('POST', `${API}/edit-tag`, { auth, form: `T=${token}&i=${id}&a=${encodeURIComponent(LABEL)}` })).text, 'OK');
    const interest = (await f.store.interests(f.ann.id))[0];
    assert.deepEqual((await f.store.feedback(f.ann.id)).map((fb) => [fb.postId, fb.kind, fb.interestId]), [[f1, 'like', interest.id]]);
    assert.equal((await f.call('POST', `${API}/edit-tag`, { auth, form: `T=${token}&i=${id}&r=${encodeURIComponent(LABEL)}` })).text, 'OK');
    assert.equal((await f.store.feedback(f.ann.id)).at(-1)?.kind, 'offtopic');
    const ranked = await f.call('GET', `${API}/stream/items/ids?s=${encodeURIComponent(LABEL)}`, { auth });
    assert.deepEqual(ranked.json.itemRefs, [], 'off-topic posts are hidden from the ranked label');
    const folder = await f.call('POST', `${API}/edit-tag`, { auth, form: `T=${token}&i=${id}&a=user/-/label/Nope` });
    assert.equal(folder.status, 404);
  });

  it('unread-count: feeds, the interest label and the reading list; mark-all-as-read on the label', async () => {
    await f.store.setRead(f.ann.id, [f1], false);
    const counts = (await f.call('GET', `${API}/unread-count?output=json`, { auth })).json;
    const byId = new Map(counts.unreadcounts.map((u: { id: string; count: number }) => [u.id, u.count]));
    assert.equal(byId.get(`feed/${f.feedServer}/motors.xml`), 2);
    assert.equal(byId.get(`feed/${f.feedServer}/garden.xml`), 3);
    assert.equal(byId.get(LABEL), 1);
    assert.equal(byId.get('user/-/state/com.google/reading-list'), 5);
    assert.equal(counts.max, 5);
    for (const u of counts.unreadcounts) assert.match(u.newestItemTimestampUsec, /^\d{16}$/);

    const marked = await f.call('POST', `${API}/mark-all-as-read`, { auth, form: `T=${token}&s=${encodeURIComponent(LABEL)}&ts=${Date.now() * 1000}` });
    assert.deepEqual([marked.status, marked.text], [200, 'OK']);
    assert.equal((await f.store.postStates(f.ann.id, [f1])).get(f1)?.readAt instanceof Date, true);
    const after = new Map((await f.call('GET', `${API}/unread-count?output=json`, { auth })).json.unreadcounts.map((u: { id: string; count: number }) => [u.id, u.count]));
    assert.equal(after.has(LABEL), false);
    assert.equal(after.get(`feed/${f.feedServer}/motors.xml`), 1);

    const old = await f.call('POST', `${API}/mark-all-as-read`, { auth, form: `T=${token}&s=user/-/state/com.google/reading-list&ts=1000000` });
    assert.equal(old.text, 'OK');
    assert.equal(new Map((await f.call('GET', `${API}/unread-count?output=json`, { auth })).json.unreadcounts.map((u: { id: string; count: number }) => [u.id, u.count])).get('user/-/state/com.google/reading-list'), 4, 'ts before every post: nothing marked');
    await f.call('POST', `${API}/mark-all-as-read`, { auth, form: `T=${token}&s=user/-/state/com.google/reading-list` });
    assert.equal((await f.call('GET', `${API}/unread-count?output=json`, { auth })).json.max, 0, 'no ts: everything up to now');
  });

  it('FreshRSS documents unsubscribing by ac=unsubscribe&s=feed/…; Sluice also takes its numeric feed id', async () => {
    const garden = (await f.store.feedByUrl(`${f.feedServer}/garden.xml`))!;
    const res = await f.call('POST', `${API}/subscription/edit`, { auth, form: `T=${token}&ac=unsubscribe&s=feed/${garden.id}` });
    assert.deepEqual([res.status, res.text], [200, 'OK']);
    assert.deepEqual((await f.store.subscriptions(f.ann.id)).map((s) => s.feed.url), [`${f.feedServer}/motors.xml`]);
  });
});
