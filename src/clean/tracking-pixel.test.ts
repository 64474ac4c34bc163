import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrackingPixel } from './tracking-pixel.ts';

test('images of at most one pixel either way are trackers', () => {
  assert.equal(isTrackingPixel({ src: 'https://x.example/p.gif', width: '1', height: '1' }), true);
  assert.equal(isTrackingPixel({ src: 'https://x.example/p.gif', width: '0' }), true);
  assert.equal(isTrackingPixel({ src: 'https://x.example/p.gif', height: '1px' }), true);
  assert.equal(isTrackingPixel({ src: 'https://x.example/a.png', width: '2', height: '300' }), false);
  assert.equal(isTrackingPixel({ src: 'https://x.example/a.png', width: '1%' }), false);
  assert.equal(isTrackingPixel({ src: 'https://x.example/a.png' }), false);
});

test('images from counter hosts are trackers whatever their size', () => {
  assert.equal(isTrackingPixel({ src: 'https://pixel.wp.com/g.gif?blog=1' }), true);
  assert.equal(isTrackingPixel({ src: 'https://feeds.feedburner.com/~r/blog/~4/abc' }), true);
  assert.equal(isTrackingPixel({ src: 'https://feeds.feedburner.com/blog.png' }), false);
  assert.equal(isTrackingPixel({ src: 'https://i0.wp.com/blog.example/a.jpg' }), false);
});
