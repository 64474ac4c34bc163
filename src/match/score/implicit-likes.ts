// Self-training (DESIGN.md, "Measurements behind the matching design": confident matches act as
// implicit likes, as in LOTClass): which posts an interest learns from without being told. One rule
// for the batch reference (match/batch.ts, every round) and for the scoring service (each user's
// stored matches, jobs/scoring.ts).

/** Implicit likes need more than a match: a score one SD above the null threshold, and a margin
 *  over the runner-up interest (a post between two interests teaches neither). In SDs. */
export const SEED_THRESHOLD = 4;
export const SEED_MARGIN = 1;
/** The two views (semantic, lexical) must agree: one finds the seed unusual (≥ 2 SDs, a ~2% tail),
 *  the other at least above the ordinary (≥ 1 SD). Requiring 2 SDs of both was purer but left most
 *  posts unlearned (measured: −0.3 points zero-shot). Co-training (Blum & Mitchell 1998): an
 *  interest that took in a neighbour's post would otherwise learn the neighbour's vocabulary and
 *  drift further with every round. */
export const SEED_VIEW = 2;
export const SEED_OTHER_VIEW = 1;

/** Whether a post whose best interest scores `best` (`second`: the runner-up among the same
 *  user's interests, −Infinity for none) is an implicit like of it, its two views (z-scores) being
 *  `semantic` and `lexical`. */
export function isImplicitLike(best: number, second: number, semantic: number, lexical: number): boolean {
  return best >= SEED_THRESHOLD && best - second >= SEED_MARGIN
    && Math.max(semantic, lexical) >= SEED_VIEW && Math.min(semantic, lexical) >= SEED_OTHER_VIEW;
}

/** One stored (post, interest) pair with its score and its two views. */
export interface ScoredPair {
  postId: number;
  interestId: number;
  score: number;
  semantic: number;
  lexical: number;
}

/**
 * Implicit likes among one user's pairs, by interest: each post goes to its best interest among
 * them when isImplicitLike says so (a pair not given is taken to score too low to be the
 * runner-up: the service stores pairs from about a point under the threshold up). `judged(interest,
 * post)`: the user's own verdict on the post for that interest, which self-training never
 * overrides (a liked post is a like already, a disliked one is never an implicit like).
 */
export function implicitLikes(pairs: readonly ScoredPair[], judged: (interestId: number, postId: number) => boolean = () => false): Map<number, number[]> {
  const byPost = new Map<number, { best: ScoredPair; second: number }>();
  for (const pair of pairs) {
    if (!Number.isFinite(pair.score)) continue;
    const seen = byPost.get(pair.postId);
    if (!seen) byPost.set(pair.postId, { best: pair, second: -Infinity });
    else if (pair.score > seen.best.score) byPost.set(pair.postId, { best: pair, second: seen.best.score });
    else seen.second = Math.max(seen.second, pair.score);
  }
  const out = new Map<number, number[]>();
  for (const [postId, { best, second }] of byPost) {
    if (!isImplicitLike(best.score, second, best.semantic, best.lexical) || judged(best.interestId, postId)) continue;
    const list = out.get(best.interestId);
    if (list) list.push(postId);
    else out.set(best.interestId, [postId]);
  }
  return out;
}

/** Implicit likes an interest learns from, at most: a sample of its sure posts, not the surest
 *  (BBC News streamed, eval/live.ts: the 100 or 200 surest narrowed every round, recall 0.90 →
 *  0.84 / 0.72 after three; a sample of 50 or 100 learned as all of them). Kept with the learned
 *  state, so learning again from the same feedback learns from the same posts. */
export const MAX_IMPLICIT_LIKES = 100;

/** A stable sample of `postIds` (at most `max`): the ones first by a hash of the id, so the sample
 *  keeps its posts as the set grows, and takes a new post in only in place of one further down. */
export function sampleImplicitLikes(postIds: readonly number[], max = MAX_IMPLICIT_LIKES): number[] {
  if (postIds.length <= max) return [...postIds].sort((a, b) => a - b);
  return [...postIds].sort((a, b) => rank(a) - rank(b) || a - b).slice(0, max).sort((a, b) => a - b);
}

/** A post id's place in the sample order (a multiplicative hash of the id: uniform, reproducible). */
function rank(postId: number): number {
  return Math.imul(postId ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
}

/** Implicit likes an interest needs before it learns from them (a direction from one or two posts
 *  is theirs, not the topic's). */
export const MIN_IMPLICIT_LIKES = 5;

/** The implicit likes an interest learns from, of the posts it is sure of: a sample, and none
 *  while they are fewer than MIN_IMPLICIT_LIKES. */
export function usableImplicitLikes(postIds: readonly number[]): number[] {
  return postIds.length >= MIN_IMPLICIT_LIKES ? sampleImplicitLikes(postIds) : [];
}

/** Whether an interest self-trained on `before` should learn again from `now` (both samples): when
 *  enough posts came or went (enoughChange). */
export function implicitLikesChanged(before: readonly number[], now: readonly number[]): boolean {
  const was = new Set(before), is = new Set(now);
  let changed = 0;
  for (const id of is) if (!was.has(id)) changed++;
  for (const id of was) if (!is.has(id)) changed++;
  return enoughChange(changed, was.size);
}

/** Whether `changed` posts coming or going is enough to learn again from implicit likes that were
 *  `before` posts: MIN_IMPLICIT_LIKES of them, and a quarter of `before`. (A caller counting the
 *  new sure pairs of an interest asks it first: fewer cannot change its sample enough.) */
export function enoughChange(changed: number, before: number): boolean {
  return changed > 0 && changed >= Math.max(MIN_IMPLICIT_LIKES, 0.25 * before);
}
