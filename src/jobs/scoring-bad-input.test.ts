import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addInterest } from '../actions/interests.ts';
import { ActionError } from '../actions/errors.ts';
import { post } from '../store/store-conformance.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { ScoringService } from './scoring.ts';
import { addTopicPosts } from './topic-posts.ts';

const config = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };

// Posts the built-in embedder has no word for (another script, nothing at all, only numbers or
// markup) and a huge one, among ordinary posts: each is scored or skipped on its own, the others
// are matched as usual, and interests in other languages match lexically.
test('non-English, empty and huge posts and interests: scored or refused one by one, the rest goes on', async () => {
  const store = openSqliteStore(':memory:');
  const user = await store.defaultUser();
  const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
  const topicOf = await addTopicPosts(store, feed, 100);
  const odd = [
    post('zh', { title: '足球比赛', text: '昨晚的足球比赛非常精彩，主队在最后一分钟进球获胜。', contentHtml: '' }),
    post('ru', { title: 'Футбол', text: 'Вчерашний футбольный матч был очень интересным: хозяева забили на последней минуте.', contentHtml: '' }),
    post('empty', { title: '', text: '', contentHtml: '' }),
    post('numbers', { title: '2026', text: '1 2 3 4 5 6 7 8 9 10', contentHtml: '' }),
    post('huge', { title: 'Compost and garden soil', text: 'garden compost soil seeds '.repeat(20_000), contentHtml: '' }),
  ];
  await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: odd, nextFetchAt: new Date(Date.now() + 3600_000) });
  await store.flush();
  const ids = new Map((await store.posts({ limit: 1000 })).map((p) => [p.sources[0].entryId, p.id]));

  const logs: string[] = [];
  const service = await ScoringService.start(store, { log: (m) => logs.push(m), warn: (m) => logs.push(`warning: ${m}`) });
  const ctx = { store, config, scoring: service, warn: (m: string) => logs.push(`warning: ${m}`) };
  // Said in the log: which posts have nothing to embed (Chinese, Russian, empty, numbers).
  assert.ok(logs.some((l) => /replayed 105 posts .*\(4 with no word the embedder knows/.test(l)), logs.join('\n'));
  try {
    // Empty, stopword-only and oversized interests are refused with a reason; nothing is stored.
    for (const input of [{ name: '' }, { name: 'the and of' }, { name: 'x'.repeat(500) }, { name: 'Many', keywords: Array.from({ length: 501 }, (_, i) => `word${i}`) }]) {
      await assert.rejects(addInterest(ctx, user, input), (err: unknown) => err instanceof ActionError && err.code === 'invalid' && err.message.length > 10);
    }
    assert.equal((await store.interests(user.id)).length, 0);

    const gardening = await addInterest(ctx, user, { name: 'Gardening', keywords: 'garden, compost' });
    const football = await addInterest(ctx, user, { name: '足球', keywords: '足球, футбол' });
    const shown = async (id: number) => (await store.feedMatches(user.id, { interestIds: [id], aboveThresholdOnly: true })).map((m) => m.postId);
    const g = await shown(gardening.id);
    assert.ok(g.filter((id) => topicOf.get(id) === 'gardening').length >= 15, 'the ordinary posts still match');
    assert.ok(g.includes(ids.get('huge')!), 'the huge post is scored');
    for (const name of ['zh', 'ru', 'empty', 'numbers']) assert.ok(!g.includes(ids.get(name)!), `${name} is not about gardening`);
    // An interest in other scripts has no GloVe vector, but its words match lexically.
    const f = await shown(football.id);
    assert.ok(f.includes(ids.get('zh')!), 'the Chinese post matches 足球');
    assert.ok(!f.some((id) => topicOf.has(id)), 'and no English post does');
    assert.ok(!logs.some((l) => l.startsWith('warning')), logs.join('\n'));
  } finally {
    await service.close();
    await store.close();
  }
});
