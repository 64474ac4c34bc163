import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { User } from '../../store/store.ts';
import { longItemId, parseItemId, parseStreamId, shortItemId, StreamIdError } from './ids.ts';

const user: User = { id: 7, name: 'ann', ownFeedsOnly: false, hasPassword: true, createdAt: new Date(0) };

describe('Google Reader ids', () => {
  it('writes items in long (16 hex digits) and short (decimal) form', () => {
    assert.equal(longItemId(42), 'tag:google.com,2005:reader/item/000000000000002a');
    assert.equal(shortItemId(42), '42');
  });

  it('reads every form clients send', () => {
    for (const [text, id] of [
      ['tag:google.com,2005:reader/item/000000000000002a', 42], // Sluice, FreshRSS, NetNewsWire's edit-tag (%.16llx)
      ['tag:google.com,2005:reader/item/2a', 42], // NetNewsWire's contents request (unpadded)
      ['TAG:google.com,2005:reader/item/2A', 42],
      ['000000000000002a', 42], // Read You (%016x, no prefix)
      ['42', 42], // the decimal short form (stream/items/ids answers)
      ['0000000000000042', 66], // a leading zero: hex
      ['2a', 42],
      [' 42 ', 42],
    ] as const) {
      assert.equal(parseItemId(text), id, text);
    }
    for (const text of ['', '0', '-1', 'xyz', 'tag:google.com,2005:reader/item/', 'tag:google.com,2005:reader/item/12345678901234567', 'ffffffffffffffff', '99999999999999999999']) {
      assert.equal(parseItemId(text), undefined, text);
    }
  });

  it('reads streams: states, labels (with slashes and spaces), feeds by URL or id; the caller may be - or their id', () => {
    assert.deepEqual(parseStreamId('user/-/state/com.google/reading-list', user), { kind: 'state', state: 'reading-list' });
    assert.deepEqual(parseStreamId('user/7/state/com.google/starred', user), { kind: 'state', state: 'starred' });
    assert.deepEqual(parseStreamId('user/-/label/Home & garden', user), { kind: 'label', name: 'Home & garden' });
    assert.deepEqual(parseStreamId('user/-/label/AI/ML', user), { kind: 'label', name: 'AI/ML' });
    assert.deepEqual(parseStreamId('feed/https://example.com/feed?x=1', user), { kind: 'feed', url: 'https://example.com/feed?x=1' });
    assert.deepEqual(parseStreamId('feed/12', user), { kind: 'feed', id: 12 });
    for (const text of ['user/8/state/com.google/read', 'user/-/state/com.google/broadcast', 'feed/', 'reading-list', 'user/-/tag/x', '']) {
      assert.throws(() => parseStreamId(text, user), StreamIdError, text);
    }
  });
});
