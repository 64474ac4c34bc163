// The scoring service: keeps the stored matches current, so the feed only reads them. It holds the
// standing-query matcher (src/match/matcher) with every interest of every user, and is told when
// something matches depend on changes:
//
//   postsAdded      new posts → embed (stored vectors) → scorePostsColumns → saveMatchRows;
//                   then posts whose text a refetch changed, their matches replaced the same way
//   interestChanged compile → upsertInterest → back-score the last 30 days → replace its matches
//   interestRemoved removeInterest (the store drops its matches)
//   feedbackChanged all of the interest's feedback → applyFeedback → learned → replace its matches
//   (every selfTrainEvery posts) each user's surest matches → implicit likes → applyFeedback, as above
//   syncWithStore   what other processes changed (a CLI command beside the server): the above, as needed
//
// Its state (the stream's IDF and vector moments, how far it has scored, each interest's
// calibration) is saved in the store, so a restart — or a CLI command, which runs the service once
// — goes on from there instead of replaying 30 days of posts; only a first start replays. Calls
// run one at a time.
//
// With the built-in embedder, words GloVe's 2014 vocabulary lacks ("llm" as a model, "agentic",
// "pytorch") get vectors induced from their contexts in the stored posts (embed/stream-vocabulary.ts):
// learned from the window's posts on a first start, read from every new post, saved in the store;
// every `oovRefreshEvery` posts the vectors the embedder uses are renewed, and the posts and
// interests whose words' vectors changed are embedded again (interests are back-scored).
//
// Self-training: every `selfTrainEvery` posts scored, each user's stored matches name the posts
// each interest is sure of (score/implicit-likes.ts, the batch reference's rule); an interest whose
// implicit likes changed enough learns from them and its real feedback together (applyFeedback),
// as the batch reference's rounds do. Measured on BBC News streamed through the live matcher
// (eval/live.ts): README there.
//
// When the configured embedder fails (an endpoint down, garbage replies), the
// built-in one takes over for the rest of the process, said through `warn`: vectors of different
// embedders never mix, so the service restarts on the built-in one's own saved state.
import { chanceMatchesSetting, selfTrainingSetting } from '../config.ts';
import { BUILTIN_EMBEDDER_ID, BuiltinEmbedder } from '../embed/builtin.ts';
import { EmbedderError, type Embedder } from '../embed/embedder.ts';
import { gloveBackground } from '../embed/glove/background.ts';
import { gloveTable } from '../embed/glove/table.ts';
import { embedderSetting, openEmbedder } from '../embed/select.ts';
import { StreamVocabulary } from '../embed/stream-vocabulary.ts';
import { compileInterest, interestText } from '../match/interest/compile.ts';
import { InterestError } from '../match/interest/interest.ts';
import type { Match } from '../match/matcher/match.ts';
import type { MatchColumns } from '../match/matcher/match-columns.ts';
import { implicitOf } from '../match/matcher/learned-state.ts';
import { Matcher, type InterestFeedback, type MatcherPost, type SavedStream } from '../match/matcher/matcher.ts';
import { tableBackground } from '../match/score/background-frequency.ts';
import { enoughChange, implicitLikes, implicitLikesChanged, SEED_MARGIN, SEED_THRESHOLD, usableImplicitLikes } from '../match/score/implicit-likes.ts';
import { CorpusStatistics, type BackgroundFrequency } from '../match/score/corpus-statistics.ts';
import type { LexicalDocument } from '../match/score/document.ts';
import { DEFAULT_WINDOW_DAYS } from '../rank/freshness.ts';
import type { Feedback, FeedbackWithdrawal, Store, PostRevision, StoredInterest, StoredPost } from '../store/store.ts';
import { words as tokenWords } from '../text/tokenize.ts';
import { columnsAsRows, matchesAsRows } from './match-rows.ts';
import { PostDocuments } from './post-documents.ts';
import { WindowPosts } from './window-posts.ts';
import { postVectors } from './post-vectors.ts';
import { describeOwner, SCORING_LEASE, ScoringLease, scoringOwner, type LeaseTiming, type ScoringHolder, type ScoringOwner } from './scoring-lease.ts';
import { watchStore, type StoreWatch } from './store-watch.ts';

export interface ScoringOptions {
  /** The configured embedder (default: the built-in one). */
  embedder?: Embedder;
  /** Posts this recent are scored and back-scored (default 30 days). */
  windowDays?: number;
  /** Dense scan threads (default 1; the server may give 2). */
  threads?: number;
  /** Off-topic matches per interest per day allowed by chance (Matcher's chanceMatchesPerDay:
   *  the bigger the pool, the higher every interest's null threshold; default 1). */
  chanceMatchesPerDay?: number;
  /** The stream state and every interest's calibration are saved together at most this often
   *  while posts stream in (default CALIBRATION_SAVE_INTERVAL_MS), and at start and at close(). */
  saveIntervalMs?: number;
  /** Posts scored between self-training passes (default SELF_TRAIN_EVERY; 0: none, as
   *  SLUICE_SELF_TRAINING=off). */
  selfTrainEvery?: number;
  /** Vectors for words the built-in embedder's table lacks, learned from the posts (default true). */
  oov?: boolean;
  /** Posts read between renewals of those vectors (default 1000). */
  oovRefreshEvery?: number;
  /** Stored posts (the window's newest) they are first learned from (default 20,000). */
  oovLearnFrom?: number;
  log?: (message: string) => void;
  warn?: (message: string) => void;
  now?: () => Date;
}

/** What the service saves per embedder: the matcher's stream, the last post id it scored and the
 *  last edit of a post's text it scored again (absent in states saved before edits were). */
interface SavedService {
  version: 1;
  matcher: SavedStream;
  lastPostId: number;
  lastEditSeq?: number;
}

/** How far a service has scored posts, looked at feedback and withdrawals, and which interests it holds. */
export interface ScoringProgress {
  lastPostId: number;
  /** The last edit of a post's text scored again (Store.postEditsAfter). */
  lastEditSeq: number;
  feedbackSeen: number;
  withdrawalSeen: number;
  /** How many interests, and the newest updatedAt (ms) among them. */
  interests: number;
  newestVersion: number;
}

/** What scoring new posts has cost since the service started (a first start's replay included):
 *  process CPU by stage — scan workers included — and the pairs stored. */
export interface ScoringCost {
  posts: number;
  storedPairs: number;
  /** Reading the stream's words and embedding the posts (stored vectors reused). */
  embedMs: number;
  /** The matcher: lexical index, dense scan, calibration. */
  scoreMs: number;
  /** Writing the stored pairs. */
  saveMs: number;
}

/** How often the stream state and every interest's calibration are saved while posts stream in,
 *  by the server and by commands, together (not after every batch: at 30k interests the
 *  calibrations cost ~0.3 s of CPU, ~1 ms per post of a 256-post batch; the stream state, its
 *  statistics of up to 1M terms, 10–25 MB, was written after every batch: with the scheduler's
 *  tick of a minute, up to ~35 GB a day). They are saved at start and at close() too, and a
 *  command's service is closed whatever its task did (oneShot), so a command that ends leaves them
 *  saved. One killed, or a server that crashes, loses at most this long of scoring, and loses it
 *  whole: the posts after the saved mark are scored again at the next start (their matches
 *  replaced), and counted once in the statistics and calibrations, which were saved with it. */
export const CALIBRATION_SAVE_INTERVAL_MS = 5 * 60_000;

/** Posts scored per matcher batch, and read per store page while catching up. The kernel scans
 *  256 posts per pass (its sweet spot) whatever the batch; the matcher's passes over every
 *  interest (calibration, floors, tallies: ~0.1 s a batch at 300k interests) are paid once per
 *  batch, so at 300k interests 1,024 posts score ~2.5× faster per post than 256 (bench/match.ts,
 *  2026-12-06). A batch's posts are scored with the calibration as it stood when the batch began
 *  (the matcher cuts a batch larger than the stream before it into parts: match/matcher/README.md). */
export const SCORING_BATCH = 1024;
const BATCH = SCORING_BATCH;
const PAGE = 2000;
/** Post revisions listed per query (a few numbers each: one query lists most windows). */
const REVISION_PAGE = 50_000;
const DAY_MS = 24 * 3600 * 1000;
/** How often the vectors and stems of posts that left the window are dropped (#dropOutsideWindowIfDue). */
const DROP_OUTSIDE_WINDOW_EVERY_MS = 3600 * 1000;
/** Rows dropped per statement: short writes, not one long lock of the store. */
const DROP_CHUNK = 5000;
/** Days the pool's posts per day are averaged over (#postsPerDay). */
const POOL_RATE_DAYS = 7;
/** Posts scored between self-training passes: a pass reads each user's surest stored matches (one
 *  query per user) and re-learns only the interests whose implicit likes changed enough. */
export const SELF_TRAIN_EVERY = 500;
/** Interests a self-training pass looks at, at most: a first start's replay gives every interest
 *  sure pairs at once, scoring new posts waits while a pass runs, and each interest that learns is
 *  back-scored on the window as feedback is (`npm run bench -- scoring-service --users=30`, a
 *  1,012-post window: ~110 ms an interest; it grows with the window). */
const SELF_TRAIN_INTERESTS = 50;
/** Where the built-in embedder's stream vocabulary is saved (Store.embedderData). */
const VOCABULARY_KEY = `stream-vocabulary:${BUILTIN_EMBEDDER_ID}`;
/** How far before the newest known edit syncWithStore looks for edits of other processes. */
const CLOCK_SLACK_MS = 10_000;

export class ScoringService {
  readonly #store: Store;
  readonly #options: ScoringOptions;
  readonly #log: (message: string) => void;
  readonly #warn: (message: string) => void;
  #embedder!: Embedder;
  #matcher!: Matcher;
  #vocabulary: StreamVocabulary | undefined;
  // The words of each interest's text, to find the interests a vocabulary refresh changes.
  readonly #interestWords = new Map<number, string[]>();
  /** The window's posts analysed once (post-documents.ts): back-scores and likes read them all again. */
  readonly #documents = new PostDocuments();
  /** The window's posts as the matcher reads them (window-posts.ts): vectors of this embedder. */
  readonly #window = new WindowPosts();
  #lastPostId = 0;
  #lastEditSeq = 0;
  /** When the state was last saved (or found current): the next save is due from here (#saveDue). */
  #savedAt = 0;
  /** #streamMark() when the stream state and every calibration were last saved or loaded. */
  #savedMark: string | undefined;
  /** When #dropOutsideWindowIfDue last ran (this.#now() ms). */
  #droppedAt = -Infinity;
  // What the matcher holds, to tell other processes' edits from ours (syncWithStore): each
  // interest's updatedAt as compiled, the newest of them, the last feedback id looked at, and per
  // interest the newest feedback its learned state includes.
  readonly #versions = new Map<number, number>();
  #newestVersion = 0;
  #feedbackSeen = 0;
  readonly #learnedUpTo = new Map<number, number>();
  // The last withdrawn verdict looked at (a withdrawal leaves no feedback row: Store logs it).
  #withdrawalSeen = 0;
  #saving = true;
  /** The configured embedder failed and the built-in one took over (for the rest of the process). */
  #fellBack = false;
  #queue: Promise<unknown> = Promise.resolve();
  #withoutVector = 0;
  /** Posts scored since the last self-training pass (the first start's replay included), and per
   *  interest the new pairs scoring SEED_THRESHOLD or more since it was last looked at: only an
   *  interest with enough of them can have new implicit likes, so a pass asks the store about
   *  those interests' users only. */
  #sinceSelfTraining = 0;
  readonly #newSure = new Map<number, number>();
  /** The last batch's columns, stored and done with: the matcher refills them for the next. */
  #columns?: MatchColumns;
  readonly #cost: ScoringCost = { posts: 0, storedPairs: 0, embedMs: 0, scoreMs: 0, saveMs: 0 };
  #closing?: Promise<void>;

  private constructor(store: Store, options: ScoringOptions) {
    this.#store = store;
    this.#options = options;
    this.#log = options.log ?? (() => {});
    this.#warn = options.warn ?? (() => {});
  }

  /** Builds the matcher from the store (saved state, or a replay of the window on a first start)
   *  and scores the posts that arrived since it last ran. */
  static async start(store: Store, options: ScoringOptions = {}): Promise<ScoringService> {
    const service = new ScoringService(store, options);
    // After a fallback the guard has built the service on the built-in embedder: done (building on
    // the failing one again would fail again, out of the guard's reach).
    await service.#guarded(async () => service.#fellBack || service.#build(options.embedder ?? new BuiltinEmbedder()));
    await service.postsAdded();
    return service;
  }

  /** The embedder the stored vectors and matches come from (the built-in one after a fallback). */
  get embedderId(): string {
    return this.#embedder.id;
  }

  get interests(): number {
    return this.#matcher.size;
  }

  /** How far the service has come (the lease says it, so a command can tell whether it must wait). */
  progress(): ScoringProgress {
    return { lastPostId: this.#lastPostId, lastEditSeq: this.#lastEditSeq, feedbackSeen: this.#feedbackSeen, withdrawalSeen: this.#withdrawalSeen, interests: this.#versions.size, newestVersion: this.#newestVersion };
  }

  /** A copy of what scoring new posts has cost so far (the scoring bench reads it). */
  get cost(): ScoringCost {
    return { ...this.#cost };
  }

  /** New posts were stored: scores every post the service has not scored yet (these among them). */
  postsAdded(_postIds: readonly number[] = []): Promise<void> {
    // Post ids only grow, so the high-water mark finds these and any the service missed (posts
    // stored by a CLI refresh while the server was down, say); a post scored twice would count twice.
    return this.#serial(async () => {
      // From the top again after a fallback: the built-in embedder's state has its own mark.
      const scored = await this.#guarded(() => this.#catchUp());
      if (scored) this.#log(`scoring: ${scored} new posts scored${this.#wordless()}`);
      await this.#selfTrainIfDue();
      await this.#dropOutsideWindowIfDue();
    });
  }

  /** A self-training pass now, whatever was scored since the last (the scoring bench times one;
   *  passes run by themselves every `selfTrainEvery` posts): how many interests learned. */
  selfTrain(): Promise<number> {
    return this.#serial(() => this.#selfTrain());
  }

  /** An interest was added or edited: compiled again, back-scored on the window, matches replaced. */
  interestChanged(interestId: number): Promise<void> {
    return this.#serial(() => this.#interestChanged(interestId));
  }

  interestRemoved(interestId: number): Promise<void> {
    return this.#serial(async () => this.#forget(interestId));
  }

  /** The user gave feedback: an interest's is learned from (all of it, so it is idempotent);
   *  feedback for no interest in particular only hides posts (rank stage) and teaches nothing. */
  feedbackChanged(userId: number, interestId: number | undefined): Promise<void> {
    return this.#serial(() => this.#feedbackChanged(userId, interestId));
  }

  /**
   * Catches up with what other processes wrote to the store — a CLI command run beside the server
   * adds, edits or removes an interest, gives feedback, stores posts: interests are compiled and
   * back-scored again, feedback learned, posts scored. Our own changes (told through the calls
   * above) are recognised by the interest's updatedAt and the feedback ids, and not redone.
   * Returns how many interests were refreshed or forgotten.
   */
  syncWithStore(): Promise<number> {
    return this.#serial(async () => {
      let refreshed = 0;
      // Feedback about an interest whose learned state does not include it yet: by interest, its user.
      const toLearn = new Map<number, number>();
      for (let page: Feedback[] = []; ; ) {
        page = await this.#store.feedbackAfter(this.#feedbackSeen, { limit: PAGE });
        for (const f of page) {
          if (f.interestId !== undefined && f.kind !== 'click' && (this.#learnedUpTo.get(f.interestId) ?? 0) < f.id) toLearn.set(f.interestId, f.userId);
          this.#feedbackSeen = f.id;
        }
        if (page.length < PAGE) break;
      }
      // A withdrawn verdict: the interest learns again from what is left (ours too: not told apart).
      for (let page: FeedbackWithdrawal[] = []; ; ) {
        page = await this.#store.feedbackWithdrawnAfter(this.#withdrawalSeen, { limit: PAGE });
        for (const w of page) {
          if (w.interestId !== undefined) toLearn.set(w.interestId, w.userId);
          this.#withdrawalSeen = w.id;
        }
        if (page.length < PAGE) break;
      }
      // Edits are found by time; another process's clock, or its write waiting for the lock, may
      // put an edit a little before our newest, hence the slack (versions tell what is known).
      const edited = (await this.#store.interestsUpdatedSince(new Date(this.#newestVersion - CLOCK_SLACK_MS)))
        .filter((interest) => this.#versions.get(interest.id) !== interest.updatedAt.getTime())
        .map((interest) => interest.id);
      // Removals leave no row to find: the count tells whether any happened (cheap), and only then
      // are the ids compared (300k interests: ~0 ms against ~200 ms).
      const expected = this.#versions.size + edited.filter((id) => !this.#versions.has(id)).length;
      if ((await this.#store.interestCount()) !== expected) {
        const stored = new Set(await this.#store.interestIds());
        for (const id of [...this.#versions.keys()]) {
          if (stored.has(id)) continue;
          await this.#forget(id);
          refreshed++;
        }
        // Added with a time before the slack (a clock far behind): compiled like an edit.
        const found = new Set(edited);
        for (const id of stored) if (!this.#versions.has(id) && !found.has(id)) edited.push(id);
      }
      for (const id of edited) {
        // Learning (below) compiles the new wording too.
        if (toLearn.has(id)) continue;
        await this.#interestChanged(id);
        refreshed++;
      }
      for (const [interestId, userId] of toLearn) {
        await this.#feedbackChanged(userId, interestId);
        refreshed++;
      }
      if (refreshed) this.#log(`scoring: ${refreshed} interests changed by another process brought up to date`);
      const scored = await this.#guarded(() => this.#catchUp());
      if (scored) this.#log(`scoring: ${scored} new posts scored${this.#wordless()}`);
      await this.#selfTrainIfDue();
      await this.#dropOutsideWindowIfDue();
      return refreshed;
    });
  }

  /** Stops the scan threads without saving: another process scores this store now (it took the
   *  scoring lease over), and its saved state is not to be overwritten. */
  abandon(): Promise<void> {
    this.#saving = false;
    return this.close();
  }

  /** Reads the window's posts for back-scoring before the first back-score needs them: a service
   *  just started holds none, and analysing them takes ~0.5 ms a BBC post (100,000 posts: the
   *  first interest added after a restart waited ~50 s). The server calls it after its start;
   *  close() stops it between two pages. Returns how many posts it read. */
  readWindow(): Promise<number> {
    return this.#serial(async () => (await this.#guarded(() => this.#recentPosts(() => this.#closing !== undefined))).length);
  }

  /** Saves the state and stops the scan threads. */
  close(): Promise<void> {
    this.#closing ??= this.#queue.then(async () => {
      await this.#save();
      if (this.#saving && this.#vocabulary?.pending) await this.#store.saveEmbedderData(VOCABULARY_KEY, this.#vocabulary.save());
      await this.#matcher.close();
    });
    return this.#closing;
  }

  /** `sameWords`: only its words' vectors changed (a vocabulary renewal), so the implicit likes its
   *  wording chose still stand. */
  async #interestChanged(interestId: number, recent?: MatcherPost[], sameWords = false): Promise<void> {
    const interest = await this.#store.interestById(interestId);
    if (!interest) return this.#forget(interestId);
    // Its matches are new: the next self-training pass looks at them.
    this.#newSure.set(interestId, Infinity);
    // Feedback learned on the old wording is learned again on the new one; implicit likes are
    // not (the old wording chose them).
    if (interest.learned !== undefined && interest.learned !== null) return this.#learn(interest, recent, sameWords ? undefined : []);
    // Compiling embeds the interest's text: the configured embedder may fail here first.
    if ((await this.#guarded(() => this.#upsert(interest))) === undefined) return;
    await this.#replaceMatches(interestId, await this.#guarded(async () => this.#matcher.backScore(interestId, recent ?? (await this.#recentPosts()))));
  }

  async #feedbackChanged(userId: number, interestId: number | undefined): Promise<void> {
    if (interestId === undefined) return;
    const interest = await this.#store.interestById(interestId);
    if (!interest || interest.userId !== userId) return this.#forget(interestId);
    await this.#learn(interest);
  }

  // ——— building ———

  async #build(embedder: Embedder): Promise<void> {
    this.#vocabulary = undefined;
    this.#window.clear(); // its vectors are the last embedder's
    if (this.#options.oov !== false && embedder instanceof BuiltinEmbedder && embedder.id === BUILTIN_EMBEDDER_ID && !embedder.oov) {
      this.#vocabulary = await this.#openVocabulary(embedder);
      embedder = new BuiltinEmbedder({ table: embedder.table, oov: this.#vocabulary });
    }
    this.#embedder = embedder;
    const saved = parseSaved(await this.#store.matcherStream(embedder.id));
    const builtin = embedder.id === BUILTIN_EMBEDDER_ID;
    // Word frequencies of the language (the GloVe table's ranks) smooth the IDF, whatever the embedder.
    const backgroundFrequency = tableBackground(gloveTable());
    this.#matcher = new Matcher({
      embedderId: embedder.id,
      dims: embedder.dims,
      // The shipped cold-start background lives in the built-in embedder's vector space only.
      background: builtin ? gloveBackground() : undefined,
      backgroundFrequency,
      threads: this.#options.threads ?? 1,
      warn: this.#warn,
      saved: saved?.matcher,
      postsPerDay: await this.#postsPerDay(),
      chanceMatchesPerDay: this.#options.chanceMatchesPerDay ?? chanceMatchesSetting(),
    });
    this.#lastPostId = saved?.lastPostId ?? 0;
    // A replay (no saved state) reads every post's text as it is now: edits before it are in.
    this.#lastEditSeq = saved?.lastEditSeq ?? (await this.#store.lastPostEdit());
    // What the store holds now (a state saved before edits were numbered is saved again).
    this.#savedMark = saved?.lastEditSeq !== undefined ? this.#streamMark() : undefined;
    const started = Date.now();
    // Feedback given so far is in the stored learned states; syncWithStore looks only after it.
    this.#versions.clear();
    this.#learnedUpTo.clear();
    for (let page: Feedback[] = []; ; ) {
      page = await this.#store.feedbackAfter(this.#feedbackSeen, { limit: PAGE });
      if (page.length) this.#feedbackSeen = page[page.length - 1].id;
      if (page.length < PAGE) break;
    }
    for (let page: FeedbackWithdrawal[] = []; ; ) {
      page = await this.#store.feedbackWithdrawnAfter(this.#withdrawalSeen, { limit: PAGE });
      if (page.length) this.#withdrawalSeen = page[page.length - 1].id;
      if (page.length < PAGE) break;
    }
    const interests = await this.#store.allInterests();
    const calibrations = await this.#store.interestCalibrations(embedder.id);
    const uncalibrated: StoredInterest[] = [];
    // A first start compiles the interests with the document frequencies of the window it is about
    // to replay, not with the matcher's (still empty) ones: compiled with none, no name word is
    // too common to be a term, and the next start — compiling with the saved frequencies — would
    // find a third of the interests changed and back-score them (BBC, 200 interests: 70, 5.5 s).
    const compileStats = saved ? undefined : await this.#windowStatistics(backgroundFrequency);
    for (const interest of interests) {
      if ((await this.#upsert(interest, calibrations.get(interest.id), compileStats)) === false) uncalibrated.push(interest);
    }
    if (!saved) {
      // First start under this embedder: the window replayed in time order rebuilds IDF, the vector
      // moments and every interest's calibration, and stores the matches.
      await this.#replay();
    } else if (uncalibrated.length) {
      // Interests added or changed while no service ran (or since the embedder's saved state).
      this.#log(`scoring: back-scoring ${uncalibrated.length} interests without a saved calibration`);
      const recent = await this.#recentPosts();
      for (const interest of uncalibrated) {
        if (this.#matcher.has(interest.id)) await this.#replaceMatches(interest.id, await this.#matcher.backScore(interest.id, recent));
      }
    }
    await this.#save();
    this.#log(`scoring: ${this.#matcher.size} interests under ${embedder.id}, ${this.#matcher.postsSeen} posts seen (ready in ${Date.now() - started} ms)`);
  }

  /** Compiles an interest and puts it in the matcher: whether it is calibrated (its calibration
   *  kept or restored), or undefined when it cannot be compiled (said through warn). */
  async #upsert(interest: StoredInterest, calibration?: unknown, stats: CorpusStatistics = this.#matcher.stats): Promise<boolean | undefined> {
    this.#known(interest);
    if (this.#vocabulary) this.#interestWords.set(interest.id, tokenWords(interestText(interest)));
    try {
      const compiled = await compileInterest(interest, this.#embedder, { stats });
      return this.#matcher.upsertInterest(interest.id, compiled, interest.learned, calibration);
    } catch (err) {
      if (!(err instanceof InterestError)) throw err;
      // An interest that no longer compiles (its words became too common) matches nothing.
      this.#warn(`scoring: interest ${interest.id} not scored: ${err.message}`);
      this.#matcher.removeInterest(interest.id);
      await this.#store.clearMatches(interest.id);
      return undefined;
    }
  }

  async #forget(interestId: number): Promise<void> {
    this.#matcher.removeInterest(interestId);
    this.#versions.delete(interestId);
    this.#learnedUpTo.delete(interestId);
    this.#interestWords.delete(interestId);
    this.#newSure.delete(interestId);
  }

  /** Records the version of an interest the matcher now holds. */
  #known(interest: StoredInterest): void {
    const version = interest.updatedAt.getTime();
    this.#versions.set(interest.id, version);
    if (version > this.#newestVersion) this.#newestVersion = version;
  }

  // ——— scoring ———

  async #replay(): Promise<void> {
    const started = Date.now();
    let scored = 0;
    for await (const posts of this.#windowPages()) {
      for (let i = 0; i < posts.length; i += BATCH) scored += await this.#score(posts.slice(i, i + BATCH));
      this.#lastPostId = Math.max(this.#lastPostId, ...posts.map((p) => p.id));
    }
    this.#log(`scoring: replayed ${scored} posts of the last ${this.#windowDays} days in ${Date.now() - started} ms${this.#wordless()}`);
  }

  /** Scores the window's posts after the high-water mark, oldest first, then scores again the
   *  posts whose text was edited since the last edit it scored. */
  async #catchUp(): Promise<number> {
    let scored = 0;
    this.#matcher.setPostsPerDay(await this.#postsPerDay());
    for (;;) {
      const ids = await this.#store.postIdsAfter(this.#lastPostId, { since: this.#windowStart(), limit: BATCH });
      if (ids.length === 0) break;
      const posts = (await this.#store.posts({ ids, limit: ids.length })).sort((a, b) => a.id - b.id);
      scored += await this.#score(posts);
      this.#lastPostId = ids[ids.length - 1];
      if (this.#saveDue()) await this.#save();
    }
    return scored + (await this.#scoreEdits());
  }

  /** Posts scored before whose text a refetch changed (a corrected title, a rewritten story):
   *  their matches are dropped and they are scored again from their new text, like new posts
   *  (so the calibration counts each such post once more). Edits of posts not scored yet, or
   *  gone from the window, are passed over. */
  async #scoreEdits(): Promise<number> {
    let scored = 0;
    for (;;) {
      const edits = await this.#store.postEditsAfter(this.#lastEditSeq, { limit: BATCH });
      if (edits.length === 0) return scored;
      const ids = edits.map((e) => e.postId).filter((id) => id <= this.#lastPostId);
      const posts = ids.length ? (await this.#store.posts({ ids, since: this.#windowStart(), limit: ids.length })).sort((a, b) => a.id - b.id) : [];
      if (posts.length) {
        await this.#store.clearPostMatches(posts.map((p) => p.id));
        scored += await this.#score(posts);
      }
      this.#lastEditSeq = edits[edits.length - 1].seq;
      if (this.#saveDue()) await this.#save();
    }
  }

  /** Once an hour: the stored vectors and stems of posts that left the window (a day's margin
   *  past it), which only scoring reads and never will again, are dropped (~1.5 KB a post: at
   *  Scour's ~865,000 posts a month, ~1.3 GB a month kept for nothing). Should the window grow
   *  again, a post read without them is embedded and analysed from its text. A failure is only
   *  said: nothing depends on it. */
  async #dropOutsideWindowIfDue(): Promise<void> {
    const now = this.#now().getTime();
    if (!this.#saving || now - this.#droppedAt < DROP_OUTSIDE_WINDOW_EVERY_MS) return;
    this.#droppedAt = now;
    const before = new Date(this.#windowStart().getTime() - DAY_MS);
    let vectors = 0, stems = 0;
    try {
      for (;;) {
        const dropped = await this.#store.dropPostDerivedBefore(before, { limit: DROP_CHUNK });
        vectors += dropped.vectors;
        stems += dropped.stems;
        if (dropped.vectors < DROP_CHUNK && dropped.stems < DROP_CHUNK) break;
      }
    } catch (error) {
      this.#warn(`scoring: dropping the vectors and stems of posts older than the window failed: ${(error as Error).message}`);
    }
    if (vectors || stems) this.#log(`scoring: dropped the stored vectors of ${vectors} and stems of ${stems} posts older than the ${this.#windowDays}-day window`);
  }

  #saveDue(): boolean {
    return Date.now() - this.#savedAt >= (this.#options.saveIntervalMs ?? CALIBRATION_SAVE_INTERVAL_MS);
  }

  /** One batch of new posts through the matcher, its matches stored; returns how many were scored. */
  async #score(posts: readonly StoredPost[]): Promise<number> {
    if (posts.length === 0) return 0;
    const embedding = process.cpuUsage();
    // New words are learned before the posts are embedded, so a renewal can already serve them.
    if (this.#vocabulary) {
      this.#vocabulary.read(posts);
      if (this.#vocabulary.pending >= (this.#options.oovRefreshEvery ?? 1000)) await this.#refreshVocabulary();
    }
    const matcherPosts = await this.#matcherPosts(posts);
    // Posts with no word the embedder knows (another language, no text) match by their words only.
    for (const p of matcherPosts) if (p.vector.every((x) => x === 0)) this.#withoutVector++;
    const scoring = process.cpuUsage();
    // Columns straight to the store: no object per pair (thousands per post at 30k interests).
    const matches = (this.#columns = await this.#matcher.scorePostsColumns(matcherPosts, this.#columns));
    const saving = process.cpuUsage();
    await this.#store.saveMatchRows(columnsAsRows(matches, this.#now()));
    const done = process.cpuUsage();
    this.#cost.posts += posts.length;
    this.#sinceSelfTraining += posts.length;
    for (let i = 0; i < matches.length; i++) {
      if (matches.score[i] >= SEED_THRESHOLD) this.#newSure.set(matches.interestId[i], (this.#newSure.get(matches.interestId[i]) ?? 0) + 1);
    }
    this.#cost.storedPairs += matches.length;
    this.#cost.embedMs += cpuMs(embedding, scoring);
    this.#cost.scoreMs += cpuMs(scoring, saving);
    this.#cost.saveMs += cpuMs(saving, done);
    return posts.length;
  }

  /** Re-learns an interest from all of its feedback (the latest verdict per post) and its implicit
   *  likes (`implicit`: post ids; the ones it learned from last when not given), and replaces its
   *  matches. */
  async #learn(interest: StoredInterest, recent?: MatcherPost[], implicit?: readonly number[]): Promise<void> {
    if ((await this.#guarded(() => this.#upsert(interest))) === undefined) return;
    const latest = new Map<number, string>();
    let newest = 0;
    for (const f of await this.#store.feedback(interest.userId, { interestId: interest.id })) {
      if (f.kind !== 'click') latest.set(f.postId, f.kind);
      newest = Math.max(newest, f.id);
    }
    // Learning again from new feedback keeps the implicit likes it learned from (a pass chooses new ones).
    const implicitIds = (implicit ?? implicitOf(interest.learned)).filter((id) => !latest.has(id));
    const ids = [...latest.keys(), ...implicitIds];
    const posts = ids.length ? await this.#guarded(async () => this.#matcherPosts(await this.#store.posts({ ids, limit: ids.length }))) : [];
    const byKind = (kind: string) => posts.filter((p) => latest.get(p.id) === kind);
    const feedback: InterestFeedback = { liked: byKind('like'), disliked: byKind('dislike'), offTopic: byKind('offtopic'), implicit: posts.filter((p) => !latest.has(p.id)) };
    const { learned, matches } = await this.#guarded(async () => this.#matcher.applyFeedback(interest.id, feedback, recent ?? (await this.#recentPosts())));
    const updated = await this.#store.updateInterest(interest.userId, interest.id, { learned });
    // Writing the learned state is an edit of ours, not one to sync.
    if (updated) this.#known(updated);
    this.#learnedUpTo.set(interest.id, newest);
    // A post the user judged keeps its stored match however far learning moved it below the
    // threshold: the feed lists it, hidden with its reason or liked, and the verdict can be undone.
    const kept = new Set(matches.map((m) => m.postId));
    const judged = posts.filter((p) => latest.has(p.id) && !kept.has(p.id)).map((p) => this.#matcher.scoreOne(interest.id, p));
    await this.#replaceMatches(interest.id, judged.length ? [...matches, ...judged] : matches);
  }

  /** A self-training pass, once `selfTrainEvery` posts have been scored since the last: the
   *  interests with enough new sure pairs get their implicit likes (their user's matches), and
   *  those whose implicit likes changed enough learn from them. */
  async #selfTrainIfDue(): Promise<void> {
    const every = this.#options.selfTrainEvery ?? (selfTrainingSetting() ? SELF_TRAIN_EVERY : 0);
    if (every <= 0 || this.#sinceSelfTraining < every) return;
    await this.#selfTrain();
  }

  async #selfTrain(): Promise<number> {
    this.#sinceSelfTraining = 0;
    const started = Date.now();
    // The interests that may have gained enough implicit likes, by user; at most
    // SELF_TRAIN_INTERESTS a pass (each learns and is back-scored on the window), the rest keep
    // their counts for the next.
    const byUser = new Map<number, StoredInterest[]>();
    let taken = 0;
    for (const [interestId, sure] of this.#newSure) {
      if (taken === SELF_TRAIN_INTERESTS) break;
      if (!enoughChange(sure, 0)) continue;
      const interest = await this.#store.interestById(interestId);
      if (!interest || !this.#matcher.has(interestId)) {
        this.#newSure.delete(interestId);
        continue;
      }
      if (!enoughChange(sure, implicitOf(interest.learned).length)) continue;
      this.#newSure.delete(interestId);
      taken++;
      const list = byUser.get(interest.userId);
      if (list) list.push(interest);
      else byUser.set(interest.userId, [interest]);
    }
    let learned = 0;
    let recent: MatcherPost[] | undefined;
    for (const [userId, interests] of byUser) {
      const sure = await this.#implicitLikes(userId);
      for (const interest of interests) {
        const now = usableImplicitLikes(sure.get(interest.id) ?? []);
        if (!implicitLikesChanged(implicitOf(interest.learned), now)) continue;
        recent ??= await this.#guarded(() => this.#recentPosts());
        await this.#learn(interest, recent, now);
        // Its matches moved: the next pass looks again (the batch reference's next round).
        this.#newSure.set(interest.id, Infinity);
        learned++;
      }
    }
    if (learned) this.#log(`scoring: self-training: ${learned} interests learned from the posts they match surely (${Date.now() - started} ms)`);
    return learned;
  }

  /** One user's implicit likes by interest: from their stored matches in the window (pairs under
   *  SEED_THRESHOLD − SEED_MARGIN can be neither a seed nor the runner-up that stops one), never a
   *  post they gave a verdict on for that interest. */
  async #implicitLikes(userId: number): Promise<Map<number, number[]>> {
    const ids = (await this.#store.interests(userId)).map((i) => i.id);
    const matches = await this.#store.matchesFor(ids, { since: this.#windowStart(), minScore: SEED_THRESHOLD - SEED_MARGIN });
    const judged = new Set<string>();
    for (const f of await this.#store.feedback(userId)) if (f.kind !== 'click' && f.interestId !== undefined) judged.add(`${f.interestId}:${f.postId}`);
    const pairs = matches.map((m) => {
      const b = (m.breakdown ?? {}) as { semantic?: unknown; lexical?: unknown };
      return { postId: m.postId, interestId: m.interestId, score: m.score, semantic: Number(b.semantic ?? NaN), lexical: Number(b.lexical ?? NaN) };
    });
    return implicitLikes(pairs, (interestId, postId) => judged.has(`${interestId}:${postId}`));
  }

  async #replaceMatches(interestId: number, matches: readonly Match[]): Promise<void> {
    await this.#store.clearMatches(interestId);
    await this.#store.saveMatchRows(matchesAsRows(matches, this.#now()));
    if (this.#matcher.has(interestId)) await this.#store.saveInterestCalibrations(this.#embedder.id, new Map([[interestId, this.#matcher.interestCalibration(interestId)]]));
  }

  // ——— posts ———

  /** The window's posts as the matcher needs them (for back-scoring and learning): listed with
   *  their revisions, read only where the service does not hold them as they are now.
   *  `stop`, asked before each page read: the read ends there, what it read kept. */
  async #recentPosts(stop?: () => boolean): Promise<MatcherPost[]> {
    const out: MatcherPost[] = [];
    const window = this.#window;
    for await (const page of this.#windowRevisionPages()) {
      const unread = page.filter((r) => window.get(r) === undefined);
      for (let i = 0; i < unread.length; i += PAGE) {
        if (stop?.()) return out;
        await this.#readIntoWindow(unread.slice(i, i + PAGE));
      }
      // A post deleted since it was listed is left out.
      for (const r of page) {
        const p = window.get(r);
        if (p !== undefined) out.push(p);
      }
    }
    const ids = out.map((p) => p.id);
    window.keepOnly(ids);
    this.#documents.keepOnly(ids);
    return out;
  }

  /** Reads these posts into the window at their listed revisions, without their text where it
   *  can: their documents as analysed when the stream scored them (held by PostDocuments) or
   *  from their stored stems (after a start: ~50 s of analysis saved at 100,000 posts), with
   *  their stored vectors. The others are read in full, and their stems stored once analysed. */
  async #readIntoWindow(listed: readonly PostRevision[]): Promise<void> {
    const window = this.#window, documents = this.#documents;
    const docs = new Map<number, LexicalDocument>();
    for (const r of listed) {
      const held = documents.compactDocumentAt(r.id, r.revision);
      if (held !== undefined) docs.set(r.id, held);
    }
    const unheld = listed.filter((r) => !docs.has(r.id));
    if (unheld.length) for (const [id, doc] of await documents.readStored(this.#store, unheld)) docs.set(id, doc);
    const vectors = docs.size ? await this.#store.postVectors(this.#embedder.id, [...docs.keys()]) : new Map<number, Float32Array>();
    const revisions = new Map<number, number>();
    for (const r of listed) {
      const doc = docs.get(r.id), vector = vectors.get(r.id);
      if (doc !== undefined && vector !== undefined) window.set(r.revision, { id: r.id, vector, doc });
      else revisions.set(r.id, r.revision);
    }
    if (revisions.size === 0) return;
    const ids = [...revisions.keys()];
    for (const p of await this.#matcherPosts(await this.#store.posts({ ids, limit: ids.length }), true)) window.set(revisions.get(p.id)!, p);
  }

  /** The window's post revisions, oldest first, in pages of REVISION_PAGE. */
  async *#windowRevisionPages(): AsyncGenerator<PostRevision[]> {
    let after: PostRevision | undefined;
    for (;;) {
      const page = await this.#store.postRevisions({ since: this.#windowStart(), order: 'oldest', limit: REVISION_PAGE, after });
      if (page.length) yield page;
      if (page.length < REVISION_PAGE) return;
      after = page[page.length - 1];
    }
  }

  /** Document frequencies of the window's posts, as the matcher will have them once it has read them. */
  async #windowStatistics(background: BackgroundFrequency): Promise<CorpusStatistics> {
    const stats = new CorpusStatistics(background);
    for await (const page of this.#windowPages()) {
      for (const p of page) {
        stats.add(this.#documents.documentFor(p));
        stats.pruneIfFull(); // a window of months of posts: bounded as the matcher's (no index held)
      }
      await this.#saveAnalysed();
    }
    return stats;
  }

  async *#windowPages(): AsyncGenerator<StoredPost[]> {
    let after: StoredPost | undefined;
    for (;;) {
      const page = await this.#store.posts({
        since: this.#windowStart(),
        order: 'oldest',
        limit: PAGE,
        after: after ? { time: after.published ?? after.firstSeenAt, id: after.id } : undefined,
      });
      if (page.length) yield page;
      if (page.length < PAGE) return;
      after = page[page.length - 1];
    }
  }

  /** `compact`: documents as views of their stem ids (PostDocuments.compactDocumentFor), for
   *  posts held together (the window). */
  async #matcherPosts(posts: readonly StoredPost[], compact = false): Promise<MatcherPost[]> {
    const vectors = await postVectors(this.#store, this.#embedder, posts);
    const documents = this.#documents;
    const out = posts.map((p) => ({ id: p.id, vector: vectors.get(p.id) as Float32Array, doc: compact ? documents.compactDocumentFor(p) : documents.documentFor(p) }));
    await this.#saveAnalysed();
    return out;
  }

  /** Stores the stems of the posts analysed since last time (read back by #readIntoWindow). */
  async #saveAnalysed(): Promise<void> {
    await this.#documents.saveAnalysed(this.#store);
  }

  // ——— the stream's vocabulary (built-in embedder) ———

  /** The saved vocabulary, or one learned from the window's newest stored posts (then saved). */
  async #openVocabulary(embedder: BuiltinEmbedder): Promise<StreamVocabulary> {
    const started = Date.now();
    const bytes = await this.#store.embedderData(VOCABULARY_KEY);
    if (bytes) {
      try {
        const vocabulary = StreamVocabulary.load(embedder.table, bytes);
        // Posts stored since it was saved (by a process that did not save it: killed, say) are read now.
        for (;;) {
          const ids = await this.#store.postIdsAfter(vocabulary.readUpTo, { since: this.#windowStart(), limit: PAGE });
          if (ids.length === 0 || vocabulary.read(await this.#store.posts({ ids, limit: ids.length })) === 0) break;
        }
        this.#log(`scoring: ${vocabulary.size} stream word vectors loaded (${Date.now() - started} ms)`);
        return vocabulary;
      } catch (err) {
        this.#warn(`scoring: the saved stream vocabulary cannot be read (${(err as Error).message}); learning it again from the stored posts`);
      }
    }
    const vocabulary = StreamVocabulary.create(embedder.table);
    const posts: StoredPost[] = [];
    const limit = this.#options.oovLearnFrom ?? 20_000;
    for (let page: StoredPost[] = []; posts.length < limit; ) {
      const last = page.at(-1);
      page = await this.#store.posts({
        since: this.#windowStart(),
        order: 'newest',
        limit: Math.min(PAGE, limit - posts.length),
        after: last ? { time: last.published ?? last.firstSeenAt, id: last.id } : undefined,
      });
      posts.push(...page);
      if (page.length === 0) break;
    }
    vocabulary.read(posts);
    vocabulary.refresh();
    await this.#store.saveEmbedderData(VOCABULARY_KEY, vocabulary.save());
    this.#log(`scoring: ${vocabulary.size} stream word vectors learned from ${posts.length} stored posts (${Date.now() - started} ms)`);
    return vocabulary;
  }

  /** Renews the vectors the embedder uses; the posts and interests whose words moved are embedded again. */
  async #refreshVocabulary(): Promise<void> {
    const vocabulary = this.#vocabulary;
    if (!vocabulary) return;
    const started = Date.now();
    const change = vocabulary.refresh();
    await this.#store.saveEmbedderData(VOCABULARY_KEY, vocabulary.save());
    if (change.words.size === 0) return;
    for (let i = 0; i < change.postIds.length; i += PAGE) {
      const ids = change.postIds.slice(i, i + PAGE);
      const posts = await this.#store.posts({ ids, limit: ids.length });
      const vectors = await this.#embedder.embed(posts.map((p) => `${p.title}\n${p.text}`));
      await this.#store.savePostVectors(this.#embedder.id, new Map(posts.map((p, j) => [p.id, vectors[j]])));
      this.#window.forget(ids);
    }
    // Their matches for the other interests stay as scored: the change to a post's vector from a
    // few of its words is small for an interest without them.
    const interests = [...this.#interestWords].filter(([, words]) => words.some((w) => change.words.has(w))).map(([id]) => id);
    if (interests.length) {
      const recent = await this.#recentPosts();
      for (const id of interests) await this.#interestChanged(id, recent, true);
    }
    this.#log(
      `scoring: stream vocabulary renewed: ${change.words.size} word vectors changed; ${change.postIds.length} posts and ${interests.length} interests embedded again (${Date.now() - started} ms)`,
    );
  }

  // ——— state ———

  /** Saves the stream's state and every interest's calibration, together (CALIBRATION_SAVE_INTERVAL_MS),
   *  unless no post was scored since they were last saved or loaded: only scoring moves the
   *  stream, and what moves one interest otherwise (a back-score, feedback) saves its calibration
   *  at once (#replaceMatches). A command that only back-scores an interest skipped ~15 MB of
   *  state written twice (4,450 BBC posts: ~1 s of its ~6 s). */
  async #save(): Promise<void> {
    if (!this.#saving) return;
    const mark = this.#streamMark();
    if (mark !== this.#savedMark) {
      const state: SavedService = { version: 1, matcher: this.#matcher.streamState(), lastPostId: this.#lastPostId, lastEditSeq: this.#lastEditSeq };
      await this.#store.saveMatcherStream(this.#embedder.id, state);
      const calibrations = new Map<number, unknown>();
      for (const id of this.#matcher.interestIds()) calibrations.set(id, this.#matcher.interestCalibration(id));
      await this.#store.saveInterestCalibrations(this.#embedder.id, calibrations);
      this.#savedMark = mark;
    }
    // The stored state is current as of now, written or not (the next save is due from here).
    this.#savedAt = Date.now();
  }

  /** What moves whenever the stream's state does: posts scored (new or edited) and how far. */
  #streamMark(): string {
    return `${this.#embedder.id}:${this.#matcher.postsSeen}:${this.#lastPostId}:${this.#lastEditSeq}`;
  }

  /**
   * Runs work that embeds; when the configured embedder fails, the service moves to the built-in
   * one (its own saved state, or a replay) and the work runs again there.
   */
  async #guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof EmbedderError) || this.#embedder?.id === BUILTIN_EMBEDDER_ID || this.#embedder instanceof BuiltinEmbedder) throw err;
      this.#warn(`${err.message}; scoring with the built-in embedder from now on`);
      this.#fellBack = true;
      await this.#matcher?.close();
      await this.#build(new BuiltinEmbedder());
      return work();
    }
  }

  /** For the log line of scored posts: how many had nothing to embed (then counted afresh). */
  #wordless(): string {
    const n = this.#withoutVector;
    this.#withoutVector = 0;
    return n ? ` (${n} with no word the embedder knows — another language, or no text — matched by their words alone)` : '';
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.#closing) throw new Error('scoring service: called after close()');
      return task();
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  get #windowDays(): number {
    return this.#options.windowDays ?? DEFAULT_WINDOW_DAYS;
  }

  /** The pool's posts per day: first seen over the last POOL_RATE_DAYS, averaged (a new feed's
   *  backlog arrives in one day; over a week it weighs a seventh). */
  async #postsPerDay(): Promise<number> {
    return (await this.#store.postsSince(new Date(this.#now().getTime() - POOL_RATE_DAYS * DAY_MS))) / POOL_RATE_DAYS;
  }

  #windowStart(): Date {
    return new Date(this.#now().getTime() - this.#windowDays * DAY_MS);
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

function parseSaved(x: unknown): SavedService | undefined {
  const s = x as SavedService;
  if (typeof s !== 'object' || s === null || s.version !== 1 || !Number.isInteger(s.lastPostId)) return undefined;
  return s;
}

/** What the rest of Sluice tells the service (the actions' ScoringHooks). */
export type ScoringHooks = Pick<ScoringService, 'postsAdded' | 'interestChanged' | 'interestRemoved' | 'feedbackChanged'>;

export interface ServerScoring {
  hooks: ScoringHooks;
  /** The service, once this process holds the scoring lease and has started it. */
  ready: Promise<ScoringService>;
  /** The server's address, for the messages of CLI commands that find it scoring. */
  announce(url: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The server's service: started in the background (a first start replays the window, which may
 * take a while) while the server already answers; the hooks wait for it. The configured embedder
 * is opened here (the built-in one takes over when it cannot be, said through warn).
 *
 * It runs under the data directory's scoring lease (jobs/scoring-lease.ts): while a CLI command
 * holds it, the start waits for the command to end; while another server does, this one waits to
 * take over and its hooks return at once (the other's store watcher picks up what this one writes).
 */
export function startScoring(store: Store, options: ScoringOptions & { watchIntervalMs?: number; lease?: LeaseTiming } = {}): ServerScoring {
  const warn = options.warn ?? (() => {});
  const log = options.log ?? (() => {});
  const stop = new AbortController();
  let watch: StoreWatch | undefined;
  let lease: ScoringLease | undefined;
  let service: ScoringService | undefined;
  let url: string | undefined;
  let elsewhere = false;
  const ready = (async () => {
    lease = await ScoringLease.acquire(store, 'server', {
      ...options.lease,
      signal: stop.signal,
      onWait: (owner) => {
        elsewhere = owner.kind === 'server';
        log(`scoring: ${describeOwner(owner)} scores this data directory; this server scores once it stops`);
      },
      onLost: (by) => {
        elsewhere = true;
        warn(`scoring: ${by ? describeOwner(by) : 'another process'} took the scoring lease over (this process stalled); scoring stops here`);
        void watch?.stop();
        service?.abandon().catch((err: Error) => warn(`scoring: stopping the service failed: ${err.message}`));
      },
    });
    elsewhere = false;
    if (url) await lease.update({ url });
    try {
      const embedder = options.embedder ?? (await openEmbedder(embedderSetting(), warn));
      service = await ScoringService.start(store, { ...options, embedder });
    } catch (err) {
      // Not scoring here after all: commands must not leave their scoring to this process.
      await lease.release();
      throw err;
    }
    if (lease.lost) {
      await service.abandon();
      throw new Error('the scoring lease was taken over while the service started');
    }
    // What other processes (CLI commands) change is picked up within a poll; each poll says so in
    // the lease, for a `sluice feed` waiting to read what this server stored.
    const held = lease;
    const running = service;
    const reading = Date.now();
    service.readWindow().then(
      (n) => n > 0 && log(`scoring: ${n} posts of the window read for back-scoring (${Date.now() - reading} ms)`),
      (err: Error) => stop.signal.aborted || warn(`scoring: reading the window ahead of back-scores failed: ${err.message}`),
    );
    if (options.watchIntervalMs) {
      watch = watchStore(store, service, { intervalMs: options.watchIntervalMs, warn, onCaughtUp: (at) => held.update({ caughtUpTo: at, progress: running.progress() }) });
    }
    return service;
  })();
  ready.catch((err: Error) => {
    if (!stop.signal.aborted) warn(`scoring service did not start: ${err.message}; stored matches are not kept current`);
  });
  // Told while another server scores: nothing to do here (its watcher finds the change).
  const hook =
    <A extends unknown[]>(call: (s: ScoringService, ...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      if (elsewhere) return;
      const started = await ready;
      if (!elsewhere) await call(started, ...args);
    };
  return {
    ready,
    hooks: {
      postsAdded: hook((s, ids: readonly number[]) => s.postsAdded(ids)),
      interestChanged: hook((s, id: number) => s.interestChanged(id)),
      interestRemoved: hook((s, id: number) => s.interestRemoved(id)),
      feedbackChanged: hook((s, userId: number, id: number | undefined) => s.feedbackChanged(userId, id)),
    },
    announce: async (address) => {
      url = address;
      await lease?.update({ url });
    },
    close: async () => {
      stop.abort();
      const started = await ready.catch(() => undefined);
      // A last look at what other processes wrote (a second server's web, waiting to take over):
      // a service starts from the feedback there is, so what it finds unlearned stays so.
      if (watch && !lease?.lost) await watch.poll();
      await watch?.stop();
      await started?.close();
      await lease?.release();
    },
  };
}

/**
 * For a command run without the server: the service started for one task under the scoring lease
 * (waiting while another process holds it: `onWait` hears who — a server until it stops, so
 * commands call scoreInCommand), its state saved after.
 */
export async function withScoring<T>(
  store: Store,
  options: ScoringOptions & { lease?: LeaseTiming; onWait?: (owner: ScoringOwner) => void },
  task: (service: ScoringService) => Promise<T>,
): Promise<T> {
  const lease = await ScoringLease.acquire(store, 'command', { ...options.lease, onWait: options.onWait });
  return oneShot(store, options, lease, task);
}

/**
 * For a CLI command that changed what matches depend on: beside a running server nothing is scored
 * here — its store watcher picks the change up within seconds — and the server is returned; otherwise
 * `task` runs on a one-shot service (withScoring; another command scoring meanwhile is waited for).
 */
export async function scoreInCommand<T>(
  store: Store,
  options: ScoringOptions & { lease?: LeaseTiming; onWait?: (owner: ScoringOwner) => void },
  task: (service: ScoringService) => Promise<T>,
): Promise<{ result: T } | { server: ScoringOwner }> {
  let server: ScoringOwner | undefined;
  const stop = new AbortController();
  let lease: ScoringLease;
  try {
    lease = await ScoringLease.acquire(store, 'command', {
      ...options.lease,
      signal: stop.signal,
      onWait: (owner) => {
        if (owner.kind !== 'server') return options.onWait?.(owner);
        server = owner;
        stop.abort();
      },
    });
  } catch (err) {
    if (server) return { server };
    throw err;
  }
  return { result: await oneShot(store, options, lease, task) };
}

/** A service started for one task while `lease` is held; its state saved, the lease given up after. */
async function oneShot<T>(store: Store, options: ScoringOptions, lease: ScoringLease, task: (service: ScoringService) => Promise<T>): Promise<T> {
  try {
    const embedder = options.embedder ?? (await openEmbedder(embedderSetting(), options.warn ?? (() => {})));
    const service = await ScoringService.start(store, { ...options, embedder });
    try {
      return await task(service);
    } finally {
      await service.close();
    }
  } finally {
    await lease.release();
  }
}

/** A CLI command's scoring options: warnings, and a word while it waits for another command. */
export function commandScoring(ctx: { err: NodeJS.WritableStream }): ScoringOptions & { onWait: (owner: ScoringOwner) => void } {
  return {
    warn: (m) => ctx.err.write(`sluice: warning: ${m}\n`),
    onWait: (owner) => ctx.err.write(`sluice: waiting for ${describeOwner(owner)}, which is scoring this data directory\n`),
  };
}

/** Whether stored matches lag behind: nothing saved yet for this embedder, posts not scored, or
 *  some of these interests never calibrated (added while no service ran). */
export async function scoringBehind(store: Store, embedderId: string, interestIds: readonly number[] = [], windowDays = 30): Promise<boolean> {
  const saved = parseSaved(await store.matcherStream(embedderId));
  if (!saved) return true;
  if (interestIds.length && (await store.interestCalibrations(embedderId, interestIds)).size < interestIds.length) return true;
  if ((await store.postIdsAfter(saved.lastPostId, { since: new Date(Date.now() - windowDays * DAY_MS), limit: 1 })).length) return true;
  return saved.lastEditSeq !== undefined && (await store.postEditsAfter(saved.lastEditSeq, { limit: 1 })).length > 0;
}

/** How long a command waits for a running server to catch up before it reads the stored matches. */
const SERVER_CATCH_UP_MS = 15_000;

/**
 * Before a command reads the stored matches. Without a server: brings them up to date (once) when
 * they lag behind. Beside a running server: waits (at most `waitMs`) until its store watcher has
 * picked up every change committed before now; `caughtUp` false when it had not by then.
 */
export async function catchUpScoring(
  store: Store,
  options: ScoringOptions & { interestIds?: readonly number[]; waitMs?: number; lease?: LeaseTiming; onWait?: (owner: ScoringOwner) => void } = {},
): Promise<{ server?: ScoringOwner; caughtUp: boolean }> {
  const since = Date.now();
  const owner = await scoringOwner(store, options.lease);
  const wait = (server: ScoringOwner) => serverCaughtUp(store, server, since, options.waitMs ?? SERVER_CATCH_UP_MS, options.interestIds ?? [], options.windowDays ?? DEFAULT_WINDOW_DAYS);
  if (owner?.kind === 'server') return { server: owner, caughtUp: await wait(owner) };
  const embedder = options.embedder ?? (await openEmbedder(embedderSetting(), options.warn ?? (() => {})));
  if (!(await scoringBehind(store, embedder.id, options.interestIds, options.windowDays))) return { caughtUp: true };
  const done = await scoreInCommand(store, { ...options, embedder }, async () => {});
  if ('result' in done) return { caughtUp: true };
  // A server started meanwhile: it scores.
  return { server: done.server, caughtUp: await wait(done.server) };
}

/** Waits until the server's watcher says it synced what was committed before `since` (ms) — at once
 *  when nothing it has not seen is in the store (the progress its last poll wrote in the lease). */
async function serverCaughtUp(store: Store, server: ScoringOwner, since: number, waitMs: number, interestIds: readonly number[], windowDays: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (let first = true; ; first = false) {
    const lease = await store.lease(SCORING_LEASE);
    const holder = lease?.holder as ScoringHolder | undefined;
    // The server stopped meanwhile (it saved its state at shutdown): nothing to wait for.
    if (!holder || holder.pid !== server.pid || holder.host !== server.host) return false;
    if ((holder.caughtUpTo ?? 0) >= since) return true;
    if (first && holder.progress && holder.caughtUpTo && !(await anythingNew(store, holder.progress, holder.caughtUpTo, interestIds, windowDays))) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether the store holds what a service at `progress` (after a poll that started at `polledAt`)
 *  has not taken in: posts, feedback, withdrawals, an interest added or removed, or one of these
 *  interests edited after its newest known edit — or shortly before that poll (an edit stamped
 *  before its commit, which may have come after the poll started). */
async function anythingNew(store: Store, progress: ScoringProgress, polledAt: number, interestIds: readonly number[], windowDays: number): Promise<boolean> {
  if ((await store.postIdsAfter(progress.lastPostId, { since: new Date(Date.now() - windowDays * DAY_MS), limit: 1 })).length) return true;
  if (progress.lastEditSeq !== undefined && (await store.postEditsAfter(progress.lastEditSeq, { limit: 1 })).length) return true;
  if ((await store.feedbackAfter(progress.feedbackSeen, { limit: 1 })).length) return true;
  if ((await store.feedbackWithdrawnAfter(progress.withdrawalSeen, { limit: 1 })).length) return true;
  if ((await store.interestCount()) !== progress.interests) return true;
  for (const id of interestIds) {
    const interest = await store.interestById(id);
    const edited = interest?.updatedAt.getTime() ?? 0;
    if (edited > progress.newestVersion || edited >= polledAt - CLOCK_SLACK_MS) return true;
  }
  return false;
}

/** Process CPU (user + system, every thread) between two readings, in ms. */
function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
  return (to.user - from.user + to.system - from.system) / 1000;
}
