import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedEntryId } from './entry-id.ts';

test('derived ids are stable, short, and differ when what identifies the entry differs', () => {
  const date = new Date('2020-01-01T00:00:00Z');
  const a = derivedEntryId('http://e.com/1', 'One', date);
  assert.equal(a, derivedEntryId('http://e.com/1', 'One', new Date(date)));
  assert.match(a, /^sluice:[0-9a-f]{32}$/);
  assert.notEqual(a, derivedEntryId('http://e.com/2', 'One', date));
  assert.notEqual(a, derivedEntryId('http://e.com/1', 'One', undefined));
  // Without link or title the content tells entries apart.
  assert.notEqual(derivedEntryId(undefined, undefined, undefined, 'x'), derivedEntryId(undefined, undefined, undefined, 'y'));
});
