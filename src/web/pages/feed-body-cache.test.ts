import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeedItem, RankedFeed } from '../../actions/feed.ts';
import { feedBodyOnce, feedPageOnce } from './feed-body-cache.ts';

const t0 = Date.UTC(2026, 11, 6, 12);

function feed(edition: number, read = false): RankedFeed {
  const item = { postId: 7, read, starred: false, firstSeenAt: new Date(t0 - 5 * 60_000 - 30_000), rankScore: 1 } as FeedItem;
  return { items: [item], postsScored: 1, interests: [], edition };
}

test('the feed body is made once per edition and view, and again when what it shows changes', () => {
  let made = 0;
  const render = (v: { feed: RankedFeed; now: Date; csrfToken: string }) => `${++made} ${v.feed.items.map((i) => i.read).join()}`;
  const view = { feed: feed(1001), now: new Date(t0), csrfToken: 'a' };
  assert.equal(feedBodyOnce(view, render), '1 false');
  const rescored = { ...view.feed, items: view.feed.items.map((i) => ({ ...i, rankScore: 0.5 })) };
  assert.equal(feedBodyOnce({ ...view, feed: rescored, now: new Date(t0 + 20_000) }, render), '1 false', 'same edition, same words: kept');
  assert.equal(feedBodyOnce({ ...view, now: new Date(t0 + 40_000) }, render), '2 false', '"5 min ago" became "6 min ago"');
  assert.equal(feedBodyOnce({ ...view, feed: feed(1002) }, render), '3 false', 'another edition');
  assert.equal(feedBodyOnce({ ...view, feed: feed(1001, true) }, render), '4 true', 'read since');
  assert.equal(feedBodyOnce({ ...view, csrfToken: 'b' }, render), '5 false', 'another session');
  assert.equal(feedBodyOnce({ ...view, feed: { ...view.feed, items: [] } }, render), '6 ', 'other items');
  assert.equal(feedBodyOnce(view, render), '1 false');
});

test('a whole page is kept as its UTF-8 bytes, apart from the body of the same view', () => {
  let made = 0;
  const view = { feed: feed(2001), now: new Date(t0) };
  const render = () => `<p>page ${++made} ↗</p>`;
  const bytes = feedPageOnce(view, render);
  assert.equal(new TextDecoder().decode(bytes), '<p>page 1 ↗</p>');
  assert.equal(feedPageOnce(view, render), bytes);
  assert.equal(feedBodyOnce(view, render), '<p>page 2 ↗</p>', 'the body is kept on its own');
  assert.equal(feedPageOnce({ ...view, feed: feed(2002) }, render).length, bytes.length, 'another edition: made again');
  assert.equal(made, 3);
});
