// Posts enter the scorers as one Float32Array of unit rows: the exact form every scorer
// rescores against, so all of them agree to the bit.
import { DimensionMismatchError, unitInto } from './interest-matrix.ts';

export function packPosts(posts: readonly ArrayLike<number>[], dims: number, into?: Float32Array): Float32Array {
  const rows = into ?? new Float32Array(posts.length * dims);
  for (let p = 0; p < posts.length; p++) packPost(posts[p], dims, rows, p * dims, p);
  return rows;
}

/** One post as a unit row at `at` of `rows` (post `p` of its batch, for the errors): unitVector's
 *  numbers, written in place (a new array per post was ~6,000 a batch in the matcher's exact
 *  rescoring). */
export function packPost(post: ArrayLike<number>, dims: number, rows: Float32Array, at = 0, p = 0): void {
  if (post.length !== dims) throw new DimensionMismatchError(`scoreBatch: post ${p}`, dims, post.length);
  if (!unitInto(post, rows, at)) throw new RangeError(`scoreBatch: post ${p} of the batch has a NaN or infinite value`);
}
