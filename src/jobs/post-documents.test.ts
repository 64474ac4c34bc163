import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusStatistics } from '../match/score/corpus-statistics.ts';
import { lexicalDocument } from '../match/score/document.ts';
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

test('posts analysed with a revision hand out their stems once; documents read back from them are the analysed ones', () => {
  const documents = new PostDocuments();
  const posts = [
    { id: 1, revision: 0, title: 'Hamilton wins in Monaco', text: 'Lewis Hamilton won the Monaco Grand Prix. Formula One racing at Monaco.' },
    { id: 2, revision: 3, title: '', text: 'A campervan conversion: the campervan bed, van life.' },
  ];
  const analysed = posts.map((p) => documents.documentFor(p));
  documents.documentFor({ id: 3, title: 'No revision', text: 'Not stored.' });
  const stored = documents.takeAnalysed();
  assert.deepEqual([...stored.keys()], [1, 2]);
  assert.equal(stored.get(2)!.revision, 3);
  assert.deepEqual(stored.get(1)!.title, ['hamilton', 'win', 'monaco']);
  assert.equal(documents.takeAnalysed().size, 0, 'handed out once');
  documents.documentFor(posts[0]);
  assert.equal(documents.takeAnalysed().size, 0, 'a post held is not analysed again');
  assert.deepEqual(documents.compactDocumentAt(2, 3)?.counts, analysed[1].counts, 'held at its revision');
  assert.equal(documents.compactDocumentAt(2, 2), undefined);
  assert.equal(documents.compactDocumentAt(3, 0), undefined, 'analysed without a revision');

  const stats = new CorpusStatistics();
  for (const doc of analysed) stats.add(doc);
  const query = new Map([['monaco', 0.6], ['formula on', 0.5], ['campervan', 0.4], ['van life', 0.3]]);
  posts.forEach((p, i) => {
    const restored = new PostDocuments().fromStored(stored.get(p.id)!);
    assert.deepEqual(restored.counts, analysed[i].counts);
    assert.deepEqual(restored.title, analysed[i].title);
    assert.equal(restored.length, analysed[i].length);
    assert.deepEqual(restored.tfidfOfTerms!(query, stats, DEFAULT_BM25), tfidfOfTerms(lexicalDocument(p.title, p.text), query, stats, DEFAULT_BM25));
  });
});
