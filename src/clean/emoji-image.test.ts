import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emojiText } from './emoji-image.ts';

test('emoji pictures stand for their alt text', () => {
  assert.equal(emojiText('https://s.w.org/images/core/emoji/15.0.3/72x72/1f600.png', '😀'), '😀');
  assert.equal(emojiText('https://cdn.jsdelivr.net/gh/twitter/twemoji@14.0.2/assets/72x72/2764.png', '❤️'), '❤️');
});

test('other images, and emoji pictures without a usable alt, are not replaced', () => {
  assert.equal(emojiText('https://blog.example/1f600.png', '😀'), undefined);
  assert.equal(emojiText('https://s.w.org/images/core/emoji/15.0.3/72x72/1f600.png', ''), undefined);
  assert.equal(emojiText('https://s.w.org/images/core/emoji/15.0.3/72x72/1f600.png', undefined), undefined);
  assert.equal(emojiText('https://s.w.org/images/core/emoji/x.png', 'a very long description of a picture'), undefined);
});
