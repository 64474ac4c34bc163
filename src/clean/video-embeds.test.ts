import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedVideoEmbed } from './video-embeds.ts';

test('players on the allow-list are kept, upgraded to https', () => {
  assert.equal(allowedVideoEmbed('http://www.youtube.com/embed/abc?start=3'), 'https://www.youtube.com/embed/abc?start=3');
  assert.equal(allowedVideoEmbed('https://www.youtube-nocookie.com/embed/abc'), 'https://www.youtube-nocookie.com/embed/abc');
  assert.equal(allowedVideoEmbed('https://player.vimeo.com/video/42'), 'https://player.vimeo.com/video/42');
  assert.equal(allowedVideoEmbed('https://www.dailymotion.com/embed/video/x8'), 'https://www.dailymotion.com/embed/video/x8');
});

test('other pages of those sites, look-alike hosts and other sites are refused', () => {
  for (const src of [
    'https://www.youtube.com/watch?v=abc',
    'https://www.youtube.com/redirect?q=https://evil.example/',
    'https://vimeo.com/42',
    'https://www.youtube.com.evil.example/embed/abc',
    'https://evilyoutube.com/embed/abc',
    'https://www.youtube.com:8443/embed/abc',
    'https://user:pw@www.youtube.com/embed/abc',
    'https://tube.example/videos/embed/abc',
    'javascript:alert(1)//www.youtube.com/embed/',
    'not a url',
  ]) {
    assert.equal(allowedVideoEmbed(src), undefined, src);
  }
});
