import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, type Segment } from './highlight.ts';

/** Segments written compactly: matches in [brackets]. */
const show = (segments: readonly Segment[]): string => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

test('stems match every inflection, whatever the case', () => {
  // Porter2 puts economic and ECONOMICS under econom, economy under economi, economists apart.
  assert.equal(show(highlight('Economic data surprise ECONOMICS economists on the economy', ['econom'])), '[Economic] data surprise [ECONOMICS] economists on the economy');
  assert.equal(show(highlight('RUNNING shoes for runners who run', ['run'])), '[RUNNING] shoes for runners who [run]');
});

test('segments concatenate back to the title exactly', () => {
  const title = '  «Large Language Models», explained — again!  ';
  const segments = highlight(title, ['languag model', 'explain']);
  assert.equal(segments.map((s) => s.text).join(''), title);
  assert.equal(show(segments), '  «Large [Language Models]», [explained] — again!  ');
});

test('phrases match consecutive content words, across stopwords, and not apart', () => {
  assert.equal(show(highlight('The state of the art in mobile phones', ['state art', 'mobil phone'])), 'The [state of the art] in [mobile phones]');
  assert.equal(show(highlight('Phone makers go mobile', ['mobil phone'])), 'Phone makers go mobile');
  // A number between the words is skipped like a stopword, as the matcher skips it.
  assert.equal(show(highlight('Covid 19 vaccine approved', ['covid vaccin'])), '[Covid 19 vaccine] approved');
});

test('punctuation between the words of a phrase is highlighted with them; around them, not', () => {
  assert.equal(show(highlight('Machine-learning: "neural networks", revisited.', ['neural network'])), 'Machine-learning: "[neural networks]", revisited.');
  assert.equal(show(highlight('Apple, Inc. reports', ['appl inc'])), '[Apple, Inc]. reports');
});

test('compounds match as a whole or by their parts', () => {
  assert.equal(show(highlight('Open-source tools and open source people', ['open sourc'])), '[Open-source] tools and [open source] people');
  assert.equal(show(highlight('State-of-the-art chips', ['state art'])), '[State-of-the-art] chips');
  assert.equal(show(highlight('GPT-4 and node.js and C++', ['gpt-4', 'node.js', 'c++'])), '[GPT-4] and [node.js] and [C++]');
});

test('terms written as words work too, and acronym plurals match their singular', () => {
  assert.equal(show(highlight('New GPUs for large language models', ['GPU', 'Language Models'])), 'New [GPUs] for large [language models]');
});

test('overlapping matches merge; adjacent ones stay apart', () => {
  assert.equal(show(highlight('A machine learning model', ['machin learn', 'learn model'])), 'A [machine learning model]');
  assert.equal(show(highlight('Deep learning', ['deep', 'learn'])), '[Deep] [learning]');
});

test('Unicode: accents, other scripts, and offsets past astral characters', () => {
  assert.equal(show(highlight('Café culture in Zürich', ['café', 'zürich'])), '[Café] culture in [Zürich]');
  assert.equal(show(highlight('🚀 Rocket launch 🚀 успешный запуск', ['rocket', 'запуск'])), '🚀 [Rocket] launch 🚀 успешный [запуск]');
  // NFKC: a full-width title matches a plain term, and the original characters are kept.
  assert.equal(show(highlight('ＡＩ safety', ['ai'])), '[ＡＩ] safety');
  // Unspaced scripts are one token per character.
  assert.equal(show(highlight('東京の天気', ['東', '京'])), '[東][京]の天気');
});

test('stopwords and bare numbers are never highlighted alone; nothing to match gives one plain segment', () => {
  assert.equal(show(highlight('The 2024 report on the economy', ['the', '2024', 'on'])), 'The 2024 report on the economy');
  assert.deepEqual(highlight('Plain title', []), [{ text: 'Plain title', match: false }]);
  assert.deepEqual(highlight('', ['x']), []);
  assert.deepEqual(highlight('Everything', ['everyth']), [{ text: 'Everything', match: true }]);
});
