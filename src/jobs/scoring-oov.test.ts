import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BUILTIN_EMBEDDER_ID, BuiltinEmbedder } from '../embed/builtin.ts';
import { gloveTable } from '../embed/glove/table.ts';
import { cosine } from '../embed/sif.ts';
import { StreamVocabulary } from '../embed/stream-vocabulary.ts';
import { post } from '../store/store-conformance.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { seededRandom } from '../seeded-random.ts';
import { ScoringService, type ScoringOptions } from './scoring.ts';

// A stream where "LLM" means a language model (GloVe's 2014 "llm" is a law degree) and "LLMs",
// "pytorch" and "agentic" are words GloVe lacks, among posts on other topics.
const AI = 'model models training neural network language gpu inference tokens benchmark parameters transformer researchers openai google deep learning chatbot prompt data compute'.split(' ');
const OTHER = {
  sport: 'football match goal league striker season coach stadium team players fans cup'.split(' '),
  food: 'recipe baking chef kitchen flour oven bread butter sugar dinner restaurant menu'.split(' '),
  law: 'court judge lawyer trial appeal ruling statute attorney verdict jury case legal'.split(' '),
};
const NEW_WORDS = ['LLM', 'LLMs', 'pytorch', 'agentic'];
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function streamStore(): Promise<{ store: Store; target: number; feedId: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-oov-'));
  dirs.push(dir);
  const store = await openStore(join(dir, 'sluice.db'));
  const user = await store.defaultUser();
  const { feed } = await store.subscribe(user.id, { url: 'https://example.com/feed.xml' });
  const random = seededRandom(5);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const posts = [];
  const topics = [AI, ...Object.values(OTHER)];
  for (let i = 0; i < 240; i++) {
    const topic = topics[i % topics.length];
    const words = Array.from({ length: 40 }, () => (topic === AI && random() < 0.2 ? pick(NEW_WORDS) : pick(topic)));
    posts.push(post(`p${i}`, { title: words.slice(0, 5).join(' '), text: words.join(' '), published: new Date(Date.now() - (300 - i) * 60_000) }));
  }
  // The post to find: about LLMs, in words that say little on their own.
  posts.push(post('target', { title: 'LLM serving costs', text: 'What serving an LLM costs: LLMs at scale, and the bill every month.', published: new Date() }));
  await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date(Date.now() + 3600_000) });
  await store.flush();
  const target = (await store.posts({ limit: 1000 })).find((p) => p.title === 'LLM serving costs')!.id;
  return { store, target, feedId: feed.id };
}

async function scoreOfTarget(options: ScoringOptions): Promise<{ cosine: number; logs: string[]; store: Store; interestId: number; target: number; feedId: number }> {
  const { store, target, feedId } = await streamStore();
  const logs: string[] = [];
  const user = await store.defaultUser();
  const interest = await store.addInterest(user.id, { name: 'LLM inference', keywords: ['LLM', 'inference'] });
  // The interest as written (self-training would move it towards the stream's AI posts either way).
  const service = await ScoringService.start(store, { selfTrainEvery: 0, ...options, log: (m) => logs.push(m), warn: (m) => logs.push(`warning: ${m}`) });
  await service.close();
  const match = (await store.matchesFor([interest.id])).find((m) => m.postId === target);
  return { cosine: (match?.breakdown as { cosine?: number } | undefined)?.cosine ?? -Infinity, logs, store, interestId: interest.id, target, feedId };
}

test('"LLM inference" matches a post on LLM serving costs better with stream word vectors than without', async () => {
  const without = await scoreOfTarget({ oov: false });
  const withOov = await scoreOfTarget({});
  assert.ok(withOov.logs.some((l) => /stream word vectors learned from 241 stored posts/.test(l)), withOov.logs.join('\n'));
  // Nearer the interest, as the service scored it...
  assert.ok(withOov.cosine > without.cosine + 0.05, `cosine with ${withOov.cosine}, without ${without.cosine}`);
  assert.ok((await withOov.store.matchesFor([withOov.interestId], { aboveThresholdOnly: true })).some((m) => m.postId === withOov.target));
  // ...and further ahead of the law posts, which GloVe's "llm" (a law degree) pulled near it.
  const bytes = await withOov.store.embedderData(`stream-vocabulary:${BUILTIN_EMBEDDER_ID}`);
  assert.ok(bytes, 'saved in the store');
  const margin = async (embedder: BuiltinEmbedder) => {
    const posts = await withOov.store.posts({ limit: 1000 });
    const [interest, ...vectors] = await embedder.embed(['LLM inference\nLLM, inference', ...posts.map((p) => `${p.title}\n${p.text}`)]);
    const cos = posts.map((p, i) => ({ law: OTHER.law.some((w) => p.text.startsWith(w) || p.text.includes(` ${w} `)) && !/llm/i.test(p.text), c: cosine(interest, vectors[i]) }));
    const target = cos[posts.findIndex((p) => p.id === withOov.target)].c;
    return target - Math.max(...cos.filter((x) => x.law).map((x) => x.c));
  };
  const plain = await margin(new BuiltinEmbedder());
  const stream = await margin(new BuiltinEmbedder({ oov: StreamVocabulary.load(gloveTable(), bytes) }));
  assert.ok(stream > plain + 0.05, `margin over the law posts with ${stream.toFixed(3)}, without ${plain.toFixed(3)}`);
  await without.store.close();

  // A restart loads them (no learning, no back-scoring: the interest's vector is the same bit for bit).
  const logs: string[] = [];
  const again = await ScoringService.start(withOov.store, { log: (m) => logs.push(m) });
  assert.ok(logs.some((l) => /stream word vectors loaded/.test(l)) && !logs.some((l) => /learned from|back-scoring|replayed/.test(l)), logs.join('\n'));
  await again.close();
  await withOov.store.close();
});

test('as posts bring a new word, its vector is renewed and interests with it are embedded and back-scored again', async () => {
  const { store, feedId } = await streamStore();
  const user = await store.defaultUser();
  const interest = await store.addInterest(user.id, { name: 'Zorbleflux', keywords: ['zorbleflux'] });
  const logs: string[] = [];
  const service = await ScoringService.start(store, { oovRefreshEvery: 40, log: (m) => logs.push(m) });
  try {
    const random = seededRandom(9);
    const fresh = Array.from({ length: 60 }, (_, i) =>
      post(`z${i}`, { title: `zorbleflux ${AI[i % AI.length]}`, text: Array.from({ length: 30 }, () => AI[Math.floor(random() * AI.length)]).join(' ') + ' zorbleflux', published: new Date() }),
    );
    await store.saveFetch(feedId, { kind: 'fetched', at: new Date(), httpStatus: 200, posts: fresh, nextFetchAt: new Date(Date.now() + 3600_000) });
    await store.flush();
    await service.postsAdded([]);
    const renewed = logs.find((l) => /stream vocabulary renewed/.test(l));
    assert.ok(renewed && /[1-9]\d* posts and 1 interests embedded again/.test(renewed), logs.join('\n'));
    assert.ok((await store.matchesFor([interest.id], { aboveThresholdOnly: true })).length >= 50);
  } finally {
    await service.close();
    await store.close();
  }
});
