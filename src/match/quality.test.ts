// Guards the matching quality reached on BBC News (npm run eval prints the full table): the
// floors sit just under the measured levels so they cannot silently drop. Skipped when the
// shared corpora are absent. Four of the ten topic pairs are checked for rejection to keep it
// under a minute; npm run eval averages all ten.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { evaluate, loadLabelled } from '../../eval/run.ts';

const corpus = new URL('../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url).pathname;
const interests = new URL('../../eval/bbc-interests.json', import.meta.url).pathname;

// Measured 2026-12-06 (4 pairs): 0.960 / 0.961 / 0.9746 / 0.9101; see the commit that last changed them.
// Recall was 0.947 before the midpoint threshold (score/midpoint-threshold.ts) traded it for
// rejection (0.937 → 0.964), towards issue #3's operating point: rejection at recall ≥ 0.90;
// spreading the evidence over the neighbourhoods for the scores (match/batch.ts) raised both
// (0.964 / 0.905 → 0.9746 / 0.9101).
// After feedback 0.961 → 0.964 when the interest as written began to count as 4 likes (score/discriminant.ts).
// A second draw of likes (seed 7000, as eval/splits.ts): 0.9591 → 0.9633 when `best` after likes
// began to add what the positives say by themselves (score/positive-views.ts; seed 1000 unchanged).
// λ of the discriminant from the number of positives (score/discriminant.ts shrinkageFor, for
// AG News's short posts): 0.9596 / 0.968 / 0.9614 / 0.9709 / 0.9180 (after likes seed 1000 +0.4
// points, seed 7000 −0.2, rejection −0.4 at recall +0.8; eval/README.md). The score spread over
// neighbourhoods by both views (score/neighbours.ts hybrid): rejection 0.9727 at recall 0.9285.
const FLOORS = { zeroShot: 0.958, afterFeedback: 0.966, afterFeedbackSecondDraw: 0.960, rejection: 0.971, recall: 0.925 };

test('BBC News: zero-shot, after-feedback and off-topic rejection stay at the reached levels', { skip: existsSync(corpus) ? false : `${corpus} not found (shared corpora absent)` }, async (t) => {
  const { posts, interests: topics } = loadLabelled(corpus, interests);
  const report = await evaluate(posts, topics, { pairs: 4, references: false, likesSeeds: [1000, 7000] });
  const reached = { zeroShot: report.zeroShot, afterFeedback: report.afterFeedback, afterFeedbackSecondDraw: report.afterFeedbackBySeed[1],
    rejection: report.rejection, recall: report.recall };
  t.diagnostic(`reached ${JSON.stringify(reached)}`);
  for (const [key, floor] of Object.entries(FLOORS)) {
    assert.ok(reached[key as keyof typeof reached] >= floor, `${key} ${reached[key as keyof typeof reached].toFixed(3)} < floor ${floor} (${JSON.stringify(reached)})`);
  }
});
