import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedItemJson, type FeedItem, type RankedFeed } from '../../actions/feed.ts';
import type { StoredPost } from '../../store/store.ts';
import { encodedFeed } from './feed-json.ts';

let editions = 1_000_000; // far from any edition another test's pages could have

function item(postId: number, title: string, rankScore: number): FeedItem {
  const published = new Date(Date.UTC(2026, 11, 1, postId));
  return {
    postId,
    clusterId: postId,
    interest: 'Formula One racing',
    otherInterests: ['Motorsport'],
    score: 4.5,
    threshold: 3,
    rankScore,
    hidden: false,
    source: { feedId: 7, feedTitle: 'Motors & more' },
    alsoIn: [{ feedId: 8, feedTitle: 'Wire "news"', postId: postId + 100 }],
    read: false,
    starred: false,
    published,
    firstSeenAt: published,
    breakdown: { semantic: 2.5, lexical: 3.25, feedback: 0 },
    terms: ['grand prix', 'f1'],
    post: { id: postId, title, url: `https://example.test/${postId}`, published } as unknown as StoredPost,
  } as FeedItem;
}

function feed(items: FeedItem[], edition = ++editions): RankedFeed {
  return { items, postsScored: 12, interests: [], next: 1234.5, edition };
}

/** What the route answered before bodies were kept: the objects, as c.json sent them. */
function plain(f: RankedFeed): unknown {
  return JSON.parse(JSON.stringify({ items: f.items.map(feedItemJson), next: f.next ?? null, postsScored: f.postsScored }));
}

const decoded = (f: RankedFeed, view = '{}') => JSON.parse(new TextDecoder().decode(encodedFeed(f, view).bytes)) as unknown;

describe('encodedFeed', () => {
  it('encodes what JSON.stringify of the feed items gives, awkward titles included', () => {
    const f = feed([item(1, 'Grand Prix: "Verstappen" wins — 🏎️ \\ </script>', 2.75), item(2, 'Ünïcödé \u2028 line', -0.5), item(3, 'plain', 1e-7)]);
    assert.deepEqual(decoded(f), plain(f));
  });

  it('answers an empty page and a last page (next null)', () => {
    const empty = feed([]);
    assert.deepEqual(decoded(empty), plain(empty));
    const last = { ...feed([item(1, 'one', 1)]), next: undefined };
    assert.equal((decoded(last) as { next: unknown }).next, null);
    assert.deepEqual(decoded(last), plain(last));
  });

  it("splices each request's rankScores into the page kept for its edition", () => {
    const first = feed([item(1, 'one', 3), item(2, 'two', 2)]);
    assert.deepEqual(decoded(first), plain(first));
    // The same edition asked for later: the same items, their rankScores decayed further.
    const later: RankedFeed = { ...first, items: first.items.map((i) => ({ ...i, rankScore: i.rankScore / 3 })) };
    const body = decoded(later) as { items: { rankScore: number }[] };
    assert.deepEqual(body.items.map((i) => i.rankScore), [1, 2 / 3]);
    assert.deepEqual(body, plain(later));
    // A non-finite rankScore is null, as in JSON.stringify.
    const odd: RankedFeed = { ...first, items: first.items.map((i) => ({ ...i, rankScore: Number.NaN })) };
    assert.deepEqual(decoded(odd), plain(odd));
  });

  it('keeps views and read/starred states apart', () => {
    const f = feed([item(1, 'one', 3)]);
    assert.equal((decoded(f, 'a') as { items: { read: boolean }[] }).items[0].read, false);
    const read: RankedFeed = { ...f, items: f.items.map((i) => ({ ...i, read: true, starred: true })) };
    assert.deepEqual(decoded(read, 'a'), plain(read));
    const otherView: RankedFeed = { ...f, next: 99, items: f.items };
    assert.deepEqual(decoded(otherView, 'b'), plain(otherView), 'another view is made on its own');
  });
});
