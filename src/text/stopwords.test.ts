import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STOPWORDS, isStopword } from './stopwords.ts';
import { words } from './tokenize.ts';

test('function words are stopwords, topic words are not', () => {
  for (const w of ['the', 'and', 'of', "don't", 'will', 'can']) assert.ok(isStopword(w), w);
  for (const w of ['cloud', 'football', 'inflation', 'ai', 'rust', 'news']) assert.ok(!isStopword(w), w);
});

test('the list is in the tokenizer’s own forms', () => {
  for (const w of STOPWORDS) assert.deepEqual(words(w), [w], `${w} is not one token as the tokenizer emits it`);
});

test('stopwords are dropped from a phrase, leaving its content words', () => {
  assert.deepEqual(words("The state of the cloud: what's next").filter((w) => !isStopword(w)), ['state', 'cloud', 'next']);
});
