// Posts enter the scorers as one Float32Array of unit rows: the exact form every scorer
// rescores against, so all of them agree to the bit.
import { DimensionMismatchError, unitInto } from './interest-matrix.ts';

export function packPosts(posts: readonly ArrayLike<number>[], dims: number, into?: Float32Array): Float32Array {
  const rows = into ?? new Float32Array(posts.length * dims);
  for (let p = 0; p < posts.length; p++) packPost(posts[p], dims, rows, p * dims, p);
  return rows;
}

/** Post `p` of a batch as a unit row at `at` of `rows`: unitVector's numbers, written in place. */
function packPost(post: ArrayLike<number>, dims: number, rows: Float32Array, at: number, p: number): void {
  if (post.length !== dims) throw new DimensionMismatchError(`scoreBatch: post ${p}`, dims, post.length);
  if (!unitInto(post, rows, at)) throw new RangeError(`scoreBatch: post ${p} of the batch has a NaN or infinite value`);
}
