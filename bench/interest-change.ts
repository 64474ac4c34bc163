// `npm run bench -- interest-change [--window=4450]`
// How long a user waits for an interest they add, and for a like, to show in their feed: the
// scoring service back-scores the interest on the whole window (30 days of stored posts), and a
// like learns and back-scores it twice (src/jobs/scoring.ts). Before 2026-12-07 each of them
// analysed the window's text again (tokens, stems, phrases: ~0.5 ms a BBC post); now the window's
// posts are analysed once and kept as stem ids (src/jobs/post-documents.ts).
//
// A SQLite store in a temp dir with WINDOW posts (BBC News, ../shared/corpora, repeated with each
// text numbered; the seeded topic posts of src/jobs/topic-posts.ts where it is absent), one user,
// the service started on it (its first start replays the window: not measured); then three
// interests added and three likes of the last one, each timed to its return. Beside them, in the
// same run: analysing the window's text once, what each of those paid before.
// Then a restart, the window read again as the server does after its start, and one more
// interest added. Last line (the contract): `interest-change: window=N add_ms=X like_ms=Y
// analyse_window_ms=Z restart_read_ms=R restart_add_ms=A command_add_ms=C rss_mb=M` (X, Y
// medians; R the read after the restart, A the add after it; C a CLI command's add with no server
// running: a service's start that back-scores the interest; M the process's peak RSS).
// Since 2026-12-07 (fifteenth session) the window's stems are kept in the store (Store.postStems):
// R and C read them instead of analysing the text again.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ScoringService } from '../src/jobs/scoring.ts';
import { addTopicPosts } from '../src/jobs/topic-posts.ts';
import { lexicalDocument } from '../src/match/score/document.ts';
import { post } from '../src/store/store-conformance.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const BBC = new URL('../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url);
const INTERESTS: [string, string[]][] = [['Camper vans', ['campervan', 'van life']], ['LLM inference cost', ['inference', 'GPU', 'tokens']], ['Pensions', ['pension', 'retirement']]];

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args: args.filter((a) => a !== 'interest-change'), options: { window: { type: 'string', default: '4450' } }, strict: false });
  const window = Number(values.window);
  if (!Number.isInteger(window) || window <= 0) throw new Error(`bench interest-change: --window must be a positive integer, not "${values.window}"`);
  const dir = mkdtempSync(join(tmpdir(), 'sluice-interest-change-'));
  const store = openSqliteStore(join(dir, 'sluice.db'));
  try {
    const user = await store.createUser('bench', 'scrypt$bench');
    const feed = (await store.subscribe(user.id, { url: 'https://bench.example/feed.xml' })).feed;
    const articles = existsSync(BBC) ? readFileSync(BBC, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { title: string; text: string }) : undefined;
    const now = Date.now();
    if (articles) {
      for (let from = 0; from < window; from += 1000) {
        const posts = [];
        for (let i = from; i < Math.min(window, from + 1000); i++) {
          const a = articles[i % articles.length];
          posts.push(post(`bench-${i}`, { title: a.title, text: `${a.text} (${i})`, contentHtml: `<p>${a.text} (${i})</p>`, published: new Date(now - (window - i) * 30_000) }));
        }
        await store.saveFetch(feed.id, { kind: 'fetched', at: new Date(), httpStatus: 200, posts, nextFetchAt: new Date(now + 3600_000) });
      }
    } else {
      await addTopicPosts(store, feed, window);
    }
    await store.flush();
    let t = performance.now();
    const service = await ScoringService.start(store, { threads: 1, selfTrainEvery: 0 });
    console.log(`interest-change: ${window} posts in the window (${articles ? 'BBC News, repeated' : 'synthetic topic posts'}); first start (replays them) ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const adds: number[] = [], likes: number[] = [];
    let last = 0;
    try {
      for (const [name, keywords] of INTERESTS) {
        const interest = await store.addInterest(user.id, { name, keywords });
        t = performance.now();
        await service.interestChanged(interest.id);
        adds.push(performance.now() - t);
        last = interest.id;
      }
      const matches = (await store.matchesFor([last], { since: new Date(0), minScore: -Infinity })).slice(0, 3);
      for (const m of matches) {
        await store.addFeedback(user.id, m.postId, 'like', last);
        t = performance.now();
        await service.feedbackChanged(user.id, last);
        likes.push(performance.now() - t);
      }
    } finally {
      await service.close();
    }
    // A restart: the saved stream makes the start quick; the window's analysis is kept in memory
    // only, so it is read again, as the server does in the background right after its start
    // (readWindow), before the interest is added.
    t = performance.now();
    const restarted = await ScoringService.start(store, { threads: 1, selfTrainEvery: 0 });
    const restartMs = performance.now() - t;
    let afterRestart = 0, readMs = 0;
    try {
      t = performance.now();
      await restarted.readWindow();
      readMs = performance.now() - t;
      const interest = await store.addInterest(user.id, { name: 'Formula One', keywords: ['Formula One', 'grand prix'] });
      t = performance.now();
      await restarted.interestChanged(interest.id);
      afterRestart = performance.now() - t;
    } finally {
      await restarted.close();
    }
    // A CLI command adding an interest while no server runs: the interest saved, then a service
    // started for it (scoreInCommand), which back-scores it on a window it has never read.
    const tennis = await store.addInterest(user.id, { name: 'Tennis', keywords: ['tennis', 'Wimbledon'] });
    t = performance.now();
    const command = await ScoringService.start(store, { threads: 1, selfTrainEvery: 0 });
    await command.close();
    const commandMs = performance.now() - t;
    const tennisScored = (await store.interestCalibrations(command.embedderId, [tennis.id])).size === 1;
    if (!tennisScored) throw new Error('bench interest-change: the command start did not back-score the interest added');
    // What each back-score paid before: the window's text analysed again.
    const texts = (await store.posts({ since: new Date(0), limit: window + 1 })).map((p) => [p.title, p.text] as const);
    t = performance.now();
    for (const [title, text] of texts) lexicalDocument(title, text);
    const analyse = performance.now() - t;
    const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
    console.log(`  ${'what'.padEnd(58)}  ms`);
    console.log(`  ${'interest added: back-scored on the window (3 interests)'.padEnd(58)}  ${ms(adds)}`);
    console.log(`  ${`like: learned and back-scored (${likes.length} likes of one interest)`.padEnd(58)}  ${ms(likes)}`);
    console.log(`  ${'restart (saved stream)'.padEnd(58)}  ${restartMs.toFixed(0)}`);
    console.log(`  ${"then the window read (the server's, in the background)".padEnd(58)}  ${readMs.toFixed(0)}`);
    console.log(`  ${'then an interest added'.padEnd(58)}  ${afterRestart.toFixed(0)}`);
    console.log(`  ${'a command adding an interest, no server (start + back-score)'.padEnd(58)}  ${commandMs.toFixed(0)}`);
    console.log(`  ${`peer: the window's text analysed once (${texts.length} posts)`.padEnd(58)}  ${analyse.toFixed(0)}`);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`interest-change: window=${window} add_ms=${median(adds).toFixed(0)} like_ms=${median(likes).toFixed(0)} analyse_window_ms=${analyse.toFixed(0)} restart_read_ms=${readMs.toFixed(0)} restart_add_ms=${afterRestart.toFixed(0)} command_add_ms=${commandMs.toFixed(0)} rss_mb=${rss.toFixed(0)}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
