// `sluice ... | head`: a reader that stops early closes the pipe; the command ends quietly (exit 0,
// nothing on stderr) instead of dying on EPIPE with a stack trace.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/sluice', import.meta.url));

describe('sluice into a closed pipe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pipe-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops writing without a stack trace when the reader goes away', async () => {
    const posts = join(dir, 'posts.jsonl');
    const interests = join(dir, 'interests.json');
    // Enough output (~300 kB of JSON) to outlast the pipe's buffer.
    const topics = ['Seedlings, compost and watering in the garden.', 'The central bank raised interest rates again.', 'A new camper van with a diesel heater.'];
    writeFileSync(posts, Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `p${i}`, title: `Post ${i}`, text: topics[i % 3] })).join('\n'));
    writeFileSync(interests, JSON.stringify([{ name: 'Gardening', keywords: ['garden', 'compost'] }, { name: 'Formula One', keywords: ['grand prix'] }]));
    const child = spawn(bin, ['--data', join(dir, 'data'), 'score', '--posts', posts, '--interests', interests, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Read the first chunk, then close our end, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
