import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '../auth/test-client.ts';
import { API_BASE } from './router.ts';
import { apiFixture, type ApiFixture } from './test-fixture.ts';

describe('REST API: the router', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture();
  });
  after(() => f.close());

  it('serves the browser on its cookie session, with the CSRF token on every change', async () => {
    const browser = new TestClient(f.app);
    const csrf = await browser.csrf('/login');
    const signIn = await browser.request('/login', { form: { _csrf: csrf, name: 'ann', password: 'correct horse battery' } });
    assert.equal(signIn.status, 303);
    const me = await browser.request(`${API_BASE}/me`);
    assert.equal(me.status, 200);
    assert.equal((await me.json()).name, 'ann');

    const json = { name: 'Camper vans', keywords: 'camper, van' };
    const forged = await browser.request(`${API_BASE}/interests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    assert.equal(forged.status, 403, 'a cross-site page cannot post with the cookie alone');
    assert.equal((await forged.json()).error.code, 'csrf');
    const token = await browser.csrf('/account');
    const added = await browser.request(`${API_BASE}/interests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify(json),
    });
    assert.equal(added.status, 201);
    assert.deepEqual((await f.asAnn('GET', '/interests')).body.interests.map((i: { name: string }) => i.name), ['Camper vans']);
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    for (const [method, path] of [['GET', '/nothing'], ['PUT', '/feeds'], ['POST', '/me']]) {
      const res = await f.asAnn(method, path);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.body.error.code, 'not_found');
    }
  });

  it('never answers a 500 to garbage', async () => {
    const bodies = ['null', '"text"', '42', '{"name":{"$gt":""}}', '{"__proto__":{"admin":true},"name":"x"}', '\u0000', '[]', '{'.repeat(5000)];
    for (const path of ['/interests', '/feeds', '/feedback']) {
      for (const body of bodies) {
        // The fixture's caller fails on any 500 and checks the error body.
        const res = await f.asAnn('POST', path, { body, headers: { 'content-type': 'application/json' } });
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${body.slice(0, 20)} → ${res.status}`);
      }
    }
    assert.equal((await f.asAnn('PATCH', '/interests/1', { body: 'null', headers: { 'content-type': 'application/json' } })).status, 400);
  });
});
