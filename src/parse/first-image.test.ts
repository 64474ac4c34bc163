import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstImage } from './first-image.ts';

test('the first <img> src, resolved; none for data: URLs or no image', () => {
  assert.equal(firstImage('<p>x <IMG alt="a" src="/a.png"> <img src="b.png">', 'http://e.com/p/'), 'http://e.com/a.png');
  assert.equal(firstImage("<img src='x.jpg?a=1&amp;b=2'>", 'http://e.com/'), 'http://e.com/x.jpg?a=1&b=2');
  assert.equal(firstImage('<img src=data:image/gif;base64,AAA>', undefined), undefined);
  assert.equal(firstImage('no images <imgx src="a">', undefined), undefined);
  assert.equal(firstImage(undefined, undefined), undefined);
});
