// Near-duplicate lookup support shared by the stores: a 64-bit simhash is split into four 16-bit bands.
// Two hashes within 3 bits of each other agree exactly on at least one band (pigeonhole), so the
// candidates come from four indexed equality lookups; clean/simhash's isNearDuplicate then decides.
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../clean/simhash.ts';

export { isNearDuplicate } from '../clean/simhash.ts';

if (NEAR_DUPLICATE_MAX_DISTANCE > 3) throw new Error('four 16-bit bands only find near-duplicates within 3 bits');

/** Near-duplicates are looked for among posts first seen this recently (older stories have moved on). */
export const NEAR_DUPLICATE_WINDOW_MS = 14 * 24 * 3600 * 1000;

export function simhashBands(simhash: string): [number, number, number, number] {
  return [
    parseInt(simhash.slice(0, 4), 16),
    parseInt(simhash.slice(4, 8), 16),
    parseInt(simhash.slice(8, 12), 16),
    parseInt(simhash.slice(12, 16), 16),
  ];
}
