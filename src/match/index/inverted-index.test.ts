import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvertedIndex, LexicalHits, type KeywordBatch } from './inverted-index.ts';
import { TermDictionary } from './term-dictionary.ts';
import { filterKeywords } from './keyword-policy.ts';
import { seededRandom } from '../../seeded-random.ts';

type Keywords = Map<number, Map<number, number>>; // interest id → term → weight

function bruteForce(keywords: Keywords, terms: number[], weights: number[]): Map<number, { score: number; matched: number }> {
  const out = new Map<number, { score: number; matched: number }>();
  for (const [id, kw] of keywords) {
    let score = 0, matched = 0;
    terms.forEach((t, i) => { const w = kw.get(t); if (w !== undefined) { score += Math.fround(weights[i] * w); matched++; } });
    if (matched) out.set(id, { score, matched });
  }
  return out;
}

function hitsOf(index: InvertedIndex, hits: LexicalHits): Map<number, { score: number; matched: number }> {
  const out = new Map<number, { score: number; matched: number }>();
  for (let i = 0; i < hits.length; i++) {
    const id = index.idOfSlot(hits.slots[i]);
    assert.ok(!out.has(id), `interest ${id} reported twice`);
    out.set(id, { score: hits.scores[i], matched: hits.matchedTerms[i] });
  }
  return out;
}

function assertHits(actual: Map<number, { score: number; matched: number }>, expected: Map<number, { score: number; matched: number }>): void {
  assert.deepEqual([...actual.keys()].sort((a, b) => a - b), [...expected.keys()].sort((a, b) => a - b));
  for (const [id, e] of expected) {
    const a = actual.get(id)!;
    assert.equal(a.matched, e.matched, `matched terms of ${id}`);
    assert.ok(Math.abs(a.score - e.score) < 1e-4 * Math.max(1, e.score), `score of ${id}: ${a.score} vs ${e.score}`);
  }
}

function setup(seed: number) {
  const random = seededRandom(seed);
  const dict = new TermDictionary();
  for (let t = 0; t < 2000; t++) dict.intern(`term${t}`);
  const zipf = () => Math.min(1999, Math.floor(Math.exp(random() * Math.log(2000))) - 1);
  const index = new InvertedIndex(dict, { mergeRatio: 0.5 });
  const keywords: Keywords = new Map();
  const draw = () => {
    const kw = new Map<number, number>();
    for (let k = 0; k < 8; k++) kw.set(zipf(), 0.5 + random());
    return kw;
  };
  const setInterest = (id: number) => {
    const kw = draw();
    keywords.set(id, kw);
    index.set(id, [...kw.keys()], [...kw.values()]);
  };
  const post = () => {
    const terms = [...new Set(Array.from({ length: 60 }, zipf))];
    return { terms, weights: terms.map(() => random()) };
  };
  return { index, keywords, setInterest, post };
}

test('term-at-a-time scores equal a brute-force sum over shared terms', () => {
  const { index, keywords, setInterest, post } = setup(1);
  for (let id = 0; id < 3000; id++) setInterest(id * 3);
  index.merge();
  const hits = new LexicalHits(), uncounted = new LexicalHits(false);
  for (let trial = 0; trial < 20; trial++) {
    const { terms, weights } = post();
    const expected = bruteForce(keywords, terms, weights);
    assertHits(hitsOf(index, index.score(terms, weights, hits)), expected);
    // Without the counts: the same interests and scores (and the counts of a later call intact).
    const got = index.score(terms, weights, uncounted);
    assert.deepEqual([...got.slots.subarray(0, got.length)], [...hits.slots.subarray(0, hits.length)]);
    assert.deepEqual([...got.scores.subarray(0, got.length)], [...hits.scores.subarray(0, hits.length)]);
  }
  const last = post();
  assertHits(hitsOf(index, index.score(last.terms, last.weights, hits)), bruteForce(keywords, last.terms, last.weights));
});

test('interests that share no term with the post are never touched', () => {
  const dict = new TermDictionary();
  const [a, b, c] = ['alpha', 'beta', 'gamma'].map((t) => dict.intern(t));
  const index = new InvertedIndex(dict);
  index.set(1, [a], [1]);
  index.set(2, [b, c], [1, 2]);
  const hits = index.score([c], [0.5]);
  assert.equal(hits.length, 1);
  assert.equal(index.idOfSlot(hits.slots[0]), 2);
  assert.equal(hits.scores[0], 1);
});

test('edits, removals and slot reuse agree with brute force before and after merging', () => {
  const { index, keywords, setInterest, post } = setup(2);
  for (let id = 0; id < 2000; id++) setInterest(id);
  index.merge();
  for (let id = 0; id < 2000; id += 3) { index.remove(id); keywords.delete(id); }
  for (let id = 1; id < 2000; id += 5) setInterest(id); // replaced keywords
  for (let id = 5000; id < 5300; id++) setInterest(id); // reuse freed slots
  assert.equal(index.remove(123456), false);
  assert.equal(index.size, keywords.size);
  assert.ok(index.deltaPostings > 0, 'changes are pending in the delta');
  const samples = Array.from({ length: 10 }, post);
  for (const { terms, weights } of samples) assertHits(hitsOf(index, index.score(terms, weights)), bruteForce(keywords, terms, weights));
  index.merge();
  assert.equal(index.deltaPostings, 0);
  for (const { terms, weights } of samples) assertHits(hitsOf(index, index.score(terms, weights)), bruteForce(keywords, terms, weights));
});

test('new weights for the same keywords are rewritten in place, in base and delta, and score as a fresh index', () => {
  const { index, keywords, setInterest, post } = setup(5);
  for (let id = 0; id < 1500; id++) setInterest(id);
  index.merge();
  for (let id = 0; id < 1500; id += 4) setInterest(id); // new keywords: these live in the delta
  const delta = index.deltaPostings;
  assert.ok(delta > 0);
  const random = seededRandom(9);
  for (const [id, kw] of keywords) {
    for (const term of kw.keys()) kw.set(term, 0.25 + random());
    // The keywords in another order, one given twice (its weights add up, as set() always did).
    const terms = [...kw.keys()].reverse(), weights = terms.map((t) => kw.get(t)!);
    if (id % 7 === 0) { terms.push(terms[0]); weights[0] /= 2; weights.push(weights[0]); }
    index.set(id, terms, weights);
  }
  assert.equal(index.deltaPostings, delta, 'no posting was added: every weight changed where it was');
  const fresh = new InvertedIndex(index.dictionary);
  fresh.load([...keywords].map(([id, kw]) => ({ id, terms: [...kw.keys()], weights: [...kw.values()] })));
  for (let trial = 0; trial < 10; trial++) {
    const { terms, weights } = post();
    const got = hitsOf(index, index.score(terms, weights));
    assertHits(got, bruteForce(keywords, terms, weights));
    const want = hitsOf(fresh, fresh.score(terms, weights));
    for (const [id, h] of want) assert.equal(got.get(id)!.score, h.score, `interest ${id}: the same float32 sum`);
  }
  index.merge();
  for (let trial = 0; trial < 3; trial++) {
    const { terms, weights } = post();
    assertHits(hitsOf(index, index.score(terms, weights)), bruteForce(keywords, terms, weights));
  }
});

test('a bulk load builds the same index as one set() per interest', () => {
  const a = setup(4), b = setup(4);
  for (let id = 0; id < 500; id++) a.setInterest(id);
  a.index.merge();
  const refused = b.index.load([...a.keywords].map(([id, kw]) => ({ id, terms: [...kw.keys()], weights: [...kw.values()] })));
  assert.equal(refused, 0);
  assert.equal(b.index.deltaPostings, 0);
  assert.equal(b.index.postings, a.index.postings);
  for (let trial = 0; trial < 5; trial++) {
    const { terms, weights } = a.post();
    assertHits(hitsOf(b.index, b.index.score(terms, weights)), bruteForce(a.keywords, terms, weights));
  }
});

test('a load over existing interests replaces their keywords and keeps the others', () => {
  const { index, keywords, setInterest, post } = setup(6);
  for (let id = 0; id < 800; id++) setInterest(id);
  index.merge();
  for (let id = 0; id < 800; id += 5) setInterest(id); // pending in the delta
  const random = seededRandom(3);
  const changed = [...keywords.keys()].filter((id) => id % 3 === 0).map((id) => {
    const kw = new Map([...keywords.get(id)!].filter(() => random() < 0.7).map(([t, w]) => [random() < 0.3 ? (t + 17) % 2000 : t, w * 2]));
    keywords.set(id, kw);
    return { id, terms: [...kw.keys()], weights: [...kw.values()] };
  });
  changed.push({ id: 9000, terms: [1, 2], weights: [0.5, 0.25] });
  keywords.set(9000, new Map([[1, 0.5], [2, 0.25]]));
  index.load(changed);
  assert.equal(index.deltaPostings, 0);
  assert.equal(index.size, keywords.size);
  for (let trial = 0; trial < 10; trial++) {
    const { terms, weights } = post();
    assertHits(hitsOf(index, index.score(terms, weights)), bruteForce(keywords, terms, weights));
  }
});

test('a load that fails part way keeps the index consistent with what it set', () => {
  const { index, keywords, setInterest, post } = setup(7);
  for (let id = 0; id < 300; id++) setInterest(id);
  index.merge();
  const entries = [
    { id: 1, terms: [5, 6], weights: [1, 2] },
    { id: 2, terms: [7], weights: [1, 2] }, // lengths differ: set() throws
    { id: 3, terms: [8], weights: [1] },
  ];
  assert.throws(() => index.load(entries), /1 terms but 2 weights for interest 2/);
  keywords.set(1, new Map([[5, 1], [6, 2]]));
  for (let trial = 0; trial < 10; trial++) {
    const { terms, weights } = post();
    assertHits(hitsOf(index, index.score(terms, weights)), bruteForce(keywords, terms, weights));
  }
});

test('the delta merges by itself once it outgrows its share of the base', () => {
  const { index, setInterest } = setup(3);
  for (let id = 0; id < 1000; id++) setInterest(id);
  assert.ok(index.deltaPostings < 4096 + 8, 'merged at the minimum delta size');
  assert.ok(index.postings >= 1000 * 5);
});

test('stoplisted and common terms never become keywords', () => {
  const dict = new TermDictionary();
  const the = dict.intern('the'), news = dict.intern('news'), rust = dict.intern('rust'), stop = dict.intern('and');
  for (let i = 0; i < 2000; i++) dict.observe(i % 100 === 0 ? [the, news, rust] : i % 2 ? [the, news] : [the]);
  const policy = { minIdf: 2.5, minDocuments: 1000, stopTerms: new Set([stop]) };
  const verdict = filterKeywords([the, news, rust, stop, rust, news], [1, 1, 1, 1, 0.5, -1], dict, policy);
  assert.deepEqual(verdict.accepted, [rust]);
  assert.deepEqual(verdict.weights, [1.5]);
  assert.deepEqual(verdict.refused.map((r) => r.reason), ['idf-floor', 'idf-floor', 'stoplist', 'bad-weight']);

  const index = new InvertedIndex(dict, { policy });
  index.set(7, [the, rust], [1, 1]);
  assert.deepEqual(index.keywords(7), [{ term: rust, weight: 1 }]);
  assert.equal(index.score([the], [1]).length, 0);
  assert.equal(index.score([rust], [1]).length, 1);
});

test('before enough posts were observed only the stoplist applies', () => {
  const dict = new TermDictionary();
  const the = dict.intern('the');
  dict.observe([the]);
  const verdict = filterKeywords([the], [1], dict, { minIdf: 2.5, minDocuments: 1000, stopTerms: new Set() });
  assert.deepEqual(verdict.accepted, [the]);
});

/** Entries as reweight()'s batch. */
function batchOf(entries: readonly { id: number; terms: readonly number[]; weights: readonly number[] }[]): KeywordBatch {
  const start = new Int32Array(entries.length + 1);
  entries.forEach((e, i) => { start[i + 1] = start[i] + e.terms.length; });
  return {
    length: entries.length,
    ids: Int32Array.from(entries, (e) => e.id),
    start,
    terms: Int32Array.from(entries.flatMap((e) => e.terms)),
    weights: Float64Array.from(entries.flatMap((e) => e.weights)),
  };
}

test('reweight() rewrites an IDF refresh in place, base and delta, and scores as a load of the same weights; it declines what it cannot do', () => {
  const { index, keywords, setInterest, post } = setup(12);
  for (let id = 0; id < 800; id++) setInterest(id);
  index.merge();
  for (let id = 0; id < 800; id += 5) setInterest(id); // edited since: their postings are in the delta
  assert.ok(index.deltaPostings > 0);
  const random = seededRandom(13);
  const refreshed = [...keywords].map(([id, kw]) => {
    const terms = [...kw.keys()].reverse(); // any order
    return { id, terms, weights: terms.map(() => 0.1 + random()) };
  });
  const postings = index.postings, delta = index.deltaPostings;
  assert.equal(index.reweight(batchOf(refreshed)), true);
  assert.equal(index.postings, postings, 'no posting added');
  assert.equal(index.deltaPostings, delta);
  const loaded = new InvertedIndex(index.dictionary);
  loaded.load(refreshed);
  for (let trial = 0; trial < 10; trial++) {
    const { terms, weights } = post();
    const got = hitsOf(index, index.score(terms, weights)), want = hitsOf(loaded, loaded.score(terms, weights));
    assert.deepEqual([...got].sort((a, b) => a[0] - b[0]), [...want].sort((a, b) => a[0] - b[0]));
  }
  // Where the first reweight found each posting goes stale as interests change (edited: new
  // postings in the delta, the old ones retired; removed; re-added in a freed slot): still
  // rewritten where they live now, still scored as a load.
  for (let id = 1; id < 800; id += 7) setInterest(id);
  for (let id = 2; id < 800; id += 11) { index.remove(id); keywords.delete(id); }
  for (let id = 800; id < 820; id++) setInterest(id);
  const again = [...keywords].map(([id, kw]) => {
    const terms = [...kw.keys()];
    return { id, terms, weights: terms.map(() => 0.1 + random()) };
  });
  assert.equal(index.reweight(batchOf(again)), true);
  const reloaded = new InvertedIndex(index.dictionary);
  reloaded.load(again);
  for (let trial = 0; trial < 10; trial++) {
    const { terms, weights } = post();
    const got = hitsOf(index, index.score(terms, weights)), want = hitsOf(reloaded, reloaded.score(terms, weights));
    assert.deepEqual([...got].sort((a, b) => a[0] - b[0]), [...want].sort((a, b) => a[0] - b[0]));
  }
  const first = refreshed[0];
  assert.equal(index.reweight(batchOf([{ ...first, terms: [...first.terms.slice(1), 1999 - first.terms[0]] }])), false, 'another term');
  assert.equal(index.reweight(batchOf([{ ...first, terms: [first.terms[0], ...first.terms.slice(0, -1)] }])), false, 'a term twice');
  assert.equal(index.reweight(batchOf([{ ...first, weights: first.weights.map((w, i) => (i ? w : 0)) }])), false, 'a weight of 0');
  assert.equal(index.reweight(batchOf([{ id: 5000, terms: [1], weights: [1] }])), false, 'an unknown interest');
});
