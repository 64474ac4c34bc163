import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePerson } from './person.ts';

test('RSS person strings in their usual spellings', () => {
  assert.deepEqual(parsePerson('jo@example.com (Jo Bloggs)'), { name: 'Jo Bloggs', email: 'jo@example.com' });
  assert.deepEqual(parsePerson('Jo Bloggs <jo@example.com>'), { name: 'Jo Bloggs', email: 'jo@example.com' });
  assert.deepEqual(parsePerson('Jo Bloggs (mailto:jo@example.com)'), { name: 'Jo Bloggs', email: 'jo@example.com' });
  assert.deepEqual(parsePerson('jo+feeds@example.co.uk'), { email: 'jo+feeds@example.co.uk' });
  assert.deepEqual(parsePerson('  Jo Bloggs '), { name: 'Jo Bloggs' });
  assert.equal(parsePerson('   '), undefined);
});
