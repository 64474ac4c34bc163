import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diversify, MaxRunError } from './diversity.ts';

interface Item {
  id: number;
  source: string;
}
const items = (sources: string): Item[] => [...sources].map((source, id) => ({ id, source }));
const sourceOf = (item: Item): string => item.source;
const sourcesOf = (list: readonly Item[]): string => list.map((i) => i.source).join('');

/** The rule written the slow, obvious way: take the best item whose source is not blocked. */
function reference(ranked: readonly Item[], maxRun: number): Item[] {
  const left = [...ranked];
  const out: Item[] = [];
  while (left.length > 0) {
    const tail = out.slice(-maxRun);
    const blocked = tail.length === maxRun && tail.every((i) => i.source === tail[0].source) ? tail[0].source : undefined;
    let pick = left.findIndex((i) => i.source !== blocked);
    if (pick < 0) pick = 0;
    out.push(left.splice(pick, 1)[0]);
  }
  return out;
}

test('a long run from one source is broken by the next best item of another', () => {
  const out = diversify(items('AAAAABBC'), sourceOf);
  assert.equal(sourcesOf(out), 'AABAABAC');
  assert.deepEqual(out.map((i) => i.id), [0, 1, 5, 2, 3, 6, 4, 7]);
  // With runs of one, sources alternate while they last; then A runs on alone.
  assert.equal(sourcesOf(diversify(items('AAAAABBC'), sourceOf, 1)), 'ABABACAA');
});

test('each source keeps its own order, and the list keeps every item once', () => {
  const input = items('AAABBBBAACCCCCAB');
  const out = diversify(input, sourceOf);
  assert.deepEqual([...out].sort((a, b) => a.id - b.id), input);
  for (const s of 'ABC') {
    const ids = out.filter((i) => i.source === s).map((i) => i.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  }
});

test('a diverse list is left as it is; a single source runs on', () => {
  const diverse = items('ABABCCABBA');
  assert.deepEqual(diversify(diverse, sourceOf), diverse);
  const single = items('AAAAA');
  assert.deepEqual(diversify(single, sourceOf), single);
  assert.deepEqual(diversify([], sourceOf), []);
});

test('no run is longer than maxRun while other sources have items left', () => {
  const out = sourcesOf(diversify(items('AAAAAAAAAABCBCBCDDDDDDDD'), sourceOf, 2));
  // A's ten items are spread between B and C; once only D is left, D runs on.
  assert.equal(out, 'AABAACAABAACAABC' + 'DDDDDDDD');
  assert.doesNotMatch(out.slice(0, 16), /(.)\1\1/);
});

test('matches the obvious rule on random lists (deterministic seed)', () => {
  let seed = 12345;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 300; round++) {
    const n = Math.floor(random() * 40);
    const alphabet = 'ABCDE'.slice(0, 1 + Math.floor(random() * 5));
    // Skewed: the first source is the prolific one.
    const input = Array.from({ length: n }, (_, id) => ({
      id,
      source: random() < 0.6 ? alphabet[0] : alphabet[Math.floor(random() * alphabet.length)],
    }));
    const maxRun = 1 + Math.floor(random() * 3);
    assert.deepEqual(diversify(input, sourceOf, maxRun), reference(input, maxRun), `${sourcesOf(input)} maxRun=${maxRun}`);
  }
});

test('numbers and strings name sources; a bad run limit is refused', () => {
  const numbered = [{ id: 0, feed: 1 }, { id: 1, feed: 1 }, { id: 2, feed: 1 }, { id: 3, feed: 2 }];
  assert.deepEqual(diversify(numbered, (i) => i.feed).map((i) => i.id), [0, 1, 3, 2]);
  for (const bad of [0, -1, 1.5, NaN]) assert.throws(() => diversify(numbered, (i) => i.feed, bad), MaxRunError);
});

test('thousands of items from a dominant source', () => {
  const input = Array.from({ length: 5000 }, (_, id) => ({ id, source: id % 50 === 0 ? `other${id}` : 'big' }));
  const out = diversify(input, sourceOf);
  assert.equal(out.length, 5000);
  assert.deepEqual(out.slice(0, 4).map((i) => i.source), ['other0', 'big', 'big', 'other50']);
});
