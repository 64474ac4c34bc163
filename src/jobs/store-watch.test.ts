import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../store/open.ts';
import { ScoringService } from './scoring.ts';
import { watchStore } from './store-watch.ts';
import { addTopicPosts } from './topic-posts.ts';

// Two handles on one file, as the server and a CLI command in another process have.
test('the server’s service picks up interests, feedback and posts another process wrote', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-watch-'));
  const server = await openStore(join(dir, 'sluice.db'));
  const cli = await openStore(join(dir, 'sluice.db'));
  const logs: string[] = [];
  const service = await ScoringService.start(server, { log: (m) => logs.push(m), warn: (m) => logs.push(`warning: ${m}`) });
  // A long interval: the test drives the polls itself.
  const watch = watchStore(server, service, { intervalMs: 3_600_000, warn: (m) => logs.push(`warning: ${m}`) });
  try {
    const user = await cli.defaultUser();
    const { feed } = await cli.subscribe(user.id, { url: 'https://example.com/feed.xml' });
    const topicOf = await addTopicPosts(cli, feed, 100);
    const shown = async (interestId: number) =>
      (await server.feedMatches(user.id, { interestIds: [interestId], aboveThresholdOnly: true })).map((m) => topicOf.get(m.postId));

    // Posts stored by the other process are scored.
    await watch.poll();
    assert.ok(logs.some((l) => /100 new posts scored/.test(l)), logs.join('\n'));

    // An interest added there is compiled and back-scored here.
    const interest = await cli.addInterest(user.id, { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] });
    await cli.flush();
    assert.equal(service.interests, 0);
    await watch.poll();
    assert.equal(service.interests, 1);
    const gardening = await shown(interest.id);
    assert.ok(gardening.length >= 15 && gardening.every((t) => t === 'gardening'), `shows ${gardening}`);

    // Edited there: its matches follow the new wording.
    await cli.updateInterest(user.id, interest.id, { name: 'Football', keywords: ['football', 'league', 'striker'] });
    await cli.flush();
    await watch.poll();
    const football = await shown(interest.id);
    assert.ok(football.length >= 15 && football.every((t) => t === 'football'), `shows ${football}`);

    // Feedback given there is learned here (the learned state is written by the server's service).
    const [top] = await server.feedMatches(user.id, { interestIds: [interest.id], aboveThresholdOnly: true, limit: 1 });
    await cli.addFeedback(user.id, top.postId, 'like', interest.id);
    await cli.flush();
    assert.equal((await server.interestById(interest.id))?.learned ?? undefined, undefined);
    await watch.poll();
    assert.ok((await server.interestById(interest.id))?.learned, 'learned from the like');

    // Nothing changed since: a sync finds nothing to redo, including the learned state it wrote itself.
    assert.equal(await service.syncWithStore(), 0);

    // The like withdrawn there (it leaves no feedback row): the interest learns again from what is left.
    const liked = await server.interestById(interest.id);
    assert.equal(await cli.clearFeedback(user.id, top.postId, interest.id), 1);
    await cli.flush();
    await watch.poll();
    const unliked = await server.interestById(interest.id);
    assert.ok(unliked && liked && unliked.updatedAt > liked.updatedAt, 'learned again after the withdrawal');
    assert.notDeepEqual(unliked.learned, liked.learned);
    assert.equal(await service.syncWithStore(), 0, 'and only once');
    // Liked again, so the rest of the test goes on from a learned interest.
    await cli.addFeedback(user.id, top.postId, 'like', interest.id);
    await cli.flush();
    await watch.poll();

    // More posts there are scored here against the interest.
    const fresh = await addTopicPosts(cli, feed, 50);
    for (const [id, topic] of fresh) topicOf.set(id, topic);
    await watch.poll();
    const freshShown = await server.feedMatches(user.id, { interestIds: [interest.id], aboveThresholdOnly: true, postIds: [...fresh.keys()] });
    assert.ok(freshShown.length >= 8, `${freshShown.length} of 10 new football posts shown`);

    // Removed there, and another added, between two polls: the matcher forgets one, compiles the other.
    const cooking = await cli.addInterest(user.id, { name: 'Cooking', keywords: ['recipe', 'chef'] });
    await cli.flush();
    await watch.poll();
    assert.equal(service.interests, 2);
    await cli.removeInterest(user.id, cooking.id);
    const space = await cli.addInterest(user.id, { name: 'Space', keywords: ['rocket', 'astronaut'] });
    await cli.flush();
    await watch.poll();
    assert.equal(service.interests, 2);
    const spaceShown = await shown(space.id);
    assert.ok(spaceShown.length >= 15 && spaceShown.every((t) => t === 'space'), `shows ${spaceShown}`);
    await cli.removeInterest(user.id, interest.id);
    await cli.removeInterest(user.id, space.id);
    await cli.flush();
    await watch.poll();
    assert.equal(service.interests, 0);
    assert.ok(!logs.some((l) => l.startsWith('warning')), logs.join('\n'));
  } finally {
    await watch.stop();
    await service.close();
    await cli.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
