import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { BUILTIN_EMBEDDER_ID } from './builtin.ts';
import { embedderSetting, openEmbedder } from './select.ts';

describe('embedder selection', () => {
  it('reads the setting from the environment and refuses incomplete ones', () => {
    assert.deepEqual(embedderSetting({}), { kind: 'builtin' });
    assert.deepEqual(embedderSetting({ SLUICE_EMBEDDER: 'onnx', SLUICE_EMBEDDER_MODEL: '/m' }), { kind: 'onnx', dir: '/m' });
    assert.deepEqual(embedderSetting({ SLUICE_EMBEDDER: 'openai', SLUICE_EMBEDDER_URL: 'http://h/v1', SLUICE_EMBEDDER_MODEL: 'm' }), {
      kind: 'openai',
      baseUrl: 'http://h/v1',
      model: 'm',
      apiKey: undefined,
    });
    assert.throws(() => embedderSetting({ SLUICE_EMBEDDER: 'onnx' }), /SLUICE_EMBEDDER_MODEL/);
    assert.throws(() => embedderSetting({ SLUICE_EMBEDDER: 'word2vec' }), /not an embedder/);
  });

  it('uses a reachable OpenAI-compatible endpoint', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const input = JSON.parse(body).input as string[];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: input.map((_, index) => ({ index, embedding: [1, 2, 2] })) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const warnings: string[] = [];
    const embedder = await openEmbedder({ kind: 'openai', baseUrl: url, model: 'tiny' }, (m) => warnings.push(m));
    assert.equal(embedder.dims, 3);
    assert.match(embedder.id, /^openai:tiny/);
    assert.deepEqual(warnings, []);
    server.close();
  });

  it('falls back to the built-in embedder, saying why, when the configured one fails', async () => {
    const warnings: string[] = [];
    const down = await openEmbedder({ kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }, (m) => warnings.push(m));
    assert.equal(down.id, BUILTIN_EMBEDDER_ID);
    const missing = await openEmbedder({ kind: 'onnx', dir: '/nonexistent/model' }, (m) => warnings.push(m));
    assert.equal(missing.id, BUILTIN_EMBEDDER_ID);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /built-in embedder instead/);
    assert.match(warnings[1], /nonexistent/);
  });
});
