import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotAFeedError, parseFeed } from './index.ts';

test('documents that are not feeds raise NotAFeedError, naming the URL', () => {
  const cases = ['', '   ', '<html><body>hi</body></html>', 'plain text', '{"a":1}', '[1,2]', '{broken json', '<!-- only a comment -->'];
  for (const body of cases) {
    assert.throws(() => parseFeed(body, { url: 'http://example.com/x' }), (e: unknown) => {
      assert.ok(e instanceof NotAFeedError, `for ${JSON.stringify(body)}`);
      assert.match((e as Error).message, /not a feed \(http:\/\/example\.com\/x\)/);
      return true;
    });
  }
});

test('bytes are decoded by the HTTP charset and reported', () => {
  const body = new Uint8Array(Buffer.from('<rss><channel><title>caf\xe9</title></channel></rss>', 'latin1'));
  const feed = parseFeed(body, { contentType: 'application/rss+xml; charset=iso-8859-1' });
  assert.equal(feed.title, 'café');
  assert.equal(feed.encoding, 'iso-8859-1');
});

test('truncated feeds still give their entries', () => {
  const feed = parseFeed('<rss version="2.0"><channel><title>t</title><item><title>a</title></item><item><title>b');
  assert.deepEqual(feed.entries.map((e) => e.title), ['a', 'b']);
  assert.ok(feed.issues.length > 0);
});
