import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../parse/entry.ts';
import { entryHash } from './entry-hash.ts';

const entry: Entry = { id: 'x', idFromFeed: true, title: 'T', link: 'https://a.example/x', authors: [], categories: [], enclosures: [], summary: 'S' };

describe('entryHash', () => {
  it('is stable for the same entry and changes with any field that reaches the post', () => {
    assert.equal(entryHash(entry), entryHash({ ...entry }));
    for (const change of [{ title: 'T2' }, { summary: 'S2' }, { content: '<p>c</p>' }, { updated: new Date(0) }, { authors: [{ name: 'A' }] }]) {
      assert.notEqual(entryHash({ ...entry, ...change }), entryHash(entry), JSON.stringify(change));
    }
    // Fields do not run into each other.
    assert.notEqual(entryHash({ ...entry, title: 'ab', link: 'c' }), entryHash({ ...entry, title: 'a', link: 'bc' }));
  });
});
