import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSafeUrl, resolveSrcset } from './safe-url.ts';

const BASE = 'https://blog.example/posts/1/';

test('relative URLs resolve against the base; without one they are refused', () => {
  assert.equal(resolveSafeUrl('../2/', 'link', BASE), 'https://blog.example/posts/2/');
  assert.equal(resolveSafeUrl('#note', 'link', BASE), 'https://blog.example/posts/1/#note');
  assert.equal(resolveSafeUrl('../2/', 'link'), undefined);
  assert.equal(resolveSafeUrl('//cdn.example/a.png', 'image'), 'https://cdn.example/a.png');
  assert.equal(resolveSafeUrl('//cdn.example/a.png', 'image', 'http://blog.example/'), 'http://cdn.example/a.png');
});

test('schemes are judged as the browser parses them', () => {
  for (const trick of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' \u0001javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', 'vbscript:x']) {
    assert.equal(resolveSafeUrl(trick, 'link', BASE), undefined, JSON.stringify(trick));
  }
  assert.equal(resolveSafeUrl('mailto:a@b.example', 'link'), 'mailto:a@b.example');
  assert.equal(resolveSafeUrl('mailto:a@b.example', 'resource'), undefined);
  assert.equal(resolveSafeUrl('ftp://x.example/f', 'link'), undefined);
});

test('data: URLs only as raster images', () => {
  assert.equal(resolveSafeUrl('data:image/png;base64,AAAA', 'image'), 'data:image/png;base64,AAAA');
  assert.equal(resolveSafeUrl('DATA:image/WEBP;base64,AAAA', 'image'), 'data:image/WEBP;base64,AAAA');
  assert.equal(resolveSafeUrl('data:image/svg+xml;base64,AAAA', 'image'), undefined);
  assert.equal(resolveSafeUrl('data:text/html,<script>', 'image'), undefined);
  assert.equal(resolveSafeUrl('data:image/png;base64,AAAA', 'link'), undefined);
  assert.equal(resolveSafeUrl('data:image/png;base64,AAAA', 'resource'), undefined);
});

test('srcset candidates are resolved one by one and unsafe ones dropped', () => {
  assert.equal(
    resolveSrcset('a.png 1x,b.png 2x, javascript:alert(1) 3x', BASE),
    'https://blog.example/posts/1/a.png 1x, https://blog.example/posts/1/b.png 2x',
  );
  assert.equal(resolveSrcset('small.jpg 480w, large.jpg 1080w', BASE), 'https://blog.example/posts/1/small.jpg 480w, https://blog.example/posts/1/large.jpg 1080w');
  // A data: URL holds a comma; odd descriptors are dropped rather than passed through.
  assert.equal(resolveSrcset('data:image/png;base64,AAAA 1x, x.png onerror=1', BASE), 'data:image/png;base64,AAAA 1x, https://blog.example/posts/1/x.png');
  assert.equal(resolveSrcset('a.png 0w, b.png 0x, c.png 1.5x, d.png .5x', BASE),
    'https://blog.example/posts/1/a.png, https://blog.example/posts/1/b.png, https://blog.example/posts/1/c.png 1.5x, https://blog.example/posts/1/d.png .5x');
  assert.equal(resolveSrcset('javascript:alert(1)', BASE), undefined);
  assert.equal(resolveSrcset('', BASE), undefined);
});
