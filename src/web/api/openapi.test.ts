import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openApiPath } from './openapi.ts';
import { API_BASE } from './router.ts';
import { apiFixture, type ApiFixture } from './test-fixture.ts';

describe('REST API: the OpenAPI document', () => {
  let f: ApiFixture;
  let doc: any;
  before(async () => {
    f = await apiFixture();
    const res = await f.anonymous('GET', '/openapi.json');
    assert.equal(res.status, 200, 'public: a client reads it before it has a token');
    doc = res.body;
  });
  after(() => f.close());

  it('is OpenAPI 3.1 and describes every route mounted under /api/v1, and nothing else', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: API_BASE }]);
    const mounted = f.app.routes
      .filter((r) => r.path.startsWith(`${API_BASE}/`) && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path.slice(API_BASE.length))}`);
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    assert.ok(mounted.length >= 25, `only ${mounted.length} routes mounted?`);
    for (const route of mounted) assert.ok(documented.includes(route), `${route} is mounted but not documented`);
    for (const route of documented) assert.ok(mounted.includes(route), `${route} is documented but not mounted`);
  });

  it('documents parameters, bodies and answers from the zod schemas, and every reference resolves', () => {
    const feedPosts = doc.paths['/feeds/{id}/posts'].get;
    assert.deepEqual(feedPosts.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`), ['path:id', 'query:limit', 'query:after', 'query:unread_only']);
    assert.equal(feedPosts.parameters[0].required, true);
    assert.equal(feedPosts.parameters[1].required, false);
    assert.equal(feedPosts.parameters[1].schema.maximum, 200);
    const feedback = doc.paths['/feedback'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(feedback.required, ['post_id', 'kind']);
    assert.deepEqual(feedback.properties.kind.enum, ['like', 'dislike', 'offtopic', 'click']);
    assert.deepEqual(doc.paths['/feed'].get.responses['200'].content['application/json'].schema.properties.items.items, { $ref: '#/components/schemas/FeedItem' });
    assert.ok(doc.paths['/opml'].get.responses['200'].content['text/x-opml']);
    assert.ok(doc.paths['/interests'].post.responses['409'], 'a taken name');
    assert.ok(doc.paths['/feeds'].post.responses['422'], 'nothing to subscribe to');
    for (const name of ['Feed', 'Interest', 'InterestTerms', 'FeedItem', 'Post', 'PostState', 'Feedback', 'OutputFeeds', 'Error']) {
      assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
    assert.ok(refs.length > 20);
    for (const ref of refs) {
      const target = ref.split('/').reduce((node: any, key) => node?.[key], doc);
      assert.ok(target, `#/${ref} does not resolve`);
    }
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  });
});
