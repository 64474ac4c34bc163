import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeInterest, suggestKeywords } from '../actions/interests.ts';
import { gloveTable } from '../embed/glove/table.ts';
import { TOPICS } from '../match/matcher/synthetic-posts.ts';
import { seededRandom } from '../seeded-random.ts';
import { post } from '../store/store-conformance.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { isStopword } from '../text/stopwords.ts';
import { ScoringService } from './scoring.ts';

const config = { allowPrivateNetworks: true, maxBodyBytes: 1 << 20, fetchTimeoutMs: 5000, fetchConcurrency: 4, fetchConcurrencyPerHost: 2 };
const GARDENING = TOPICS.gardening;

// One post in ten on gardening, the rest on anything (words drawn from the table's mid ranks).
async function gardeningStore() {
  const store = openSqliteStore(':memory:');
  const user = await store.defaultUser();
  const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
  const table = gloveTable();
  const random = seededRandom(3);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const anyWord = () => table.words[1000 + Math.floor(random() * 19_000)];
  const posts = Array.from({ length: 300 }, (_, i) => {
    const words = Array.from({ length: 40 }, () => (i % 10 === 0 && random() < 0.45 ? pick(GARDENING) : anyWord()));
    return post(`p${i}`, { title: words.slice(0, 4).join(' '), text: `The ${words.join(' ')}.`, published: new Date(Date.now() - (300 - i) * 60_000) });
  });
  await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date(Date.now() + 3600_000) });
  await store.flush();
  return { store, user, ctx: { store, config } };
}

test('an interest’s "Advanced" view suggests the words of the posts it matches, not its own, no stopword', async () => {
  const { store, user, ctx } = await gardeningStore();
  const interest = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants'] });
  await (await ScoringService.start(store, {})).close();
  const { corpus, neighbourhood, suggestions } = await describeInterest(interest, ctx);
  const gardening = corpus.filter((w) => GARDENING.includes(w));
  assert.ok(gardening.length >= 5, `corpus suggestions: ${corpus.join(', ')}`);
  assert.ok(!corpus.some((w) => ['garden', 'plants', 'gardening'].includes(w)), 'its own words');
  assert.ok(!corpus.some((w) => w.split(' ').some(isStopword)), 'no stopword');
  assert.ok(neighbourhood.length > 0);
  assert.equal(suggestions.length, 10);
  assert.ok(suggestions.includes(corpus[0]) && suggestions.includes(neighbourhood[0]), 'both kinds, interleaved');
  // Without a context (no store), the neighbourhood alone, as before.
  assert.deepEqual((await describeInterest(interest)).corpus, []);
  await store.close();
});

test('the add form gets them too: posts that contain the words typed so far', async () => {
  const { store, ctx } = await gardeningStore();
  const suggestions = await suggestKeywords({ name: 'Gardening', keywords: 'garden, plants' }, 10, ctx);
  assert.ok(suggestions.filter((w) => GARDENING.includes(w)).length >= 3, suggestions.join(', '));
  await store.close();
});

test('an empty store suggests nothing from posts, and no error', async () => {
  const store = openSqliteStore(':memory:');
  const user = await store.defaultUser();
  const interest = await store.addInterest(user.id, { name: 'Gardening', keywords: ['garden'] });
  const { corpus, neighbourhood } = await describeInterest(interest, { store, config });
  assert.deepEqual(corpus, []);
  assert.ok(neighbourhood.length > 0);
  await store.close();
});
