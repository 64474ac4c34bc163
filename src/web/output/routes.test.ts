import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeed } from '../../parse/index.ts';
import { apiFixture, type ApiFixture } from '../api/test-fixture.ts';

describe('output feeds at secret-token URLs', () => {
  let f: ApiFixture;
  let interestId: number;
  let urls: { atom: string; json: string; interests: { id: number; name: string; atom: string; json: string }[] };
  const get = (url: string, headers: Record<string, string> = {}) => f.app.request(url, { headers });

  before(async () => {
    f = await apiFixture();
    await f.asAnn('POST', '/feeds', { json: { url: `${f.feedServer}/feed.xml` } });
    interestId = (await f.asAnn('POST', '/interests', { json: { name: 'Formula One racing', keywords: 'F1, grand prix' } })).body.id;
  });
  after(() => f.close());

  it('are created on request and shown in /me and /output-feeds', async () => {
    assert.equal((await f.asAnn('GET', '/me')).body.outputFeeds, null, 'none until asked for');
    assert.equal((await f.asAnn('GET', '/output-feeds')).body, null);
    const created = await f.asAnn('POST', '/output-feeds');
    assert.equal(created.status, 201);
    urls = created.body;
    assert.match(urls.atom, /^http:\/\/localhost\/out\/[\w-]{43}\/feed\.atom$/);
    assert.equal(urls.json, urls.atom.replace(/atom$/, 'json'));
    assert.deepEqual(urls.interests.map((i) => [i.id, i.name]), [[interestId, 'Formula One racing']]);
    assert.match(urls.interests[0].json, new RegExp(`/interests/${interestId}\\.json$`));
    const me = await f.asAnn('GET', '/me');
    assert.deepEqual([me.body.name, me.body.outputFeeds], ['ann', urls]);
    assert.deepEqual((await f.asAnn('GET', '/output-feeds')).body, urls);
    assert.equal((await f.asBea('GET', '/output-feeds')).body, null, "bea does not get ann's URLs");
    assert.equal((await f.anonymous('GET', '/output-feeds')).status, 401);
  });

  it('serve the ranked feed as valid Atom, to a reader with no cookie or token', async () => {
    const res = await get(urls.atom);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml; charset=utf-8/);
    assert.match(res.headers.get('cache-control') ?? '', /private/);
    const feed = parseFeed(await res.text());
    assert.deepEqual(feed.issues, []);
    assert.equal(feed.format, 'atom');
    assert.match(feed.id ?? '', /^tag:localhost,\d{4}-\d\d-\d\d:user\/\d+$/);
    assert.equal(feed.title, "ann's feed · Sluice");
    assert.equal(feed.feedUrl, urls.atom);
    assert.deepEqual(feed.entries.map((e) => e.title), ['Verstappen wins the Brazilian Grand Prix'], 'above the threshold only: not the camper van');
    const [entry] = feed.entries;
    assert.equal(entry.link, 'https://motors.example/f1');
    assert.deepEqual(entry.published, new Date('2026-11-21T10:00:00Z'));
    assert.deepEqual(feed.updated, entry.updated);
    assert.match(entry.content ?? '', /São Paulo/);
    assert.deepEqual(entry.categories.map((c) => c.term), ['Formula One racing']);
  });

  it('serve the same items as JSON Feed, and per interest', async () => {
    const res = await get(urls.json);
    assert.match(res.headers.get('content-type') ?? '', /^application\/feed\+json/);
    const doc = await res.json();
    assert.equal(doc.version, 'https://jsonfeed.org/version/1.1');
    assert.deepEqual(doc.items.map((i: { title: string }) => i.title), ['Verstappen wins the Brazilian Grand Prix']);
    assert.equal(doc.items[0]._sluice.interest, 'Formula One racing');

    const atom = parseFeed(await (await get(urls.interests[0].atom)).text());
    assert.equal(atom.title, 'Formula One racing · Sluice');
    assert.match(atom.id ?? '', new RegExp(`/interest/${interestId}$`));
    assert.equal(atom.entries[0].id, parseFeed(await (await get(urls.atom)).text()).entries[0].id, 'an entry keeps its id across feeds');
    const json = parseFeed(await (await get(urls.interests[0].json)).text());
    assert.deepEqual(json.issues, []);
    assert.equal(json.entries.length, 1);
  });

  it('answer an unchanged feed with 304 to a reader that sends its ETag', async () => {
    const first = await get(urls.atom);
    const tag = first.headers.get('etag');
    assert.ok(tag);
    assert.equal((await get(urls.atom, { 'if-none-match': tag })).status, 304);
  });

  it("are 404 for an unknown token, a malformed address or another user's interest", async () => {
    const beasInterest = (await f.asBea('POST', '/interests', { json: { name: 'Camper vans', keywords: 'camper, van' } })).body.id;
    const token = new URL(urls.atom).pathname.split('/')[2];
    for (const path of [
      '/out/not-a-real-token-at-all-0000000000000000000/feed.atom',
      '/out/x/feed.json',
      `/out/${token}/feed.rss`,
      `/out/${token}/interests/abc.atom`,
      `/out/${token}/interests/${interestId}.xml`,
      `/out/${token}/interests/${beasInterest}.atom`,
      `/out/${token}/interests/424242.json`,
    ]) {
      const res = await get(`http://localhost${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /Camper|Verstappen/, `${path} leaks nothing`);
    }
  });

  it('stop working at once when rotated or revoked', async () => {
    const rotated = (await f.asAnn('POST', '/output-feeds')).body;
    assert.notEqual(rotated.atom, urls.atom);
    assert.equal((await get(urls.atom)).status, 404, 'the old URL is dead');
    assert.equal((await get(rotated.atom)).status, 200);
    assert.equal((await f.asAnn('DELETE', '/output-feeds')).status, 204);
    assert.equal((await get(rotated.atom)).status, 404);
    assert.equal((await f.asAnn('GET', '/me')).body.outputFeeds, null);
  });
});
