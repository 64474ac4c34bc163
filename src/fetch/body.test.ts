import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { decodeContent, readCappedBody } from './body.ts';
import { FetchError, TooLargeError } from './errors.ts';

const req = { url: 'http://feeds.test/rss', method: 'GET' as const };
const text = '<rss><channel><title>Hello</title></channel></rss>'.repeat(20);

test('a body under the cap is read whole', async () => {
  const body = await readCappedBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4, req);
  assert.equal(body.toString(), 'abcd');
});

test('a body over the cap is cut while streaming, and the stream destroyed', async () => {
  let produced = 0;
  const stream = Readable.from((function* () {
    for (;;) { produced++; yield Buffer.alloc(1000); }
  })());
  await assert.rejects(readCappedBody(stream, 10_000, req), (err: unknown) => {
    assert.ok(err instanceof TooLargeError);
    assert.match(err.message, /^GET http:\/\/feeds\.test\/rss: response body exceeds 10000 bytes/);
    return true;
  });
  assert.ok(produced <= 12, `read ${produced} chunks`);
  assert.ok(stream.destroyed);
});

test('gzip, raw and zlib deflate, brotli and stacked codings decode', async () => {
  const raw = Buffer.from(text);
  assert.equal((await decodeContent(zlib.gzipSync(raw), 'gzip', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(zlib.gzipSync(raw), 'X-Gzip', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(zlib.deflateSync(raw), 'deflate', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(zlib.deflateRawSync(raw), 'deflate', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(zlib.brotliCompressSync(raw), 'br', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(zlib.brotliCompressSync(zlib.gzipSync(raw)), 'gzip, br', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(raw, 'identity', 1e6, req)).toString(), text);
  assert.equal((await decodeContent(raw, undefined, 1e6, req)).toString(), text);
});

test('a truncated gzip body decodes as far as it goes', async () => {
  const gz = zlib.gzipSync(Buffer.from(text));
  const out = await decodeContent(gz.subarray(0, gz.length - 12), 'gzip', 1e6, req);
  assert.ok(text.startsWith(out.toString()) && out.length > text.length / 2);
});

test('a gzip bomb is cut at the cap, inline and in the thread pool', async () => {
  const small = zlib.gzipSync(Buffer.alloc(5_000_000)); // ~5 KB, decoded inline
  await assert.rejects(decodeContent(small, 'gzip', 1_000_000, req), (err: unknown) => {
    assert.ok(err instanceof TooLargeError);
    assert.match(err.message, /gzip body decodes to more than 1000000 bytes/);
    return true;
  });
  const large = zlib.brotliCompressSync(randomBytes(400_000)); // incompressible: stays above the inline limit
  assert.ok(large.length > 256 * 1024, `compressed ${large.length}`);
  await assert.rejects(decodeContent(large, 'br', 300_000, req), TooLargeError);
});

test('unknown codings and corrupt data are errors naming the URL', async () => {
  await assert.rejects(decodeContent(Buffer.from(text), 'compress', 1e6, req), (err: unknown) => {
    assert.ok(err instanceof FetchError);
    assert.equal(err.message, 'GET http://feeds.test/rss: unsupported Content-Encoding "compress"');
    return true;
  });
  await assert.rejects(decodeContent(Buffer.from('not gzip at all'), 'gzip', 1e6, req), /could not decode gzip body/);
});
