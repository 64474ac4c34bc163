import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lexicalDocument } from './document.ts';
import { StemDocument, StemLexicon } from './stem-document.ts';

const POSTS: [string, string][] = [
  ['Mobile phones', 'The mobile phone market: mobile phones sell, and 2024 was big.'],
  ['GPUs and LLMs', 'Open-source LLMs on cheap GPUs: inference costs fell 3.5% in state-of-the-art labs.'],
  ['Grand Prix', 'Formule 1 : le pilote de l’écurie a gagné le Grand Prix de Monaco. 日本語のテキスト.'],
  ['', ''],
  ['Only a title', ''],
];

test('a post kept as stem ids builds back the document lexicalDocument gives, to the last count', () => {
  const lexicon = new StemLexicon();
  for (const [title, text] of POSTS) {
    const expected = lexicalDocument(title, text);
    const { stems, view } = StemDocument.analyse(title, text, lexicon);
    assert.deepEqual(stems.document(), expected, title);
    for (const doc of [view, stems.view()]) {
      assert.deepEqual(doc.counts, expected.counts, title);
      assert.deepEqual(doc.title, expected.title, title);
      assert.equal(doc.length, expected.length, title);
    }
  }
  assert.ok(lexicon.size > 20 && lexicon.size < 60, `${lexicon.size} stems`);
});

test('mayHold says no only for a document that holds none of the terms', () => {
  const lexicon = new StemLexicon();
  const docs = POSTS.map(([title, text]) => ({ full: lexicalDocument(title, text), view: StemDocument.analyse(title, text, lexicon).stems.view() }));
  const queries = [
    new Map([['mobil phone', 1]]), new Map([['grand prix', 1], ['formul', 0.5]]), new Map([['infer', 1], ['cost', 1]]),
    new Map([['zebra', 1]]), new Map([['phone market', 1]]), new Map([['state art', 1]]), new Map([['titl', 1]]),
  ];
  let saidNo = 0;
  for (const query of queries) {
    for (const { full, view } of docs) {
      const holds = [...query.keys()].some((t) => full.counts.has(t));
      if (holds) assert.ok(view.mayHold!(query), `${[...query.keys()]} is in the document`);
      if (!view.mayHold!(query)) saidNo++;
    }
  }
  assert.ok(saidNo >= 20, `${saidNo} documents skipped of ${queries.length * docs.length}`);
  // A stem the lexicon learns after a query was first asked about still counts.
  const later = StemDocument.analyse('Zebras', 'A zebra crossing.', lexicon).stems.view();
  assert.ok(later.mayHold!(queries[3]));
});
