// A user's ranked feed, computed on demand: the recent posts (the instance's shared pool, or only the
// user's own subscriptions) scored against every interest of the user with the match stage's batch
// scorer — calibrated per interest, taught by the user's stored feedback — then ranked (freshness,
// source diversity, near-duplicate folding, hidden below threshold).
//
// Post vectors are computed once per embedder and kept in the store. The standing-query index
// (src/match/kernel, src/match/index) is the path to scoring at instance scale as posts arrive; this
// on-demand path is the reference it must agree with.
import { BUILTIN_EMBEDDER_ID, BuiltinEmbedder } from '../embed/builtin.ts';
import { EmbedderError, type Embedder } from '../embed/embedder.ts';
import { gloveTable } from '../embed/glove/table.ts';
import { gloveBackground } from '../embed/glove/background.ts';
import { scoreAnalyzed, type AnalyzedPost, type Feedback as InterestFeedback, type PostScores } from '../match/batch.ts';
import { compileInterest } from '../match/interest/compile.ts';
import type { CompiledInterest } from '../match/interest/interest.ts';
import { lexicalDocument } from '../match/score/document.ts';
import { tableBackground } from '../match/score/background-frequency.ts';
import { CorpusStatistics } from '../match/score/corpus-statistics.ts';
import type { Candidate, RankFeedback } from '../rank/candidate.ts';
import { rankFeed, type RankedItem, type RankOptions } from '../rank/rank-feed.ts';
import type { Store, StoredInterest, StoredPost, User } from '../store/store.ts';
import { postVectors } from './post-vectors.ts';

export interface UserFeedOptions extends Omit<RankOptions, 'now'> {
  now?: Date;
  /** How far back posts are considered (default 30 days). */
  windowDays?: number;
  /** Most recent posts scored at most (default 2,000). */
  maxPosts?: number;
  /** Default: the built-in embedder. Another one (ONNX, OpenAI-compatible) that fails mid-way is
   *  replaced by the built-in one for this feed, reported through `warn`. */
  embedder?: Embedder;
  warn?: (message: string) => void;
}

export interface UserFeedItem extends RankedItem {
  post: StoredPost;
}

export interface UserFeed {
  items: UserFeedItem[];
  /** Posts scored and interests they were scored against. */
  postsScored: number;
  interests: StoredInterest[];
}

const DAY_MS = 24 * 3600 * 1000;

export async function userFeed(store: Store, user: User, opts: UserFeedOptions = {}): Promise<UserFeed> {
  const now = opts.now ?? new Date();
  const interests = await store.interests(user.id);
  if (interests.length === 0) return { items: [], postsScored: 0, interests };
  let posts = await store.posts({ since: new Date(now.getTime() - (opts.windowDays ?? 30) * DAY_MS), limit: opts.maxPosts ?? 2000 });
  if (user.ownFeedsOnly) {
    const own = new Set((await store.subscriptions(user.id)).map((s) => s.feed.id));
    posts = posts.filter((p) => p.sources.some((s) => own.has(s.feedId)));
  }
  if (posts.length === 0) return { items: [], postsScored: 0, interests };

  const docs = posts.map((p) => lexicalDocument(p.title, p.text));
  // Word frequencies of the language (the GloVe table's ranks) smooth the corpus IDF, whatever the embedder.
  const backgroundFrequency = tableBackground(gloveTable());
  const stats = new CorpusStatistics(backgroundFrequency);
  for (const doc of docs) stats.add(doc);
  const embedWith = async (e: Embedder) => ({
    vectors: await postVectors(store, e, posts),
    compiled: await Promise.all(interests.map((i) => compileInterest(i, e, { stats }))),
  });
  let embedder = opts.embedder ?? new BuiltinEmbedder();
  let embedded: { vectors: Map<number, Float32Array>; compiled: CompiledInterest[] };
  try {
    embedded = await embedWith(embedder);
  } catch (err) {
    if (!(err instanceof EmbedderError) || embedder instanceof BuiltinEmbedder) throw err;
    opts.warn?.(`${err.message}; ranking with the built-in embedder instead`);
    embedder = new BuiltinEmbedder();
    embedded = await embedWith(embedder);
  }
  const { vectors, compiled } = embedded;
  const analyzed: AnalyzedPost[] = posts.map((p, i) => ({ id: String(p.id), doc: docs[i], vector: vectors.get(p.id) as Float32Array }));

  const feedback = await store.feedback(user.id);
  const byInterest: Record<string, InterestFeedback> = {};
  // The latest verdict per (post, interest); an interest-less verdict applies to every interest.
  const verdicts = new Map<string, RankFeedback>();
  const nameOf = new Map(interests.map((i) => [i.id, i.name]));
  for (const f of feedback) {
    if (f.kind === 'click') continue;
    const names = f.interestId === undefined ? interests.map((i) => i.name) : [nameOf.get(f.interestId)].filter((n): n is string => !!n);
    for (const name of names) {
      verdicts.set(`${f.postId} ${name}`, f.kind);
      // Interest-less likes do not teach: which interest the post was liked for is unknown.
      if (f.kind === 'like' && f.interestId === undefined) continue;
      const entry = (byInterest[name] ??= { liked: [], disliked: [], offTopic: [] });
      const list = f.kind === 'like' ? entry.liked : f.kind === 'dislike' ? entry.disliked : entry.offTopic;
      (list as string[]).push(String(f.postId));
    }
  }

  const results = scoreAnalyzed(analyzed, compiled, {
    // The shipped cold-start background lives in the built-in embedder's vector space only.
    background: embedder instanceof BuiltinEmbedder && embedder.id === BUILTIN_EMBEDDER_ID ? gloveBackground() : undefined,
    backgroundFrequency,
    feedback: byInterest,
  });
  const postById = new Map(posts.map((p) => [p.id, p]));
  const candidates: Candidate[] = [];
  for (const r of results) {
    const post = postById.get(Number(r.id)) as StoredPost;
    for (const interest of interests) candidates.push(candidateOf(post, r, interest.name, verdicts.get(`${post.id} ${interest.name}`)));
  }
  const ranked = rankFeed(candidates, { ...opts, now });
  return {
    items: ranked.map((item) => ({ ...item, post: postById.get(item.postId) as StoredPost })),
    postsScored: posts.length,
    interests,
  };
}

function candidateOf(post: StoredPost, result: PostScores, interest: string, feedback: RankFeedback | undefined): Candidate {
  const score = result.scores[interest];
  const breakdown = result.breakdown[interest];
  return {
    postId: post.id,
    clusterId: post.clusterId,
    sources: post.sources,
    published: post.published,
    firstSeenAt: post.firstSeenAt,
    interest,
    score,
    threshold: result.thresholds[interest],
    breakdown,
    terms: breakdown.terms,
    read: false,
    feedback,
  };
}
