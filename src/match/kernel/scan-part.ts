// Slices of a scorer's interests for scanning a batch one part at a time (DenseScorer.split):
// the matcher scores one part's pairs while the workers scan the next.

/** A slice of a scorer's interests a scan can be limited to: [from, to) in the scorer's own
 *  order (blocks of its matrix, or ids), opaque to callers. */
export interface ScanPart {
  readonly from: number;
  readonly to: number;
}

/** Parts split at the given ascending bounds: (−∞, b₀), [b₀, b₁), …, [bₖ, ∞), so whatever lies
 *  beyond the last bound (interests added later) is in the last part. */
function partsAt(bounds: readonly number[]): ScanPart[] {
  const edges = [-Infinity, ...bounds, Infinity];
  return edges.slice(1).map((to, i) => ({ from: edges[i], to }));
}

/** `parts` parts of about equal size over `count` positions in ascending order: split at the
 *  position `positionAt(⌊k · count / parts⌋)` for k = 1 … parts − 1 (partsAt). Positions are
 *  blocks 0, 1, … by default; a scorer may number its interests otherwise (by id). */
export function equalParts(count: number, parts: number, positionAt: (index: number) => number = (index) => index): ScanPart[] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`split: parts must be a positive integer, got ${parts}`);
  return partsAt(Array.from({ length: parts - 1 }, (_, k) => positionAt(Math.floor(((k + 1) * count) / parts))));
}

/** The index of the part holding `position` (−1 for NaN). */
export function partIndex(parts: readonly ScanPart[], position: number): number {
  for (let i = 0; i < parts.length; i++) if (position >= parts[i].from && position < parts[i].to) return i;
  return -1;
}
