import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusStatistics } from '../match/score/corpus-statistics.ts';
import { CONTENT_STEMS_ANALYSIS, lexicalDocument } from '../match/score/document.ts';
import { openStore } from '../store/open.ts';
import { post } from '../store/store-conformance.ts';
import { DEFAULT_BM25 } from '../match/score/lexical.ts';
import { tfidfOfTerms } from '../match/score/tfidf.ts';
import { PostDocuments } from './post-documents.ts';

test('each post is analysed once, again when its text changed, and forgotten when it leaves the window', () => {
  const documents = new PostDocuments();
  const post = { id: 7, title: 'Hamilton wins', text: 'Lewis Hamilton won the Monaco Grand Prix.' };
  const first = documents.documentFor(post);
  assert.deepEqual(first.counts, lexicalDocument(post.title, post.text).counts);
  const again = documents.documentFor({ ...post });
  assert.deepEqual(again.counts, first.counts);
  assert.equal(documents.size, 1);
  // A refetch that changed the text (same length, other words) is analysed again.
  const edited = { ...post, text: 'Lewis Hamilton won the Silverstone race!!' };
  assert.equal(edited.text.length, post.text.length);
  assert.deepEqual(documents.documentFor(edited).counts, lexicalDocument(edited.title, edited.text).counts);
  assert.ok(!documents.documentFor(edited).counts.has('monaco'));
  documents.documentFor({ id: 8, title: 'Camper vans', text: 'A van conversion.' });
  assert.equal(documents.size, 2);
  documents.keepOnly([8, 9]);
  assert.equal(documents.size, 1);
  assert.deepEqual(documents.documentFor({ id: 8, title: 'Camper vans', text: 'A van conversion.' }).counts, lexicalDocument('Camper vans', 'A van conversion.').counts);
});

test('posts analysed with a revision are stored once; documents read back from the store are the analysed ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-post-documents-'));
  const store = await openStore(join(dir, 'sluice.db'));
  try {
    const user = await store.defaultUser();
    const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    const texts = [
      { title: 'Hamilton wins in Monaco', text: 'Lewis Hamilton won the Monaco Grand Prix. Formula One racing at Monaco.' },
      { title: '', text: 'A campervan conversion: the campervan bed, van life. Über-naïve 東京 camper-vans!' },
      { title: 'No revision', text: 'Not stored.' },
    ];
    await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, nextFetchAt: new Date(),
      posts: texts.map((t, i) => post(`p${i}`, { ...t, contentHtml: `<p>${t.text}</p>` })) });
    const posts = (await store.posts({ order: 'oldest' })).map((p) => ({ id: p.id, revision: p.revision, title: p.title, text: p.text }));
    const documents = new PostDocuments();
    const analysed = posts.slice(0, 2).map((p) => documents.documentFor(p));
    documents.documentFor({ ...posts[2], revision: undefined });
    await documents.saveAnalysed(store);
    const [a, b, c] = posts.map((p) => p.id);
    assert.deepEqual([...(await store.postStems(CONTENT_STEMS_ANALYSIS, [a, b, c])).keys()], [a, b], 'the posts analysed with a revision');
    assert.deepEqual(await store.stemsOf([1]), new Map([[1, 'hamilton']]), 'its stems in the dictionary, in their order');
    assert.deepEqual(documents.compactDocumentAt(b, 0)?.counts, analysed[1].counts, 'held at its revision');
    assert.equal(documents.compactDocumentAt(b, 1), undefined);
    assert.equal(documents.compactDocumentAt(c, 0), undefined, 'analysed without a revision');

    // Read back by another process (a lexicon of its own, the dictionary read as needed).
    const stats = new CorpusStatistics();
    for (const doc of analysed) stats.add(doc);
    const query = new Map([['monaco', 0.6], ['formula on', 0.5], ['campervan', 0.4], ['van life', 0.3]]);
    const reader = new PostDocuments();
    reader.documentFor({ id: 99, title: 'Other words first', text: 'so the ids differ from the writer' });
    const restored = await reader.readStored(store, [{ id: a, revision: 0 }, { id: b, revision: 0 }, { id: c, revision: 0 }]);
    assert.deepEqual([...restored.keys()], [a, b]);
    posts.slice(0, 2).forEach((p, i) => {
      const doc = restored.get(p.id)!;
      assert.deepEqual(doc.counts, analysed[i].counts);
      assert.deepEqual(doc.title, analysed[i].title);
      assert.equal(doc.length, analysed[i].length);
      assert.deepEqual(doc.tfidfOfTerms!(query, stats, DEFAULT_BM25), tfidfOfTerms(lexicalDocument(p.title, p.text), query, stats, DEFAULT_BM25));
    });
    assert.equal((await reader.readStored(store, [{ id: a, revision: 1 }])).size, 0, 'not at the revision listed');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
