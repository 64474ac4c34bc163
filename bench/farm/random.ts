// Deterministic randomness: the farm must serve the same feed for the same URL on every run.

import { hashString, seededRandom } from '../../src/seeded-random.ts';

/** A uniform [0, 1) value for (key, salt): independent draws per aspect of one feed. */
export function uniform(key: string, salt: string): number {
  return seededRandom(hashString(`${salt}:${key}`))();
}
