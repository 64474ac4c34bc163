import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFeed } from './encoding.ts';

const bytes = (s: string, enc: BufferEncoding = 'latin1') => new Uint8Array(Buffer.from(s, enc));
const doc = (decl: string, body: string) => `<?xml version="1.0"${decl}?><rss>${body}</rss>`;

test('the XML declaration decides when nothing else does', () => {
  const d = decodeFeed(bytes(doc(' encoding="iso-8859-1"', '\xe9')));
  assert.equal(d.encoding, 'iso-8859-1');
  assert.match(d.text, /é/);
  assert.deepEqual(d.issues, []);
});

test('an application/*+xml charset beats the declaration; text/xml without one means us-ascii', () => {
  assert.equal(decodeFeed(bytes(doc(' encoding="iso-8859-1"', 'a')), 'application/rss+xml; charset="us-ascii"').encoding, 'us-ascii');
  assert.equal(decodeFeed(bytes(doc(' encoding="iso-8859-1"', 'a')), 'text/xml').encoding, 'us-ascii');
  assert.equal(decodeFeed(bytes(doc('', 'a')), 'application/xml').encoding, 'utf-8');
  assert.equal(decodeFeed(bytes(doc('', 'a')), 'text/xml; charset:iso-8859-1').encoding, 'us-ascii');
});

test('bytes the chosen encoding cannot hold fall back, with an issue', () => {
  const d = decodeFeed(bytes(doc(' encoding="utf-8"', 'caf\u00e9'), 'utf8'), 'text/xml');
  assert.equal(d.encoding, 'utf-8');
  assert.match(d.text, /café/);
  assert.ok(d.issues.length > 0);
});

test('byte order marks and wide encodings without one', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('', 'ü'), 'utf16le')]);
  assert.equal(decodeFeed(new Uint8Array(le)).text, doc('', 'ü'));
  const be = Buffer.from(doc('', 'x'), 'utf16le').swap16();
  assert.equal(decodeFeed(new Uint8Array(be)).encoding, 'utf-16be');
  const u32 = new Uint8Array(Buffer.from([...'<rss/>'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])));
  assert.equal(decodeFeed(u32).text, '<rss/>');
});

test('GB2312 is read as GB18030; a non-XML media type is an issue', () => {
  assert.equal(decodeFeed(bytes(doc(' encoding="gb2312"', 'a'))).encoding, 'gb18030');
  assert.equal(decodeFeed(bytes(doc('', 'a')), 'text/plain').issues.length, 1);
});
