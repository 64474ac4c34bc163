import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compoundParts, tokenize, words } from './tokenize.ts';

test('lower-cases and splits on spaces and punctuation', () => {
  assert.deepEqual(words('Hello, World! How are you?'), ['hello', 'world', 'how', 'are', 'you']);
});

test('keeps programming and product names whole', () => {
  assert.deepEqual(words('C++ and C# on .NET, Node.js vs GPT-4o; notepad++ g++'), [
    'c++', 'and', 'c#', 'on', '.net', 'node.js', 'vs', 'gpt-4o', 'notepad++', 'g++',
  ]);
});

test('an ampersand between letters joins them; with spaces it is punctuation', () => {
  assert.deepEqual(words('AT&T and R&D, rock & roll'), ['at&t', 'and', 'r&d', 'rock', 'roll']);
});

test('a plus or hash between words is punctuation, not part of a word', () => {
  assert.deepEqual(words('x+y #hashtag c##'), ['x', 'y', 'hashtag', 'c']);
});

test('numbers: decimals and thousands separators', () => {
  assert.deepEqual(words('Pi is 3.14, about 1,000,000 users (12%), COVID-19 in 2024.'), [
    'pi', 'is', '3.14', 'about', '1000000', 'users', '12', 'covid-19', 'in', '2024',
  ]);
  // A comma followed by a space separates a list, it is not a thousands separator.
  assert.deepEqual(words('1, 2,3 4,5678'), ['1', '2', '3', '4', '5678']);
});

test('apostrophes inside words stay; quotes around words go', () => {
  assert.deepEqual(words("Don’t panic: O'Reilly's 'quoted' students' '90s"), [
    "don't", 'panic', "o'reilly's", 'quoted', 'students', '90s',
  ]);
});

test('trailing sentence dots are dropped, abbreviations keep their inner dots', () => {
  assert.deepEqual(words('In the U.S. today. Then e.g. this...'), ['in', 'the', 'u.s', 'today', 'then', 'e.g', 'this']);
});

test('hyphenated compounds are one token and expose their parts', () => {
  assert.deepEqual(words('state-of-the-art e-mail -- foo_bar'), ['state-of-the-art', 'e-mail', 'foo_bar']);
  assert.deepEqual(compoundParts('state-of-the-art'), ['state', 'of', 'the', 'art']);
  assert.deepEqual(compoundParts('foo_bar'), ['foo', 'bar']);
  assert.deepEqual(compoundParts('node.js'), []);
});

test('Unicode: accents kept, compatibility forms folded, unspaced scripts split per character', () => {
  assert.deepEqual(words('Café NAÏVE ﬁne ＡＢＣ Straße ΣΊΣΥΦΟΣ'), ['café', 'naïve', 'fine', 'abc', 'straße', 'σίσυφος']);
  assert.deepEqual(words('東京に行く'), ['東', '京', 'に', '行', 'く']);
  assert.deepEqual(words('สวัสดีครับ'), ['ส', 'วั', 'ส', 'ดี', 'ค', 'รั', 'บ'], 'Thai: a character with its vowel signs');
  assert.deepEqual(words('Привет, мир'), ['привет', 'мир']);
});

test('offsets point into the original string, indexes count tokens', () => {
  const text = '  Rust’s “async” story, in 2024!';
  const tokens = tokenize(text);
  assert.deepEqual(
    tokens.map((t) => [text.slice(t.start, t.end), t.index]),
    [['Rust’s', 0], ['async', 1], ['story', 2], ['in', 3], ['2024', 4]],
  );
  assert.equal(tokens[0].text, "rust's");
});

test('offsets stay right after astral characters (emoji are not tokens)', () => {
  const text = '🚀 Launch 🚀day';
  const tokens = tokenize(text);
  assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['Launch', 'day']);
});

test('URLs and handles break into their words', () => {
  assert.deepEqual(words('@user see https://ex.com/a-b?q=1'), ['user', 'see', 'https', 'ex.com', 'a-b', 'q', '1']);
});

test('runs too long to be words are skipped', () => {
  const blob = 'A'.repeat(65);
  assert.deepEqual(words(`before ${blob} after ${'b'.repeat(64)}`), ['before', 'after', 'b'.repeat(64)]);
});

test('empty and punctuation-only text give no tokens', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize(' -- ... !!! '), []);
});
