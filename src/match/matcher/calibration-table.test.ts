import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../seeded-random.ts';
import { calibratedScore, calibrationOf, EMPTY_CALIBRATION, observe, semanticFloor, type CalibrationState, type ObservedPair } from './calibration-state.ts';
import { EMPTY_RUNNING_MEDIAN, observeMedian } from '../score/running-median.ts';
import { CalibrationTable } from './calibration-table.ts';
import type { RunningMoments } from './running-moments.ts';

const random = seededRandom(11);
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** A state as a stream leaves it: some batches of posts, a few lexical hits, some on topic. */
function streamedState(batches: number): CalibrationState {
  let state = EMPTY_CALIBRATION;
  for (let b = 0; b < batches; b++) {
    const pairs: ObservedPair[] = [];
    for (let i = 0; i < 1 + Math.floor(random() * 8); i++) {
      const hit = random() < 0.7;
      pairs.push({ cosine: 0.2 + 0.3 * gauss(), lexical: hit ? 0.05 + 0.2 * random() : 0, onTopic: random() < 0.3 });
    }
    state = observe(state, 25, pairs);
  }
  return state;
}

function streamMoments(onTopic: RunningMoments): RunningMoments {
  const n = onTopic.n + Math.floor(random() * 500);
  return { n, mean: 0.1 + 0.05 * gauss(), m2: n * (0.01 + 0.01 * random()) };
}

test('prepare() gives calibrationOf, calibratedScore and semanticFloor to the last bit', () => {
  const table = new CalibrationTable(4);
  const states = [EMPTY_CALIBRATION, ...Array.from({ length: 40 }, (_, i) => streamedState(i % 10))];
  states.forEach((state, i) => {
    const row = i % 3; // rows are reused
    const prior = { mean: 0.1 * gauss(), std: 0.05 + 0.1 * random() };
    const weight = i % 2 ? 200 : 50;
    const stream = i === 1 ? state.onTopic.cosine : streamMoments(state.onTopic.cosine); // i = 1: every post on topic
    table.reset(row, state, prior, weight, 3);
    table.setStream(row, stream);
    const floor = table.prepare(row, 2);
    const want = calibrationOf(state, stream, prior, weight);
    assert.deepEqual(table.calibration(row), {
      semantic: { mean: want.semantic.mean, std: Math.max(want.semantic.std, 1e-6) },
      lexical: { mean: want.lexical.mean, std: Math.max(want.lexical.std, 1e-6) },
      raw: { mean: want.raw.mean, std: Math.max(want.raw.std, 1e-6) },
    }, `state ${i}`);
    assert.equal(floor, semanticFloor(want, 2), `floor of state ${i}`);
    for (const [c, l] of [[0.3, 0], [0.6, 0.2], [-0.1, 0.05]]) assert.equal(table.score(row, c, l), calibratedScore(c, l, want).score);
    assert.deepEqual(table.stateOf(row), state);
  });
});

test('observe() and endBatch() move the state as observe() of calibration-state does', () => {
  const table = new CalibrationTable(2);
  let want = streamedState(3);
  table.reset(1, want, { mean: 0, std: 0.1 }, 200, 3);
  for (let b = 0; b < 6; b++) {
    const pairs: ObservedPair[] = Array.from({ length: b === 2 ? 0 : 12 }, () => ({
      cosine: 0.3 * gauss(), lexical: random() < 0.5 ? 0.3 * random() : 0, onTopic: random() < 0.25,
    }));
    for (const p of pairs) table.observe(1, p.cosine, p.lexical, p.onTopic);
    table.endBatch(1, 40);
    want = observe(want, 40, pairs);
    const got = table.stateOf(1);
    const close = (a: RunningMoments, e: RunningMoments, what: string) => {
      assert.equal(a.n, e.n, `${what}.n`);
      assert.ok(Math.abs(a.mean - e.mean) <= 1e-12 * (1 + Math.abs(e.mean)), `${what}.mean ${a.mean} vs ${e.mean}`);
      assert.ok(Math.abs(a.m2 - e.m2) <= 1e-12 * (1 + Math.abs(e.m2)), `${what}.m2 ${a.m2} vs ${e.m2}`);
    };
    close(got.lexical, want.lexical, 'lexical');
    close(got.onTopic.cosine, want.onTopic.cosine, 'onTopic.cosine');
    close(got.onTopic.lexical, want.onTopic.lexical, 'onTopic.lexical');
    assert.ok(Math.abs(got.cross - want.cross) < 1e-12 && Math.abs(got.onTopic.cross - want.onTopic.cross) < 1e-12);
  }
  table.observe(1, 0.5, 0.1, false);
  table.observe(1, 0.5, 0.1, false);
  assert.throws(() => table.endBatch(1, 1), /2 lexical hits but only 1 posts \(row 1\)/);
});

test('rows grow without losing state', () => {
  const table = new CalibrationTable(2);
  const state = streamedState(4);
  table.reset(1, state, { mean: 0, std: 0.1 }, 200, 3);
  table.ensure(5000);
  assert.ok(table.capacity >= 5000);
  assert.deepEqual(table.stateOf(1), state);
  assert.equal(table.threshold(1), 3);
  assert.equal(table.hasStream(1), false);
});

test('the running median of matches is in the row: observeMatch() as observeMedian(), kept by stateOf() / setState(), emptied by reset()', () => {
  const table = new CalibrationTable(4);
  table.reset(2, streamedState(2), { mean: 0, std: 0.1 }, 200, 3);
  assert.deepEqual(table.matchesOf(2), EMPTY_RUNNING_MEDIAN);
  let want = EMPTY_RUNNING_MEDIAN;
  for (let i = 0; i < 300; i++) {
    const score = 3 + Math.abs(6 * gauss());
    table.observeMatch(2, score);
    want = observeMedian(want, score);
  }
  assert.deepEqual(table.matchesOf(2), want);
  assert.ok(want.n === 300 && want.median > 5);
  const state = table.stateOf(2);
  assert.deepEqual(state.matches, want);
  table.reset(3, state, { mean: 0, std: 0.1 }, 200, 3);
  assert.deepEqual(table.stateOf(3), state);
  table.reset(2, EMPTY_CALIBRATION, { mean: 0, std: 0.1 }, 200, 3);
  assert.deepEqual(table.matchesOf(2), EMPTY_RUNNING_MEDIAN);
  // The threshold and the calibration threshold: reset() sets both, each moves alone after.
  table.setThreshold(2, 5.5);
  assert.deepEqual([table.threshold(2), table.calibrationThreshold(2)], [5.5, 3]);
  table.setCalibrationThreshold(2, 4);
  assert.deepEqual([table.threshold(2), table.calibrationThreshold(2)], [5.5, 4]);
});
