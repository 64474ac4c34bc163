// `npm run bench -- match [--interests=N] [--posts=N] [--rounds=N] [--threads=N] [--threshold=C] [--peer-posts=N] [--no-peer]
//   [--storage-margin=M] [--no-margin-row] [--no-full-path] [--full-path-posts=N] [--crowded] [--no-crowded-row] [--warm-posts=N] [--no-young-row] [--posts-per-day=N] [--no-pool-row]
//   [--no-tally-row]`
// (bench/run.ts takes bare words for benchmark names, so give values with `=`):
// the standing-query scorer (every post against every interest of every user) on synthetic but
// realistically shaped data, beside a naive JS loop and a general-purpose search library.
//
// Data (seeded, so runs compare): 3,000 users × 100 interests = 300k interests by default, each a
// 100-d vector and ~7.5 keywords (5% of them stopword-like words the IDF floor refuses). Posts
// carry ~110 distinct terms: ~30 from their topic, the rest from a Zipf(1) background over a
// 100k-term vocabulary. Term statistics (IDF) come from 5,000 posts.
// - realistic (default, since 2026-12-06): 20,000 fine topics in areas of 20 neighbours (a topic's
//   centroid leans on its area's, and it shares 15 of its 60 terms with the area; the other 45
//   are its own specialised terms, rare in the background). Interests pick topics with Zipf(0.4)
//   popularity, posts with Zipf(0.8) on the same ranking (30% also use a second topic's words);
//   5% of keywords are general mid-frequency words (incidental hits). Every vector is its
//   centroid + N(0, 1) noise (cosine ≈ 0.7 to it). A post on the most popular topic meets ~500
//   interests of it, a niche one a few; ~70 on average by the two Zipf laws; 220 lexical hits per post measured. The topics do not
//   scale with --interests, so a quick run keeps each interest's (and user's) rates.
//   What fills the matcher's pairs is then the calibration itself: scores are SDs above each
//   interest's off-topic cosines, which here are close to normal, so ~0.13% of ALL pairs score
//   ≥ 3 (~400 of 300k interests per post) and ~2.3% ≥ 2 (~6,900), the calibration's on-topic
//   level: the scan tallies those per interest instead of listing them (kernel/pair-tally.ts),
//   and only posts sharing a term are stored under the threshold. The density lines print it.
//   No data shape with a near-normal null goes under that.
// - crowded (`--crowded`; the only shape before 2026-12-06, and a row of every default run):
//   300 topics of 1,000 interests each at any --interests, random topic vocabularies of 300
//   mid-frequency terms, "common" keywords from the 300 most frequent terms (ranks ~70–300 pass
//   the IDF floor); ~12k candidates and 3,800 matches per post at 300k.
// The kernel rows' cosine floor (--threshold, 0.3 realistic, 0.5 crowded) lies under nearly
// every post's 10th best; recall@10 counts the rest as misses.
//
// Measured:
// - Sluice dense + lexical, 1 thread: WasmDenseScorer (int8 kernel, fused threshold, exact float32
//   rescoring) over batches of 256 posts, plus the inverted index per post;
// - the same on N worker threads (ParallelDenseScorer; the main thread runs the lexical index
//   while the workers scan, so both overlap);
// - a naive JS float32 loop (FloatDenseScorer, same interface) on a sample of posts; it also
//   gives the exact top-10 that recall@10 is measured against;
// - MiniSearch 7 as the general-purpose peer, used the natural way for percolation with such a
//   library: the interests' keywords indexed as 300k documents, each post run once as an OR
//   query of its terms (BM25 over the keyword documents; lexical only — it has no vectors).
// - the whole matcher (Matcher.scorePostsColumns, what the scoring service runs): IDF and stream
//   moments, every interest's calibration and kernel floor, the scan on N workers, the inverted
//   index (overlapping the scan), exact cosines of lexical hits under their floor, calibrated
//   scores, stored pairs (sharing a term: ≥ threshold − --storage-margin; the others ≥ threshold)
//   with matched terms, calibration updates. The stream starts from a saved stream of
//   --warm-posts posts (default 29,000: what a server that has run a day restarts with, at
//   Scour's daily rate) and 2 batches are scored unmeasured, then --full-path-posts posts (default
//   4,096: the posts above and more; over 2,048 a full collection of the ~850 MB heap landing in
//   the window moved the row by a third) in batches of
//   1,024 (the scoring service's SCORING_BATCH: the kernel still scans 256 at a time; the
//   matcher's passes over every interest are paid per batch). "as Match objects" adds toMatches().
//   A young stream costs more per batch (the stream moments and the IDF weights are recomputed
//   at a pace set by the stream's growth: every row each batch while a batch is over 5% of the
//   stream, and the IDF refresh of every interest twice in 2,048 posts from 4,096, none from
//   29,000): the row "young stream" runs the same path from 4,096 saved posts (--no-young-row).
//   The same path runs on the crowded data as a row ("crowded data"), and the density of each
//   is printed: candidate pairs per post (scan and index), stored and above the threshold, and
//   the share of posts that match each user (users hold interests [100u, 100u + 100)), how many
//   on-topic pairs (the interest's topic is the post's) match and how many off-topic matches
//   each interest gets a day. The matcher is told no pool (null threshold 3, recall@10 against
//   the cosine top-10 as before) unless --posts-per-day=N; the row "pool of 29,000 posts/day"
//   runs it at Scour's volume (null threshold ~3.98, score/chance-threshold.ts; --no-pool-row).
//   From a day-old stream each interest counts its tally band (on-topic posts sharing no term)
//   in one batch of 4 (matcher.ts TALLY_SAMPLING); the row "tally band every batch" runs the
//   same path counting it in every batch, as a small instance does (--no-tally-row).
//   The LAST LINE reports this configuration on the default data (see the end of run()).
// pairs/s = posts × interests / wall time; "cpu" columns divide by the process's CPU time instead
// (workers included), which is steadier when other work shares the cores. recall@10 = share of
// each sample post's exact float32 top-10 interests (by cosine, no threshold) found in the
// scorer's top-10. Peak RSS covers the whole process (workers included) and is read after
// Sluice's runs, before the naive loop and the peer add theirs. Last line: the contract line.
import MiniSearch from 'minisearch';
import { FloatDenseScorer } from '../src/match/kernel/float-scorer.ts';
import { ParallelDenseScorer } from '../src/match/kernel/parallel-scorer.ts';
import { WasmDenseScorer } from '../src/match/kernel/wasm-scorer.ts';
import { fasterKernelForm, kernelTiming } from '../src/match/kernel/kernel-choice.ts';
import { packPosts } from '../src/match/kernel/post-batch.ts';
import { exactDot } from '../src/match/kernel/quantize.ts';
import type { MatchList } from '../src/match/kernel/match-list.ts';
import { InvertedIndex, LexicalHits } from '../src/match/index/inverted-index.ts';
import { TermDictionary } from '../src/match/index/term-dictionary.ts';
import { seededRandom } from '../src/seeded-random.ts';
import type { MatchColumns } from '../src/match/matcher/match-columns.ts';
import { Matcher, type MatcherPost, type SavedStream } from '../src/match/matcher/matcher.ts';
import { VectorMoments } from '../src/match/matcher/vector-moments.ts';
import { CorpusStatistics } from '../src/match/score/corpus-statistics.ts';
import type { LexicalDocument } from '../src/match/score/document.ts';
import type { CompiledInterest } from '../src/match/interest/interest.ts';
import { SCORING_BATCH } from '../src/jobs/scoring.ts';

const DIMS = 100;
const VOCABULARY = 100_000;
/** Terms per topic vocabulary, drawn from the mid-frequency range. */
const TOPIC_TERMS = 300;
/** The most frequent terms: what a stoplist / IDF floor must keep out of keywords. */
const COMMON_TERMS = 300;
const POST_TOPIC_TERMS = 30;
const POST_TERMS = 110;
const BATCH = 256;
/** Posts per Matcher.scorePostsColumns call in the full-path rows: the scoring service's batch. */
const MATCHER_BATCH = SCORING_BATCH;

export interface Options {
  threshold: number;
  interests: number;
  posts: number;
  /** Posts the full-path rows measure (the kernel rows' posts first, then more). */
  fullPathPosts: number;
  rounds: number;
  threads: number;
  peerPosts: number;
  peer: boolean;
  /** The full matcher path's storage margin (pairs ≥ threshold − margin are stored). */
  storageMargin: number;
  /** Also run the full path storing only pairs above the threshold (margin 0), as a row. */
  marginRow: boolean;
  fullPath: boolean;
  /** The data: fine topics with realistic match density, or the crowded shape of before. */
  shape: DataShape;
  /** Also run the full path on the crowded data, as a row (realistic runs only). */
  crowdedRow: boolean;
  /** Posts in the saved stream the full path starts from (WARM_POSTS when absent). */
  warmPosts?: number;
  /** Also run the full path from a young stream (YOUNG_WARM_POSTS saved posts), as a row. */
  youngRow: boolean;
  /** The pool's posts per day the matcher is told (its null threshold for matching,
   *  score/chance-threshold.ts); 0 (the default): none, the null threshold 3. */
  postsPerDay: number;
  /** Also run the full path told a pool of POSTS_PER_DAY, as a row. */
  poolRow: boolean;
  /** Also run the full path counting the tally band in every batch (no sampling), as a row. */
  tallyRow: boolean;
  /** The matcher's tally sampling (its default when absent). */
  tallySampling?: { every: number; from: number };
}

/** The saved stream the full path starts from by default: a day of posts at Scour's rate. */
const WARM_POSTS = 29_000;
/** The pool's volume of the row "pool": Scour's rate, as the scoring service would count it. */
const POSTS_PER_DAY = 29_000;
/** The young stream's row: the default before 2026-12-06 (a few hours of posts). */
const YOUNG_WARM_POSTS = 4096;

function parseOptions(args: string[]): Options {
  const number = (name: string, fallback: number, least = Number.MIN_VALUE): number => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    const raw = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
    const n = Number(raw);
    if (!Number.isFinite(n) || n < least) throw new RangeError(`bench match: --${name} needs a ${least > 0 ? 'positive' : 'non-negative'} number, got ${raw}`);
    return n;
  };
  const value = (name: string, fallback: number) => Math.floor(number(name, fallback));
  const crowded = args.includes('--crowded');
  return {
    // The kernel rows' cosine floor: under nearly every post's 10th best (recall@10 counts the
    // rest as misses): 0.5 on the crowded data (1,000 interests per topic), 0.3 on the realistic
    // (a niche topic's post has only a few interests of its own topic near it).
    threshold: number('threshold', crowded ? 0.5 : 0.3),
    interests: value('interests', 300_000),
    posts: value('posts', 2048),
    fullPathPosts: value('full-path-posts', 4096),
    rounds: value('rounds', 3),
    threads: value('threads', 2),
    peerPosts: value('peer-posts', 32),
    peer: !args.includes('--no-peer'),
    storageMargin: number('storage-margin', 1, 0),
    marginRow: !args.includes('--no-margin-row'),
    fullPath: !args.includes('--no-full-path'),
    shape: crowded ? 'crowded' : 'realistic',
    crowdedRow: !crowded && !args.includes('--no-crowded-row'),
    warmPosts: value('warm-posts', WARM_POSTS),
    postsPerDay: number('posts-per-day', 0, 0),
    poolRow: !args.includes('--no-pool-row'),
    tallyRow: !args.includes('--no-tally-row'),
    youngRow: !args.includes('--no-young-row'),
  };
}

// ---- synthetic data ----------------------------------------------------------------------------

function gaussianSource(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Sampler of ranks 0..n-1 with P(r) ∝ 1/(r+1)^s. */
function zipfSampler(random: () => number, n: number, s = 1): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / (r + 1) ** s;
  return () => {
    const u = random() * sum;
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] < u) lo = mid + 1; else hi = mid; }
    return lo;
  };
}

interface Post {
  vector: Float32Array;
  terms: Int32Array;
  weights: Float32Array;
  /** The topic its vector is drawn near (a second topic's words may be in its terms). */
  topic: number;
}

interface World {
  centroids: Float32Array[];
  topicVocabulary: Int32Array[];
  dictionary: TermDictionary;
  makePost: () => Post;
  interestVectors: Float32Array[];
  interestTerms: { terms: number[]; weights: number[] }[];
  /** Each interest's topic: a pair is on-topic when it is its post's. */
  interestTopic: Int32Array;
}

export type DataShape = 'realistic' | 'crowded';

export function buildWorld(interests: number, shape: DataShape = 'realistic'): World {
  return shape === 'crowded' ? crowdedWorld(interests) : realisticWorld(interests);
}

// Realistic shape: fine topics, popular and niche, whatever --interests is (per-interest rates,
// hence the share of posts each user sees, stay those of the full run).
/** Fine topics ("Rust async", "sourdough"), in areas of AREA_TOPICS neighbours ("programming"). */
const FINE_TOPICS = 20_000;
const AREA_TOPICS = 20;
/** Each topic's own specialised terms (names, jargon: rare in the background), and the terms it
 *  shares with its area's neighbours. */
const OWN_TERMS = 45;
const SHARED_TERMS = 15;
const AREA_TERMS = 60;
/** Zipf exponents of topic popularity among interests and among posts (the same ranking: what
 *  people follow is what is written about), chosen so that a post on the most popular topic
 *  meets a few hundred interests of it and one on a niche topic a few. */
const INTEREST_POPULARITY = 0.4;
const POST_POPULARITY = 0.8;
/** Share of keywords that are general mid-frequency words (background ranks 3k–30k: "design",
 *  "security"), which posts of any topic contain now and then: incidental lexical hits. */
const GENERAL_KEYWORDS = 0.05;
/** The most frequent background terms, all under the IDF floor (rank 60 is in ~12% of posts:
 *  IDF 2.1 < 2.5). The crowded data drew its "common" keywords from the first 300, and most of
 *  ranks 70–300 pass the floor: ~360 postings per post at 30k interests from them alone. */
const STOPWORD_TERMS = 60;

function realisticWorld(interests: number): World {
  const random = seededRandom(20261206);
  const gauss = gaussianSource(random);
  const areas = FINE_TOPICS / AREA_TOPICS;
  const ownBase = VOCABULARY, areaBase = ownBase + FINE_TOPICS * OWN_TERMS;
  const dictionary = new TermDictionary();
  for (let t = 0; t < areaBase + areas * AREA_TERMS; t++) dictionary.intern(`w${t}`);
  const background = zipfSampler(random, VOCABULARY);
  const topicTerms = OWN_TERMS + SHARED_TERMS;
  const withinTopic = zipfSampler(random, topicTerms, 0.8);
  // A topic's centroid leans on its area's (neighbours' centroids: cosine ≈ 0.2).
  const areaCentroids = Array.from({ length: areas }, () => Float32Array.from({ length: DIMS }, gauss));
  const centroids = Array.from({ length: FINE_TOPICS }, (_, t) => Float32Array.from(areaCentroids[Math.floor(t / AREA_TOPICS)], (a) => 0.45 * a + 0.89 * gauss()));
  // Each topic's vocabulary: its own terms and SHARED_TERMS of its area's, at random ranks.
  const topicVocabulary = Array.from({ length: FINE_TOPICS }, (_, t) => {
    const area = Math.floor(t / AREA_TOPICS);
    const words = Array.from({ length: OWN_TERMS }, (_, i) => ownBase + t * OWN_TERMS + i);
    const shared = new Set<number>();
    while (shared.size < SHARED_TERMS) shared.add(areaBase + area * AREA_TERMS + Math.floor(random() * AREA_TERMS));
    words.push(...shared);
    for (let i = words.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [words[i], words[j]] = [words[j], words[i]]; }
    return Int32Array.from(words);
  });
  // Popularity: rank → topic (areas do not cluster by popularity).
  const byRank = Int32Array.from({ length: FINE_TOPICS }, (_, i) => i);
  for (let i = FINE_TOPICS - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [byRank[i], byRank[j]] = [byRank[j], byRank[i]]; }
  const interestTopic = zipfSampler(random, FINE_TOPICS, INTEREST_POPULARITY);
  const postTopic = zipfSampler(random, FINE_TOPICS, POST_POPULARITY);
  const near = (c: Float32Array, spread: number, into = new Float32Array(DIMS)) => {
    for (let d = 0; d < DIMS; d++) into[d] += c[d] + spread * gauss();
    return into;
  };

  const makePost = (): Post => {
    const first = byRank[postTopic()];
    const topics = random() < 0.3 ? [first, byRank[postTopic()]] : [first];
    const vector = near(centroids[first], 1.0);
    const terms = new Set<number>();
    while (terms.size < POST_TOPIC_TERMS) terms.add(topicVocabulary[topics[Math.floor(random() * topics.length)]][withinTopic()]);
    while (terms.size < POST_TERMS) terms.add(background());
    const termIds = Int32Array.from(terms);
    const weights = Float32Array.from(termIds, () => 1 + Math.log(1 + Math.floor(-Math.log(1 - random()) * 1.5)));
    return { vector, terms: termIds, weights, topic: first };
  };

  for (let i = 0; i < 5000; i++) dictionary.observe(makePost().terms);

  const vectorStore = new Float32Array(interests * DIMS);
  const interestVectors: Float32Array[] = [];
  const interestTerms: { terms: number[]; weights: number[] }[] = [];
  const topicOfInterest = new Int32Array(interests);
  for (let i = 0; i < interests; i++) {
    const topic = byRank[interestTopic()];
    topicOfInterest[i] = topic;
    interestVectors.push(near(centroids[topic], 1.0, new Float32Array(vectorStore.buffer, i * DIMS * 4, DIMS)));
    const count = 5 + Math.floor(random() * 6); // 5..10, mean 7.5
    const terms: number[] = [];
    for (let k = 0; k < count; k++) {
      const u = random();
      // 1 in 20 keywords is a stopword-like word ("the", "news"): the IDF floor must refuse it.
      terms.push(u < 0.05 ? Math.floor(random() * STOPWORD_TERMS)
        : u < 0.05 + GENERAL_KEYWORDS ? 3000 + Math.floor(random() * 27_000)
        : topicVocabulary[topic][withinTopic()]);
    }
    interestTerms.push({ terms, weights: terms.map((t) => dictionary.idf(t)) });
  }
  return { centroids, topicVocabulary, dictionary, makePost, interestVectors, interestTerms, interestTopic: topicOfInterest };
}

/** Today's data before 2026-12-06 (`--crowded`): 1,000 interests on each of 300 topics at every
 *  scale, every post near one topic, so each post is a candidate for ~12k interests and above the
 *  threshold of ~3,800 (each of 3,000 users matched by ~1 post in 8: no filter at all). */
function crowdedWorld(interests: number): World {
  // 1,000 interests per topic at every scale, so quick runs (--interests) look like the full one.
  const TOPICS = Math.max(10, Math.round(interests / 1000));
  const random = seededRandom(20261122);
  const gauss = gaussianSource(random);
  const dictionary = new TermDictionary();
  for (let t = 0; t < VOCABULARY; t++) dictionary.intern(`w${t}`);
  const background = zipfSampler(random, VOCABULARY);
  const withinTopic = zipfSampler(random, TOPIC_TERMS, 0.8);
  const centroids = Array.from({ length: TOPICS }, () => Float32Array.from({ length: DIMS }, gauss));
  // Topic vocabularies from ranks 1,000..50,000: specific words, rare in the background.
  const topicVocabulary = Array.from({ length: TOPICS }, () =>
    Int32Array.from({ length: TOPIC_TERMS }, () => 1000 + Math.floor(random() * 49_000)));
  const near = (c: Float32Array, spread: number, into = new Float32Array(DIMS)) => {
    for (let d = 0; d < DIMS; d++) into[d] += c[d] + spread * gauss();
    return into;
  };

  const makePost = (): Post => {
    const first = Math.floor(random() * TOPICS);
    // Some posts mention a second topic's words (not its meaning: the vector stays on topic).
    const topics = random() < 0.3 ? [first, Math.floor(random() * TOPICS)] : [first];
    const vector = near(centroids[first], 1.0);
    const terms = new Set<number>();
    while (terms.size < POST_TOPIC_TERMS) terms.add(topicVocabulary[topics[Math.floor(random() * topics.length)]][withinTopic()]);
    while (terms.size < POST_TERMS) terms.add(background());
    const termIds = Int32Array.from(terms);
    // Term weight: 1 + log(tf) with a Zipf-ish tf; the index multiplies it by the keyword weight.
    const weights = Float32Array.from(termIds, () => 1 + Math.log(1 + Math.floor(-Math.log(1 - random()) * 1.5)));
    return { vector, terms: termIds, weights, topic: first };
  };

  // Document frequencies from a sample of the stream: the IDF floor's input.
  for (let i = 0; i < 5000; i++) dictionary.observe(makePost().terms);

  const vectorStore = new Float32Array(interests * DIMS); // one allocation, not 300k
  const interestVectors: Float32Array[] = [];
  const interestTerms: { terms: number[]; weights: number[] }[] = [];
  const interestTopic = new Int32Array(interests);
  for (let i = 0; i < interests; i++) {
    const topic = Math.floor(random() * TOPICS);
    interestTopic[i] = topic;
    interestVectors.push(near(centroids[topic], 1.0, new Float32Array(vectorStore.buffer, i * DIMS * 4, DIMS)));
    const count = 5 + Math.floor(random() * 6); // 5..10, mean 7.5
    const terms: number[] = [];
    for (let k = 0; k < count; k++) {
      // 1 in 20 keywords is a common word ("news", "the"): the policy must refuse it.
      terms.push(random() < 0.05 ? Math.floor(random() * COMMON_TERMS) : topicVocabulary[topic][withinTopic()]);
    }
    interestTerms.push({ terms, weights: terms.map((t) => dictionary.idf(t)) });
  }
  return { centroids, topicVocabulary, dictionary, makePost, interestVectors, interestTerms, interestTopic };
}

// ---- the full matcher path -------------------------------------------------------------------

/** A bench post as the matcher takes it: unit vector, and a lexical document whose term counts
 *  give back the post's weights (weight = 1 + ln tf). */
function matcherPost(post: Post, id: number, dictionary: TermDictionary): MatcherPost {
  const counts = new Map<string, number>();
  for (let i = 0; i < post.terms.length; i++) counts.set(dictionary.term(post.terms[i]), Math.round(Math.exp(post.weights[i] - 1)));
  const doc: LexicalDocument = { counts, title: new Set(), length: POST_TERMS * 2 };
  const norm = Math.hypot(...post.vector);
  return { id, vector: post.vector.map((x) => x / norm), doc };
}

export interface FullPathResult {
  seconds: number;
  cpu: number;
  /** CPU seconds of turning the columns into Match objects (toMatches), not in `cpu`. */
  objectsCpu: number;
  stored: number;
  above: number;
  /** Per measured post (first `sample`): the interests of its stored pairs. */
  storedIds: Set<number>[];
  build: number;
  warmSeconds: number;
  /** Summed over the measured batches (Matcher.lastBatch). */
  scanned: number;
  lexicalHits: number;
  candidates: number;
  tallied: number;
  /** Distinct (post, user) pairs with a match above the threshold; users hold interests
   *  [100u, 100u + 100) (3,000 users at 300k interests). */
  userMatches: number;
  users: number;
  /** Pairs above the threshold whose interest's topic is the post's, and how many such pairs there were. */
  onTopicAbove: number;
  onTopicPairs: number;
  /** What the matcher was told, and the null threshold it matched from. */
  postsPerDay: number;
  nullThreshold: number;
  interests: number;
}

/** Interests per user: 3,000 users × 100 interests at 300k. */
const INTERESTS_PER_USER = 100;

/**
 * Matcher.scorePosts, the path the scoring service runs: IDF and stream moments, calibration
 * of every interest, floors, the dense scan (options.threads workers), the inverted index,
 * exact cosines of lexical hits below their floor, calibrated scores, Match objects with
 * matched terms, calibration updates. The stream starts warm (a saved stream of options.warmPosts
 * posts, as a server restarts from), then `warmBatches` batches are scored unmeasured so the
 * interests' own calibrations are not empty and the code the measured batches run has run
 * (batches of MATCHER_BATCH, as measured: the matcher scans batches of 512 or more in two parts,
 * so warm-up batches of 256 left that path cold for the first measured batch, 2026-12-06);
 * then the bench's posts, in batches of MATCHER_BATCH.
 */
export async function fullPath(world: World, index: InvertedIndex, posts: Post[], options: Options, sample: number, storageMargin: number): Promise<FullPathResult> {
  const dims = DIMS, warmPosts = options.warmPosts ?? WARM_POSTS, warmBatches = 2;
  const warm = Array.from({ length: warmPosts }, world.makePost);
  const moments = new VectorMoments(dims), stats = new CorpusStatistics();
  warm.forEach((p, i) => { const m = matcherPost(p, -1 - i, world.dictionary); moments.add(m.vector); stats.add(m.doc); });
  const saved: SavedStream = { version: 1, embedderId: 'bench@1', dims, vectors: moments.toJSON(), corpus: stats.toJSON(), idfRefreshedAt: stats.documents };
  let t = performance.now();
  const interests = world.interestVectors.map((vector, id): { id: number; compiled: CompiledInterest } => ({
    id,
    compiled: {
      name: `interest ${id}`,
      // The keywords the index's policy kept (compile.ts refuses common words the same way).
      terms: [...new Set(index.keywords(id).map((k) => k.term))].map((term) => ({ term: world.dictionary.term(term), weight: 1, source: 'keyword' as const, text: world.dictionary.term(term) })),
      refused: [],
      vector,
      embedderId: 'bench@1',
    },
  }));
  const postsPerDay = options.postsPerDay;
  const matcher = Matcher.create(interests, { embedderId: 'bench@1', dims, threads: options.threads, saved, storageMargin, postsPerDay, tallySampling: options.tallySampling });
  // On-topic pairs (the interest's topic is the post's): how many there are, how many matched.
  const interestsOfTopic = new Map<number, number>();
  for (const topic of world.interestTopic) interestsOfTopic.set(topic, (interestsOfTopic.get(topic) ?? 0) + 1);
  const build = (performance.now() - t) / 1000;
  try {
    t = performance.now();
    // Warm-up as the scoring service scores (columns, refilled): Match objects here were
    // millions of dead objects that the measured batches' full collections then paid for.
    let columns: MatchColumns | undefined;
    for (let b = 0; b < warmBatches; b++) {
      columns = await matcher.scorePostsColumns(Array.from({ length: MATCHER_BATCH }, (_, i) => matcherPost(world.makePost(), -100_000 - b * MATCHER_BATCH - i, world.dictionary)), columns);
    }
    const warmSeconds = (performance.now() - t) / 1000;
    const input = posts.map((p, j) => matcherPost(p, j, world.dictionary));
    const storedIds = Array.from({ length: sample }, () => new Set<number>());
    let stored = 0, above = 0, objectsCpu = 0, seconds = 0, cpu = 0, scanned = 0, lexicalHits = 0, candidates = 0, tallied = 0, userMatches = 0, onTopicAbove = 0;
    let onTopicPairs = 0;
    for (const p of posts) onTopicPairs += interestsOfTopic.get(p.topic) ?? 0;
    const users = Math.ceil(world.interestVectors.length / INTERESTS_PER_USER);
    const seen = new Uint8Array(MATCHER_BATCH * users); // (post in batch, user) already counted
    for (let start = 0; start < input.length; start += MATCHER_BATCH) {
      const c = process.cpuUsage(), w = performance.now();
      columns = await matcher.scorePostsColumns(input.slice(start, start + MATCHER_BATCH), columns);
      seconds += (performance.now() - w) / 1000;
      cpu += cpuSeconds(c);
      stored += columns.length;
      const counts = matcher.lastBatch;
      scanned += counts.scanned; lexicalHits += counts.lexicalHits; candidates += counts.candidates; tallied += counts.tallied;
      seen.fill(0);
      for (let i = 0; i < columns.length; i++) {
        above += columns.aboveThreshold[i];
        if (columns.postId[i] < sample) storedIds[columns.postId[i]].add(columns.interestId[i]);
        const at = (columns.postId[i] - start) * users + Math.floor(columns.interestId[i] / INTERESTS_PER_USER);
        if (columns.aboveThreshold[i] && !seen[at]) { seen[at] = 1; userMatches++; }
        if (columns.aboveThreshold[i] && world.interestTopic[columns.interestId[i]] === posts[columns.postId[i]].topic) onTopicAbove++;
      }
      // What scorePosts adds to give Match objects (the scoring service's input today): timed on
      // the last batch only (millions of objects per batch would bring full collections into
      // the next batches' time), counted for every batch.
      if (start + MATCHER_BATCH >= input.length) {
        const o = process.cpuUsage();
        columns.toMatches();
        objectsCpu = cpuSeconds(o) * Math.ceil(input.length / MATCHER_BATCH);
      }
    }
    return { seconds, cpu, objectsCpu, stored, above, storedIds, build, warmSeconds, scanned, lexicalHits, candidates, tallied, userMatches, users,
      onTopicAbove, onTopicPairs, postsPerDay, nullThreshold: matcher.nullThreshold, interests: world.interestVectors.length };
  } finally {
    await matcher.close();
  }
}

// ---- measurement helpers -----------------------------------------------------------------------

interface Row {
  name: string;
  posts: number;
  seconds: number;
  cpu: number;
  interests: number;
  recall?: number;
  note?: string;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Process CPU seconds (all threads) since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** Top-k interest ids per post from a match list, best first. */
function topKFromMatches(matches: MatchList, posts: number, k: number): number[][] {
  const per: [number, number][][] = Array.from({ length: posts }, () => []);
  for (let i = 0; i < matches.length; i++) if (matches.post[i] < posts) per[matches.post[i]].push([matches.score[i], matches.interest[i]]);
  return per.map((list) => list.sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, id]) => id));
}

function recallAt(exact: number[][], got: number[][]): number {
  let hit = 0, total = 0;
  for (let p = 0; p < exact.length; p++) {
    const found = new Set(got[p]);
    for (const id of exact[p]) { total++; if (found.has(id)) hit++; }
  }
  return total ? hit / total : 1;
}

/** Exact float32 top-k (scores as every scorer computes them) for a few posts. */
function exactTopK(vectors: Float32Array[], rows: Float32Array, posts: number, k: number): { top: number[][]; tenth: number[] } {
  const units = vectors.map((v) => packPosts([v], DIMS));
  const top: number[][] = [], tenth: number[] = [];
  for (let p = 0; p < posts; p++) {
    const best: [number, number][] = [];
    let floor = -Infinity;
    for (let i = 0; i < units.length; i++) {
      const w = units[i];
      const score = exactDot(w, 0, rows, p * DIMS, DIMS);
      if (best.length < k || score > floor) {
        best.push([score, i]);
        best.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        if (best.length > k) best.pop();
        floor = best[best.length - 1][0];
      }
    }
    top.push(best.map(([, id]) => id));
    tenth.push(best[best.length - 1][0]);
  }
  return { top, tenth };
}

/** How dense the data is, as the matcher met it: the per-pair work follows it, and the share of
 *  posts that match a user says whether the data looks like a filter at all. */
function density(label: string, f: FullPathResult, posts: number): string {
  const per = (n: number) => format(n / posts);
  const share = f.userMatches / (posts * f.users);
  // Off-topic matches per interest per day, at the pool's rate (Scour's when none was told).
  const offTopicPerDay = (f.above - f.onTopicAbove) / (posts * f.interests) * (f.postsPerDay || 29_000);
  return `  density, ${label}: ${per(f.candidates)} candidate pairs/post (${per(f.scanned)} listed by the scan, ${per(f.lexicalHits)} lexical hits; ${per(f.tallied)} more tallied by the scan), `
    + `${per(f.stored)} stored, ${per(f.above)} above the threshold; each of ${f.users} users (${INTERESTS_PER_USER} interests) matched by `
    + `${(100 * share).toFixed(2)}% of posts (~${Math.round(share * 29_000)} a day at Scour's ~29k posts/day); `
    + `null threshold ${f.nullThreshold.toFixed(2)} (${f.postsPerDay ? `pool of ${format(f.postsPerDay)} posts/day` : 'no pool told'}): on-topic pairs matched ${(100 * f.onTopicAbove / Math.max(1, f.onTopicPairs)).toFixed(1)}% `
    + `(${per(f.onTopicAbove)} of ${per(f.onTopicPairs)}/post), off-topic matches per interest per day ${offTopicPerDay.toFixed(2)}`;
}

function format(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '-';
  return n >= 1e5 ? n.toExponential(2) : n.toFixed(n >= 100 ? 0 : digits > 1 ? 1 : 2);
}

// ---- the benchmark -----------------------------------------------------------------------------

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const N = options.interests;
  const THRESHOLD = options.threshold;
  const log = (s: string) => console.log(s);
  log(`match: ${N} interests × ${DIMS}-d, ${options.posts} posts (full path ${Math.max(options.fullPathPosts, Math.min(64, options.posts))}), ${options.shape} data, threshold cosine ≥ ${THRESHOLD}, kernel batches of ${BATCH}, matcher batches of ${MATCHER_BATCH}, ${options.threads} threads`);

  const kernel = kernelTiming();
  log(`  kernel form: ${fasterKernelForm()} (kernel-form.ts; one timed scan here: fused ${kernel.fused.toFixed(3)} ms, split ${kernel.split.toFixed(3)} ms)`);
  let t = performance.now();
  const world = buildWorld(N, options.shape);
  const posts = Array.from({ length: options.posts }, world.makePost);
  log(`  data generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // Lexical index: bulk load, then one merge into CSR.
  t = performance.now();
  const index = new InvertedIndex(world.dictionary);
  const refused = index.load(world.interestTerms.map(({ terms, weights }, id) => ({ id, terms, weights })));
  log(`  inverted index: ${index.postings} postings (${(index.postings / N).toFixed(2)} keywords/interest kept, ${refused} common words refused) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // One int8 matrix in shared memory: scanned by the workers, and through a spare scan region
  // by this thread for the single-thread runs.
  t = performance.now();
  const parallel = new ParallelDenseScorer(DIMS, { initialCapacity: N, workers: options.threads, spareRegions: 1 });
  world.interestVectors.forEach((v, i) => parallel.add(i, v));
  const single = new WasmDenseScorer(parallel.matrix, parallel.workerCount);
  log(`  int8 matrix: ${N} interests added in ${((performance.now() - t) / 1000).toFixed(1)} s, ${(parallel.matrix.memory.buffer.byteLength / 2 ** 20).toFixed(0)} MB shared memory (codes + exact rows)`);

  const rows = packPosts(posts.map((p) => p.vector), DIMS);
  const vectors = posts.map((p) => p.vector);
  const hits = new LexicalHits();
  let lexicalHits = 0;
  const lexical = (from: number, to: number) => {
    for (let p = from; p < to; p++) {
      index.score(posts[p].terms, posts[p].weights, hits);
      lexicalHits += hits.length;
    }
  };
  let postingsScanned = 0;
  for (const post of posts) for (const term of post.terms) postingsScanned += index.postingsOf(term);
  const sample = Math.min(64, posts.length);
  const rowsOut: Row[] = [];
  type Timing = { seconds: number; cpu: number };
  const faster = (a: Timing | undefined, b: Timing) => (a && a.seconds <= b.seconds ? a : b);
  const timed = <T>(work: () => T): Timing & { result: T } => {
    const c = process.cpuUsage(), w = performance.now();
    const result = work();
    return { result, seconds: (performance.now() - w) / 1000, cpu: cpuSeconds(c) };
  };
  const denseBatches = (withLexical: boolean) => {
    let matches = 0;
    let first: MatchList | undefined;
    for (let start = 0; start < posts.length; start += BATCH) {
      const n = Math.min(BATCH, posts.length - start);
      const m = single.scoreRows(rows.subarray(start * DIMS, (start + n) * DIMS), n, THRESHOLD);
      first ??= m;
      matches += m.length;
      if (withLexical) lexical(start, start + n);
    }
    return { matches, first: first! };
  };
  // Dense on the workers; the lexical index on this thread meanwhile.
  const CHUNK = BATCH * 2; // 2 batches per round trip: fewer messages, same kernel work
  const parallelPass = async (withLexical: boolean) => {
    let first: MatchList | undefined;
    let matches = 0;
    const c = process.cpuUsage(), w = performance.now();
    // Two chunks in flight: the workers always have the next one queued while this thread
    // runs the lexical index and merges.
    const inFlight: Promise<MatchList>[] = [];
    const send = (start: number) => {
      if (start < posts.length) inFlight.push(parallel.scoreBatch(vectors.slice(start, Math.min(start + CHUNK, posts.length)), THRESHOLD));
    };
    send(0);
    send(CHUNK);
    for (let start = 0; start < posts.length; start += CHUNK) {
      if (withLexical) lexical(start, Math.min(start + CHUNK, posts.length));
      const m = await inFlight.shift()!;
      send(start + 2 * CHUNK);
      first ??= m;
      matches += m.length;
    }
    return { seconds: (performance.now() - w) / 1000, cpu: cpuSeconds(c), first: first!, matches };
  };

  // Warm-up (JIT, caches), then rounds in which every configuration runs once, so bursts of
  // other work on the machine hit them alike; each keeps its fastest round.
  single.scoreRows(rows.subarray(0, BATCH * DIMS), Math.min(BATCH, posts.length), THRESHOLD);
  lexical(0, Math.min(64, posts.length));
  await parallel.scoreBatch(vectors.slice(0, BATCH * 2), THRESHOLD);
  let hybrid1: Timing | undefined, dense1: Timing | undefined, lexical1: Timing | undefined, hybridN: Timing | undefined, denseN: Timing | undefined;
  let denseMatches = 0, parallelMatches = 0, hitsPerPost = 0;
  let singleTop: number[][] = [], parallelTop: number[][] = [];
  for (let round = 0; round < options.rounds; round++) {
    const h = timed(() => denseBatches(true));
    hybrid1 = faster(hybrid1, h);
    singleTop = topKFromMatches(h.result.first, sample, 10);
    const d = timed(() => denseBatches(false));
    dense1 = faster(dense1, d);
    denseMatches = d.result.matches;
    lexicalHits = 0;
    lexical1 = faster(lexical1, timed(() => lexical(0, posts.length)));
    hitsPerPost = lexicalHits / posts.length;
    denseN = faster(denseN, await parallelPass(false));
    const p = await parallelPass(true);
    hybridN = faster(hybridN, p);
    parallelTop = topKFromMatches(p.first, sample, 10);
    parallelMatches = p.matches;
    log(`  round ${round + 1}: 1 thread ${(posts.length / h.seconds).toFixed(0)} posts/s, ${options.threads} workers ${(posts.length / p.seconds).toFixed(0)} posts/s`);
  }
  const parallelSeconds = hybridN!.seconds, parallelCpu = hybridN!.cpu;
  const rssMb = peakRssMb();
  await parallel.close();

  // The exact reference for recall, and the naive JS loop's speed on a few posts.
  const exact = exactTopK(world.interestVectors, rows, sample, 10);

  // The whole matcher, before the naive loop and the peer add to the process's peak RSS.
  let full: (FullPathResult & { recall: number; rssMb: number }) | undefined;
  let fullRow: Row | undefined;
  // The full path's posts: the kernel rows' first (the recall sample is theirs), then more.
  const fullPosts = options.fullPathPosts <= posts.length ? posts.slice(0, Math.max(options.fullPathPosts, sample))
    : [...posts, ...Array.from({ length: options.fullPathPosts - posts.length }, world.makePost)];
  const FP = fullPosts.length;
  if (options.fullPath) {
    const f = await fullPath(world, index, fullPosts, options, sample, options.storageMargin);
    full = { ...f, recall: recallAt(exact.top, f.storedIds.map((ids, p) => exact.top[p].filter((id) => ids.has(id)))), rssMb: peakRssMb() };
    fullRow = ({ name: `matcher, full path (calibrated scores + matches), ${options.threads} workers`, posts: FP, seconds: f.seconds, cpu: f.cpu, interests: N, recall: full.recall,
      note: `from ${format(options.warmPosts ?? WARM_POSTS)} saved posts; ${format(f.stored / FP)} stored pairs/post (sharing a term: ≥ threshold − ${options.storageMargin}; none: ≥ threshold), ${format(f.above / FP)} above; as Match objects ${format(FP / (f.cpu + f.objectsCpu))} posts/CPU-s` });
  }
  // The same path from a young stream (4,096 saved posts): the stream moments of every interest
  // recomputed every batch, the IDF weights of every interest twice in 2,048 posts.
  let youngRow: Row | undefined;
  if (options.fullPath && options.youngRow && options.warmPosts !== YOUNG_WARM_POSTS) {
    const f = await fullPath(world, index, fullPosts, { ...options, warmPosts: YOUNG_WARM_POSTS }, sample, options.storageMargin);
    const recall = recallAt(exact.top, f.storedIds.map((ids, p) => exact.top[p].filter((id) => ids.has(id))));
    youngRow = { name: `  same, young stream (--warm-posts=${YOUNG_WARM_POSTS})`, posts: FP, seconds: f.seconds, cpu: f.cpu, interests: N, recall,
      note: `${format(f.stored / FP)} stored pairs/post, ${format(f.above / FP)} above` };
  }
  // The same path told a pool of Scour's volume: the null threshold it matches from rises (~3.98).
  // Its recall@10 counts cosine top-10 pairs it no longer matches (by design) as misses.
  let pool: FullPathResult | undefined, poolRow: Row | undefined;
  if (options.fullPath && options.poolRow && options.postsPerDay !== POSTS_PER_DAY) {
    pool = await fullPath(world, index, fullPosts, { ...options, postsPerDay: POSTS_PER_DAY }, sample, options.storageMargin);
    const recall = recallAt(exact.top, pool.storedIds.map((ids, p) => exact.top[p].filter((id) => ids.has(id))));
    poolRow = { name: `  same, pool of ${format(POSTS_PER_DAY)} posts/day (--posts-per-day)`, posts: FP, seconds: pool.seconds, cpu: pool.cpu, interests: N, recall,
      note: `null threshold ${pool.nullThreshold.toFixed(2)}; ${format(pool.stored / FP)} stored pairs/post, ${format(pool.above / FP)} above` };
  }
  // The same path with the tally band counted in every batch (TALLY_SAMPLING off): what the
  // sampling buys, and its density line to compare the calibration by.
  let everyBatch: FullPathResult | undefined, tallyRow: Row | undefined;
  if (options.fullPath && options.tallyRow) {
    everyBatch = await fullPath(world, index, fullPosts, { ...options, tallySampling: { every: 1, from: 0 } }, sample, options.storageMargin);
    const recall = recallAt(exact.top, everyBatch.storedIds.map((ids, p) => exact.top[p].filter((id) => ids.has(id))));
    tallyRow = { name: `  same, tally band every batch`, posts: FP, seconds: everyBatch.seconds, cpu: everyBatch.cpu, interests: N, recall,
      note: `${format(everyBatch.stored / FP)} stored pairs/post, ${format(everyBatch.above / FP)} above; ${format(everyBatch.tallied / FP)} tallied/post (default: ${format((full?.tallied ?? 0) / FP)})` };
  }
  // The same path storing only the pairs above the threshold (no near misses at all, not even
  // of posts sharing a term with the interest, which the default keeps down to 1 under it):
  // what storing fewer pairs would buy. Its warm-up stream differs (the generator moved on); the
  // measured posts are the same.
  let marginRow: Row | undefined;
  if (options.fullPath && options.marginRow && options.storageMargin !== 0) {
    const f = await fullPath(world, index, fullPosts, options, sample, 0);
    const recall = recallAt(exact.top, f.storedIds.map((ids, p) => exact.top[p].filter((id) => ids.has(id))));
    marginRow = { name: `  same, --storage-margin=0`, posts: FP, seconds: f.seconds, cpu: f.cpu, interests: N, recall,
      note: `${format(f.stored / FP)} stored pairs/post, ${format(f.above / FP)} above` };
  }

  // The same path on the crowded data (every post near one of 300 topics of 1,000 interests):
  // what the matcher costs when every post is a candidate for ~12k interests.
  let crowded: (FullPathResult & { recall: number }) | undefined;
  if (options.fullPath && options.crowdedRow) {
    const other = buildWorld(N, 'crowded');
    const otherPosts = Array.from({ length: FP }, other.makePost);
    const otherIndex = new InvertedIndex(other.dictionary);
    otherIndex.load(other.interestTerms.map(({ terms, weights }, id) => ({ id, terms, weights })));
    const otherExact = exactTopK(other.interestVectors, packPosts(otherPosts.map((p) => p.vector), DIMS), sample, 10);
    const f = await fullPath(other, otherIndex, otherPosts, options, sample, options.storageMargin);
    crowded = { ...f, recall: recallAt(otherExact.top, f.storedIds.map((ids, p) => otherExact.top[p].filter((id) => ids.has(id)))) };
  }

  const naive = new FloatDenseScorer(DIMS);
  world.interestVectors.forEach((v, i) => naive.add(i, v));
  const naivePosts = Math.min(16, posts.length);
  const naiveRun = timed(() => naive.scoreBatchSync(vectors.slice(0, naivePosts), THRESHOLD));
  const naiveTop = topKFromMatches(naiveRun.result, naivePosts, 10);

  const singleRecall = recallAt(exact.top, singleTop);
  const parallelRecall = recallAt(exact.top, parallelTop);
  rowsOut.push(
    { name: 'Sluice dense+lexical, 1 thread', posts: posts.length, seconds: hybrid1!.seconds, cpu: hybrid1!.cpu, interests: N, recall: singleRecall },
    { name: `Sluice dense+lexical, ${options.threads} worker threads`, posts: posts.length, seconds: parallelSeconds, cpu: parallelCpu, interests: N, recall: parallelRecall, note: 'lexical on the main thread' },
    { name: '  dense only (int8 kernel, exact rescoring), 1 thread', posts: posts.length, seconds: dense1!.seconds, cpu: dense1!.cpu, interests: N,
      note: `${format(denseMatches / posts.length)} matches/post` },
    { name: `  dense only, ${options.threads} worker threads`, posts: posts.length, seconds: denseN!.seconds, cpu: denseN!.cpu, interests: N },
    { name: '  lexical only (inverted index), 1 thread', posts: posts.length, seconds: lexical1!.seconds, cpu: lexical1!.cpu, interests: N,
      note: `${Math.round(postingsScanned / posts.length)} postings/post, ${Math.round(hitsPerPost)} interests touched/post` },
    { name: 'naive JS float32 loop (FloatDenseScorer)', posts: naivePosts, seconds: naiveRun.seconds, cpu: naiveRun.cpu, interests: N,
      recall: recallAt(exact.top.slice(0, naivePosts), naiveTop), note: 'dense only' },
  );

  if (fullRow) rowsOut.push(fullRow);
  if (youngRow) rowsOut.push(youngRow);
  if (poolRow) rowsOut.push(poolRow);
  if (tallyRow) rowsOut.push(tallyRow);
  if (marginRow) rowsOut.push(marginRow);
  if (crowded) {
    rowsOut.push({ name: `matcher, full path, crowded data, ${options.threads} workers`, posts: FP, seconds: crowded.seconds, cpu: crowded.cpu, interests: N, recall: crowded.recall,
      note: `${format(crowded.stored / FP)} stored pairs/post, ${format(crowded.above / FP)} above` });
  }

  if (options.peer) {
    t = performance.now();
    const mini = new MiniSearch<{ id: number; k: string }>({ fields: ['k'], idField: 'id', tokenize: (s) => s.split(' '), processTerm: (term) => term });
    mini.addAll(world.interestTerms.map(({ terms }, id) => ({ id, k: terms.map((term) => world.dictionary.term(term)).join(' ') })));
    const peerBuild = (performance.now() - t) / 1000;
    const peerPosts = Math.min(options.peerPosts, posts.length);
    const queries = posts.slice(0, peerPosts).map((p) => Array.from(p.terms, (term) => world.dictionary.term(term)).join(' '));
    mini.search(queries[0], { combineWith: 'OR' });
    let peerHits = 0;
    const peerRun = timed(() => { for (const q of queries) peerHits += mini.search(q, { combineWith: 'OR' }).length; });
    rowsOut.push({ name: 'MiniSearch 7: keyword docs, 1 OR query/post', posts: peerPosts, seconds: peerRun.seconds, cpu: peerRun.cpu, interests: N,
      note: `lexical only; index built in ${peerBuild.toFixed(1)} s; ${Math.round(peerHits / peerPosts)} hits/post` });
  }

  log('');
  log(`  ${'scorer'.padEnd(52)} ${'posts'.padStart(6)} ${'pairs/s'.padStart(9)} ${'posts/s'.padStart(8)} ${'cpu pairs/s'.padStart(11)} ${'recall@10'.padStart(9)}  note`);
  for (const r of rowsOut) {
    const postsPerS = r.posts / r.seconds;
    log(`  ${r.name.padEnd(52)} ${String(r.posts).padStart(6)} ${format(postsPerS * r.interests).padStart(9)} ${format(postsPerS).padStart(8)} ${format(r.posts * r.interests / r.cpu).padStart(11)} ${(r.recall === undefined ? '-' : r.recall.toFixed(3)).padStart(9)}  ${r.note ?? ''}`);
  }
  const meanTenth = exact.tenth.reduce((a, b) => a + b, 0) / exact.tenth.length;
  log('');
  if (full) log(density(`${options.shape} data`, full, FP));
  if (pool) log(density(`${options.shape} data, pool of ${format(POSTS_PER_DAY)} posts/day`, pool, FP));
  if (everyBatch) log(density(`${options.shape} data, tally band every batch`, everyBatch, FP));
  if (crowded) log(density('crowded data', crowded, FP));
  log(`  fastest of ${options.rounds} rounds per configuration; dense matches/post ${format(denseMatches / posts.length)} (worker run ${format(parallelMatches / posts.length)}); exact 10th-best cosine over ${sample} posts: mean ${meanTenth.toFixed(3)}, min ${Math.min(...exact.tenth).toFixed(3)}; peak RSS ${Math.round(rssMb)} MB after Sluice's runs, ${Math.round(peakRssMb())} MB at the end`);

  // The contract line reports the whole matcher (Matcher.scorePostsColumns: what the scoring
  // service runs, calibration and stored pairs included), not the kernel + index alone: that is
  // the throughput a user of Sluice gets. recall@10: share of each sample post's exact cosine
  // top-10 among its stored pairs; rss: peak after the matcher's run. With --no-full-path it
  // falls back to the fastest kernel + index configuration (as before 2026-12-06).
  if (full) {
    const postsPerS = FP / full.seconds;
    console.log(`match: pairs_per_s=${(postsPerS * N).toExponential(3)} posts_per_s=${Math.round(postsPerS)} interests=${N} recall_at_10=${full.recall.toFixed(4)} rss_mb=${Math.round(full.rssMb)}`);
    return;
  }
  const best = parallelSeconds < hybrid1!.seconds ? { seconds: parallelSeconds, recall: parallelRecall } : { seconds: hybrid1!.seconds, recall: singleRecall };
  const postsPerS = posts.length / best.seconds;
  console.log(`match: pairs_per_s=${(postsPerS * N).toExponential(3)} posts_per_s=${Math.round(postsPerS)} interests=${N} recall_at_10=${best.recall.toFixed(4)} rss_mb=${Math.round(rssMb)}`);
}
