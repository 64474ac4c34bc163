// Posts enter the scorers as one Float32Array of unit rows: the exact form every scorer
// rescores against, so all of them agree to the bit.
import { DimensionMismatchError, unitVector } from './interest-matrix.ts';

export function packPosts(posts: readonly ArrayLike<number>[], dims: number, into?: Float32Array): Float32Array {
  const rows = into ?? new Float32Array(posts.length * dims);
  for (let p = 0; p < posts.length; p++) {
    if (posts[p].length !== dims) throw new DimensionMismatchError(`scoreBatch: post ${p}`, dims, posts[p].length);
    try {
      rows.set(unitVector(posts[p]), p * dims);
    } catch (cause) {
      throw new RangeError(`scoreBatch: post ${p} of the batch has a NaN or infinite value`, { cause });
    }
  }
  return rows;
}
