import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lexicalDocument } from '../match/score/document.ts';
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
