// A saved calibration (Matcher.interestCalibration) is taken back only for what it was made for:
// the learned state after feedback, else the compiled interest — whatever the stream's IDF did.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BuiltinEmbedder } from '../../embed/builtin.ts';
import type { CompiledInterest } from '../interest/interest.ts';
import { EMPTY_CALIBRATION } from './calibration-state.ts';
import { Matcher, type SavedCalibration } from './matcher.ts';
import { compiledInterests, matcherOptions, syntheticStream, TOPICS, type LabelledPost } from './synthetic-posts.ts';

const IDS = Object.fromEntries(Object.keys(TOPICS).map((t, i) => [t, i + 1]));
/** As the store keeps it (JSON). */
const stored = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('saved calibrations', () => {
  let posts: LabelledPost[];
  let embedder: BuiltinEmbedder;
  let compiled: Record<string, CompiledInterest>;
  const opened: Matcher[] = [];
  const open = (saved?: unknown) => {
    const m = Matcher.create(Object.keys(IDS).map((t) => ({ id: IDS[t], compiled: compiled[t] })), matcherOptions(embedder, { saved }));
    opened.push(m);
    return m;
  };
  before(async () => {
    ({ posts, embedder } = await syntheticStream(250));
    compiled = await compiledInterests(posts, embedder);
  });
  after(async () => { await Promise.all(opened.map((m) => m.close())); });

  test('after feedback, one saved is taken with the learned state only; an IDF refresh keeps what it was made for', async () => {
    const m = open();
    const cooking = IDS.cooking;
    await m.scorePosts(posts.slice(0, 25));
    const compiledOnly = stored(m.interestCalibration(cooking));
    // The stream's IDF re-weights the unlearned interests' terms on the way (×1.25 + 20 posts).
    for (let s = 25; s < 200; s += 25) await m.scorePosts(posts.slice(s, s + 25));
    assert.equal(m.interestCalibration(cooking).fingerprint, compiledOnly.fingerprint);

    const liked = posts.filter((p) => p.topic === 'cooking').slice(0, 5);
    const first = stored((await m.applyFeedback(cooking, { liked }, posts.slice(0, 200))).learned);
    const afterFirst = stored(m.interestCalibration(cooking));
    assert.notEqual(afterFirst.fingerprint, compiledOnly.fingerprint);
    const second = stored((await m.applyFeedback(cooking, { liked: liked.slice(0, 2) }, posts.slice(0, 200))).learned);
    const afterSecond = stored(m.interestCalibration(cooking));
    assert.notEqual(afterSecond.fingerprint, afterFirst.fingerprint);

    // A restart: each learned state takes its own calibration back, and no other.
    const restarted = open(stored(m.streamState()));
    const takes = (id: number, learned: unknown, calibration: SavedCalibration) => restarted.upsertInterest(id, compiled.cooking, learned, calibration);
    assert.equal(takes(101, second, afterSecond), true);
    assert.deepEqual(restarted.calibrationState(101), m.calibrationState(cooking));
    assert.equal(takes(102, first, afterFirst), true);
    assert.equal(takes(103, undefined, compiledOnly), true);
    assert.equal(takes(104, second, afterFirst), false);
    assert.deepEqual(restarted.calibrationState(104), EMPTY_CALIBRATION);
    assert.equal(takes(105, first, afterSecond), false);
    assert.equal(takes(106, undefined, afterSecond), false);
    assert.equal(takes(107, second, compiledOnly), false);
    // Saved again from the restarted matcher: the same fingerprints.
    assert.equal(restarted.interestCalibration(101).fingerprint, afterSecond.fingerprint);
    assert.equal(restarted.interestCalibration(103).fingerprint, compiledOnly.fingerprint);
  });
});
