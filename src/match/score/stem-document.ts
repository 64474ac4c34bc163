// A post's lexical document kept small: its content stems as ids into a shared lexicon (~1 KB
// for a BBC article, whose lexicalDocument Maps of stems and phrases take ~44 KB), built back
// into the document only where a scorer reads it. The scoring service keeps one per post of its
// window, so that back-scoring an interest or learning from a like does not analyse the whole
// window's text again (~0.5 ms a post: seconds at a few thousand posts, minutes at Scour's
// ~865k posts a month).
import { contentStems, documentFromStems, type LexicalDocument } from './document.ts';

/** Stems ↔ ids, shared by the documents of one cache. */
export class StemLexicon {
  readonly #ids = new Map<string, number>();
  readonly #stems: string[] = [];
  /** Per query (the same Map object for every post of one back-score): which stems its terms use. */
  #marks = new WeakMap<ReadonlyMap<string, number>, Uint8Array>();

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

  /** A mark per stem id that some term of `terms` uses (a phrase "mobil phone" marks both
   *  stems), 0 elsewhere; ids past the end are unmarked (stems never seen in a post cannot be). */
  marksOf(terms: ReadonlyMap<string, number>): Uint8Array {
    let marks = this.#marks.get(terms);
    if (marks === undefined || marks.length < this.#stems.length) {
      marks = new Uint8Array(this.#stems.length);
      for (const term of terms.keys()) {
        for (const stem of term.split(' ')) {
          const id = this.#ids.get(stem);
          if (id !== undefined) marks[id] = 1;
        }
      }
      this.#marks.set(terms, marks);
    }
    return marks;
  }
}

/** The content stems of one post (title, then body) as lexicon ids. */
export class StemDocument {
  readonly #lexicon: StemLexicon;
  /** Title stems at [0, titleLength), body stems after them. */
  readonly #ids: Uint32Array;
  readonly #titleLength: number;

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
    return { stems, view: new DocumentView(stems, lexicon, documentFromStems(titleStems, bodyStems)) };
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

  /** A LexicalDocument that builds its counts and title terms on first reading, and says
   *  without building them when it holds none of a query's terms (mayHold). Dropped after use,
   *  it takes what it built with it; this stays small. */
  view(): LexicalDocument {
    return new DocumentView(this, this.#lexicon);
  }

  /** Whether any of its stems is marked (StemLexicon.marksOf). */
  usesMarked(marks: Uint8Array): boolean {
    const ids = this.#ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] < marks.length && marks[ids[i]] === 1) return true;
    return false;
  }

  get length(): number {
    return this.#ids.length;
  }
}

class DocumentView implements LexicalDocument {
  readonly #source: StemDocument;
  readonly #lexicon: StemLexicon;
  #built: LexicalDocument | undefined;

  constructor(source: StemDocument, lexicon: StemLexicon, built?: LexicalDocument) {
    this.#source = source;
    this.#lexicon = lexicon;
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

  mayHold(terms: ReadonlyMap<string, number>): boolean {
    // Every term is a stem or a run of stems: a document with none of their stems holds none.
    return this.#source.usesMarked(this.#lexicon.marksOf(terms));
  }

  #document(): LexicalDocument {
    return (this.#built ??= this.#source.document());
  }
}
