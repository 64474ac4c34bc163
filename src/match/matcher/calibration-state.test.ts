import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMBINED_PRIOR, LEXICAL_PRIOR, PRIOR_WEIGHT } from '../batch.ts';
import { blend, moments } from '../score/calibration.ts';
import { seededRandom } from '../../seeded-random.ts';
import { EMPTY_RUNNING_MEDIAN } from '../score/running-median.ts';
import { calibratedScore, calibrationOf, EMPTY_CALIBRATION, leaveOut, observe, parseCalibrationState, scoreFunction, semanticFloor, type ObservedPair } from './calibration-state.ts';
import { addValue, EMPTY_MOMENTS } from './running-moments.ts';

// A stream of 600 posts for one interest: cosines for all, ℓ > 0 for 15% (posts sharing a
// term), the top ones on topic. What observe() sees is only the candidates.
const random = seededRandom(5);
const all = Array.from({ length: 600 }, (_, j) => {
  const topical = j % 10 === 0;
  const cosine = (topical ? 0.5 : 0) + (random() - 0.5) * 0.4;
  const lexical = topical || random() < 0.1 ? random() * (topical ? 0.3 : 0.05) : 0;
  return { cosine, lexical, onTopic: topical && cosine > 0.45 };
});

function streamed(batch: number) {
  let state = EMPTY_CALIBRATION;
  let cosines = EMPTY_MOMENTS;
  for (let s = 0; s < all.length; s += batch) {
    const posts = all.slice(s, s + batch);
    const candidates: ObservedPair[] = posts.filter((p) => p.onTopic || p.lexical !== 0 || p.cosine > 0.15);
    state = observe(state, posts.length, candidates);
    for (const p of posts) cosines = addValue(cosines, p.cosine);
  }
  return { state, cosines };
}

test('the streamed calibration equals the batch formulas over every post, from candidates only', () => {
  const { state, cosines } = streamed(37);
  const prior = { mean: 0, std: 0.2 };
  const c = calibrationOf(state, cosines, prior);
  const offTopic = (j: number) => !all[j].onTopic;
  const sem = moments(all.map((p) => p.cosine), offTopic);
  const lex = moments(all.map((p) => p.lexical));
  const expectSem = blend(prior, 200, sem);
  const expectLex = blend(LEXICAL_PRIOR, PRIOR_WEIGHT, lex);
  const raw = all.map((p) => (p.cosine - expectSem.mean) / expectSem.std + (p.lexical - expectLex.mean) / expectLex.std);
  const expectRaw = blend(COMBINED_PRIOR, PRIOR_WEIGHT, moments(raw, offTopic));
  for (const [got, want] of [[c.semantic, expectSem], [c.lexical, expectLex], [c.raw, expectRaw]]) {
    assert.ok(Math.abs(got.mean - want.mean) < 1e-9 && Math.abs(got.std - want.std) < 1e-9, `${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  }
  // Batches of any size give the same state.
  const one = streamed(600).state;
  assert.ok(Math.abs(one.lexical.mean - state.lexical.mean) < 1e-12 && one.lexical.n === state.lexical.n);
});

test('the semantic floor is the cosine at which a post without shared terms reaches the floor score', () => {
  const { state, cosines } = streamed(100);
  const c = calibrationOf(state, cosines, { mean: 0.01, std: 0.18 });
  for (const floor of [2, 3, 0]) {
    const cos = semanticFloor(c, floor);
    assert.ok(Math.abs(calibratedScore(cos, 0, c).score - floor) < 1e-9);
    assert.ok(Math.abs(scoreFunction(c)(cos + 0.1, 0.03) - calibratedScore(cos + 0.1, 0.03, c).score) < 1e-9);
    assert.ok(calibratedScore(cos - 0.001, 0, c).score < floor);
    // A shared term can only raise the score: such posts are found by the index instead.
    assert.ok(calibratedScore(cos - 0.001, 0.2, c).score > calibratedScore(cos - 0.001, 0, c).score);
  }
});

test('a cold interest leans on its priors: the background for the cosine, √2 for the sum', () => {
  const c = calibrationOf(EMPTY_CALIBRATION, EMPTY_MOMENTS, { mean: 0.02, std: 0.2 });
  assert.deepEqual(c, { semantic: { mean: 0.02, std: 0.2 }, lexical: LEXICAL_PRIOR, raw: COMBINED_PRIOR });
});

test('the state survives JSON; anything else is refused', () => {
  const { state } = streamed(50);
  assert.deepEqual(parseCalibrationState(JSON.parse(JSON.stringify(state))), state);
  assert.equal(parseCalibrationState({ lexical: { n: 1, mean: 0, m2: 0 }, cross: 0 }), undefined);
  assert.equal(parseCalibrationState(null), undefined);
  // The running median of matches: kept through JSON; absent (saved before it was kept) → empty.
  const withMatches = { ...state, matches: { n: 12, median: 8.5, spread: 1.25 } };
  assert.deepEqual(parseCalibrationState(JSON.parse(JSON.stringify(withMatches))), withMatches);
  const { matches: _, ...old } = state;
  assert.deepEqual(parseCalibrationState(JSON.parse(JSON.stringify(old))), { ...state, matches: EMPTY_RUNNING_MEDIAN });
  assert.equal(parseCalibrationState({ ...state, matches: { n: 3, median: 'x', spread: 0 } }), undefined);
  assert.equal(parseCalibrationState({ ...state, matches: { n: -1, median: 4, spread: 0 } }), undefined);
  assert.throws(() => observe(EMPTY_CALIBRATION, 1, [{ cosine: 0, lexical: 1, onTopic: false }, { cosine: 0, lexical: 1, onTopic: false }]), /2 lexical hits but only 1 posts/);
});

test('leaveOut gives the lexical side as if the post had not been observed', () => {
  const posts = all.slice(0, 120);
  const state = observe(EMPTY_CALIBRATION, posts.length, posts);
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
  // An on-topic post with terms, an off-topic one with terms, one sharing none.
  const picks = [posts.findIndex((p) => p.onTopic && p.lexical > 0), posts.findIndex((p) => !p.onTopic && p.lexical > 0), posts.findIndex((p) => p.lexical === 0)];
  assert.ok(picks.every((k) => k >= 0));
  for (const k of picks) {
    const left = leaveOut(state, posts[k]);
    const without = observe(EMPTY_CALIBRATION, posts.length - 1, posts.filter((_, j) => j !== k));
    close(left.lexical.n, without.lexical.n, 'n');
    close(left.lexical.mean, without.lexical.mean, 'mean');
    close(left.lexical.m2, without.lexical.m2, 'm2');
    close(left.cross, without.cross, 'cross');
    close(left.onTopic.lexical.n, without.onTopic.lexical.n, 'on-topic n');
    close(left.onTopic.lexical.mean, without.onTopic.lexical.mean, 'on-topic mean');
    close(left.onTopic.lexical.m2, without.onTopic.lexical.m2, 'on-topic m2');
    close(left.onTopic.cross, without.onTopic.cross, 'on-topic cross');
    assert.deepEqual(left.onTopic.cosine, state.onTopic.cosine, 'the cosine side is left as it is');
  }
  // A young window: its one on-topic post no longer widens the lexical spread it is measured against.
  const young = [{ cosine: 0.6, lexical: 0.5, onTopic: true }, ...Array.from({ length: 6 }, () => ({ cosine: 0.05, lexical: 0, onTopic: false }))];
  const s = observe(EMPTY_CALIBRATION, young.length, young);
  const prior = { mean: 0, std: 0.2 };
  const cosines = young.reduce((m, p) => addValue(m, p.cosine), EMPTY_MOMENTS);
  const inOwnNull = calibratedScore(0.6, 0.5, calibrationOf(s, cosines, prior)).lexical;
  const leftOut = calibratedScore(0.6, 0.5, calibrationOf(leaveOut(s, young[0]), cosines, prior)).lexical;
  assert.ok(leftOut > 2 * inOwnNull, `lexical z ${leftOut} left out vs ${inOwnNull} in its own null`);
});
