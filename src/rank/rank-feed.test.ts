import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Candidate } from './candidate.ts';
import { orderFeed, rankFeed, RankOptionError, type RankOptions } from './rank-feed.ts';

const HOUR = 3600 * 1000;
const NOW = new Date('2026-11-22T12:00:00Z');
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * HOUR);

/** A candidate: post `postId` from feed `feed`, `age` hours old, scoring `score` for `interest`. */
function candidate(postId: number, score: number, more: Partial<Candidate> & { feed?: number; age?: number } = {}): Candidate {
  const { feed = 1, age = 1, ...rest } = more;
  return {
    postId,
    clusterId: postId,
    sources: [{ feedId: feed, feedTitle: `Feed ${feed}` }],
    published: hoursAgo(age),
    firstSeenAt: hoursAgo(age),
    interest: 'AI',
    score,
    threshold: 4,
    breakdown: { evidence: score },
    terms: ['languag model'],
    read: false,
    ...rest,
  };
}
const opts = (more: Partial<RankOptions> = {}): RankOptions => ({ now: NOW, limit: 1000, ...more });
const ids = (items: readonly { postId: number }[]): number[] => items.map((i) => i.postId);

test('ranked by calibrated score decayed by freshness', () => {
  const feed = [
    candidate(1, 10, { age: 72, feed: 1 }), // 10 / 4 = 2.5
    candidate(2, 6, { age: 0, feed: 2 }), // 6
    candidate(3, 8, { age: 36, feed: 3 }), // 4
  ];
  const ranked = rankFeed(feed, opts());
  assert.deepEqual(ids(ranked), [2, 3, 1]);
  assert.deepEqual(ranked.map((r) => r.rankScore), [6, 4, 2.5]);
  assert.deepEqual(ranked.map((r) => r.score), [6, 8, 10]);
  // Without decay, the score alone decides; a shorter half-life favours the fresh post more.
  assert.deepEqual(ids(rankFeed(feed, opts({ halfLifeHours: Infinity }))), [1, 3, 2]);
  assert.deepEqual(ids(rankFeed(feed, opts({ halfLifeHours: 1000 }))), [1, 3, 2]);
});

test('ties go to the newer post, then the lower post id', () => {
  const feed = [candidate(1, 6, { age: 30, feed: 1 }), candidate(2, 6, { age: 3, feed: 2 }), candidate(4, 6, { age: 3, feed: 3 })];
  assert.deepEqual(ids(rankFeed(feed, opts({ halfLifeHours: Infinity }))), [2, 4, 1]);
});

test('undated posts rank by when they were first seen; future dates count as now', () => {
  const undated = candidate(1, 8, { feed: 1, published: undefined, firstSeenAt: hoursAgo(36) });
  const future = candidate(2, 5, { feed: 2, published: new Date(NOW.getTime() + 48 * HOUR), firstSeenAt: NOW });
  const ranked = rankFeed([undated, future], opts());
  assert.deepEqual(ranked.map((r) => [r.postId, r.rankScore]), [[2, 5], [1, 4]]);
  assert.equal(ranked[1].published, undefined);
});

test('a post matching several interests appears once, under its best visible interest', () => {
  const feed = [
    candidate(1, 6, { interest: 'AI' }),
    candidate(1, 9, { interest: 'Robotics' }),
    candidate(1, 5, { interest: 'Chips' }),
    candidate(1, 2, { interest: 'Cooking' }), // below threshold: not listed
  ];
  const [item, ...rest] = rankFeed(feed, opts());
  assert.equal(rest.length, 0);
  assert.equal(item.interest, 'Robotics');
  assert.equal(item.score, 9);
  assert.deepEqual(item.otherInterests, ['AI', 'Chips']);
  assert.deepEqual(item.breakdown, { evidence: 9 });
});

test('posts below the threshold are hidden, and returned after the visible ones only on request', () => {
  const feed = [candidate(1, 3.9, { age: 0 }), candidate(2, 4, { age: 5 }), candidate(3, 12, { age: 100 })];
  assert.deepEqual(ids(rankFeed(feed, opts())), [2, 3]);
  const all = rankFeed(feed, opts({ includeHidden: true }));
  assert.deepEqual(all.map((r) => [r.postId, r.hidden, r.hiddenReason]), [
    [2, false, undefined],
    [3, false, undefined],
    [1, true, 'below-threshold'],
  ]);
  // A NaN score is never on topic.
  assert.deepEqual(ids(rankFeed([candidate(4, NaN)], opts())), []);
});

test('an off-topic report hides the post for that interest at once; it stays under others', () => {
  const feed = [
    candidate(1, 9, { interest: 'AI', feedback: 'offtopic' }),
    candidate(1, 5, { interest: 'Robotics' }),
    candidate(2, 8, { interest: 'AI', feed: 2 }),
  ];
  const ranked = rankFeed(feed, opts());
  assert.deepEqual(ranked.map((r) => [r.postId, r.interest, r.otherInterests]), [[2, 'AI', []], [1, 'Robotics', []]]);
  assert.deepEqual(ids(rankFeed(feed, opts({ interest: 'AI' }))), [2]);
  const withHidden = rankFeed(feed, opts({ interest: 'AI', includeHidden: true }));
  assert.deepEqual(withHidden.map((r) => [r.postId, r.hiddenReason, r.feedback]), [[2, undefined, undefined], [1, 'offtopic', 'offtopic']]);
});

test('feedback holds for the whole story: near-duplicates of an off-topic or disliked post stay hidden', () => {
  const feed = [
    candidate(1, 9, { clusterId: 100, feed: 1, feedback: 'offtopic' }),
    candidate(2, 8, { clusterId: 100, feed: 2 }),
    candidate(2, 6, { clusterId: 100, feed: 2, interest: 'Chips' }),
    candidate(3, 9, { clusterId: 300, feed: 1, interest: 'Space', feedback: 'dislike' }),
    candidate(4, 7, { clusterId: 300, feed: 3, interest: 'AI' }),
    candidate(5, 5, { feed: 4 }),
  ];
  // The off-topic story still shows under its other interest; the disliked one nowhere.
  assert.deepEqual(rankFeed(feed, opts()).map((r) => [r.postId, r.interest]), [[2, 'Chips'], [5, 'AI']]);
  const hidden = rankFeed(feed, opts({ interest: 'AI', includeHidden: true })).filter((r) => r.hidden);
  assert.deepEqual(hidden.map((r) => [r.clusterId, r.hiddenReason]), [[100, 'offtopic'], [300, 'disliked']]);
});

test('a like keeps a post below the threshold visible for that interest', () => {
  const ranked = rankFeed([candidate(1, 2, { feedback: 'like' }), candidate(2, 3)], opts());
  assert.deepEqual(ranked.map((r) => [r.postId, r.hidden, r.feedback]), [[1, false, 'like']]);
});

test('near-duplicates fold into the best-ranked post, "also in" the other feeds', () => {
  const feed = [
    candidate(10, 7, { clusterId: 10, feed: 1, age: 10 }),
    candidate(11, 9, { clusterId: 10, sources: [{ feedId: 2, feedTitle: 'Two' }, { feedId: 3, feedTitle: 'Three' }], age: 1 }),
    candidate(12, 8, { clusterId: 10, feed: 4, age: 2, read: true }),
    candidate(12, 6, { clusterId: 10, feed: 4, age: 2, interest: 'Chips', read: true }),
    candidate(20, 5, { feed: 5 }),
  ];
  const ranked = rankFeed(feed, opts());
  assert.deepEqual(ids(ranked), [11, 20]);
  const [story] = ranked;
  assert.deepEqual(story.source, { feedId: 2, feedTitle: 'Two' });
  assert.deepEqual(story.alsoIn, [
    { feedId: 3, feedTitle: 'Three', postId: 11 },
    { feedId: 4, feedTitle: 'Feed 4', postId: 12 },
    { feedId: 1, feedTitle: 'Feed 1', postId: 10 },
  ]);
  // Reading one copy of a story reads the story; a duplicate's other interests carry over.
  assert.equal(story.read, true);
  assert.deepEqual(story.otherInterests, ['Chips']);
  assert.equal(ranked[1].read, false);
});

test('a visible duplicate represents its story even if a hidden one scores higher', () => {
  const feed = [
    candidate(1, 3, { clusterId: 1, feed: 1, age: 0, threshold: 4 }),
    candidate(2, 5, { clusterId: 1, feed: 2, age: 30, threshold: 4 }),
  ];
  const ranked = rankFeed(feed, opts({ includeHidden: true }));
  assert.deepEqual(ranked.map((r) => [r.postId, r.hidden, r.alsoIn.map((a) => a.postId)]), [[2, false, [1]]]);
});

test('one interest\'s page: matched case-insensitively, also-in still names every copy of the story', () => {
  const feed = [
    candidate(1, 9, { interest: 'Robotics' }),
    candidate(1, 5, { interest: 'AI' }),
    candidate(2, 6, { interest: 'Robotics', feed: 2 }),
    candidate(3, 6, { interest: 'AI', clusterId: 1, feed: 3 }),
    candidate(4, 7, { interest: 'Robotics', clusterId: 1, feed: 4 }),
  ];
  const ranked = rankFeed(feed, opts({ interest: 'ai' }));
  assert.deepEqual(ranked.map((r) => [r.postId, r.interest, r.score, r.otherInterests]), [[3, 'AI', 6, ['Robotics']]]);
  assert.deepEqual(ranked[0].alsoIn.map((a) => [a.feedId, a.postId]), [[1, 1], [4, 4]]);
  assert.deepEqual(ids(rankFeed(feed, opts({ interest: 'Nothing' }))), []);
});

test('no long runs from one source while others have items', () => {
  const feed = [
    ...[1, 2, 3, 4, 5, 6].map((id) => candidate(id, 20 - id, { feed: 1, age: 0 })),
    candidate(7, 5, { feed: 2, age: 0 }),
    candidate(8, 4.5, { feed: 3, age: 0 }),
  ];
  const ranked = rankFeed(feed, opts());
  assert.deepEqual(ids(ranked), [1, 2, 7, 3, 4, 8, 5, 6]);
  assert.deepEqual(ids(rankFeed(feed, opts({ maxRun: 3 }))), [1, 2, 3, 7, 4, 5, 6, 8]);
  // Hidden items never jump into the visible part to break a run.
  const alone = rankFeed(feed, opts({ maxRun: 1 }));
  assert.deepEqual(ids(alone), [1, 7, 2, 8, 3, 4, 5, 6]);
  const withHidden = rankFeed([...feed, candidate(9, 1, { feed: 9 })], opts({ includeHidden: true, maxRun: 1 }));
  assert.deepEqual(ids(withHidden), [...ids(alone), 9]);
});

function bigFeed(): Candidate[] {
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: 600 }, (_, i) =>
    candidate(i + 1, 2 + random() * 10, {
      feed: random() < 0.5 ? 1 : 1 + Math.floor(random() * 12),
      age: random() * 200,
      clusterId: random() < 0.1 ? 1 + Math.floor(random() * 30) : i + 1,
      interest: ['AI', 'Chips', 'Space'][Math.floor(random() * 3)],
      feedback: random() < 0.03 ? 'offtopic' : undefined,
    }),
  );
}

test('paging: page 2 continues page 1 without repeats, and the pages make up the whole feed', () => {
  const feed = bigFeed();
  const whole = orderFeed(feed, opts({ includeHidden: true }));
  const pages: number[] = [];
  for (let offset = 0; offset < whole.length + 40; offset += 40) {
    pages.push(...ids(rankFeed(feed, opts({ includeHidden: true, offset, limit: 40 }))));
  }
  assert.deepEqual(pages, ids(whole));
  assert.equal(new Set(pages).size, pages.length);
  assert.ok(whole.some((r) => r.hidden) && whole.some((r) => !r.hidden) && whole.some((r) => r.alsoIn.length > 0));
  // Default page size.
  assert.equal(rankFeed(feed, { now: NOW }).length, 50);
});

test('paging stays stable while posts arrive and time passes, given the first page\'s now', () => {
  const feed = bigFeed();
  const page1 = rankFeed(feed, opts({ limit: 30 }));
  const later = new Date(NOW.getTime() + 5 * HOUR);
  const arrived = [candidate(9001, 50, { firstSeenAt: later, published: later, feed: 77 }), ...feed];
  // The client sends page 1's `now` back: the new post waits for the next refresh.
  const page2 = rankFeed(arrived, opts({ offset: 30, limit: 30 }));
  assert.deepEqual([...ids(page1), ...ids(page2)], ids(rankFeed(feed, opts({ limit: 60 }))));
  // Time passing alone does not reorder the visible feed (decay is a common factor).
  assert.deepEqual(ids(rankFeed(feed, { now: later, limit: 1000 })), ids(rankFeed(feed, opts())));
});

test('the order of the candidates does not matter', () => {
  const feed = bigFeed();
  assert.deepEqual(orderFeed([...feed].reverse(), opts({ includeHidden: true })), orderFeed(feed, opts({ includeHidden: true })));
});

test('nonsense options are refused with the option named', () => {
  assert.throws(() => rankFeed([], { now: new Date('x') }), RankOptionError);
  assert.throws(() => rankFeed([], opts({ limit: -1 })), /limit/);
  assert.throws(() => rankFeed([], opts({ offset: 1.5 })), /offset/);
  assert.throws(() => rankFeed([candidate(1, 5)], opts({ halfLifeHours: 0 })), /half-life/);
  assert.deepEqual(rankFeed([], opts({ limit: Infinity })), []);
});
