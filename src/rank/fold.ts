// Near-duplicate folding: the same story from several feeds is one item. The store gives
// near-duplicates a shared clusterId (simhash, clean stage) and merges the same canonical URL
// into one post with several sources; here each cluster keeps its best-ranked post, and the
// other feeds that carried the story become "also in …".

import type { PostSource } from './candidate.ts';

export interface Foldable {
  postId: number;
  clusterId: number;
  sources: readonly PostSource[];
}

/** Another feed that carried the story, and the post it carried it as. */
export interface AlsoIn {
  feedId: number;
  feedTitle: string;
  postId: number;
}

export interface Cluster<T> {
  /** The best of the cluster's items by the comparator. */
  representative: T;
  /** The rest, best first. */
  others: T[];
}

/**
 * Groups items by clusterId. `compare` orders items best first (a total order, so the choice
 * is deterministic); clusters come back in the order of their representatives.
 */
export function foldClusters<T extends Foldable>(items: readonly T[], compare: (a: T, b: T) => number): Cluster<T>[] {
  const byCluster = new Map<number, T[]>();
  for (const item of items) {
    const members = byCluster.get(item.clusterId);
    if (members) members.push(item);
    else byCluster.set(item.clusterId, [item]);
  }
  const clusters: Cluster<T>[] = [];
  for (const members of byCluster.values()) {
    members.sort(compare);
    clusters.push({ representative: members[0], others: members.slice(1) });
  }
  return clusters.sort((a, b) => compare(a.representative, b.representative));
}

/**
 * The feeds besides the representative's own (its first source) that carried the story: the
 * representative's other sources, then each other post's, once per feed.
 */
export function alsoIn<T extends Foldable>(cluster: Cluster<T>): AlsoIn[] {
  const seen = new Set<number>();
  const out: AlsoIn[] = [];
  const shown = cluster.representative.sources[0];
  if (shown) seen.add(shown.feedId);
  for (const post of [cluster.representative, ...cluster.others]) {
    for (const source of post.sources) {
      if (seen.has(source.feedId)) continue;
      seen.add(source.feedId);
      out.push({ feedId: source.feedId, feedTitle: source.feedTitle, postId: post.postId });
    }
  }
  return out;
}
