// Back-scoring's posts as a dense scorer of their own (the scan turned around: the posts as the
// matrix, the interest as a one-vector batch), kept between back-scores. The scoring service
// hands the same post objects to every back-score while they stay in its window
// (jobs/window-posts.ts), so a back-score adds only the posts it has not seen and removes the ones
// that left; building the matrix anew took ~0.7 s of a ~1.6 s back-score at 100,000 posts.
import { createDenseScorer, type DenseScorer } from '../kernel/dense-scorer.ts';
import type { MatchList } from '../kernel/match-list.ts';

/** What a post needs to be held: its unit vector (the object itself is the key). */
export interface WindowPost {
  readonly vector: ArrayLike<number>;
}

export class WindowScorer {
  readonly #dims: number;
  #scorer: DenseScorer | undefined;
  /** Each post held and its id in the scorer. */
  #ids = new Map<WindowPost, number>();
  #nextId = 0;

  constructor(dims: number) {
    this.#dims = dims;
  }

  /** Posts held. */
  get size(): number {
    return this.#ids.size;
  }

  /**
   * Holds exactly these posts (adding the new ones, removing the others) and returns the ids
   * scoreBatch and exactScores speak of: ids[j] is posts[j]'s. A post listed twice is held once.
   */
  hold(posts: readonly WindowPost[]): Int32Array {
    const scorer = (this.#scorer ??= createDenseScorer(this.#dims, { threads: 1, initialCapacity: posts.length }));
    const ids = new Int32Array(posts.length);
    const kept = new Map<WindowPost, number>();
    for (let j = 0; j < posts.length; j++) {
      const post = posts[j];
      let id = kept.get(post) ?? this.#ids.get(post);
      if (id === undefined) {
        id = this.#nextId++;
        scorer.add(id, post.vector);
      }
      kept.set(post, id);
      ids[j] = id;
    }
    for (const [post, id] of this.#ids) if (!kept.has(post)) scorer.remove(id);
    this.#ids = kept;
    return ids;
  }

  /** Every held post whose cosine with `vector` is at least `floor` (ids as hold gave them). */
  scan(vector: ArrayLike<number>, floor: number): Promise<MatchList> {
    return this.#held().scoreBatch([vector], floor);
  }

  /** The exact cosines of `vector` with these held posts. */
  exactScores(vector: ArrayLike<number>, ids: ArrayLike<number>): Float32Array {
    return this.#held().exactScores(vector, ids);
  }

  async close(): Promise<void> {
    const scorer = this.#scorer;
    this.#scorer = undefined;
    this.#ids = new Map();
    await scorer?.close();
  }

  #held(): DenseScorer {
    if (this.#scorer === undefined) throw new Error('WindowScorer: no posts held (hold them first)');
    return this.#scorer;
  }
}
