// A post's lexical document kept small: its content stems as ids into a shared lexicon (~1 KB
// for a BBC article, whose lexicalDocument Maps of stems and phrases take ~44 KB), built back
// into the document only where a scorer reads it. The scoring service keeps one per post of its
// window, so that back-scoring an interest or learning from a like does not analyse the whole
// window's text again (~0.5 ms a post: seconds at a few thousand posts, minutes at Scour's
// ~865k posts a month).
import type { CorpusStatistics } from './corpus-statistics.ts';
import { contentStems, documentFromStems, MAX_PHRASE, type LexicalDocument } from './document.ts';
import type { Bm25Parameters } from './lexical.ts';

/** Stems ↔ ids, shared by the documents of one cache. */
export class StemLexicon {
  readonly #ids = new Map<string, number>();
  readonly #stems: string[] = [];
  /** Per query (the same Map object for every post of one back-score): its terms as stem ids. */
  #queries = new WeakMap<ReadonlyMap<string, number>, QueryStems>();
  /** IDF by stem id for one state of one CorpusStatistics (NaN: not read yet). */
  #idf = new Float64Array(0);
  #idfStats: CorpusStatistics | undefined;
  #idfDocuments = -1;
  /** Moves whenever the IDF table starts again: what a document derived from it is stale. */
  #idfVersion = 0;
  /** Scratch of tfidfOfTerms, by stem id (zero between calls) and by position. */
  count = new Int32Array(0);
  inTitle = new Uint8Array(0);
  weight = new Float64Array(0);
  order = new Int32Array(0);

  get size(): number {
    return this.#stems.length;
  }

  idOf(stem: string): number {
    let id = this.#ids.get(stem);
    if (id === undefined) {
      id = this.#stems.length;
      this.#ids.set(stem, id);
      this.#stems.push(stem);
    }
    return id;
  }

  stemOf(id: number): string {
    return this.#stems[id];
  }

  /** The query's terms as stem ids: its single stems and its phrases (up to MAX_PHRASE stems: no
   *  document holds a longer one) whose stems are all known (a term with a stem never seen is in
   *  no document), and a mark per stem id: SINGLE for a single-stem term, PHRASE_START for the
   *  first stem of a phrase. */
  queryOf(terms: ReadonlyMap<string, number>): QueryStems {
    let query = this.#queries.get(terms);
    if (query === undefined || query.marks.length < this.#stems.length) {
      const marks = new Uint8Array(this.#stems.length), single = new Map<number, string>();
      const phrasesFrom = new Map<number, [string, Uint32Array][]>();
      const position = new Map<string, number>(), weights = Float64Array.from(terms.values());
      for (const term of terms.keys()) {
        position.set(term, position.size);
        const ids = term.split(' ').map((stem) => this.#ids.get(stem));
        if (ids.some((id) => id === undefined)) continue;
        const first = ids[0]!;
        if (ids.length === 1) {
          single.set(first, term);
          marks[first] |= SINGLE;
        } else if (ids.length <= MAX_PHRASE) {
          phrasesFrom.set(first, [...(phrasesFrom.get(first) ?? []), [term, Uint32Array.from(ids as number[])]]);
          marks[first] |= PHRASE_START;
        }
      }
      query = { marks, single, phrasesFrom, position, weights };
      this.#queries.set(terms, query);
    }
    return query;
  }

  /** stats.idf of each stem id for the statistics as they are now, NaN where not read yet (the
   *  caller fills it in): read once per state of the statistics. New stems only lengthen it: the
   *  IDFs read stay, and so do the norms documents keep for it (idfVersion). */
  idfTable(stats: CorpusStatistics): Float64Array {
    if (stats !== this.#idfStats || stats.documents !== this.#idfDocuments) {
      this.#idf = new Float64Array(Math.max(this.#stems.length, this.#idf.length)).fill(NaN);
      this.#idfStats = stats;
      this.#idfDocuments = stats.documents;
      this.#idfVersion++;
    } else if (this.#idf.length < this.#stems.length) {
      const longer = new Float64Array(Math.max(this.#stems.length, this.#idf.length * 2)).fill(NaN);
      longer.set(this.#idf);
      this.#idf = longer;
    }
    return this.#idf;
  }

  /** Which IDF table idfTable last gave (a number that moves whenever it starts again). */
  get idfVersion(): number {
    return this.#idfVersion;
  }

  /** The scratch arrays sized for every stem and a document of `length` stems. */
  fitScratch(length: number): void {
    const size = this.#stems.length;
    if (this.count.length < size) {
      const grown = Math.max(size, this.count.length * 2);
      this.count = new Int32Array(grown);
      this.inTitle = new Uint8Array(grown);
      this.weight = new Float64Array(grown);
    }
    if (this.order.length < length) this.order = new Int32Array(Math.max(length, this.order.length * 2));
  }
}

const SINGLE = 1, PHRASE_START = 2;

interface QueryStems {
  marks: Uint8Array;
  /** Stem id → the single-stem term. */
  single: Map<number, string>;
  /** First stem id → the phrases that start with it. */
  phrasesFrom: Map<number, [term: string, ids: Uint32Array][]>;
  /** Each term's place in the query's order, and the query's weights in that order. */
  position: Map<string, number>;
  weights: Float64Array;
}

/** The content stems of one post (title, then body) as lexicon ids. */
export class StemDocument {
  readonly #lexicon: StemLexicon;
  /** Title stems at [0, titleLength), body stems after them. */
  readonly #ids: Uint32Array;
  readonly #titleLength: number;
  /** Its TF-IDF norm for one IDF table (the lexicon's idfVersion) and title boost: a like's
   *  back-scores read every window post again, mostly with no new post in between. */
  #norm = NaN;
  #normVersion = -1;
  #normBoost = NaN;

  private constructor(lexicon: StemLexicon, ids: Uint32Array, titleLength: number) {
    this.#lexicon = lexicon;
    this.#ids = ids;
    this.#titleLength = titleLength;
  }

  /** The post analysed: its compact form, and a view of it that already holds the document
   *  (read at once by whoever analysed it: the matcher scoring a new post). */
  static analyse(title: string, text: string, lexicon: StemLexicon): { stems: StemDocument; view: LexicalDocument } {
    const titleStems = contentStems(title), bodyStems = contentStems(text);
    const ids = new Uint32Array(titleStems.length + bodyStems.length);
    titleStems.forEach((stem, i) => (ids[i] = lexicon.idOf(stem)));
    bodyStems.forEach((stem, i) => (ids[titleStems.length + i] = lexicon.idOf(stem)));
    const stems = new StemDocument(lexicon, ids, titleStems.length);
    return { stems, view: new DocumentView(stems, documentFromStems(titleStems, bodyStems)) };
  }

  /** A post's document from stem ids of `lexicon` (the first titleLength the title's), kept as given. */
  static fromIds(ids: Uint32Array, titleLength: number, lexicon: StemLexicon): StemDocument {
    return new StemDocument(lexicon, ids, titleLength);
  }

  /** Its stem ids in its lexicon, title's first (not to be written to). */
  get ids(): Uint32Array {
    return this.#ids;
  }

  get titleLength(): number {
    return this.#titleLength;
  }

  /** Bytes it holds (its ids). */
  get bytes(): number {
    return this.#ids.byteLength;
  }

  /** The document lexicalDocument(title, text) gives, built now (to the last count). */
  document(): LexicalDocument {
    const stems = Array.from(this.#ids, (id) => this.#lexicon.stemOf(id));
    return documentFromStems(stems.slice(0, this.#titleLength), stems.slice(this.#titleLength));
  }

  /** A LexicalDocument that builds its counts and title terms on first reading, and answers
   *  whether it holds a query's terms and their TF-IDF weights without building them. Dropped after use,
   *  it takes what it built with it; this stays small. */
  view(): LexicalDocument {
    return new DocumentView(this);
  }

  /** tfidf.ts tfidfOfTerms(its document, terms, stats), to the bit, from the ids: the single
   *  stems' weights in the order the document's counts hold them (first seen, title first), so
   *  the norm sums the same numbers in the same order; phrases only where the query has them. */
  tfidfOfTerms(terms: ReadonlyMap<string, number>, stats: CorpusStatistics, params: Bm25Parameters): Map<string, number> {
    const v = new Map<string, number>();
    this.#weighTerms(this.#lexicon.queryOf(terms), stats, params, (term, w) => v.set(term, w));
    return v;
  }

  /** tfidf.ts sparseDot(terms, this.tfidfOfTerms(terms, …)) to the bit — Σ q_t·x_t summed in
   *  the query's order — without the Map: a back-score reads ℓ of every window post, and the
   *  weights themselves only of the posts it stores. */
  dotOfTerms(terms: ReadonlyMap<string, number>, stats: CorpusStatistics, params: Bm25Parameters): number {
    const query = this.#lexicon.queryOf(terms), position = query.position;
    const hits: [place: number, weight: number][] = [];
    this.#weighTerms(query, stats, params, (term, w) => hits.push([position.get(term)!, w]));
    hits.sort((a, b) => a[0] - b[0]);
    let sum = 0;
    for (const [place, w] of hits) sum += query.weights[place] * w;
    return sum;
  }

  /** The unit TF-IDF weight of each query term the document holds, handed to `emit` in the
   *  order of the document's counts. */
  #weighTerms(query: QueryStems, stats: CorpusStatistics, params: Bm25Parameters, emit: (term: string, weight: number) => void): void {
    const lexicon = this.#lexicon, ids = this.#ids, titleLength = this.#titleLength;
    lexicon.fitScratch(ids.length);
    const { count, inTitle, weight, order } = lexicon;
    let distinct = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (count[id]++ === 0) order[distinct++] = id;
      if (i < titleLength) inTitle[id] = 1;
    }
    const idf = lexicon.idfTable(stats), marks = query.marks;
    // Every stem's weight counts in the norm; once the norm is known for this IDF table, only
    // the query's stems are weighed (the same numbers: the same expression, the same order).
    const known = this.#normVersion === lexicon.idfVersion && this.#normBoost === params.titleBoost;
    let norm = known ? this.#norm : 0;
    for (let k = 0; k < distinct; k++) {
      const id = order[k];
      if (known && (marks[id] & SINGLE) === 0) continue;
      const tf = count[id] + (inTitle[id] ? params.titleBoost : 0);
      let f = idf[id];
      if (f !== f) f = idf[id] = stats.idf(lexicon.stemOf(id));
      const w = (1 + Math.log(tf)) * f;
      weight[id] = w;
      if (!known) norm += w * w;
    }
    if (!known) {
      norm = Math.sqrt(norm);
      this.#norm = norm;
      this.#normVersion = lexicon.idfVersion;
      this.#normBoost = params.titleBoost;
    }
    const unit = (w: number) => (norm > 0 ? w / norm : w);
    // The query's terms among the post's stems (a learned query has hundreds: the post's own
    // stems are fewer to walk).
    for (let k = 0; k < distinct; k++) {
      const id = order[k], mark = marks[id];
      if (mark === 0) continue;
      if (mark & SINGLE) emit(query.single.get(id)!, unit(weight[id]));
      if (mark & PHRASE_START) {
        for (const [term, run] of query.phrasesFrom.get(id)!) {
          if (count[run[1]] === 0 || (run.length > 2 && count[run[2]] === 0)) continue; // a stem of it is not here
          const inTitleRuns = runs(ids, 0, titleLength, run), n = inTitleRuns + runs(ids, titleLength, ids.length, run);
          if (n > 0) emit(term, unit((1 + Math.log(n + (inTitleRuns > 0 ? params.titleBoost : 0))) * stats.idf(term)));
        }
      }
    }
    for (let k = 0; k < distinct; k++) { count[order[k]] = 0; inTitle[order[k]] = 0; }
  }

  /** Whether its document holds any of the terms (counts has one), from the ids. */
  holdsAny(terms: ReadonlyMap<string, number>): boolean {
    const query = this.#lexicon.queryOf(terms), marks = query.marks, ids = this.#ids;
    for (let i = 0; i < ids.length; i++) {
      const mark = marks[ids[i]];
      if (mark & SINGLE) return true;
      if (mark & PHRASE_START) {
        // A run within the title or within the body (phrases do not cross from one to the other).
        const end = i < this.#titleLength ? this.#titleLength : ids.length;
        for (const [, run] of query.phrasesFrom.get(ids[i])!) if (runs(ids, i, Math.min(end, i + run.length), run) > 0) return true;
      }
    }
    return false;
  }

  get length(): number {
    return this.#ids.length;
  }
}

class DocumentView implements LexicalDocument {
  readonly #source: StemDocument;
  #built: LexicalDocument | undefined;

  constructor(source: StemDocument, built?: LexicalDocument) {
    this.#source = source;
    this.#built = built;
  }

  get counts(): Map<string, number> {
    return this.#document().counts;
  }

  get title(): Set<string> {
    return this.#document().title;
  }

  get length(): number {
    return this.#source.length;
  }

  holdsAny(terms: ReadonlyMap<string, number>): boolean {
    return this.#source.holdsAny(terms);
  }

  tfidfOfTerms(terms: ReadonlyMap<string, number>, stats: CorpusStatistics, params: Bm25Parameters): Map<string, number> {
    return this.#source.tfidfOfTerms(terms, stats, params);
  }

  dotOfTerms(terms: ReadonlyMap<string, number>, stats: CorpusStatistics, params: Bm25Parameters): number {
    return this.#source.dotOfTerms(terms, stats, params);
  }

  #document(): LexicalDocument {
    return (this.#built ??= this.#source.document());
  }
}

/** Occurrences of the run of stem ids `run` within ids[from, to). */
function runs(ids: Uint32Array, from: number, to: number, run: Uint32Array): number {
  let n = 0;
  for (let i = from; i + run.length <= to; i++) {
    let k = 0;
    while (k < run.length && ids[i + k] === run[k]) k++;
    if (k === run.length) n++;
  }
  return n;
}
