import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiFixture, type ApiFixture } from './test-fixture.ts';

describe('REST API: /interests', () => {
  let f: ApiFixture;
  let id: number;
  before(async () => {
    f = await apiFixture();
  });
  after(() => f.close());

  it('adds, lists, shows and edits an interest', async () => {
    const added = await f.asAnn('POST', '/interests', { json: { name: ' Formula  One racing ', keywords: 'F1, grand prix' } });
    assert.equal(added.status, 201);
    assert.equal(added.body.name, 'Formula One racing', 'whitespace tidied by the action');
    assert.deepEqual(added.body.keywords, ['F1', 'grand prix']);
    assert.equal(added.body.description, null);
    id = added.body.id;

    assert.deepEqual((await f.asAnn('GET', '/interests')).body.interests.map((i: { id: number }) => i.id), [id]);
    assert.equal((await f.asAnn('GET', `/interests/${id}`)).body.name, 'Formula One racing');

    const edited = await f.asAnn('PATCH', `/interests/${id}`, { json: { keywords: ['F1', 'Verstappen'], description: 'motor racing' } });
    assert.equal(edited.status, 200);
    assert.deepEqual(edited.body.keywords, ['F1', 'Verstappen']);
    assert.equal(edited.body.name, 'Formula One racing', 'fields not sent are kept');
    assert.deepEqual((await f.asAnn('PATCH', `/interests/${id}`, { json: {} })).body.keywords, ['F1', 'Verstappen']);
  });

  it('shows the Advanced view: terms with weights and origins, refused words, suggestions', async () => {
    const res = await f.asAnn('GET', `/interests/${id}/terms`);
    assert.equal(res.status, 200);
    const verstappen = res.body.terms.find((t: { text: string }) => t.text === 'verstappen');
    assert.ok(verstappen, JSON.stringify(res.body.terms));
    assert.equal(verstappen.source, 'keyword');
    assert.ok(verstappen.weight > 0);
    assert.ok(res.body.terms.some((t: { source: string }) => t.source === 'name'));
    assert.ok(Array.isArray(res.body.refused));
    assert.ok(Array.isArray(res.body.suggestions));
    assert.equal(typeof res.body.embedder, 'string');
    assert.equal(res.body.learned, null, 'no feedback yet');
  });

  it('refuses bad input, duplicates and interests with nothing to match', async () => {
    const cases: [string, string, unknown, number, string, RegExp][] = [
      ['POST', '/interests', { name: 'formula one RACING', keywords: 'F1' }, 409, 'conflict', /already/],
      ['POST', '/interests', { name: 'the and of' }, 400, 'invalid', /no word to match/],
      ['POST', '/interests', { name: '' }, 400, 'invalid', /needs a name/],
      ['POST', '/interests', { name: 'x'.repeat(500) }, 400, 'invalid', /longer than/],
      ['POST', '/interests', { keywords: 'F1' }, 400, 'invalid', /body\.name/],
      ['POST', '/interests', { name: 'Cars', keywords: 7 }, 400, 'invalid', /body\.keywords/],
      ['POST', '/interests', { name: 'Cars', keywords: [1, 2] }, 400, 'invalid', /body\.keywords/],
      ['POST', '/interests', { name: 'Cars', learned: { weights: 1 } }, 400, 'invalid', /learned/],
      ['PATCH', `/interests/${id}`, { name: null }, 400, 'invalid', /body\.name/],
      ['PATCH', '/interests/77777', { name: 'Cars' }, 404, 'not_found', /no interest with id 77777/],
      ['GET', '/interests/0', undefined, 400, 'invalid', /path\.id/],
    ];
    for (const [method, path, json, status, code, message] of cases) {
      const res = await f.asAnn(method, path, { json });
      assert.equal(res.status, status, `${method} ${path} ${JSON.stringify(json)?.slice(0, 60)}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code);
      assert.match(res.body.error.message, message);
    }
    assert.equal((await f.asAnn('GET', '/interests')).body.interests.length, 1, 'nothing refused was stored');
  });

  it("keeps another user's interests out of reach", async () => {
    assert.deepEqual((await f.asBea('GET', '/interests')).body.interests, []);
    for (const [method, path, json] of [
      ['GET', `/interests/${id}`],
      ['GET', `/interests/${id}/terms`],
      ['PATCH', `/interests/${id}`, { name: 'Mine now' }],
      ['DELETE', `/interests/${id}`],
    ] as const) {
      const res = await f.asBea(method, path, { json });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.doesNotMatch(JSON.stringify(res.body), /Formula/);
    }
    // bea may use the same name: names are unique per user.
    assert.equal((await f.asBea('POST', '/interests', { json: { name: 'Formula One racing', keywords: 'F1' } })).status, 201);
    assert.equal((await f.anonymous('GET', `/interests/${id}`)).status, 401);
    assert.equal((await f.asAnn('GET', `/interests/${id}`)).body.name, 'Formula One racing');
  });

  it('removes an interest', async () => {
    assert.equal((await f.asAnn('DELETE', `/interests/${id}`)).status, 204);
    assert.equal((await f.asAnn('GET', `/interests/${id}`)).status, 404);
    assert.equal((await f.asAnn('DELETE', `/interests/${id}`)).status, 404);
  });
});
