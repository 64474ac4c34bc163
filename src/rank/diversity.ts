// Source diversity: a prolific feed must not fill the top of the feed. Walking the ranked list,
// an item whose source already supplied the last `maxRun` items waits while any other source
// still has items; the best-ranked item of another source goes first. Within a source the
// ranked order is kept, and with only one source left it runs on. Items move only as far as
// needed, so the result is the ranked list with runs broken, deterministically.
//
// O(n log s) for n items from s sources: one queue per source, a heap of the queues by the
// rank of their head.

export const DEFAULT_MAX_RUN = 2;

/** A run limit that is not a positive integer. */
export class MaxRunError extends RangeError {
  readonly maxRun: number;
  constructor(maxRun: number) {
    super(`rank: the longest run from one source must be a positive integer, got ${maxRun}`);
    this.name = 'MaxRunError';
    this.maxRun = maxRun;
  }
}

/** Min-heap of queue numbers, ordered by the rank (index in the input) of each queue's head. */
class HeadHeap {
  readonly #ids: number[] = [];
  readonly #head: (queue: number) => number;
  constructor(head: (queue: number) => number) {
    this.#head = head;
  }
  get size(): number {
    return this.#ids.length;
  }
  push(queue: number): void {
    const ids = this.#ids;
    let i = ids.push(queue) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#head(ids[parent]) <= this.#head(queue)) break;
      ids[i] = ids[parent];
      i = parent;
    }
    ids[i] = queue;
  }
  pop(): number {
    const ids = this.#ids;
    const top = ids[0];
    const last = ids.pop()!;
    if (ids.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= ids.length) break;
        if (child + 1 < ids.length && this.#head(ids[child + 1]) < this.#head(ids[child])) child++;
        if (this.#head(ids[child]) >= this.#head(last)) break;
        ids[i] = ids[child];
        i = child;
      }
      ids[i] = last;
    }
    return top;
  }
}

/**
 * Reorders a ranked list (best first) so that no more than `maxRun` consecutive items share a
 * source while items from other sources remain. `sourceOf` names an item's source.
 */
export function diversify<T>(ranked: readonly T[], sourceOf: (item: T) => number | string,
  maxRun: number = DEFAULT_MAX_RUN): T[] {
  if (!Number.isInteger(maxRun) || maxRun < 1) throw new MaxRunError(maxRun);
  // Per source: the input positions of its items, in rank order, and a cursor into them.
  const queueOf = new Map<number | string, number>();
  const queues: number[][] = [];
  const sources: (number | string)[] = [];
  ranked.forEach((item, position) => {
    const source = sourceOf(item);
    let q = queueOf.get(source);
    if (q === undefined) {
      q = queues.push([]) - 1;
      queueOf.set(source, q);
      sources.push(source);
    }
    queues[q].push(position);
  });
  const cursor = new Array<number>(queues.length).fill(0);
  const heap = new HeadHeap((q) => queues[q][cursor[q]]);
  for (let q = 0; q < queues.length; q++) heap.push(q);

  const out: T[] = [];
  let lastQueue = -1;
  let run = 0;
  while (heap.size > 0) {
    let q = heap.pop();
    let held = -1;
    if (q === lastQueue && run >= maxRun && heap.size > 0) {
      held = q;
      q = heap.pop();
    }
    out.push(ranked[queues[q][cursor[q]++]]);
    run = q === lastQueue ? run + 1 : 1;
    lastQueue = q;
    if (cursor[q] < queues[q].length) heap.push(q);
    if (held >= 0) heap.push(held);
  }
  return out;
}
