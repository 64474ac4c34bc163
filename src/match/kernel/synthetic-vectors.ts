// Seeded synthetic vectors shaped like interests and posts around topics, for the
// conformance suite, the tests, bench/match.ts and the kernel form timing (reproducible: same seed, same data).

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

/** A unit vector of `dims` components drawn uniformly from [−0.5, 0.5) and normalized (no topic). */
export function randomUnitVector(random: () => number, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => random() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
