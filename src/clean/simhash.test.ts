import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { EMPTY_SIMHASH, hammingDistance, isNearDuplicate, NEAR_DUPLICATE_MAX_DISTANCE, simhash } from './simhash.ts';

const ARTICLE = `The city council voted on Tuesday to replace the ageing tram fleet with forty new low-floor
vehicles, ending a debate that has run for almost six years. The contract, worth an estimated 310 million
euros, goes to a consortium that already builds trams for three other European cities. Supporters said the
new vehicles would cut energy use by a quarter and make every stop accessible to wheelchair users and parents
with prams. Opponents argued that the money would be better spent extending the network to the northern
suburbs, where many residents still depend on crowded buses. The first trams are expected to enter service
in the spring of 2027, after a year of testing on the existing lines. Drivers will be retrained during the
winter, and the depot in the harbour district will be rebuilt to house the longer vehicles. The mayor said
the decision showed that the city could still plan for the long term, while the opposition promised to keep
pressing for the northern extension in next year's budget negotiations. Ticket prices will not change as a
result of the purchase, the transport authority said, although a review of fares is planned for next year.`;

const UNRELATED = `Researchers studying alpine lakes have found that the water has warmed by almost two degrees
over the past four decades, twice as fast as the surrounding air. The team measured temperature, oxygen and
algae at different depths in twelve lakes every summer since 1983, using the same instruments and methods so
that the readings could be compared over time. Warmer surface water mixes less with the colder layers below,
which starves the deep water of oxygen and threatens the fish that spawn there. Several lakes now show algal
blooms in late summer that were unknown when the measurements began. The scientists warn that reduced snow
cover will speed the trend up, and call for a network of automatic buoys to track the changes year round.`;

test('a fingerprint is 16 hex digits and depends only on the words', () => {
  assert.match(simhash(ARTICLE), /^[0-9a-f]{16}$/);
  assert.equal(simhash(ARTICLE), simhash(ARTICLE));
  // Case, punctuation and spacing are not words.
  assert.equal(simhash('Hello, World! How are you?'), simhash('hello world   how are you'));
  assert.notEqual(simhash('dog bites man today'), simhash('man bites dog today'));
});

test('a text without words has the empty fingerprint, which never counts as a duplicate', () => {
  assert.equal(simhash(''), EMPTY_SIMHASH);
  assert.equal(simhash(' -- !! '), EMPTY_SIMHASH);
  assert.equal(isNearDuplicate(EMPTY_SIMHASH, EMPTY_SIMHASH), false);
});

test('short texts: fewer words than a shingle still get a fingerprint; only identical words match', () => {
  assert.notEqual(simhash('Hello'), EMPTY_SIMHASH);
  assert.equal(simhash('Breaking: Hello!'), simhash('breaking hello'));
  assert.ok(hammingDistance(simhash('hello'), simhash('goodbye')) > NEAR_DUPLICATE_MAX_DISTANCE);
});

test('hammingDistance counts differing bits and refuses malformed fingerprints', () => {
  assert.equal(hammingDistance('0000000000000000', '0000000000000000'), 0);
  assert.equal(hammingDistance('0000000000000000', 'ffffffffffffffff'), 64);
  assert.equal(hammingDistance('8000000000000001', '0000000000000000'), 2);
  assert.equal(hammingDistance('00000000F0000000', '0000000000000000'), 4);
  assert.throws(() => hammingDistance('123', '0000000000000000'), RangeError);
  assert.throws(() => hammingDistance('000000000000000g', '0000000000000000'), RangeError);
  assert.throws(() => hammingDistance('000000000000000\u0010', '0000000000000000'), RangeError);
  assert.throws(() => hammingDistance('00000000000000000', '0000000000000000'), RangeError);
});

test('lightly edited copies of an article are near; an unrelated article is far', () => {
  const original = simhash(ARTICLE);
  const edits = {
    'typo fixed': ARTICLE.replace('ageing', 'aging'),
    'a word changed': ARTICLE.replace('forty new', 'forty-two new'),
    'byline added': 'By Anna Berg, transport correspondent. ' + ARTICLE,
  };
  for (const [edit, text] of Object.entries(edits)) {
    const distance = hammingDistance(original, simhash(text));
    assert.ok(distance <= NEAR_DUPLICATE_MAX_DISTANCE, `${edit}: ${distance} bits`);
    assert.ok(isNearDuplicate(original, simhash(text)), edit);
  }
  // The limit of a 64-bit fingerprint on a short article: 12 new words on ~190 (6% new bigrams) moves
  // it about as far as the threshold. Closer than chance by far, but not reliably "near".
  const footer = hammingDistance(original, simhash(ARTICLE + '\nThe post Council buys new trams appeared first on City News.'));
  assert.ok(footer <= 2 * NEAR_DUPLICATE_MAX_DISTANCE, `syndication footer: ${footer} bits`);
  const unrelated = hammingDistance(original, simhash(UNRELATED));
  assert.ok(unrelated >= 16, `unrelated article only ${unrelated} bits away`);
  assert.equal(isNearDuplicate(original, simhash(UNRELATED)), false);
});

test('BBC News corpus: duplicates are near, unrelated articles far, one-word edits mostly near', (t) => {
  const file = new URL('../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url);
  if (!existsSync(file)) {
    t.skip(`corpus not found at ${file.pathname}`);
    return;
  }
  const docs = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; text: string });
  const hashes = docs.map((doc) => simhash(doc.text));
  const words = docs.map((doc) => doc.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

  let pairs = 0;
  let sum = 0;
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const distance = hammingDistance(hashes[i], hashes[j]);
      if (docs[i].text === docs[j].text) {
        assert.equal(distance, 0, `${docs[i].id} and ${docs[j].id} have the same text`);
        continue;
      }
      pairs++;
      sum += distance;
      // Anything this close must really be the same story (the corpus has a few re-edited copies).
      if (distance <= NEAR_DUPLICATE_MAX_DISTANCE) {
        const overlap = wordJaccard(words[i], words[j]);
        assert.ok(overlap >= 0.9, `${docs[i].id} and ${docs[j].id}: ${distance} bits apart, word overlap ${overlap}`);
      }
    }
  }
  const mean = sum / pairs;
  assert.ok(mean > 29 && mean < 35, `mean distance between different articles ${mean}, expected about 32`);

  // Replace one word in every fifth article (deterministically) and count how many stay near.
  let near = 0;
  let edited = 0;
  for (let i = 0; i < docs.length; i += 5) {
    const tokens = docs[i].text.split(' ');
    tokens[(i * 7919) % tokens.length] = 'replacement';
    if (isNearDuplicate(hashes[i], simhash(tokens.join(' ')))) near++;
    edited++;
  }
  // Measured: 88% with 2-word shingles (3-word shingles: 72%).
  assert.ok(near / edited >= 0.8, `only ${near} of ${edited} one-word edits stayed within ${NEAR_DUPLICATE_MAX_DISTANCE} bits`);
});

function wordJaccard(a: string[], b: string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared++;
  return shared / (setA.size + setB.size - shared);
}
