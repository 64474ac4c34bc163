import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeHtml } from './text-construct.ts';

test('RSS titles that look like HTML are taken as HTML', () => {
  assert.equal(looksLikeHtml('Rent &#x0024;4300 560ft<sup>2</sup>'), true);
  assert.equal(looksLikeHtml('New Book: &quot;Flex on Rails&quot;'), true);
  assert.equal(looksLikeHtml('<b>bold</b> move'), true);
  assert.equal(looksLikeHtml('I <3 TDD'), false);
  assert.equal(looksLikeHtml('Rails & Merb'), false);
  assert.equal(looksLikeHtml('Use <T> and </T> in generics'), false);
  assert.equal(looksLikeHtml('plain'), false);
});
