import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbedderError } from './embedder.ts';
import { OpenAiEmbedder } from './openai.ts';
import { dot } from './sif.ts';

// A local server speaking the /v1/embeddings protocol. Vectors: [length, vowels, 1] of each
// text, so tests can tell which text a vector belongs to. Replies come in reverse order
// (the protocol orders by "index", not by position). Special models misbehave on purpose.
const requests: { auth?: string; body: { model: string; input: string[]; dimensions?: number } }[] = [];
let server: Server;
let baseUrl: string;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

before(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req));
    requests.push({ auth: req.headers.authorization, body });
    const reply = (status: number, payload: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(payload);
    };
    if (req.url !== '/v1/embeddings' || req.method !== 'POST') return reply(404, '{"error":"not found"}');
    const input: string[] = body.input;
    const data = input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, (text.match(/[aeiou]/g) ?? []).length, 1] }));
    switch (body.model) {
      case 'overloaded':
        return reply(503, '{"error":{"message":"model is overloaded"}}');
      case 'garbage':
        return reply(200, '<html>oops</html>');
      case 'short':
        return reply(200, JSON.stringify({ data: data.slice(1) }));
      case 'wrong-dims':
        return reply(200, JSON.stringify({ data: data.map((d) => ({ ...d, embedding: [1, 2] })) }));
      case 'nan':
        return reply(200, JSON.stringify({ data: data.map((d) => ({ ...d, embedding: [1, 'x', 2] })) }));
      case 'slow':
        return void setTimeout(() => reply(200, JSON.stringify({ data })), 2000).unref();
      default:
        return reply(200, JSON.stringify({ object: 'list', model: body.model, data: data.reverse() }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

test('embeds in batches, in input order, unit-normalised, with the API key', async () => {
  requests.length = 0;
  const embedder = new OpenAiEmbedder({ baseUrl: `${baseUrl}/`, model: 'test-model', apiKey: 'sk-test', dims: 3, batchSize: 2 });
  assert.equal(embedder.id, 'openai:test-model@1');
  const texts = ['aaaa', 'bb', 'c', 'dddddd', 'eo'];
  const vectors = await embedder.embed(texts);
  assert.equal(requests.length, 3);
  assert.deepEqual(requests.map((r) => r.body.input.length), [2, 2, 1]);
  assert.ok(requests.every((r) => r.auth === 'Bearer sk-test' && r.body.model === 'test-model'));
  vectors.forEach((v, i) => {
    assert.ok(Math.abs(dot(v, v) - 1) < 1e-6);
    const vowels = (texts[i].match(/[aeiou]/g) ?? []).length;
    assert.ok(Math.abs(v[0] / v[2] - texts[i].length) < 1e-4 && Math.abs(v[1] / v[2] - vowels) < 1e-4, `vector ${i} belongs to its text`);
  });
});

test('empty texts are not sent and get the zero vector', async () => {
  requests.length = 0;
  const embedder = new OpenAiEmbedder({ baseUrl, model: 'test-model', dims: 3 });
  const vectors = await embedder.embed(['', 'abc', '   ']);
  assert.deepEqual(requests[0].body.input, ['abc']);
  assert.deepEqual([...vectors[0]], [0, 0, 0]);
  assert.deepEqual([...vectors[2]], [0, 0, 0]);
  assert.deepEqual(await embedder.embed([]), []);
});

test('connect asks the endpoint for the vector length; requested dimensions are part of the id', async () => {
  requests.length = 0;
  const embedder = await OpenAiEmbedder.connect({ baseUrl, model: 'test-model', requestDimensions: 3 });
  assert.equal(embedder.dims, 3);
  assert.equal(embedder.id, 'openai:test-model/3@1');
  assert.equal(requests[0].body.dimensions, 3);
  assert.throws(() => new OpenAiEmbedder({ baseUrl, model: 'm' }), /dims is required/);
});

async function rejection(model: string, options: { baseUrl?: string; timeoutMs?: number } = {}): Promise<EmbedderError> {
  const embedder = new OpenAiEmbedder({ baseUrl: options.baseUrl ?? baseUrl, model, dims: 3, timeoutMs: options.timeoutMs });
  try {
    await embedder.embed(['hello', 'world']);
  } catch (error) {
    assert.ok(error instanceof EmbedderError, String(error));
    assert.equal(error.embedderId, `openai:${model}@1`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('failures reject with an EmbedderError saying what went wrong where', async () => {
  assert.match((await rejection('overloaded')).message, /\/v1\/embeddings answered HTTP 503: .*overloaded/);
  assert.match((await rejection('garbage')).message, /invalid JSON: <html>/);
  assert.match((await rejection('short')).message, /returned 1 vectors for 2 texts/);
  assert.match((await rejection('wrong-dims')).message, /2 dimensions, expected 3/);
  assert.match((await rejection('nan')).message, /no numeric "embedding"/);
  assert.match((await rejection('slow', { timeoutMs: 100 })).message, /timed out/);
});

test('an endpoint that is down is reported as unreachable, with the cause', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error = await rejection('test-model', { baseUrl: `http://127.0.0.1:${port}/v1` });
  assert.match(error.message, /unreachable/);
  assert.ok(error.cause instanceof Error);
});
