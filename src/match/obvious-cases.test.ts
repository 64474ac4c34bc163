// eval/obvious-cases.json: posts any reader would file the same way, scored as one small batch
// on an empty instance (so the cold-start calibration is what is tested). A camper-van post
// never matches an AI interest; a Formula One post matches "Formula One racing"; and so on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { gloveBackground } from '../embed/glove/background.ts';
import { scoreBatch, type PostInput } from './batch.ts';
import type { Interest } from './interest/interest.ts';
import { tableBackground } from './score/background-frequency.ts';

interface Case extends PostInput {
  matches: string[];
  never: string[];
}

const cases = JSON.parse(readFileSync(new URL('../../eval/obvious-cases.json', import.meta.url), 'utf8')) as { interests: Interest[]; posts: Case[] };

test('obvious cases: matched where any reader would, never where none would', async () => {
  const embedder = new BuiltinEmbedder();
  const results = await scoreBatch(cases.posts, cases.interests, embedder, {
    background: gloveBackground(),
    backgroundFrequency: tableBackground(embedder.table),
  });
  const failures: string[] = [];
  results.forEach((r, k) => {
    const c = cases.posts[k];
    for (const name of c.matches) if (!r.matched.includes(name)) failures.push(`${c.id} should match "${name}" (score ${r.scores[name]})`);
    for (const name of c.never) if (r.matched.includes(name)) failures.push(`${c.id} must not match "${name}" (score ${r.scores[name]})`);
    if (c.matches.length === 1) assert.equal(r.best, c.matches[0], `${c.id}: best`);
  });
  assert.deepEqual(failures, []);
});

test('obvious cases: the camper-van post never matches the AI interest, whatever else is in the batch', async () => {
  const embedder = new BuiltinEmbedder();
  const camper = cases.posts.find((p) => p.id === 'camper')!;
  const ai = cases.interests.find((i) => i.name === 'Artificial intelligence')!;
  for (const batch of [[camper], cases.posts.filter((p) => p.id === 'camper' || p.id === 'llm')]) {
    const results = await scoreBatch(batch, [ai], embedder, { background: gloveBackground(), backgroundFrequency: tableBackground(embedder.table) });
    assert.deepEqual(results.find((r) => r.id === 'camper')!.matched, []);
  }
});
