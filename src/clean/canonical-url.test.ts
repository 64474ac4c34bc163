import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUrl } from './canonical-url.ts';
import { isTrackingParam } from './tracking-params.ts';

test('scheme and host are lower-cased, default port and fragment dropped, path case kept', () => {
  assert.equal(canonicalUrl('HTTPS://Blog.Example.COM:443/Posts/Hello-World#comments'), 'https://blog.example.com/Posts/Hello-World');
  assert.equal(canonicalUrl('http://example.com:80'), 'http://example.com/');
  assert.equal(canonicalUrl('http://example.com:8080/a'), 'http://example.com:8080/a');
});

test('tracking parameters are stripped, others kept in their order and encoding', () => {
  assert.equal(
    canonicalUrl('https://x.example/a?utm_source=rss&id=7&UTM_Medium=feed&fbclid=abc&q=a%20b+c&gclid=1&page=2'),
    'https://x.example/a?id=7&q=a%20b+c&page=2',
  );
  assert.equal(canonicalUrl('https://x.example/a?z=1&a=2'), 'https://x.example/a?z=1&a=2');
  for (const name of ['dclid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid', '_hsenc', '_hsmi', 'ref_src']) {
    assert.equal(canonicalUrl(`https://x.example/?${name}=v&keep=1`), 'https://x.example/?keep=1', name);
  }
});

test('a query left empty leaves no "?" behind', () => {
  assert.equal(canonicalUrl('https://x.example/a?utm_source=rss&utm_campaign=x'), 'https://x.example/a');
  assert.equal(canonicalUrl('https://x.example/a?'), 'https://x.example/a');
  assert.equal(canonicalUrl('https://x.example/a?&&'), 'https://x.example/a');
});

test('parameters that merely look like trackers are kept', () => {
  assert.equal(canonicalUrl('https://x.example/?ref=main&source=rss&utm=1'), 'https://x.example/?ref=main&source=rss&utm=1');
  assert.equal(isTrackingParam('ref'), false);
  assert.equal(isTrackingParam('utm_content'), true);
});

test('non-http(s) and unparsable URLs have no canonical form', () => {
  assert.equal(canonicalUrl('mailto:me@example.com'), undefined);
  assert.equal(canonicalUrl('javascript:alert(1)'), undefined);
  assert.equal(canonicalUrl('ftp://example.com/file'), undefined);
  assert.equal(canonicalUrl('/relative/path'), undefined);
  assert.equal(canonicalUrl('http://'), undefined);
  assert.equal(canonicalUrl(''), undefined);
});

test('international hosts are in their ASCII form; surrounding spaces ignored', () => {
  assert.equal(canonicalUrl('  https://Bücher.example/ä  '), 'https://xn--bcher-kva.example/%C3%A4');
});
