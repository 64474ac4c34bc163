// Seeded synthetic vectors shaped like interests and posts around topics, for the
// conformance suite, the tests and bench/match.ts (reproducible: same seed, same data).

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function randomCentroids(random: () => number, clusters: number, dims: number): Float32Array[] {
  return Array.from({ length: clusters }, () => Float32Array.from({ length: dims }, () => gaussian(random)));
}

/** Vectors around given centroids, like interests and posts around topics. */
export function clusteredVectors(random: () => number, count: number, centroids: Float32Array[], spread: number): Float32Array[] {
  return Array.from({ length: count }, () => {
    const c = centroids[Math.floor(random() * centroids.length)];
    return Float32Array.from(c, (x) => x + spread * gaussian(random));
  });
}
