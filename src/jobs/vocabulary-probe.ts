// What the stream vocabulary costs the scoring service, on a JSONL corpus ({"title","text"} lines):
//   node src/jobs/vocabulary-probe.ts [../shared/corpora/bbc-news/bbc.jsonl]
// Stores all but the last 1,000 posts, starts the service (first start: learns the vocabulary and
// replays the window), restarts it (loads the saved vocabulary), then stores the last 1,000 posts
// and scores them (one renewal); the same without stream vectors for comparison. Prints wall and
// CPU time of each step and the saved size.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { post } from '../store/store-conformance.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { ScoringService, type ScoringOptions } from './scoring.ts';

const file = process.argv[2] ?? new URL('../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { title?: string; text: string });
const dir = mkdtempSync(join(tmpdir(), 'sluice-vocabulary-probe-'));

async function store(s: Store, from: number, to: number, feedId: number): Promise<void> {
  const now = Date.now();
  const posts = lines.slice(from, to).map((l, i) => post(`e${from + i}`, { title: l.title ?? '', text: l.text, contentHtml: '', published: new Date(now - (lines.length - from - i) * 1000) }));
  await s.saveFetch(feedId, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date(now + 3600_000) });
  await s.flush();
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const result = await work();
  const used = process.cpuUsage(cpu);
  console.log(`${name}: ${Math.round(performance.now() - wall)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU`);
  return result;
}

const logs: string[] = [];
const options: ScoringOptions = { log: (m) => logs.push(m), warn: (m) => logs.push(`warning: ${m}`) };
const split = Math.max(0, lines.length - 1000);

/** A store with the first posts and two interests. */
async function freshStore(name: string): Promise<{ s: Store; feedId: number }> {
  const s = await openStore(join(dir, `${name}.db`));
  const user = await s.defaultUser();
  const { feed } = await s.subscribe(user.id, { url: 'https://example.com/feed.xml' });
  await store(s, 0, split, feed.id);
  await s.addInterest(user.id, { name: 'Technology', keywords: ['software', 'internet', 'phones'] });
  await s.addInterest(user.id, { name: 'Football', keywords: ['football', 'league'] });
  return { s, feedId: feed.id };
}

try {
  const plain = await freshStore('plain');
  const plainService = await step(`first start on ${split} posts, without stream vectors`, () => ScoringService.start(plain.s, { ...options, oov: false }));
  await store(plain.s, split, lines.length, plain.feedId);
  await step(`${lines.length - split} new posts scored, without stream vectors`, () => plainService.postsAdded([]));
  await plainService.close();
  await plain.s.close();
  const { s, feedId } = await freshStore('oov');
  await (await step(`first start on ${split} posts, with stream vectors`, () => ScoringService.start(s, options))).close();
  console.log(`saved vocabulary: ${(((await s.embedderData('stream-vocabulary:glove-100d-sif@1'))?.length ?? 0) / 1e6).toFixed(1)} MB`);
  const service = await step('restart (vocabulary loaded)', () => ScoringService.start(s, options));
  await store(s, split, lines.length, feedId);
  await step(`${lines.length - split} new posts scored (one renewal)`, () => service.postsAdded([]));
  await service.close();
  console.log(logs.filter((l) => /vocabulary|word vectors/.test(l)).join('\n'));
  await s.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
