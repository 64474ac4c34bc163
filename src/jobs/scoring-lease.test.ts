import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILTIN_EMBEDDER_ID } from '../embed/builtin.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { SCORING_LEASE, ScoringLease, scoringOwner } from './scoring-lease.ts';
import { catchUpScoring, scoreInCommand, startScoring, withScoring } from './scoring.ts';
import { addTopicPosts } from './topic-posts.ts';

// Fast beats so the tests do not wait seconds for a take-over.
const lease = { heartbeatMs: 50, staleMs: 2_000, retryMs: 20 };

// Two handles on one file, as the server and a CLI command in another process have.
async function twoHandles(): Promise<{ server: Store; cli: Store; done(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-lease-'));
  const server = await openStore(join(dir, 'sluice.db'));
  const cli = await openStore(join(dir, 'sluice.db'));
  return {
    server,
    cli,
    done: async () => {
      await cli.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `condition` holds (checked every 10 ms); fails after 30 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 3000) assert.fail('condition not reached in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('beside a running server a command scores nothing itself; the server picks its change up and `feed` waits for that', async () => {
  const { server, cli, done } = await twoHandles();
  const warnings: string[] = [];
  const scoring = startScoring(server, { watchIntervalMs: 50, lease, warn: (m) => warnings.push(m) });
  try {
    await scoring.ready;
    await scoring.announce('http://127.0.0.1:8080/');
    const owner = await scoringOwner(cli);
    assert.equal(owner?.kind, 'server');
    assert.equal(owner?.url, 'http://127.0.0.1:8080/');

    const user = await cli.defaultUser();
    const { feed } = await cli.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    const topicOf = await addTopicPosts(cli, feed, 100);
    const interest = await cli.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    await cli.flush();
    const savedBefore = JSON.stringify(await cli.matcherStream(BUILTIN_EMBEDDER_ID));
    let ran = false;
    const scored = await scoreInCommand(cli, { lease }, async () => {
      ran = true;
    });
    assert.ok('server' in scored && scored.server.pid === process.pid, 'the server is named');
    assert.equal(ran, false, 'no one-shot service beside the server');
    assert.equal(JSON.stringify(await cli.matcherStream(BUILTIN_EMBEDDER_ID)), savedBefore, 'the command saved no scoring state');

    // `sluice feed` waits for the server's next poll, which back-scores the interest.
    const caught = await catchUpScoring(cli, { interestIds: [interest.id], lease });
    assert.equal(caught.server?.kind, 'server');
    assert.equal(caught.caughtUp, true);
    const shown = (await cli.feedMatches(user.id, { interestIds: [interest.id], aboveThresholdOnly: true })).map((m) => topicOf.get(m.postId));
    assert.ok(shown.length >= 15 && shown.every((t) => t === 'gardening'), `shows ${shown}`);
    assert.deepEqual(warnings, []);
    // Stopped: the lease is given up, and a command scores itself again.
    await scoring.close();
    assert.equal(await scoringOwner(cli), undefined);
    const again = await scoreInCommand(cli, { lease }, async () => 'scored here');
    assert.deepEqual(again, { result: 'scored here' });
  } finally {
    await scoring.close();
    await done();
  }
});

test('a stale lease blocks nothing: a holder whose process ended, or one that stopped renewing', async () => {
  const { server, cli, done } = await twoHandles();
  try {
    const at = new Date();
    await server.claimLease(SCORING_LEASE, { token: 'killed-server', holder: { kind: 'server', pid: endedPid(), host: hostname() }, at, staleBefore: at });
    assert.equal(await scoringOwner(cli), undefined, 'its process is gone');
    let ran = false;
    const scored = await scoreInCommand(cli, { lease }, async () => {
      ran = true;
    });
    assert.ok('result' in scored && ran, 'the command scored itself');
    assert.equal(await cli.lease(SCORING_LEASE), undefined, 'and gave the lease up');

    // On another host, alive as far as we can tell, but silent for longer than staleMs.
    const old = new Date(Date.now() - 60_000);
    await server.claimLease(SCORING_LEASE, { token: 'far-server', holder: { kind: 'server', pid: 1, host: 'elsewhere.example' }, at: old, staleBefore: old });
    assert.equal(await scoringOwner(cli, lease), undefined);
    const scoring = startScoring(server, { lease });
    await scoring.ready;
    assert.equal((await scoringOwner(cli, lease))?.pid, process.pid, 'a server took it over');
    await scoring.close();
  } finally {
    await done();
  }
});

test('commands take turns; a server starting meanwhile waits for the command, and a second server for the first', async () => {
  const { server, cli, done } = await twoHandles();
  const order: string[] = [];
  try {
    let finishFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (finishFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const first = withScoring(cli, { lease }, async () => {
      order.push('first starts');
      firstStarted();
      await firstHolds;
      order.push('first ends');
    });
    await started;
    const waitedFor: string[] = [];
    const second = withScoring(server, { lease, onWait: (owner) => waitedFor.push(owner.kind) }, async () => void order.push('second runs'));
    // Give it a few retries: it keeps waiting while the first command holds the lease.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(order, ['first starts']);
    finishFirst();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first starts', 'first ends', 'second runs']);
    assert.deepEqual(waitedFor, ['command']);

    // A server starting while a command scores waits for it (its hooks too).
    let finishThird!: () => void;
    const thirdHolds = new Promise<void>((resolve) => (finishThird = resolve));
    let thirdStarted!: () => void;
    const thirdRuns = new Promise<void>((resolve) => (thirdStarted = resolve));
    const third = withScoring(cli, { lease }, async () => {
      thirdStarted();
      await thirdHolds;
    });
    await thirdRuns;
    const scoring = startScoring(server, { lease });
    let serverReady = false;
    void scoring.ready.then(() => (serverReady = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(serverReady, false);
    finishThird();
    await Promise.all([third, scoring.ready]);

    // A second server while the first scores: its hooks return at once (the first's watcher picks
    // up what it writes), and it takes over when the first stops.
    const logs: string[] = [];
    const other = startScoring(cli, { lease, log: (m) => logs.push(m) });
    let otherReady = false;
    void other.ready.then(() => (otherReady = true));
    await until(() => logs.some((l) => /the server \(pid \d+\) scores this data directory/.test(l)));
    await other.hooks.interestChanged(12345);
    assert.equal(otherReady, false);
    await scoring.close();
    await other.ready;
    assert.equal((await scoringOwner(server, lease))?.kind, 'server');
    await other.close();
    assert.equal(await scoringOwner(server, lease), undefined);
  } finally {
    await done();
  }
});

test('a server whose lease was taken over (it stalled) stops scoring and does not overwrite the new holder’s state', async () => {
  const { server, cli, done } = await twoHandles();
  const warnings: string[] = [];
  const scoring = startScoring(server, { lease, warn: (m) => warnings.push(m) });
  try {
    await scoring.ready;
    const held = await cli.lease(SCORING_LEASE);
    // What a process finding the server silent for staleMs does.
    const taker = await ScoringLease.acquire(cli, 'command', { ...lease, staleMs: 0 });
    assert.notEqual((await cli.lease(SCORING_LEASE))?.token, held?.token);
    // Its next heartbeat finds out.
    await until(() => warnings.some((w) => /took the scoring lease over/.test(w)));
    await cli.saveMatcherStream(BUILTIN_EMBEDDER_ID, { version: 1, marker: 'new holder' });
    await scoring.hooks.postsAdded([]);
    await scoring.close();
    assert.deepEqual(await cli.matcherStream(BUILTIN_EMBEDDER_ID), { version: 1, marker: 'new holder' });
    await taker.release();
  } finally {
    await done();
  }
});

test('a server stopping takes a last look at what other processes wrote, so the next holder does not start past it', async () => {
  const { server, cli, done } = await twoHandles();
  try {
    const user = await cli.defaultUser();
    const { feed } = await cli.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    await addTopicPosts(cli, feed, 50);
    const interest = await cli.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    await cli.flush();
    // The watcher's own polls are an hour apart: only the last look can find the like.
    const scoring = startScoring(server, { lease, watchIntervalMs: 3_600_000 });
    await scoring.ready;
    // Its first poll (at start) done: it says so in the lease.
    for (let i = 0; !((await cli.lease(SCORING_LEASE))?.holder as { caughtUpTo?: number }).caughtUpTo; i++) {
      assert.ok(i < 3000, 'the first poll did not end');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [top] = await cli.feedMatches(user.id, { interestIds: [interest.id], limit: 1 });
    await cli.addFeedback(user.id, top.postId, 'like', interest.id);
    await cli.flush();
    assert.equal((await cli.interestById(interest.id))?.learned ?? undefined, undefined);
    await scoring.close();
    assert.ok((await cli.interestById(interest.id))?.learned, 'learned before the server let go');
  } finally {
    await done();
  }
});
