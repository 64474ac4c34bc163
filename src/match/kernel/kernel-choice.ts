// Which form of the kernel (kernel-form.ts) runs faster on this CPU: both are timed once per
// process on a small matrix of their own, and the answer is kept. The forms give the same
// scores to the bit, so the choice moves only the speed; a wrong call under a noisy machine
// costs time, never a pair.
import { seededRandom } from '../../seeded-random.ts';
import { DenseScan, denseKernelModule } from './dense-scan.ts';
import { InterestMatrix } from './interest-matrix.ts';
import { KERNEL_FORMS, type KernelForm } from './kernel-form.ts';
import { randomUnitVector } from './synthetic-vectors.ts';

export interface KernelTiming {
  form: KernelForm;
  /** Best time of one timed scan per form (ms): 2,048 interests × 64 posts × 100 dims. */
  fused: number;
  split: number;
}

/** The split form must be this much faster to be chosen: the fused one is the form as written. */
const SPLIT_MUST_GAIN = 0.05;
const DIMS = 100, INTERESTS = 2048, POSTS = 64, WARM_CALLS = 40, TIMED_ROUNDS = 7;

let timed: KernelTiming | undefined;

/** The faster form here (timed on the first call: ~50–70 ms on this 2-core machine), or `SLUICE_KERNEL_FORM` if set. */
export function fasterKernelForm(): KernelForm {
  const forced = process.env.SLUICE_KERNEL_FORM;
  if (forced !== undefined && forced !== '') {
    if (!(KERNEL_FORMS as readonly string[]).includes(forced)) throw new RangeError(`SLUICE_KERNEL_FORM: expected ${KERNEL_FORMS.join(' or ')}, got ${JSON.stringify(forced)}`);
    return forced as KernelForm;
  }
  return kernelTiming().form;
}

/** The timing behind fasterKernelForm (run once per process). */
export function kernelTiming(): KernelTiming {
  timed ??= timeKernelForms();
  return timed;
}

function timeKernelForms(): KernelTiming {
  const random = seededRandom(7);
  const unit = () => randomUnitVector(random, DIMS);
  const matrix = new InterestMatrix(DIMS, { initialCapacity: INTERESTS, maxBatch: POSTS, regions: 1 });
  for (let id = 0; id < INTERESTS; id++) matrix.add(id, unit(), Infinity); // no candidates: the dot products alone
  const posts = new Float32Array(POSTS * DIMS);
  for (let p = 0; p < POSTS; p++) posts.set(unit(), p * DIMS);
  const blocks = Math.ceil(INTERESTS / 16);
  const scans = KERNEL_FORMS.map((form) => {
    const scan = new DenseScan(matrix.shared(), 0, denseKernelModule(form));
    return { form, scan, best: Infinity };
  });
  // Calls enough for V8 to move the kernel from its baseline compiler to the optimizing one.
  for (const s of scans) {
    s.scan.load(posts, POSTS);
    for (let i = 0; i < WARM_CALLS; i++) s.scan.scanBlocks(Infinity, 0, 8);
  }
  for (let round = 0; round < TIMED_ROUNDS; round++) {
    for (const s of scans) {
      s.scan.load(posts, POSTS);
      const start = performance.now();
      s.scan.scanBlocks(Infinity, 0, blocks);
      s.best = Math.min(s.best, performance.now() - start);
    }
  }
  const fused = scans[0].best, split = scans[1].best;
  return { form: split < fused * (1 - SPLIT_MUST_GAIN) ? 'split' : 'fused', fused, split };
}
