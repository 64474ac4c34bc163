// The scoring service's window (30 days of stored posts) as the matcher reads it, kept between
// back-scores. Adding an interest and learning from a like back-score it on the whole window;
// reading 100,000 posts' text and vectors from SQLite for each took ~7 of its ~10 s
// (`npm run bench -- interest-change --window=100000`, jobs/README.md). Now a back-score lists
// the window's post ids with their revisions (Store.postRevisions: no text) and reads in full only
// the posts it does not hold at that revision: new ones, edited ones.
import type { MatcherPost } from '../match/matcher/matcher.ts';
import type { PostRevision } from '../store/store.ts';

interface Held {
  revision: number;
  post: MatcherPost;
}

export class WindowPosts {
  #held = new Map<number, Held>();

  /** Posts held. */
  get size(): number {
    return this.#held.size;
  }

  /** The post at this revision, if held. */
  get({ id, revision }: Pick<PostRevision, 'id' | 'revision'>): MatcherPost | undefined {
    const held = this.#held.get(id);
    return held !== undefined && held.revision === revision ? held.post : undefined;
  }

  /** Holds a post as read at `revision` (its documents should be compact: the whole window is held). */
  set(revision: number, post: MatcherPost): void {
    this.#held.set(post.id, { revision, post });
  }

  /** These posts' vectors changed (embedded again): they are read again when next listed. */
  forget(ids: Iterable<number>): void {
    for (const id of ids) this.#held.delete(id);
  }

  /** Only these posts are kept (the window as just listed): the others left it or were deleted. */
  keepOnly(ids: readonly number[]): void {
    const kept = new Map<number, Held>();
    for (const id of ids) {
      const held = this.#held.get(id);
      if (held !== undefined) kept.set(id, held);
    }
    this.#held = kept;
  }

  clear(): void {
    this.#held = new Map();
  }
}
