// Seeded synthetic vectors shaped like interests and posts around topics, for the
// conformance suite, the tests and bench/match.ts (reproducible: same seed, same data).

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
