// Two processes on one data directory, as a user runs them: `sluice serve` in one shell, CLI
// commands in another. The commands leave the scoring to the server; once it is killed, they score.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TOPICS } from '../match/matcher/synthetic-posts.ts';

const bin = fileURLToPath(new URL('../../bin/sluice', import.meta.url));

function sluice(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, ['--data', dir, ...args], { env: { ...process.env, SLUICE_ALLOW_PRIVATE_NETWORKS: 'true' }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** 40 posts, gardening and football in turn, from the matcher's synthetic topic words. */
function rss(): string {
  const items = Array.from({ length: 40 }, (_, i) => {
    const topic = i % 2 ? 'football' : 'gardening';
    const words = TOPICS[topic];
    const text = Array.from({ length: 30 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    const published = new Date(Date.now() - (i + 1) * 3600_000).toUTCString();
    return `<item><guid>${topic}-${i}</guid><title>${words[i % words.length]} ${words[(i + 3) % words.length]}</title><link>https://example.com/${i}</link><pubDate>${published}</pubDate><description>${text}</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Topics</title><link>https://example.com/</link>${items.join('')}</channel></rss>`;
}

test('beside `sluice serve`, interests add and feed leave the scoring to the server; after a kill -9 they score themselves', async () => {
  const feedServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss()));
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'sluice-one-scorer-'));
  let serve: ReturnType<typeof spawn> | undefined;
  try {
    const added = await sluice(dir, ['feeds', 'add', `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`]);
    assert.equal(added.code, 0, added.stderr);

    // A free port: tried in turn while the one picked is taken (the server exits saying so).
    let port = 0;
    let log = '';
    for (let attempt = 0; !log.includes('Sluice is running'); attempt++) {
      assert.ok(attempt < 10, `the server did not start:\n${log}`);
      port = 20_000 + ((process.pid * 7 + attempt * 1009) % 20_000);
      log = '';
      const child = spawn(bin, ['--data', dir, 'serve', '--port', String(port)], { env: { ...process.env, SLUICE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
      serve = child;
      child.stdout?.on('data', (chunk) => (log += chunk));
      child.stderr?.on('data', (chunk) => (log += chunk));
      for (let i = 0; !log.includes('Sluice is running') && child.exitCode === null; i++) {
        assert.ok(i < 600, `the server did not start:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Its service ready (it replays the 40 posts first).
    for (let i = 0; !log.includes('posts seen'); i++) {
      assert.ok(i < 600 && serve?.exitCode === null, `the scoring service did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(serve);

    const gardening = await sluice(dir, ['interests', 'add', 'Gardening', '--keywords', 'garden, plants, compost']);
    assert.equal(gardening.code, 0, gardening.stderr);
    assert.match(gardening.stdout, /^Added interest "Gardening"/);
    assert.match(gardening.stderr, new RegExp(`the server at http://127\\.0\\.0\\.1:${port}/ \\(pid ${serve.pid}\\) scores this data directory; it will back-score "Gardening" within seconds`));
    // `feed` waits for the server's poll that back-scores it, then reads what the server stored.
    const feed = await sluice(dir, ['feed', '--json', '--interest', 'Gardening']);
    assert.equal(feed.code, 0, feed.stderr);
    assert.equal(feed.stderr, '', 'caught up, nothing to warn about');
    const items = JSON.parse(feed.stdout) as { title: string; interest: string }[];
    const about = (topic: string, title: string) => title.split(' ').every((w) => TOPICS[topic].includes(w));
    assert.ok(items.length >= 3 && items.every((i) => i.interest === 'Gardening' && about('gardening', i.title)), feed.stdout.slice(0, 1000));
    assert.match(log, /1 interests changed by another process brought up to date/);

    // The server killed (no release): its lease is stale at once, and the command scores itself.
    serve.kill('SIGKILL');
    await new Promise((resolve) => serve?.once('exit', resolve));
    const football = await sluice(dir, ['interests', 'add', 'Football', '--keywords', 'football, league, striker']);
    assert.equal(football.code, 0, football.stderr);
    assert.doesNotMatch(football.stderr, /scores this data directory/);
    const footballFeed = await sluice(dir, ['feed', '--json', '--interest', 'Football']);
    const footballItems = JSON.parse(footballFeed.stdout) as { title: string }[];
    assert.ok(footballItems.length >= 3 && footballItems.every((i) => about('football', i.title)), footballFeed.stdout.slice(0, 1000));
  } finally {
    if (serve && serve.exitCode === null) serve.kill('SIGKILL');
    feedServer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
