// The standing-query matcher: every new post scored against every interest of every user as it
// arrives, with the batch reference's meaning (match/batch.ts, rounds 0 plus real feedback):
//
//   score = standard deviations above the interest's typical off-topic post.
//
// Data flow of scorePosts, for a batch of new posts:
//  1. corpus statistics take the posts in (IDF, as the batch counts its own posts);
//  2. lexical: each post's TF-IDF vector queried term-at-a-time in the inverted index
//     (match/index): every interest sharing a term, with ℓ = q·x exactly;
//  3. semantic: one scan of the quantized interest matrix (match/kernel) with each interest's
//     fused threshold set to the least cosine at which a post sharing no term with it could
//     still reach the storage floor (calibration-state.ts, semanticFloor) — so the scan drops
//     nothing that could be stored; lexical hits below it get their exact cosine;
//     pairs sharing no term that cannot be stored are only tallied per interest by the scan
//     (kernel/pair-tally.ts): the calibration needs them counted, not listed;
//  4. the union of candidates is calibrated per interest and emitted above the storage floor
//     (threshold − storageMargin for posts sharing a term, the threshold for the others; with the
//     midpoint, the threshold is raised to the midpoint between the typical off-topic post and a
//     running median of the interest's matches, #matchThreshold);
//  5. the calibration moves with the batch (calibration-state.ts, vector-moments.ts).
//
// Back-scoring (a new or edited interest against recent posts) is the same scan turned around:
// the posts in a dense scorer of their own (kept between back-scores, window-scorer.ts), the
// interest as a one-vector batch.

import { cosineStatistics, type Background } from '../../embed/glove/background.ts';
import { cosine } from '../../embed/sif.ts';
import { BACKGROUND_WEIGHT, DEFAULT_THRESHOLD, LEXICAL_WEIGHT, PRIOR_WEIGHT } from '../batch.ts';
import { InvertedIndex, type KeywordBatch } from '../index/inverted-index.ts';
import { TermDictionary } from '../index/term-dictionary.ts';
import type { CompiledInterest } from '../interest/interest.ts';
import { createDenseScorer, type DenseScorer, type ScanPart } from '../kernel/dense-scorer.ts';
import { MatchList } from '../kernel/match-list.ts';
import { PairTally, wasTallied } from '../kernel/pair-tally.ts';
import type { Distribution } from '../score/calibration.ts';
import { CorpusStatistics, PRUNE_FROM, PRUNE_TO, type BackgroundFrequency, type CorpusStatisticsJson } from '../score/corpus-statistics.ts';
import type { LexicalDocument } from '../score/document.ts';
import { discriminant } from '../score/discriminant.ts';
import { DEFAULT_ROCCHIO, feedbackEvidence, rocchio, SPARSE_ROCCHIO, sparseRocchio, thresholdWithFeedback, type FeedbackEvidence } from '../score/feedback.ts';
import { MIN_STREAMED_MATCHES, streamingMidpointThreshold } from '../score/midpoint-threshold.ts';
import { CHANCE_MATCHES_PER_DAY, chanceThreshold } from '../score/chance-threshold.ts';
import { observeMedian, type RunningMedian } from '../score/running-median.ts';
import { dotOfTerms, queryVector, sparseDot, tfidfOfTerms, tfidfVector, type SparseVector } from '../score/tfidf.ts';
import { calibratedScore, calibrationOf, EMPTY_CALIBRATION, leaveOut, observe, parseCalibrationState, semanticFloor, type Calibration, type CalibrationState } from './calibration-state.ts';
import { CALIBRATION_THRESHOLD, CalibrationTable, LEX_DIST_MEAN, LEX_DIST_STD, MATCHES, RAW_MEAN, RAW_STD, ROW, SEM_MEAN, SEM_STD, THRESHOLD, USER_0, USER_3, USER_4, USER_5, USER_6 } from './calibration-table.ts';
import { evidenceOf, learnedInterest, parseLearned, type LearnedInterest } from './learned-state.ts';
import type { Match } from './match.ts';
import { CandidatePairs } from './candidate-pairs.ts';
import { MatchColumns } from './match-columns.ts';
import type { RunningMoments } from './running-moments.ts';
import { WindowScorer } from './window-scorer.ts';
import { VectorMoments, type VectorMomentsJson } from './vector-moments.ts';
import { StreamSweep } from './stream-sweep.ts';
import { FILTER_WORDS, filterBit, LexicalBatches, termSlot, type LexicalBatch } from './lexical-batch.ts';
import { COMPILED_TERMS, compiledPart, TermPool } from './term-pool.ts';

/** A post as the matcher needs it: its store id, embedding and lexical view. */
export interface MatcherPost {
  id: number;
  vector: Float32Array;
  doc: LexicalDocument;
}

/** All of one interest's feedback, as posts. */
export interface InterestFeedback {
  liked?: readonly MatcherPost[];
  disliked?: readonly MatcherPost[];
  /** Not about this interest: pushes away like a dislike and raises the threshold. */
  offTopic?: readonly MatcherPost[];
  /** Implicit likes (self-training, score/implicit-likes.ts: posts the interest is sure of): they
   *  move the vector and the terms as likes do, as in the batch reference, and never the threshold. */
  implicit?: readonly MatcherPost[];
}

export interface MatcherOptions {
  /** Embedder of every vector given (learned vectors of another embedder are ignored). */
  embedderId: string;
  dims: number;
  /** The embedder's shipped background (cold-start prior for the semantic side), if it has one. */
  background?: Background;
  /** Background document frequencies for IDF (score/background-frequency.ts). */
  backgroundFrequency?: BackgroundFrequency;
  /** Default threshold of an interest without feedback (DEFAULT_THRESHOLD): the null threshold. */
  threshold?: number;
  /** Raise each interest's threshold to the midpoint between its typical off-topic post (0) and
   *  its typical match, a running median of its scores at or above the null threshold
   *  (score/midpoint-threshold.ts, streamingMidpointThreshold; feedback applied on top). Off, the
   *  threshold is the null threshold moved by feedback (as the batch at rounds 0). Default ON
   *  since every stored match carries the threshold it was judged against (its breakdown, which
   *  the feed and the post page judge "hidden" by), as `sluice score` has it; off, it was
   *  (node eval/few-likes.ts, live recall / precision, on → off) 0 likes 0.810 / 0.873 → 0.814 / 0.868,
   *  1 like 0.854 / 0.816 → 0.856 / 0.792, 3 likes 0.844 / 0.883 → 0.849 / 0.875, 20 likes
   *  0.892 / 0.904 → 0.915 / 0.881. */
  midpointThreshold?: boolean;
  /** Pairs of posts sharing a term with the interest are emitted down to threshold − storageMargin
   *  (default 1): the near misses a user can look through (--include-hidden). The candidates, and
   *  the calibration's on-topic level, stay at threshold − 1 whatever it is: a margin under 1
   *  stores fewer pairs with the same scores. */
  storageMargin?: number;
  /** The same for posts sharing no term with the interest (default 0: only their matches). Under
   *  the threshold those are the off-topic null's own tail, ~2.3% of all pairs at a margin of 1
   *  (~7,000 per post at 300k interests, ~700 near misses per interest a day at Scour's rate):
   *  noise to a reader, and what the scan tallies instead of listing (kernel/pair-tally.ts). */
  storageMarginWithoutTerms?: number;
  /** Posts the pool takes in a day (the scoring service counts them): with `chanceMatchesPerDay`,
   *  the null threshold of every interest's matching becomes chanceThreshold's (score/
   *  chance-threshold.ts: never under `threshold`). Unset or 0: the null threshold. setPostsPerDay
   *  moves it later. The calibration keeps `threshold` (what is on-topic for its moments). */
  postsPerDay?: number;
  /** Off-topic matches per interest per day allowed by chance (default CHANCE_MATCHES_PER_DAY). */
  chanceMatchesPerDay?: number;
  /** Dense scan threads (createDenseScorer); ignored when `scorer` is given. */
  threads?: number;
  /** Batches of at least this many posts are scanned in parts of the interests (scanParts), each
   *  part's rows scored while the next is scanned (default SPLIT_BATCH_FROM; Infinity: one scan). */
  splitBatchFrom?: number;
  /** How many parts such a batch is scanned in (default SCAN_PARTS). */
  scanParts?: number;
  /** Once the stream holds `from` posts, each interest's on-topic band of posts sharing no term
   *  (tallied, not listed: kernel/pair-tally.ts) is counted in one batch of `every`, weighted
   *  `every` (default TALLY_SAMPLING; `every` 1: every batch). */
  tallySampling?: { every: number; from: number };
  /** The stream statistics' bounds (CorpusStatistics.pruneIfFull: past `from` distinct terms, the
   *  rarest are forgotten down to `to`; default PRUNE_FROM / PRUNE_TO). */
  statisticsLimit?: { from: number; to: number };
  scorer?: DenseScorer;
  /** Told about posts that cannot be scored (wrong dimension, NaN): the others still are. */
  warn?: (message: string) => void;
  /** The stream as a matcher saved it (streamState()): IDF and vector moments go on from there
   *  instead of a replay. Another embedder's, or a malformed one, is ignored (said through warn). */
  saved?: unknown;
}

/** What a matcher saves of its stream between runs (the interests' calibrations are saved apart). */
export interface SavedStream {
  version: 1;
  embedderId: string;
  dims: number;
  vectors: VectorMomentsJson;
  corpus: CorpusStatisticsJson;
  idfRefreshedAt: number;
}

/** A batch's size in pairs: the scan's (cosine at or above the kernel floor), the index's
 *  (sharing a term), and their union, every one of which is scored and observed. */
export interface BatchCounts {
  posts: number;
  scanned: number;
  lexicalHits: number;
  candidates: number;
  /** Pairs the scan tallied per interest instead of listing (on-topic, sharing no term, under
   *  the storage floor; kernel/pair-tally.ts): observed, never scored one by one. */
  tallied: number;
}

/** Counts for `posts` posts with no pair yet. */
function noPairs(posts: number): BatchCounts {
  return { posts, scanned: 0, lexicalHits: 0, candidates: 0, tallied: 0 };
}

/** `c`'s pairs added to `total`'s (its posts are the caller's to count). */
function addPairs(total: BatchCounts, c: BatchCounts): void {
  total.scanned += c.scanned; total.lexicalHits += c.lexicalHits; total.candidates += c.candidates; total.tallied += c.tallied;
}

/** One interest's calibration as saved, with a fingerprint of the vector and terms it holds for. */
export interface SavedCalibration {
  version: 1;
  fingerprint: string;
  state: CalibrationState;
}

/** The kernel's per-interest threshold is rewritten only when the exact floor falls below it or
 *  rises this far above it (a lower fused threshold only costs rescoring, never a pair). */
const FLOOR_SLACK = 0.02;
/** Batches from this many posts are scanned in parts (#scorePosts, SCAN_PARTS): the scoring service's
 *  batches of 1,024 are; the tests' small ones are not unless asked (splitBatchFrom). */
const SPLIT_BATCH_FROM = 512;
/** Parts such a batch is scanned in: each part's rows are scored while the next part is
 *  scanned, the last part's with the workers idle. /tmp driver (bench fullPath, 300k interests,
 *  day-old stream, 4,096 posts, A/B back to back, the same stored pairs): 2 parts 926 / 911 / 901
 *  posts/s, 3 parts 1,012 / 967 / 942; 4 parts alike 3 (1,019 / 971 / 960 against 993 / 1,013 / 992). */
const SCAN_PARTS = 3;
/** At volume, each interest's tally band (the on-topic posts sharing no term with it, between
 *  its on-topic level and its storage floor: ~2.2% of all pairs, ~6,000 per post at 300k
 *  interests) is scanned for in one batch of `every` (the rows take turns: row ≡ batch, mod `every`),
 *  and what was tallied counts `every` times; in the other batches the row's kernel floor sits
 *  at its storage floor. What the band gives the calibration is three sums (count, Σc, Σc² of
 *  its cosines, which leave the off-topic moments), so a quarter of the stream estimates them
 *  without bias: ~160 of the ~640 band pairs an interest has in a day at Scour's rate. The band was
 *  most of the scan workers' time: its ~8,000 candidates per post each rescored exactly.
 *  Only from a stream of `from` posts (~8 hours at Scour's rate): a young stream's moments
 *  hold few posts, where a quarter would be noise (an instance that has seen fewer never
 *  samples). `npm run bench -- match` (300k interests, day-old stream): 1,224 posts/s counting
 *  every batch, 1,500 in turns, in the same run (matcher README). */
const TALLY_SAMPLING = { every: 4, from: 10_000 };
/** setPostsPerDay moves the thresholds only when the null threshold moved this far (SDs): the
 *  pool's count changes every batch, and each move rewrites 300k rows' thresholds. */
const NULL_FLOOR_STEP = 0.01;
/** Margin under the exact floor for float32 storage of the threshold in the kernel. */
const FLOOR_EPSILON = 1e-5;
/** Unlearned interests' lexical vectors are re-weighted with the stream's IDF before it grew by
 *  this factor (+ 20 posts) since the IDF they were weighed with (#refreshIdf). */
const IDF_REFRESH_GROWTH = 1.25;
/** Up to this many interests, the IDF refresh re-weights them all at once (#refreshIdf). */
const IDF_SWEEP_FROM = 4096;
/** Posts within this much under the threshold already leave the off-topic distribution. Two
 *  SDs: a normal null loses 2.3% of its mass (its spread shrinks ~6%), while the interest's
 *  own posts that fall short of the threshold stop inflating it — what the batch's median and
 *  lower-half spread achieve. Measured on 500 BBC posts (match/matcher/README.md): agreement of
 *  `best` with the batch 0.945 → 0.9875, matched-pair Jaccard 0.84 → 0.91 against excluding
 *  only the matches. */
const EXCLUSION_MARGIN = 1;
/** The smallest part a batch larger than the stream seen before it is scored in (#scoreInParts). */
const YOUNG_PART = 50;
/** Posts an interest's calibration must hold before its scores join the running median of its
 *  matches: until then its scores are mostly its priors' (the lexical and combined priors weigh
 *  PRIOR_WEIGHT posts), and a first batch scores its topic's posts far too high (a service's first
 *  start replays 150 synthetic posts as one batch: gardening posts at 10–35 SDs, then 4–8 once
 *  calibrated; a median taken from the first batch set a threshold of ~11 that no later post met). */
const MIN_POSTS_FOR_MEDIAN = PRIOR_WEIGHT;
/** Matched terms reported per match. */
const TERMS_SHOWN = 8;
// The matcher's fields in each row block of the CalibrationTable (next to the calibration a
// row's pairs read): the row's generation (bumped when it is reset or changes hands) with its
// value when the batch started.
const GENERATION = USER_3, BATCH_GENERATION = USER_4;
/** The row's interest id, and 1 + where its query terms start in the term pool (0: none). */
const INTEREST_ID = USER_5, TERMS_AT = USER_6;
/** 1: the row's state came from posts (a batch, back-scoring, a saved calibration), not a reset
 *  (in the row: #scoreRows sets it for every row, an Entry written per row was a cache miss). */
const CALIBRATED = USER_0;

/** One interest. Its calibration state, threshold and kernel floor live in the matcher's
 *  CalibrationTable at `row`, which is also its id in the dense scorer and the inverted index. */
interface Entry {
  id: number;
  row: number;
  compiled: CompiledInterest;
  vector: Float32Array;
  /** The lexical vector from feedback, frozen; undefined: compiled terms at the stream's IDF. */
  learnedTerms?: SparseVector;
  /** The lexical query (term → weight) of learned terms; of compiled ones only until #indexTerms
   *  pools it: then #queryOf makes it from the term pool when asked (the IDF sweep re-weights
   *  300k queries in the pool, and only back-scoring, feedback and previews read the Maps). */
  query?: SparseVector;
  learned?: LearnedInterest;
  /** What feedback said of the threshold, applied to the midpoint at every batch ({}: no
   *  feedback); undefined for a state learned before it was kept: its learned threshold holds. */
  evidence?: FeedbackEvidence;
  /** fingerprintOf(this) once asked: it covers `learned` and `compiled` only, so it is cleared
   *  where `learned` changes (applyFeedback); an IDF refresh (query re-weighted) keeps it. */
  fingerprint?: string;
  /** Replaced or removed: a scan that started before must not update it. */
  retired?: boolean;
}

/** An interest compiled with another embedder than the matcher's: its vector lives in another space. */
export class EmbedderMismatchError extends Error {
  readonly interestId: number;
  constructor(interestId: number, compiled: CompiledInterest, embedderId: string, dims: number) {
    super(`Matcher.upsertInterest: interest ${interestId} ("${compiled.name}") was compiled with ${compiled.embedderId} (${compiled.vector.length} dims); the matcher scores ${embedderId} (${dims} dims)`);
    this.name = 'EmbedderMismatchError';
    this.interestId = interestId;
  }
}

export class UnknownInterestIdError extends Error {
  readonly interestId: number;
  constructor(where: string, interestId: number) {
    super(`${where}: no interest ${interestId} in the matcher`);
    this.name = 'UnknownInterestIdError';
    this.interestId = interestId;
  }
}

export class Matcher {
  readonly dims: number;
  readonly embedderId: string;
  readonly stats: CorpusStatistics;
  /** TF-IDF vectors of posts learned from, back-scored or scored one by one, by document, while
   *  the statistics stand still (`#tfidfAt`: their document count): a self-training pass
   *  back-scores many interests on the same window, and each vector cost ~0.6 ms (BBC, 3,000
   *  interests' terms in the dictionary); scoreOne used to compute its post's twice. */
  #tfidfs = new WeakMap<LexicalDocument, SparseVector>();
  #tfidfAt = -1;
  readonly #vectors: VectorMoments;
  /** The rows' stream moments kept fresh (stream-sweep.ts). */
  readonly #sweep: StreamSweep;
  readonly #scorer: DenseScorer;
  /** Back-scoring's posts as a matrix, kept between back-scores (window-scorer.ts). */
  readonly #windowScorer: WindowScorer;
  readonly #dictionary = new TermDictionary();
  readonly #index: InvertedIndex;
  /** Each batch's lexical side (lexical-batch.ts). */
  readonly #lexical = new LexicalBatches();
  readonly #entries = new Map<number, Entry>();
  /** Every interest's calibration, threshold and kernel floor, by row. */
  readonly #table = new CalibrationTable();
  /** row → its interest (undefined: a free row). */
  readonly #rows: (Entry | undefined)[] = [];
  readonly #freeRows: number[] = [];
  /** Every interest's query and compiled terms (term-pool.ts); a row's record starts at its
   *  TERMS_AT − 1. */
  readonly #terms = new TermPool({
    get: (row) => this.#table.data[row * ROW + TERMS_AT],
    set: (row, value) => { this.#table.data[row * ROW + TERMS_AT] = value; },
    rows: () => this.#rows.length,
  });
  /** Stored pairs per post of the last batch (MatchColumns' first size). */
  #pairsPerPost = 8;
  /** Columns this matcher returned: the ones scorePostsColumns may refill. */
  readonly #madeColumns = new WeakSet<MatchColumns>();
  /** #matchedTermIds's sort (grown for an interest with more terms). */
  #foundTerms = new Int32Array(64);
  #foundContribution = new Float64Array(64);
  /** A batch's candidates by row, and the scan's pairs (scratch reused between batches: ~3M
   *  pairs per batch at 300k interests, garbage that brought full collections of the heap). */
  readonly #pairs = new CandidatePairs();
  readonly #scanned = new MatchList(0);
  readonly #background?: Background;
  readonly #baseThreshold: number;
  /** The null threshold matching starts from: #baseThreshold raised to the pool's volume
   *  (chanceThreshold). Matches, the running median's input and the listing floor follow it; the
   *  calibration and the candidates stay on #baseThreshold. */
  #nullFloor: number;
  readonly #chanceBudget: number;
  readonly #midpoint: boolean;
  /** #matchThreshold's running median, read out of the table (no object per row per batch). */
  readonly #median: RunningMedian = { n: 0, median: 0, spread: 0 };
  readonly #margin: number;
  readonly #marginWithoutTerms: number;
  /** The scan's tallies (kernel/pair-tally.ts), and per row what it was told (float32, as the
   *  scorer holds them: #untally judges a lexical hit's cosine against the same numbers) and
   *  what it tallied, by row (count, Σd, Σd²), consumed by #scoreRows. */
  readonly #tally = new PairTally();
  /** The other pair of scan buffers (#scorePosts): part i + 1 is scanned into one while part i's
   *  rows are scored from the other. */
  readonly #tallySecond = new PairTally();
  readonly #scannedSecond = new MatchList(0);
  readonly #splitFrom: number;
  readonly #scanParts: number;
  readonly #tallySampling: { every: number; from: number };
  readonly #statisticsLimit: { from: number; to: number };
  /** Batches scored (the rows' turns at the tally band), and the weight of this batch's tallies
   *  (TALLY_SAMPLING's `every` while sampling, else 1). */
  #batches = 0;
  #tallyWeight = 1;
  /** Per row, the part of the interests that scans it (#scorePosts), for this batch. */
  #rowPart = new Uint8Array(0);
  #reportFloor = new Float32Array(0);
  #tallyFloor = new Float32Array(0);
  #tallied = new Float64Array(0);
  readonly #warn: (message: string) => void;
  #idfRefreshedAt = 0;
  /** #reweigh's sums per key, and the batch's re-weighted queries for the index. */
  #keySums = new Float64Array(64);
  readonly #reweighed: KeywordBatch = { length: 0, ids: new Int32Array(1024), start: new Int32Array(1025), terms: new Int32Array(8192), weights: new Float64Array(8192) };
  /** Between the dictionary's ids and the statistics' term indices (CorpusStatistics.termIndex),
   *  so that IDFs are read by index (stats.idfAt, the same bits as stats.idf) instead of through
   *  the statistics' string-keyed Map (~1M terms at 300k interests, ~0.3–0.7 µs a read, most of
   *  them cache misses), kept whole as both grow: a term new to the dictionary is looked up in
   *  the statistics (#intern), a term new to the statistics in the dictionary (#countTerms).
   *  #statOf by dictionary id: the index, or −1 (not in the statistics: its IDF is idfOf(0,
   *  prior), the prior kept in #absentPrior, NaN until read); #dictOf by statistics index: the
   *  id, or −1. */
  #statOf = new Int32Array(0);
  #dictOf = new Int32Array(0);
  #absentPrior = new Float64Array(0);
  /** The statistics' terms #countTerms has looked up (a saved stream's: none is in the empty
   *  dictionary of a new matcher). */
  #statsKnown = 0;
  /** Per row: the stream's size at the IDF its lexical query was last weighed with, at most
   *  (an interest upserted since was weighed at its upsert, fresher), and the least stream
   *  size at which one of them is due (a lower bound: the sweep only moves it later). */
  #queryAt = new Float64Array(0);
  #idfDueAt = 0;
  /** stats.documents at the last #refreshIdf (−1: none yet; #idfRefreshedAt then). */
  #idfSeenAt = -1;
  /** The IDF sweep: the row it goes on from, and the stream's size at its last step. */
  #idfSweepRow = 0;
  #idfSweptAt = -1;
  #queue: Promise<unknown> = Promise.resolve();
  #lastBatch: BatchCounts = noPairs(0);

  constructor(options: MatcherOptions) {
    this.dims = options.dims;
    this.embedderId = options.embedderId;
    const saved = parseSavedStream(options.saved, options.embedderId, options.dims, options.warn);
    this.stats = saved ? CorpusStatistics.fromJSON(saved.corpus, options.backgroundFrequency) : new CorpusStatistics(options.backgroundFrequency);
    this.#vectors = saved ? VectorMoments.fromJSON(saved.vectors) : new VectorMoments(options.dims);
    this.#sweep = new StreamSweep(this.#table, options.dims);
    this.#statsKnown = this.stats.terms;
    this.#idfRefreshedAt = saved?.idfRefreshedAt ?? 0;
    this.#scorer = options.scorer ?? createDenseScorer(options.dims, { threads: options.threads });
    this.#windowScorer = new WindowScorer(options.dims);
    // No IDF floor in the index: compile.ts already refuses common keywords with the same
    // statistics the batch uses, and a second, different floor would break agreement with it.
    this.#index = new InvertedIndex(this.#dictionary, { policy: { minIdf: 0, minDocuments: Infinity, stopTerms: new Set() } });
    this.#background = options.background && options.background.embedderId === options.embedderId ? options.background : undefined;
    this.#baseThreshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.#chanceBudget = options.chanceMatchesPerDay ?? CHANCE_MATCHES_PER_DAY;
    this.#nullFloor = chanceThreshold(options.postsPerDay ?? 0, this.#baseThreshold, this.#chanceBudget);
    this.#midpoint = options.midpointThreshold ?? true;
    this.#margin = options.storageMargin ?? 1;
    this.#marginWithoutTerms = options.storageMarginWithoutTerms ?? 0;
    this.#splitFrom = options.splitBatchFrom ?? SPLIT_BATCH_FROM;
    this.#scanParts = options.scanParts ?? SCAN_PARTS;
    this.#tallySampling = options.tallySampling ?? TALLY_SAMPLING;
    this.#statisticsLimit = options.statisticsLimit ?? { from: PRUNE_FROM, to: PRUNE_TO };
    if (!(Number.isInteger(this.#tallySampling.every) && this.#tallySampling.every >= 1)) throw new RangeError(`Matcher: tallySampling.every must be a whole number ≥ 1, got ${this.#tallySampling.every}`);
    this.#warn = options.warn ?? (() => {});
  }

  /** Built from every user's compiled interests at start (learned: the stored `learned` JSON;
   *  calibration: what interestCalibration saved). */
  static create(interests: Iterable<{ id: number; compiled: CompiledInterest; learned?: unknown; calibration?: unknown }>, options: MatcherOptions): Matcher {
    const matcher = new Matcher(options);
    for (const i of interests) matcher.upsertInterest(i.id, i.compiled, i.learned, i.calibration);
    return matcher;
  }

  /** What the last scored batch weighed (how dense the data is: the per-pair work follows it). */
  get lastBatch(): BatchCounts {
    return { ...this.#lastBatch };
  }

  /** Posts the stream has taken in (IDF and vector moments). */
  get postsSeen(): number {
    return this.#vectors.n;
  }

  /** The stream's state to save (plain JSON): a matcher made with it as `saved` goes on from here. */
  streamState(): SavedStream {
    return { version: 1, embedderId: this.embedderId, dims: this.dims, vectors: this.#vectors.toJSON(), corpus: this.stats.toJSON(), idfRefreshedAt: this.#idfRefreshedAt };
  }

  /** One interest's calibration to save; upsertInterest takes it back while the interest is unchanged. */
  interestCalibration(id: number): SavedCalibration {
    const entry = this.#entry('Matcher.interestCalibration', id);
    return { version: 1, fingerprint: fingerprintOf(entry), state: this.#table.stateOf(entry.row) };
  }

  get size(): number {
    return this.#entries.size;
  }

  interestIds(): IterableIterator<number> {
    return this.#entries.keys();
  }

  has(id: number): boolean {
    return this.#entries.has(id);
  }

  threshold(id: number): number {
    return this.#table.threshold(this.#entry('Matcher.threshold', id).row);
  }

  /** The interest's calibration state now (serialisable). */
  calibrationState(id: number): CalibrationState {
    return this.#table.stateOf(this.#entry('Matcher.calibrationState', id).row);
  }

  /** The interest's calibration now (the distributions its signals are compared with). */
  calibration(id: number): Calibration {
    return this.#calibrationOf(this.#entry('Matcher.calibration', id));
  }

  /**
   * Adds an interest or replaces it (edited keywords, another embedder's vector, feedback
   * learned elsewhere). Its calibration restarts when its vector or terms change: back-score it
   * (backScore) to calibrate it on recent posts and get its matches. A saved calibration
   * (interestCalibration) is taken when it was made for this very vector and these terms.
   * Returns whether the interest is calibrated (kept or restored), i.e. needs no back-scoring.
   */
  upsertInterest(id: number, compiled: CompiledInterest, learned?: unknown, calibration?: unknown): boolean {
    if (compiled.embedderId !== this.embedderId || compiled.vector.length !== this.dims) {
      throw new EmbedderMismatchError(id, compiled, this.embedderId, this.dims);
    }
    const l = parseLearned(learned, this.embedderId, this.dims);
    const vector = l ? unit(Float32Array.from(l.vector)) : unit(Float32Array.from(compiled.vector));
    const learnedTerms = l ? new Map(l.terms) : undefined;
    const known = this.#entries.get(id);
    const row = known ? known.row : this.#allocateRow();
    const entry: Entry = {
      id,
      row,
      compiled,
      vector,
      learnedTerms,
      query: learnedTerms ?? queryVector(compiled.terms, this.stats),
      learned: l,
      evidence: l ? evidenceOf(l) : {},
    };
    // Same interest again (a restart, an edit of its name only): its calibration still holds.
    const table = this.#table;
    let state: CalibrationState = EMPTY_CALIBRATION;
    let stream: RunningMoments | undefined;
    let calibrated = false;
    if (known && sameVector(known.vector, entry.vector) && sameCompiledTerms(known, entry)) {
      state = table.stateOf(row);
      if (table.hasStream(row)) stream = table.streamOf(row);
      calibrated = table.data[row * ROW + CALIBRATED] === 1;
    } else {
      const saved = calibration as SavedCalibration | undefined;
      const restored = saved?.version === 1 && saved.fingerprint === fingerprintOf(entry) ? parseCalibrationState(saved.state) : undefined;
      if (restored) {
        state = restored;
        calibrated = true;
      }
    }
    const prior = this.#semanticPrior(vector);
    table.reset(row, state, prior.distribution, prior.weight, l?.threshold ?? this.#baseThreshold);
    table.setThreshold(row, this.#matchThreshold(entry));
    if (stream) table.setStream(row, stream);
    table.data[row * ROW + GENERATION]++;
    table.data[row * ROW + INTEREST_ID] = id;
    table.data[row * ROW + CALIBRATED] = calibrated ? 1 : 0;
    const floor = this.#floorOf(entry);
    table.setKernelFloor(row, floor);
    if (known) this.#retire(known);
    this.#entries.set(id, entry);
    this.#rows[row] = entry;
    if (this.#scorer.has(row)) this.#scorer.update(row, vector, floor);
    else this.#scorer.add(row, vector, floor);
    this.#forgetReportFloors(row);
    this.#indexTerms(entry);
    return calibrated;
  }

  removeInterest(id: number): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#retire(entry);
    this.#entries.delete(id);
    this.#scorer.remove(entry.row);
    this.#forgetReportFloors(entry.row);
    this.#index.remove(entry.row);
    this.#rows[entry.row] = undefined;
    this.#table.data[entry.row * ROW + GENERATION]++;
    this.#terms.release(entry.row);
    this.#freeRows.push(entry.row);
    return true;
  }

  /**
   * Scores a batch of NEW posts against every interest; returns every pair at or above its
   * interest's storage floor (threshold − storageMargin), and moves the calibration. Posts
   * that cannot be scored are reported through `warn` and skipped. Calls run one at a time.
   */
  scorePosts(posts: readonly MatcherPost[]): Promise<Match[]> {
    return this.#serial(async () => (await this.#scoreInParts(posts)).toMatches());
  }

  /** scorePosts with the pairs as columns (no object per pair): for callers that store or
   *  count thousands of pairs per post. `reuse`: columns this matcher returned before, which the
   *  caller is done with — refilled instead of allocated (at 300k interests ~110 MB a batch,
   *  garbage that brings full collections); columns from elsewhere are left alone. */
  scorePostsColumns(posts: readonly MatcherPost[], reuse?: MatchColumns): Promise<MatchColumns> {
    return this.#serial(() => this.#scoreInParts(posts, reuse));
  }

  /** Back-scores one interest against recent posts (already seen by the stream): its
   *  calibration is rebuilt on them, and its matches above the storage floor returned. */
  backScore(interestId: number, recentPosts: readonly MatcherPost[]): Promise<Match[]> {
    return this.#serial(() => {
      const entry = this.#entry('Matcher.backScore', interestId);
      return this.#backScore(entry, this.#lexicalWindow(entry, recentPosts));
    });
  }

  /**
   * Learns from ALL of an interest's feedback (not only the newest), from the interest as
   * compiled: the vector to the discriminant direction of the likes, real and implicit
   * (score/discriminant.ts; with dislikes only, Rocchio), the lexical vector by Rocchio (score/feedback.ts), as the batch
   * does; the threshold moved by adjustedThreshold. With recent posts, the interest is recalibrated and back-scored
   * on them (its new matches are returned). The returned `learned` is what the store keeps.
   */
  applyFeedback(interestId: number, feedback: InterestFeedback, recentPosts: readonly MatcherPost[] = []): Promise<{ learned: LearnedInterest; matches: Match[] }> {
    return this.#serial(async () => {
      const entry = this.#entry('Matcher.applyFeedback', interestId);
      const liked = feedback.liked ?? [], disliked = feedback.disliked ?? [], offTopic = feedback.offTopic ?? [], implicit = feedback.implicit ?? [];
      const away = [...disliked, ...offTopic];
      const tf = (p: MatcherPost) => this.#tfidfOf(p.doc);
      const moved = liked.length + away.length + implicit.length > 0;
      // As the batch reference (batch.ts): with likes, the embedding moves to the discriminant
      // direction between them and the stream (dislikes pushed with Rocchio's γ); the terms by
      // Rocchio with the sparse weights. With dislikes only, Rocchio pushes the query away, where
      // the batch whitens the query itself: that direction's cosines lose their separation against
      // the shipped background prior, and this calibration (mean and variance, not the batch's
      // median and lower half) does not absorb it. Synthetic stream, one disliked finance post for
      // "Football": 34 of 50 football posts still match with the discriminant, 50 with Rocchio and
      // in the batch (README.md, Feedback).
      const query = unit(Float32Array.from(entry.compiled.vector));
      const likedVectors = liked.map((p) => p.vector), awayVectors = away.map((p) => p.vector);
      // Implicit likes join the likes here, so the interest as written keeps its say beside them
      // (QUERY_AS_LIKES; the batch reference's rounds take them apart, without it). BBC News
      // streamed (eval/live.ts, full corpus / 500 posts, recall / precision): apart 0.862 / 0.897
      // and 0.838 / 0.923, joined 0.885 / 0.881 and 0.856 / 0.920; as written 0.894 / 0.842 and
      // 0.808 / 0.884.
      const positives = [...likedVectors, ...implicit.map((p) => p.vector)];
      entry.vector = positives.length > 0 ? discriminant(query, positives, awayVectors, this.#vectors.moments(), [], DEFAULT_ROCCHIO.gamma)
        : moved ? rocchio(query, [], awayVectors, DEFAULT_ROCCHIO) : query;
      entry.learnedTerms = moved ? sparseRocchio(queryVector(entry.compiled.terms, this.stats), liked.map(tf), away.map(tf), SPARSE_ROCCHIO, implicit.map(tf)) : undefined;
      entry.query = entry.learnedTerms ?? queryVector(entry.compiled.terms, this.stats);
      const prior = this.#semanticPrior(entry.vector);
      const table = this.#table, row = entry.row;
      entry.evidence = {}; // until the moved interest's scores of the reported posts give it
      table.reset(row, EMPTY_CALIBRATION, prior.distribution, prior.weight, this.#baseThreshold);
      table.data[row * ROW + CALIBRATED] = 0;
      this.#indexTerms(entry);
      const window = recentPosts.length ? this.#lexicalWindow(entry, recentPosts) : undefined;
      if (window) await this.#backScore(entry, window);
      const scoreOf = (p: MatcherPost) => this.#scoreOne(entry, p).score;
      // The evidence is kept apart from the threshold it makes here (adjustedThreshold's): every
      // batch applies it again to the midpoint, which moves with the stream.
      const evidence = feedbackEvidence(liked.map(scoreOf), offTopic.map(scoreOf));
      const threshold = thresholdWithFeedback(this.#baseThreshold, evidence);
      entry.evidence = evidence;
      if (!entry.retired) {
        table.setCalibrationThreshold(row, threshold);
        table.setThreshold(row, this.#matchThreshold(entry));
      }
      const matches = window ? await this.#backScore(entry, window) : [];
      if (!entry.retired) {
        table.setKernelFloor(row, this.#floorOf(entry));
        this.#scorer.update(row, entry.vector, table.kernelFloor(row));
      }
      entry.learned = learnedInterest(this.embedderId, entry.vector, this.#queryOf(entry), threshold, { liked: liked.length, disliked: disliked.length, offTopic: offTopic.length, implicit: implicit.length }, evidence, implicit.map((p) => p.id));
      entry.fingerprint = undefined;
      return { learned: entry.learned, matches };
    });
  }

  /** The calibrated score of one post for one interest now: for previews and tests. Nothing is
   *  learned or observed, but a row whose stream moments are stale gets them refreshed first (as
   *  its next batch would), which moves the batches after it a little (eval/README.md, sixth
   *  session: on a young, topic-sorted stream, enough to change where a calibration settles). */
  scoreOne(interestId: number, post: MatcherPost): Match {
    const entry = this.#entry('Matcher.scoreOne', interestId);
    const s = this.#scoreOne(entry, post);
    return this.#match(entry, post.id, s.cosine, s.lexical, this.#tfidfOf(post.doc), this.#calibrationOf(entry));
  }

  async close(): Promise<void> {
    await Promise.all([this.#scorer.close(), this.#windowScorer.close()]);
  }

  // ——— scoring ———

  /** A batch larger than the stream seen before it is scored in parts, each no larger than the
   *  stream before it (from YOUNG_PART posts), into the same columns. A batch's posts are scored
   *  with the calibration as it stood when it began, and on a young stream that is mostly the
   *  priors': a new instance's first 1,000 BBC posts in one batch stored matches at recall 0.645
   *  (precision 0.885), in batches of 50 at 0.809 (0.882) — an OPML import, or a first start's
   *  replay of the window, scored its first 1,024 posts against the shipped background alone. */
  async #scoreInParts(posts: readonly MatcherPost[], reuse?: MatchColumns): Promise<MatchColumns> {
    let size = Math.max(YOUNG_PART, this.#vectors.n);
    if (posts.length <= size) return this.#scorePosts(posts, reuse);
    let out = await this.#scorePosts(posts.slice(0, size), reuse);
    const total = { ...this.#lastBatch };
    for (let start = size; start < posts.length; start += size) {
      size = Math.max(YOUNG_PART, this.#vectors.n);
      out = await this.#scorePosts(posts.slice(start, start + size), out, true);
      total.posts += this.#lastBatch.posts;
      addPairs(total, this.#lastBatch);
    }
    this.#lastBatch = total;
    return out;
  }

  /** One batch (#scoreInParts). `append`: into `reuse`, a part before this one's columns. */
  async #scorePosts(input: readonly MatcherPost[], reuse?: MatchColumns, append = false): Promise<MatchColumns> {
    const posts = input.filter((p) => this.#scorable(p));
    if (posts.length === 0) {
      this.#lastBatch = noPairs(0);
      return append && reuse ? reuse : this.#columns(0, reuse);
    }
    // The cosine moments take the batch after it is scored — its on-topic posts must be known
    // before they can be kept out of the off-topic distribution — except while the stream is
    // younger than the batch (cold start): then the batch itself is the better half of what is
    // known, as in the batch reference, and matters more than the few on-topic posts it holds.
    const early = this.#vectors.n < posts.length;
    if (early) for (const p of posts) this.#vectors.add(p.vector);
    this.#prepareRows();
    const count = this.#rows.length;
    // A large batch is scanned in parts of the interests (DenseScorer.split): while the workers
    // scan the next, this thread scores the rows of the one before, where the workers sat
    // idle through all the scoring (a fifth of the time at 300k interests). Each row is scored
    // once, with all its pairs, from the scan of its part: the same numbers as one scan.
    const parts = posts.length >= this.#splitFrom ? this.#scorer.split(this.#scanParts) : undefined;
    if (parts) this.#assignParts(count, parts);
    const vectors = posts.map((p) => p.vector);
    const scan = this.#scorer.scoreBatch(vectors, -Infinity, this.#scanned, this.#tally, parts?.[0]);
    // While the scan runs (on the workers, when there are any): the term statistics and the IDF
    // refresh (the lexical queries' weights: nothing the calibration, the floors or the scan
    // read), then each post's lexical hits at those weights. Before the scan they kept the
    // workers idle (~0.2 ms a post at 300k interests on a day-old stream).
    let lexical: LexicalBatch;
    try {
      this.#countTerms(posts); // IDF counts the batch's own posts, as the batch reference does
      this.#refreshIdf();
      lexical = this.#lexical.build(posts, this.stats, this.#dictIdOf, this.#index);
      // Unsplit, the sweep ahead has this window only; split, it goes in the windows that follow.
      if (!early && !parts) this.#sweep.stageAhead(this.#rows, this.#entries.size, this.#vectors, posts, 1);
    } catch (error) {
      await scan.catch(() => {}); // the scan's own failure, if any, is not the one to report
      throw error;
    }
    const dense = await scan;
    // Sized from the last batch's pairs per post (+10%), so the columns rarely grow.
    const out = append && reuse ? reuse : this.#columns(this.#pairsPerPost * posts.length * 1.1, reuse), before = out.length;
    const postIds = Float64Array.from(posts, (p) => p.id);
    if (!parts) {
      this.#lastBatch = this.#scorePart(posts, dense, this.#tally, lexical, out, postIds, -1);
    } else {
      // Part i is scored from one pair of buffers while part i + 1 is scanned into the other.
      const lists = [this.#scanned, this.#scannedSecond], tallies = [this.#tally, this.#tallySecond];
      const total = noPairs(posts.length);
      let scanned = dense;
      for (let i = 0; i < parts.length; i++) {
        const next = i + 1 < parts.length ? this.#scorer.scoreBatch(vectors, -Infinity, lists[(i + 1) % 2], tallies[(i + 1) % 2], parts[i + 1]) : undefined;
        let c: BatchCounts;
        try {
          c = this.#scorePart(posts, scanned, tallies[i % 2], lexical, out, postIds, i);
          // Part i + 1 scans longer than part i is scored: the next batch's sweep, in slices.
          if (next && !early) this.#sweep.stageAhead(this.#rows, this.#entries.size, this.#vectors, posts, parts.length - 1 - i);
        } finally {
          await next?.catch(() => {}); // its own failure, if any, is reported just below
        }
        addPairs(total, c);
        if (next) scanned = await next;
      }
      this.#lastBatch = total;
    }
    if (!early && this.#sweep.stagedFor(this.#vectors, posts.length)) this.#vectors.copyFrom(this.#sweep.next); // added while the scan ran
    else if (!early) for (const p of posts) this.#vectors.add(p.vector);
    this.#pairsPerPost = (out.length - before) / posts.length;
    return out;
  }

  /** #rowPart for this batch: each row's part of the scan (rows the scorer lacks: the first). */
  #assignParts(count: number, parts: readonly ScanPart[]): void {
    if (this.#rowPart.length < count) this.#rowPart = new Uint8Array(Math.max(count, this.#rowPart.length * 2, 1024));
    const rowPart = this.#rowPart, rows = this.#rows, scorer = this.#scorer;
    for (let row = 0; row < count; row++) rowPart[row] = rows[row] === undefined ? 0 : Math.max(0, scorer.partOf(row, parts));
  }

  /** One scan's results scored (#scorePosts): the rows of `part` (−1: every row). Candidates
   *  grouped by row, the lexical hits the scan did not list given their exact cosines (and taken
   *  out of the tally if it counted them), then the rows (#scoreRows). */
  #scorePart(posts: readonly MatcherPost[], dense: MatchList, tally: PairTally, lexical: LexicalBatch, out: MatchColumns, postIds: Float64Array, part: number): BatchCounts {
    const count = this.#rows.length;
    const rowPart = part < 0 ? undefined : this.#rowPart;
    // Every candidate pair grouped by row (CandidatePairs: a row's calibration block is read
    // once per batch, not once per pair), its posts in order; lexical hits under their kernel
    // floor get their exact cosine, post by post.
    const pairs = this.#pairs;
    pairs.build(count, posts.length, dense, lexical, rowPart, part);
    const tallied = this.#tallied;
    for (let i = 0; i < tally.length; i++) {
      const row = tally.id[i], at = row * 3;
      if (row >= count) continue;
      tallied[at] = tally.count[i]; tallied[at + 1] = tally.sum[i]; tallied[at + 2] = tally.sumSquares[i];
    }
    const { cosine: pairCosine, missingStart, missingIndex, missingRow } = pairs;
    const reportFloor = this.#reportFloor, tallyFloor = this.#tallyFloor;
    for (let j = 0; j < posts.length; j++) {
      const from = missingStart[j], to = missingStart[j + 1];
      if (from === to) continue;
      const exact = this.#scorer.exactScores(posts[j].vector, missingRow.subarray(from, to));
      for (let k = from; k < to; k++) {
        const c = exact[k - from], row = missingRow[k];
        pairCosine[missingIndex[k]] = c;
        // A lexical hit under its report floor was tallied as a post sharing no term: out of the
        // tally again (it is scored and observed with its ℓ like every candidate).
        if (wasTallied(reportFloor[row], tallyFloor[row], c)) {
          const at = row * 3, e = c - tallyFloor[row];
          tallied[at]--; tallied[at + 1] -= e; tallied[at + 2] -= e * e;
        }
      }
    }
    this.#scoreRows(out, lexical, postIds, rowPart, part);
    return { posts: posts.length, scanned: dense.length, lexicalHits: pairs.lexicalHits, candidates: pairs.length, tallied: tally.pairs };
  }

  /** Every row's calibration for this batch, and the kernel's floors from it (CalibrationTable:
   *  one block of numbers per interest, no objects); a call per row, as #scoreRow. */
  #prepareRows(): void {
    this.#sweep.refresh(this.#rows, this.#entries.size, this.#vectors); // every live row's stream moments within STREAM_REFRESH_GROWTH now
    const rows = this.#rows, count = rows.length, d = this.#table.data;
    // #candidateFloor's parts, the same for every row.
    const base = this.#midpoint ? this.#baseThreshold : Infinity, margin = this.#candidateMargin;
    this.#fitReportFloors(count);
    // TALLY_SAMPLING: this batch's turn for rows ≡ turn (mod every); every row's turn while not sampling.
    const every = this.#vectors.n >= this.#tallySampling.from ? this.#tallySampling.every : 1;
    const turn = this.#batches % every;
    this.#tallyWeight = every;
    this.#batches++;
    for (let row = 0; row < count; row++) {
      const r = row * ROW;
      d[r + BATCH_GENERATION] = d[r + GENERATION];
      if (rows[row] !== undefined) this.#prepareRow(row, base, margin, row % every === turn);
    }
  }

  /** One row's distributions, scan floors and kernel floor (#prepareRows): by row number, without
   *  reading its Entry (300k objects a batch, a cache miss each). Out of its turn at the tally band
   *  (TALLY_SAMPLING), the kernel floor is the storage floor of posts sharing no term: lexical
   *  hits get their cosines whatever the scan lists (#scorePart). */
  #prepareRow(row: number, base: number, margin: number, tallyTurn: boolean): void {
    const table = this.#table;
    let floor = table.prepare(row, Math.min(table.calibrationThreshold(row), base) - margin) - FLOOR_EPSILON;
    const report = this.#setReportFloors(row, tallyTurn);
    if (!tallyTurn && report > floor) floor = report;
    const kernelFloor = table.kernelFloor(row);
    if (floor < kernelFloor || floor > kernelFloor + FLOOR_SLACK) {
      table.setKernelFloor(row, floor);
      this.#scorer.setThreshold(row, floor);
    }
  }

  /** A row's report and tally floors for the scan (kernel/pair-tally.ts), from the
   *  distributions #prepareRow just left (called by #prepareRows, so the table is read once): for a post sharing no term with the interest (ℓ = 0) the
   *  score rises with the cosine, so each score level is one cosine. Listed: pairs that may be
   *  stored (from threshold − storageMarginWithoutTerms) or join the running median (from the
   *  null threshold); tallied under that: the on-topic ones (from the calibration threshold − 1),
   *  which only move the calibration; the rest dropped. Lexical hits are taken back out of the
   *  tally once their cosine is known (#scorePosts). Out of the row's turn (TALLY_SAMPLING)
   *  nothing is tallied. Returns the report floor (−∞: every pair listed). */
  #setReportFloors(row: number, tallyTurn: boolean): number {
    const table = this.#table, d = table.data, r = row * ROW;
    let report = d[r + THRESHOLD] - this.#marginWithoutTerms;
    if (this.#midpoint && table.postsOf(row) >= MIN_POSTS_FOR_MEDIAN) report = Math.min(report, this.#nullFloor);
    const onTopic = this.#exclusion;
    const reportCosine = table.cosineAt(row, report) - FLOOR_EPSILON, tallyCosine = table.cosineAt(row, onTopic);
    // Nothing to tally (the storage floor at or under the on-topic level), or no numbers yet: list every pair.
    const tallies = report > onTopic && Number.isFinite(reportCosine) && Number.isFinite(tallyCosine);
    const rf = tallies ? Math.fround(reportCosine) : -Infinity, tf = tallies && tallyTurn ? Math.fround(tallyCosine) : Infinity;
    if (rf === this.#reportFloor[row] && tf === this.#tallyFloor[row]) return rf;
    this.#reportFloor[row] = rf; this.#tallyFloor[row] = tf;
    this.#scorer.setReportFloors(row, rf, tf);
    return rf;
  }

  /** Room for every row's report and tally floors and tallies (#setReportFloors). */
  #fitReportFloors(count: number): void {
    if (this.#reportFloor.length >= count) return;
    const size = Math.max(count, this.#reportFloor.length * 2, 1024);
    const report = new Float32Array(size).fill(-Infinity), tally = new Float32Array(size).fill(Infinity);
    report.set(this.#reportFloor); tally.set(this.#tallyFloor);
    this.#reportFloor = report; this.#tallyFloor = tally;
    const tallied = new Float64Array(size * 3);
    tallied.set(this.#tallied);
    this.#tallied = tallied;
  }

  /** The row's floors in the scorer are not known any more (a new slot starts listing every
   *  pair): the next batch sets them, and until then nothing of the row counts as tallied. */
  #forgetReportFloors(row: number): void {
    if (row < this.#reportFloor.length) this.#reportFloor[row] = NaN;
  }

  /** The batch's candidates (#pairs), row by row: each scored (calibratedScore with the
   *  prepared distributions), folded into the row's calibration (Welford in place), stored when
   *  it reaches the storage floor; then the batch's zeros. Rows changed while the scan ran
   *  (replaced, removed, added: GENERATION moved) take no part in this batch. The columns are
   *  written directly (MatchColumns.reserve), not through a call per stored pair. */
  #scoreRows(out: MatchColumns, lexical: LexicalBatch, postIds: Float64Array, rowPart: Uint8Array | undefined, part: number): void {
    const table = this.#table, rows = this.#rows, d = table.data, count = rows.length, posts = postIds.length;
    const start = this.#pairs.start;
    const tallied = this.#tallied, tallyFloor = this.#tallyFloor, weight = this.#tallyWeight;
    for (let row = 0; row < count; row++) {
      if (rowPart && rowPart[row] !== part) continue; // scored with its own part
      const entry = rows[row], r = row * ROW, at = row * 3;
      const n = tallied[at], sum = tallied[at + 1], squares = tallied[at + 2];
      if (n !== 0) { tallied[at] = 0; tallied[at + 1] = 0; tallied[at + 2] = 0; }
      if (!entry || d[r + GENERATION] !== d[r + BATCH_GENERATION]) continue;
      if (start[row] < start[row + 1]) {
        this.#scoreRow(row, out, lexical, postIds);
        // The running median moved: the threshold follows for the next batch (and for
        // threshold(), saving, previews), as the rule applied to the state now.
        if (this.#midpoint) table.setThreshold(row, this.#matchThreshold(entry));
      }
      // The on-topic pairs the scan tallied (sharing no term, under the storage floor), each
      // standing for #tallyWeight (TALLY_SAMPLING).
      if (n > 0) table.observeTally(row, n * weight, tallyFloor[row] + sum / n, Math.max(0, squares - (sum * sum) / n) * weight);
      table.endBatch(row, posts);
      d[r + CALIBRATED] = 1;
    }
  }

  /** One row's candidates (#scoreRows). A call per row rather than one long loop: called
   *  300k times a batch, it is optimised once and stays so, where a loop run once per batch
   *  went back to the interpreter (with every number boxed) each time V8 met a new path. */
  #scoreRow(row: number, out: MatchColumns, lexical: LexicalBatch, postIds: Float64Array): void {
    const table = this.#table, d = table.data, r = row * ROW;
    const { start, post: pairPost, cosine: pairCosine, lexical: pairLexical } = this.#pairs;
    const storage = this.#margin, bare = this.#marginWithoutTerms, exclusion = this.#exclusion;
    // Scores at or above the null threshold (at the pool's volume) join the running median of the
    // interest's matches, whatever its threshold now (the estimate must not chase the threshold
    // it sets).
    const base = this.#midpoint && table.postsOf(row) >= MIN_POSTS_FOR_MEDIAN ? this.#nullFloor : Infinity;
    const from = start[row], to = start[row + 1];
    const semMean = d[r + SEM_MEAN], semStd = d[r + SEM_STD], lexMean = d[r + LEX_DIST_MEAN], lexStd = d[r + LEX_DIST_STD];
    const rawMean = d[r + RAW_MEAN], rawStd = d[r + RAW_STD], t = d[r + THRESHOLD], interestId = d[r + INTEREST_ID];
    out.reserve(to - from, (to - from) * TERMS_SHOWN);
    const { postId, interestId: interest, score, semantic, lexical: lexicalZ, cosine, aboveThreshold, threshold, feedback, termStart, termIds } = out;
    const shift = d[r + CALIBRATION_THRESHOLD] - this.#baseThreshold; // feedback's part in the threshold
    let i = out.length, term = termStart[i];
    for (let k = from; k < to; k++) {
      const c = pairCosine[k], l = pairLexical[k];
      const zs = (c - semMean) / semStd;
      const zl = (l - lexMean) / lexStd;
      const s = (zs + LEXICAL_WEIGHT * zl - rawMean) / rawStd; // calibratedScore
      table.observe(row, c, l, s >= exclusion);
      if (s >= base) table.observeMatch(row, s);
      if (s >= t - (l !== 0 ? storage : bare)) {
        const j = pairPost[k];
        postId[i] = postIds[j]; interest[i] = interestId; score[i] = s; semantic[i] = zs; lexicalZ[i] = zl; cosine[i] = c;
        aboveThreshold[i] = s >= t ? 1 : 0;
        threshold[i] = t; feedback[i] = shift;
        if (l !== 0) for (let m = 0, n = this.#matchedTermIds(r, lexical, j); m < n; m++) termIds[term++] = this.#foundTerms[m];
        termStart[++i] = term;
      }
    }
    out.length = i;
  }

  /** The entry is replaced or removed; a back-score or feedback still running on it keeps its
   *  query (made from the term pool before its row is taken or released). */
  #retire(entry: Entry): void {
    entry.query ??= this.#queryOf(entry);
    entry.retired = true;
  }

  /** Empty columns for a batch: `reuse` when this matcher made it (its term ids are this
   *  matcher's dictionary's), else new ones with room for `capacity` pairs. */
  #columns(capacity: number, reuse?: MatchColumns): MatchColumns {
    let columns = reuse;
    if (columns && this.#madeColumns.has(columns)) columns.clear();
    else {
      columns = new MatchColumns((id) => this.#dictionary.term(id), capacity);
      this.#madeColumns.add(columns);
    }
    columns.chance = this.#nullFloor; // the batch's thresholds start from it (#matchThreshold)
    return columns;
  }

  /** The window's scorable posts with their lexical values (#backScore): what a learning's two
   *  back-scores share (neither the query nor the statistics move between them). A post's TF-IDF
   *  weights of the query's terms (its matched terms) are computed for the posts stored only:
   *  a learned query has hundreds of terms, shared with nearly every post of the window. */
  #lexicalWindow(entry: Entry, input: readonly MatcherPost[]): LexicalWindow {
    const posts = input.filter((p) => this.#scorable(p));
    const query = this.#queryOf(entry), stats = this.stats;
    const shares = posts.map((p) => sharesTerm(query, p.doc));
    return {
      posts,
      lexical: posts.map((p, j) => (shares[j] ? dotOfTerms(p.doc, query, stats) : 0)),
      weightsOf: (j) => (shares[j] ? tfidfOfTerms(posts[j].doc, query, stats) : new Map()),
    };
  }

  async #backScore(entry: Entry, { posts, lexical, weightsOf }: LexicalWindow): Promise<Match[]> {
    const candidateFloor = this.#candidateFloor(entry.row), exclusion = this.#exclusion;
    // The scan turned around: the posts as the matrix (held between back-scores), the interest
    // as a one-vector batch.
    const windowScorer = this.#windowScorer;
    const ids = windowScorer.hold(posts);
    const postOf = new Map<number, number>();
    for (let j = posts.length - 1; j >= 0; j--) postOf.set(ids[j], j);
    const hits = Int32Array.from(posts.keys()).filter((j) => lexical[j] !== 0);
    const exact = windowScorer.exactScores(entry.vector, hits.map((j) => ids[j]));
    // Every known cosine by post (NaN: below every floor scanned so far); pairs are read in post
    // order, whatever order the scorer's slots give them in.
    const cosines = new Float64Array(posts.length).fill(NaN);
    hits.forEach((j, k) => (cosines[j] = exact[k]));
    const known = (score: (j: number, c: number) => boolean) => {
      const out: { j: number; cosine: number; lexical: number; onTopic: boolean }[] = [];
      for (let j = 0; j < posts.length; j++) if (!Number.isNaN(cosines[j])) out.push({ j, cosine: cosines[j], lexical: lexical[j], onTopic: score(j, cosines[j]) });
      return out;
    };
    // Off-topic moments from the lexical hits alone first, then with the matches taken out,
    // scanning again whenever the floor fell (rarely more than twice).
    let pairs = known(() => false);
    let state = observe(EMPTY_CALIBRATION, posts.length, pairs);
    let scanned = Infinity;
    for (let pass = 0; pass < 5; pass++) {
      const calibration = this.#calibrationOf(entry, state);
      const floor = semanticFloor(calibration, candidateFloor) - FLOOR_EPSILON;
      if (floor < scanned) {
        const found = await windowScorer.scan(entry.vector, floor);
        for (let i = 0; i < found.length; i++) cosines[postOf.get(found.interest[i])!] = found.score[i];
        scanned = floor;
      }
      pairs = known((j, c) => calibratedScore(c, lexical[j], calibration).score >= exclusion);
      const next = observe(EMPTY_CALIBRATION, posts.length, pairs);
      const stable = next.onTopic.cosine.n === state.onTopic.cosine.n;
      state = next;
      if (stable && semanticFloor(this.#calibrationOf(entry, state), candidateFloor) - FLOOR_EPSILON >= scanned) break;
    }
    // Each post is scored as the stream would have scored it: against the others. A post that
    // shares terms is left out of the lexical moments it is measured against (leaveOut); in a
    // young window its own ℓ would be much of their spread (7 posts: 2.7 SDs, streamed 10.6).
    // Leaving out one of the zeros changes nothing worth a calibration per post.
    const calibration = this.#calibrationOf(entry, state);
    const scored = pairs.map((pair) => {
      const own = pair.lexical === 0 ? calibration : this.#calibrationOf(entry, leaveOut(state, pair));
      return { pair, own, score: calibratedScore(pair.cosine, pair.lexical, own).score };
    });
    // The running median of matches starts again from the window, oldest post first (the
    // order the stream saw them in), so the threshold is the one the window's matches set.
    let matches = state.matches;
    if (this.#midpoint && posts.length >= MIN_POSTS_FOR_MEDIAN) for (const { score } of scored) if (score >= this.#nullFloor) matches = observeMedian(matches, score);
    state = { ...state, matches };
    let threshold = this.#table.threshold(entry.row);
    if (!entry.retired) {
      this.#table.setState(entry.row, state);
      this.#table.data[entry.row * ROW + CALIBRATED] = 1;
      threshold = this.#matchThreshold(entry);
      this.#table.setThreshold(entry.row, threshold);
    }
    const out: Match[] = [];
    for (const { pair, own, score } of scored) {
      const { j, cosine: c, lexical: l } = pair;
      if (score >= threshold - (l !== 0 ? this.#margin : this.#marginWithoutTerms)) out.push(this.#match(entry, posts[j].id, c, l, weightsOf(j), own, threshold));
    }
    return out;
  }

  /** tfidfVector(doc, this.stats), kept while no post joins the statistics (see #tfidfs). */
  #tfidfOf(doc: LexicalDocument): SparseVector {
    if (this.#tfidfAt !== this.stats.documents) {
      this.#tfidfs = new WeakMap();
      this.#tfidfAt = this.stats.documents;
    }
    let vector = this.#tfidfs.get(doc);
    if (!vector) this.#tfidfs.set(doc, (vector = tfidfVector(doc, this.stats)));
    return vector;
  }

  #scoreOne(entry: Entry, post: MatcherPost): { score: number; cosine: number; lexical: number } {
    const c = cosine(post.vector, entry.vector);
    const l = sparseDot(this.#queryOf(entry), this.#tfidfOf(post.doc));
    return { score: calibratedScore(c, l, this.#calibrationOf(entry)).score, cosine: c, lexical: l };
  }

  #match(entry: Entry, postId: number, c: number, l: number, x: SparseVector, calibration: Calibration,
    threshold = this.#table.threshold(entry.row)): Match {
    const s = calibratedScore(c, l, calibration);
    return {
      postId,
      interestId: entry.id,
      score: s.score,
      semantic: s.semantic,
      lexical: s.lexical,
      cosine: c,
      terms: l === 0 ? [] : matchedTerms(this.#queryOf(entry), x),
      aboveThreshold: s.score >= threshold,
      threshold,
      feedback: this.#table.calibrationThreshold(entry.row) - this.#baseThreshold,
      chance: this.#nullFloor,
    };
  }

  /** The background's cosine distribution for a vector; without a background, that of
   *  isotropic unit vectors (mean 0, spread 1/√dims), so a first post is not compared with
   *  nothing. Real embedders are anisotropic: the stream corrects it within a batch or two. */
  #semanticPrior(vector: Float32Array): { distribution: Distribution; weight: number } {
    if (this.#background) return { distribution: cosineStatistics(this.#background, vector), weight: BACKGROUND_WEIGHT };
    return { distribution: { mean: 0, std: 1 / Math.sqrt(this.dims) }, weight: PRIOR_WEIGHT };
  }

  /** The stream's cosine moments for the interest, recomputed (O(dims²)) once the stream grew
   *  STREAM_REFRESH_GROWTH since the last time. */
  #ensureStream(entry: Entry): void {
    if (this.#sweep.stale(entry.row, this.#vectors)) this.#table.setStream(entry.row, this.#vectors.cosineMoments(entry.vector));
  }

  #calibrationOf(entry: Entry, state: CalibrationState = this.#table.stateOf(entry.row)): Calibration {
    this.#ensureStream(entry);
    const prior = this.#table.priorOf(entry.row);
    return calibrationOf(state, this.#table.streamOf(entry.row), prior.distribution, prior.weight);
  }

  /** The score from which a post leaves an interest's off-topic distribution: EXCLUSION_MARGIN
   *  under the null threshold, wherever feedback moved the interest's threshold. Feedback's move
   *  fed back into the calibration: raised, the interest's own posts joined its off-topic moments
   *  and every score fell (one off-topic report left the BBC interests 1% of their posts); lowered
   *  by a like, a neighbouring topic's posts left them and every score rose (one liked cooking post
   *  brought all 50 of the synthetic stream's cooking posts into "Gardening"). */
  get #exclusion(): number {
    return this.#baseThreshold - EXCLUSION_MARGIN;
  }

  /** Candidates reach down to the storage floor, and at least to the on-topic level of the
   *  calibration (threshold − EXCLUSION_MARGIN): every on-topic post must be seen, whatever is stored. */
  get #candidateMargin(): number {
    return Math.max(this.#margin, EXCLUSION_MARGIN);
  }

  #floorOf(entry: Entry): number {
    return semanticFloor(this.#calibrationOf(entry), this.#candidateFloor(entry.row)) - FLOOR_EPSILON;
  }

  /** The least score a candidate must be able to reach: under the calibration threshold (the
   *  on-topic level and storage below it) and, with the midpoint, under the null threshold too
   *  (every score the running median takes; feedback may have raised the calibration threshold).
   *  Never the midpoint: posts between it and the null threshold would stop being seen. */
  #candidateFloor(row: number): number {
    const t = this.#table.calibrationThreshold(row);
    return (this.#midpoint ? Math.min(t, this.#baseThreshold) : t) - this.#candidateMargin;
  }

  /** The row's threshold: with the midpoint, thresholdWithFeedback(streamingMidpointThreshold(
   *  null threshold, running median of matches), the feedback's evidence); else, and for a state
   *  learned before the evidence was kept, the calibration threshold (null moved by feedback). */
  #matchThreshold(entry: Entry): number {
    const table = this.#table, row = entry.row, d = table.data, r = row * ROW;
    // The null threshold at the pool's volume, moved by feedback as the calibration's is.
    if (!this.#midpoint || !entry.evidence) return d[r + CALIBRATION_THRESHOLD] + (this.#nullFloor - this.#baseThreshold);
    const median = this.#median;
    median.n = d[r + MATCHES];
    // Most rows: too few matches yet, the rule gives the null threshold.
    if (median.n < MIN_STREAMED_MATCHES && entry.evidence.offTopicFloor === undefined && entry.evidence.likedWeak === undefined) return this.#nullFloor;
    median.median = d[r + MATCHES + 1];
    median.spread = d[r + MATCHES + 2];
    return thresholdWithFeedback(streamingMidpointThreshold(this.#nullFloor, median), entry.evidence);
  }

  /** The pool's posts per day (MatcherOptions.postsPerDay), as the scoring service counts them:
   *  moves every interest's null threshold for matching (chanceThreshold) from the next batch on. */
  setPostsPerDay(postsPerDay: number): void {
    const floor = chanceThreshold(postsPerDay, this.#baseThreshold, this.#chanceBudget);
    if (Math.abs(floor - this.#nullFloor) < NULL_FLOOR_STEP) return;
    this.#nullFloor = floor;
    const table = this.#table;
    for (const entry of this.#rows) if (entry !== undefined && !entry.retired) table.setThreshold(entry.row, this.#matchThreshold(entry));
  }

  /** The null threshold matching starts from now (chanceThreshold of the pool's volume). */
  get nullThreshold(): number {
    return this.#nullFloor;
  }

  #allocateRow(): number {
    const row = this.#freeRows.length ? this.#freeRows.pop()! : this.#rows.length;
    if (row === this.#rows.length) this.#rows.push(undefined);
    this.#table.ensure(row + 1);
    return row;
  }


  /** The dictionary's id of the term at statistics index `index`, or −1 (tfidfInto's lookup), bound once. */
  readonly #dictIdOf = (index: number): number => this.#dictOf[index];

  /** The term's dictionary id, interned if new (then mapped to the statistics, #statOf). */
  #intern(term: string): number {
    const size = this.#dictionary.size, id = this.#dictionary.intern(term);
    if (id < size) return id;
    if (id >= this.#statOf.length) {
      const capacity = Math.max(1024, this.#statOf.length * 2);
      this.#statOf = grownInt(this.#statOf, capacity, -1);
      const priors = new Float64Array(capacity).fill(NaN);
      priors.set(this.#absentPrior);
      this.#absentPrior = priors;
    }
    const index = this.stats.termIndex(term);
    this.#statOf[id] = index;
    if (index >= 0) {
      if (index >= this.#dictOf.length) this.#dictOf = grownInt(this.#dictOf, Math.max(this.stats.terms, this.#dictOf.length * 2), -1);
      this.#dictOf[index] = id;
    }
    return id;
  }

  /** Counts the batch's posts in the statistics (LexicalBatches.count, for its build), and maps
   *  the terms new to the statistics to the dictionary's ids. */
  #countTerms(posts: readonly MatcherPost[]): void {
    this.#pruneStatistics();
    this.#lexical.count(posts, this.stats);
    if (this.#dictOf.length < this.stats.terms) this.#dictOf = grownInt(this.#dictOf, Math.max(this.stats.terms, this.#dictOf.length * 2), -1);
    // Terms new to the statistics (since the last batch, whoever added them): the dictionary's
    // ones are in the statistics from now on.
    for (let index = this.#statsKnown; index < this.stats.terms; index++) {
      const id = this.#dictionary.lookup(this.stats.termAt(index));
      if (id === undefined) continue;
      this.#dictOf[index] = id;
      this.#statOf[id] = index;
    }
    this.#statsKnown = this.stats.terms;
  }

  /** The statistics past their bound (a stream brings ~300 new phrases a post, forever): the
   *  rarest terms forgotten, never an interest's (its IDF is read by index, #termIdf), and the
   *  indices held here moved to where the kept terms are now. Between batches: no index of a
   *  batch is held then. */
  #pruneStatistics(): void {
    const dictOf = this.#dictOf, { from, to } = this.#statisticsLimit;
    const remap = this.stats.pruneIfFull((index) => index < dictOf.length && dictOf[index] >= 0, from, to);
    if (remap === undefined) return;
    const moved = new Int32Array(Math.max(this.stats.terms, 1024)).fill(-1);
    for (let index = 0; index < remap.length && index < dictOf.length; index++) {
      const id = dictOf[index];
      if (id < 0) continue;
      moved[remap[index]] = id;
      this.#statOf[id] = remap[index];
    }
    this.#dictOf = moved;
    this.#statsKnown = this.stats.terms;
  }

  /** matchedTerms(entry.query, x) for post j of the batch, as term ids in #foundTerms[0 ..
   *  returned count): the same terms in the same order (contribution, strongest first; ties in
   *  query order), without Map lookups (the post's terms in a hash table by id; an insertion sort
   *  of a handful). */
  #matchedTermIds(r: number, lexical: LexicalBatch, j: number): number {
    const pool = this.#terms.ids, weights = this.#terms.weights, table = lexical.table, filter = lexical.filter, words = j * FILTER_WORDS;
    const base = lexical.tableStart[j], mask = lexical.tableStart[j + 1] - base - 1, shift = Math.clz32(mask + 1) + 1;
    const at = this.#table.data[r + TERMS_AT] - 1;
    if (at < 0) return 0;
    const count = pool[at];
    if (count > this.#foundTerms.length) {
      this.#foundTerms = new Int32Array(count);
      this.#foundContribution = new Float64Array(count);
    }
    const found = this.#foundTerms, contribution = this.#foundContribution;
    let n = 0;
    for (let i = at + 1; i <= at + count; i++) {
      const id = pool[i], bit = filterBit(id);
      if ((filter[words + (bit >>> 5)] & (1 << (bit & 31))) === 0) continue;
      let slot = termSlot(id, shift), t = table[2 * (base + slot)];
      while (t !== id && t !== -1) {
        slot = (slot + 1) & mask;
        t = table[2 * (base + slot)];
      }
      if (t === -1) continue;
      const c = weights[i] * table[2 * (base + slot) + 1];
      let at = n++;
      for (; at > 0 && contribution[at - 1] < c; at--) {
        found[at] = found[at - 1];
        contribution[at] = contribution[at - 1];
      }
      found[at] = id;
      contribution[at] = c;
    }
    return Math.min(n, TERMS_SHOWN);
  }

  #indexTerms(entry: Entry): void {
    const query = this.#queryOf(entry);
    const terms = [...query.keys()].map((t) => this.#intern(t));
    const weights = [...query.values()];
    // An unlearned query's keys are its compiled terms, first seen first (queryVector): all of them
    // distinct when it has as many.
    const compiled = entry.learnedTerms ? undefined : compiledPart(entry.compiled, query.size === entry.compiled.terms.length, query.size === 0);
    this.#terms.put(entry.row, terms, weights, compiled);
    if (!entry.learnedTerms) entry.query = undefined; // pooled: #queryOf reads it there from now on
    this.#index.set(entry.row, terms, weights);
  }

  /** Unlearned interests weigh their terms by the stream's IDF, which settles as it grows.
   *  Up to IDF_SWEEP_FROM interests, all of them are re-weighted in the batch the stream has
   *  grown IDF_REFRESH_GROWTH (a few ms: the schedule the batch agreement is measured with, and
   *  one restarted from its saved stream re-weights in the batch the saver would). Beyond, where
   *  that batch paid ~1 s of main-thread CPU at 300k interests, a sweep over the rows re-weights
   *  a slice of them per batch (#idfBudget), at the IDF of the batch, so each comes round before
   *  its weights are IDF_REFRESH_GROWTH old; any row due all the same (new rows, a stream that
   *  grew faster than the pace) is re-weighted too. */
  #refreshIdf(): void {
    const n = this.stats.documents;
    // Rows upserted since the last batch were weighed with the statistics of then or later.
    const seenAt = this.#idfSeenAt < 0 ? this.#idfRefreshedAt : this.#idfSeenAt;
    this.#idfSeenAt = n;
    const all = this.#entries.size <= IDF_SWEEP_FROM;
    if (all && n < this.#idfRefreshedAt * IDF_REFRESH_GROWTH + 20) return;
    const rows = this.#rows, count = rows.length;
    if (this.#queryAt.length < count) {
      // New rows: weighed at their upsert, with the statistics of the last batch or later.
      const at = new Float64Array(Math.max(count, this.#queryAt.length * 2)).fill(seenAt);
      at.set(this.#queryAt);
      this.#queryAt = at;
      this.#idfDueAt = Math.min(this.#idfDueAt, seenAt * IDF_REFRESH_GROWTH + 20);
    }
    const queryAt = this.#queryAt, changed = this.#reweighed;
    changed.length = 0;
    let budget = all ? count : this.#idfBudget(n, seenAt);
    for (let seen = 0; budget > 0 && seen < count; seen++) {
      const row = this.#idfSweepRow;
      this.#idfSweepRow = row + 1 < count ? row + 1 : 0;
      if (rows[row] === undefined || !this.#compiled(row)) continue;
      this.#reweigh(row, n);
      budget--;
    }
    // Rows due all the same: looked for only once the least-recently weighed one may be (the
    // sweep keeps ahead of it; a row upserted in place of another keeps its older time).
    if (n >= this.#idfDueAt) {
      let dueAt = Infinity;
      for (let row = 0; row < count; row++) {
        const entry = rows[row];
        if (entry === undefined) continue;
        if (n >= queryAt[row] * IDF_REFRESH_GROWTH + 20) {
          if (!this.#compiled(row)) queryAt[row] = n; // learned, frozen weights: looked at again in a while
          else this.#reweigh(row, n);
        }
        dueAt = Math.min(dueAt, queryAt[row] * IDF_REFRESH_GROWTH + 20);
      }
      this.#idfDueAt = dueAt;
    }
    this.#idfRefreshedAt = n;
    // The same keywords with new weights: written in place (InvertedIndex.reweight), or, when
    // that cannot be, the index rebuilt once from every row's pooled query (load) rather than
    // edited per interest through set() (a verdict, a sort and ~7 lookups each: ~2.5 s at 300k).
    if (changed.length > 0 && !this.#index.reweight(changed)) this.#index.load(this.#pooledQueries());
  }

  /** Rows the IDF sweep re-weights this batch: every unlearned one over L batches (of the size
   *  the stream grew by since the last one, or since `seenAt` for the first), L the batches a
   *  row's weights stay within IDF_REFRESH_GROWTH (+ 20 posts): 23 batches of 256 at a day of
   *  posts (29k), 4 at 4,096. */
  #idfBudget(n: number, seenAt: number): number {
    const grown = n - (this.#idfSweptAt < 0 ? seenAt : this.#idfSweptAt);
    this.#idfSweptAt = n;
    if (grown <= 0) return 0;
    // The growth a lap may take, counted from the stream at its start: lap ≤ 0.25·(n − lap) + 20.
    const allowed = ((IDF_REFRESH_GROWTH - 1) * n + 20) / IDF_REFRESH_GROWTH;
    return Math.ceil(this.#entries.size / Math.max(1, Math.ceil(allowed / grown)));
  }

  /** Whether the row's query is weighed from compiled terms (unlearned). */
  #compiled(row: number): boolean {
    const at = this.#table.data[row * ROW + TERMS_AT] - 1;
    return at >= 0 && this.#terms.ids[at + 1 + this.#terms.ids[at]] >= 0;
  }

  /** The row's query at the IDF now, written in the pool and added to #reweighed for the
   *  index: queryVector(compiled terms, stats) with the same operations in the same order (Σ
   *  weight × idf per key in first-seen order, then normalized), from the pool, with no object
   *  per row. An empty query keeps its terms at weight NaN, which reweight declines (the index
   *  is then loaded from the pool, as before). */
  #reweigh(row: number, n: number): void {
    this.#queryAt[row] = n;
    let at = this.#table.data[row * ROW + TERMS_AT] - 1;
    if (this.#terms.ids[at] !== this.#terms.ids[at + 2 + this.#terms.ids[at]]) at = this.#poolCompiledKeys(row);
    const pool = this.#terms.ids, weights = this.#terms.weights, keys = pool[at], c = at + 1 + keys, m = pool[c];
    if (this.#keySums.length < keys) this.#keySums = new Float64Array(keys * 2);
    const sums = this.#keySums;
    sums.fill(0, 0, keys);
    for (let i = c + COMPILED_TERMS; i < c + COMPILED_TERMS + m; i++) {
      const k = pool[i];
      sums[k] = sums[k] + weights[i] * this.#termIdf(pool[at + 1 + k]);
    }
    let norm = 0;
    for (let k = 0; k < keys; k++) norm += sums[k] * sums[k];
    norm = Math.sqrt(norm);
    // normalized(): no positive norm, an empty query (its terms' weights NaN, as they were).
    const empty = !(norm > 0);
    pool[c + 2] = empty ? 1 : 0;
    for (let k = 0; k < keys; k++) weights[at + 1 + k] = empty ? NaN : sums[k] / norm;
    const changed = this.#reweighed, i = changed.length, from = changed.start[i];
    if (i + 1 >= changed.ids.length) {
      changed.ids = grownInt(changed.ids, (i + 1) * 2);
      changed.start = grownInt(changed.start, (i + 1) * 2 + 1);
    }
    if (from + keys > changed.terms.length) {
      changed.terms = grownInt(changed.terms, (from + keys) * 2);
      const grown = new Float64Array((from + keys) * 2); grown.set(changed.weights); changed.weights = grown;
    }
    changed.ids[i] = row;
    for (let k = 0; k < keys; k++) {
      changed.terms[from + k] = pool[at + 1 + k];
      changed.weights[from + k] = weights[at + 1 + k];
    }
    changed.start[i + 1] = from + keys;
    changed.length = i + 1;
  }

  /** A row whose pooled query does not hold its compiled terms' keys (its query was empty when
   *  indexed): the keys interned and pooled as the query's terms (their weights written next).
   *  Returns where the row's record is now. */
  #poolCompiledKeys(row: number): number {
    const compiled = this.#rows[row]!.compiled;
    const keys = new Map<string, number>();
    for (const { term } of compiled.terms) if (!keys.has(term)) keys.set(term, keys.size);
    const terms = [...keys.keys()].map((t) => this.#intern(t));
    this.#terms.put(row, terms, terms.map(() => NaN), compiledPart(compiled, keys.size === compiled.terms.length, false));
    return this.#table.data[row * ROW + TERMS_AT] - 1;
  }

  /** Every live row's query as pooled (the index's keywords), for a rebuild. */
  *#pooledQueries(): Generator<{ id: number; terms: number[]; weights: number[] }> {
    const d = this.#table.data, pool = this.#terms.ids, poolWeights = this.#terms.weights;
    for (let row = 0; row < this.#rows.length; row++) {
      const at = d[row * ROW + TERMS_AT] - 1;
      if (this.#rows[row] === undefined || at < 0) continue;
      const count = pool[at];
      yield { id: row, terms: Array.from(pool.subarray(at + 1, at + 1 + count)), weights: Array.from(poolWeights.subarray(at + 1, at + 1 + count)) };
    }
  }

  /** stats.idf of dictionary term `id`, to the bit, read by the statistics' index of the term. */
  #termIdf(id: number): number {
    const index = this.#statOf[id];
    if (index >= 0) return this.stats.idfAt(index);
    let prior = this.#absentPrior[id];
    if (prior !== prior) prior = this.#absentPrior[id] = this.stats.backgroundPrior(this.#dictionary.term(id));
    return this.stats.idfOf(0, prior); // stats.idf of a term it has not seen
  }

  /** The entry's query as a Map: its learned terms, or its compiled query as pooled now. */
  #queryOf(entry: Entry): SparseVector {
    if (entry.query) return entry.query;
    const query: SparseVector = new Map();
    const pool = this.#terms.ids, weights = this.#terms.weights, at = this.#table.data[entry.row * ROW + TERMS_AT] - 1;
    if (pool[at + 3 + pool[at]] === 1) return query; // EMPTY_QUERY
    for (let k = 0; k < pool[at]; k++) query.set(this.#dictionary.term(pool[at + 1 + k]), weights[at + 1 + k]);
    return query;
  }

  #scorable(p: MatcherPost): boolean {
    if (p.vector.length !== this.dims) this.#warn(`post ${p.id}: vector of ${p.vector.length} dims, the matcher's embedder (${this.embedderId}) has ${this.dims}; not scored`);
    else if (!p.vector.every(Number.isFinite)) this.#warn(`post ${p.id}: vector contains NaN or Infinity; not scored`);
    else return true;
    return false;
  }

  #entry(where: string, id: number): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new UnknownInterestIdError(where, id);
    return entry;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }
}

/** `a` copied into a larger array, the new entries `fill`. */
function grownInt(a: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  if (fill !== 0) grown.fill(fill, a.length);
  grown.set(a);
  return grown;
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

function sameVector(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function parseSavedStream(x: unknown, embedderId: string, dims: number, warn?: (message: string) => void): SavedStream | undefined {
  if (x === undefined) return undefined;
  const s = x as SavedStream;
  if (typeof s !== 'object' || s === null || s.version !== 1 || s.embedderId !== embedderId || s.dims !== dims || s.vectors?.dims !== dims) {
    warn?.(`Matcher: the saved stream is not one of ${embedderId} (${dims} dims); starting a new one`);
    return undefined;
  }
  return s;
}

/** What a calibration was made for, computed once per entry and learned state (hashed at every
 *  save of all calibrations, it was ~30 us per interest: 0.9 s of CPU a save at 30k interests). */
function fingerprintOf(entry: Entry): string {
  return (entry.fingerprint ??= fingerprintFor(entry.learned, entry.compiled));
}

/** The learned state when the interest has one (what a restart reads back), else the compiled
 *  vector and terms (by their weights, before IDF). FNV-1a, two 32-bit halves. */
function fingerprintFor(learned: LearnedInterest | undefined, compiled: CompiledInterest): string {
  const text = learned
    ? `learned#${learned.vector.join(',')}#${learned.terms.map(([t, w]) => `${t}:${w}`).join('|')}`
    : `compiled#${Array.from(compiled.vector).join(',')}#${compiledTermsKey(compiled)}`;
  let a = 0x811c9dc5, b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function compiledTermsKey(compiled: CompiledInterest): string {
  return compiled.terms.map((t) => `${t.term}:${t.weight}`).sort().join('|');
}

function sameTerms(a: SparseVector, b: SparseVector): boolean {
  return a.size === b.size && [...a].every(([t, w]) => b.get(t) === w);
}

function sameCompiledTerms(a: Entry, b: Entry): boolean {
  if (a.learnedTerms || b.learnedTerms) return !!a.learnedTerms && !!b.learnedTerms && sameTerms(a.learnedTerms, b.learnedTerms);
  return compiledTermsKey(a.compiled) === compiledTermsKey(b.compiled);
}

/** #lexicalWindow's result. */
interface LexicalWindow {
  posts: MatcherPost[];
  /** ℓ = q·x of each post (0 for a post sharing no term). */
  lexical: number[];
  /** A post's TF-IDF weights of the query's terms (x restricted to them), computed when asked. */
  weightsOf(j: number): SparseVector;
}

function sharesTerm(query: SparseVector, doc: LexicalDocument): boolean {
  if (doc.holdsAny) return doc.holdsAny(query); // a compact document, not built for this
  for (const t of query.keys()) if (doc.counts.has(t)) return true;
  return false;
}

/** The interest's terms found in a post, by contribution, strongest first (as batch.ts). */
function matchedTerms(query: SparseVector, x: SparseVector): string[] {
  const found: [string, number][] = [];
  for (const [t, w] of query) {
    const v = x.get(t);
    if (v !== undefined) found.push([t, w * v]);
  }
  return found.sort((a, b) => b[1] - a[1]).slice(0, TERMS_SHOWN).map(([t]) => t);
}
