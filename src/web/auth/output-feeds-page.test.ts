// The account page's reading setting, its reader-app instructions, and the output-feed links on the account page (create, replace,
// turn off) and on an interest's page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import { readerFixture, type ReaderFixture } from '../pages/reader-fixture.ts';
import type { TestClient } from './test-client.ts';

const POSTS = [{ title: 'Sourdough bread: a starter that rises twice as fast', text: 'Feed the sourdough starter flour and water and bake the bread in a hot oven.', hoursAgo: 2 }];

/** The output-feed links on a page, by their visible label. */
function outputLinks(html: string): { label: string; href: string }[] {
  return [...html.matchAll(/<a href="([^"]+)" data-output-feed[^>]*>([^<]+)<\/a>/g)].map((m) => ({ href: m[1].replace(/&amp;/g, '&'), label: m[2] }));
}

describe('output-feed links on the pages', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };
  let interestId: number;

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
    const user = (await fx.store.userByName('ada'))!;
    interestId = (await addInterest(fx.actions, user, { name: 'Baking', keywords: 'sourdough, bread' })).id;
  });
  after(() => fx.close());

  it('offers to create them; the interest page points there', async () => {
    const account = await (await ada.browser.request('/account')).text();
    assert.match(account, /<h2 id="output-feeds">Your feed in other readers<\/h2>/);
    assert.match(account, /<form method="post" action="\/account\/output-feeds">.*Create feed links/s);
    assert.deepEqual(outputLinks(account), []);
    assert.match(await (await ada.browser.request(`/interests/${interestId}`)).text(), /<a href="\/account#output-feeds">Follow it in another reader<\/a>/);
  });

  it('creates them: Atom and JSON Feed, whole and per interest, each one working', async () => {
    const res = await ada.browser.request('/account/output-feeds', { form: { _csrf: ada.csrf } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/account?output-feeds=created#output-feeds');
    const account = await (await ada.browser.request('/account?output-feeds=created')).text();
    assert.match(account, /class="notice" role="status">Feed links created/);
    const links = outputLinks(account);
    assert.deepEqual(links.map((l) => l.label), ['Atom', 'JSON Feed', 'Atom', 'JSON Feed']);
    assert.match(links[0].href, /^http:\/\/localhost\/out\/[\w-]{40,}\/feed\.atom$/);
    assert.equal(links[3].href, links[0].href.replace('feed.atom', `interests/${interestId}.json`));
    const atom = await ada.browser.request(new URL(links[0].href).pathname);
    assert.equal(atom.status, 200);
    assert.match(atom.headers.get('content-type') ?? '', /^application\/atom\+xml/);
    const json = await ada.browser.request(new URL(links[3].href).pathname);
    assert.equal((await json.json()).title, 'Baking · Sluice');
    const onInterest = outputLinks(await (await ada.browser.request(`/interests/${interestId}`)).text());
    assert.deepEqual(onInterest, [links[2], links[3]], "the interest page shows that interest's own links");
  });

  it('replaces them (the old ones stop working) and turns them off', async () => {
    const old = outputLinks(await (await ada.browser.request('/account')).text())[0].href;
    await ada.browser.request('/account/output-feeds', { form: { _csrf: ada.csrf } });
    const page = await (await ada.browser.request('/account?output-feeds=replaced')).text();
    assert.match(page, /the old ones stopped working/);
    const fresh = outputLinks(page)[0].href;
    assert.notEqual(fresh, old);
    assert.equal((await ada.browser.request(new URL(old).pathname)).status, 404);
    assert.equal((await ada.browser.request(new URL(fresh).pathname)).status, 200);

    const revoked = await ada.browser.request('/account/output-feeds/revoke', { form: { _csrf: ada.csrf } });
    assert.equal(revoked.headers.get('location'), '/account?output-feeds=revoked#output-feeds');
    assert.equal((await ada.browser.request(new URL(fresh).pathname)).status, 404);
    const after = await (await ada.browser.request('/account?output-feeds=revoked')).text();
    assert.deepEqual(outputLinks(after), []);
    assert.match(after, /Create feed links/);
  });

  it('tells how to add the account to a reader app: the server as reached, the user name', async () => {
    const page = await (await ada.browser.request('/account')).text();
    assert.match(page, /<h2 id="reader-apps">Reader apps<\/h2>/);
    assert.match(page, /<dt>Server<\/dt><dd><code>http:\/\/localhost<\/code><\/dd><dt>User name<\/dt><dd><code>ada<\/code><\/dd>/);
  });

  it('reading setting: rank only my own subscriptions, on and off', async () => {
    const page = await (await ada.browser.request('/account')).text();
    assert.match(page, /<input type="checkbox" name="own_feeds_only" aria-describedby="own-feeds-hint">/, 'off by default');
    let res = await ada.browser.request('/account/settings', { form: { _csrf: ada.csrf, own_feeds_only: 'on' } });
    assert.equal(res.headers.get('location'), '/account?settings=saved#reading');
    assert.equal((await fx.store.userByName('ada'))!.ownFeedsOnly, true);
    assert.match(await (await ada.browser.request('/account?settings=saved')).text(), /name="own_feeds_only" checked/);
    res = await ada.browser.request('/account/settings', { form: { _csrf: ada.csrf } });
    assert.equal((await fx.store.userByName('ada'))!.ownFeedsOnly, false, 'an unticked box is off');
    assert.equal((await ada.browser.request('/account/settings', { form: { own_feeds_only: 'on' } })).status, 403, 'no CSRF token');
    assert.equal((await fx.store.userByName('ada'))!.ownFeedsOnly, false);
  });

  it('needs the CSRF token and a signed-in reader; each reader sees only their own', async () => {
    assert.equal((await ada.browser.request('/account/output-feeds', { form: {} })).status, 403);
    assert.equal((await ada.browser.request('/account/output-feeds/revoke', { form: {} })).status, 403);
    await ada.browser.request('/account/output-feeds', { form: { _csrf: ada.csrf } });
    const adas = outputLinks(await (await ada.browser.request('/account')).text());
    const bob = await fx.signUp('bob');
    const bobs = await (await bob.browser.request('/account')).text();
    assert.deepEqual(outputLinks(bobs), []);
    assert.ok(!bobs.includes(new URL(adas[0].href).pathname.split('/')[2]), "ada's token is not on bob's page");
    // Bob revoking his (none) leaves ada's working.
    await bob.browser.request('/account/output-feeds/revoke', { form: { _csrf: bob.csrf } });
    assert.equal((await ada.browser.request(new URL(adas[0].href).pathname)).status, 200);
  });
});
