// The scoring service's lexical documents of the posts in its window, kept compact between uses
// (StemDocument: the content stems as ids). Back-scoring an interest or learning from a like
// reads the whole window again; analysing every post's text each time (~0.5 ms a post: tokens,
// stems, phrases) made adding an interest take 2.3–2.9 s at 4,450 posts and 12–20 s at 20,000
// (`npm run bench -- interest-change`, jobs/README.md). A post is analysed once; its entry stays while its
// title and text are the same (a refetch that changed them analyses it again) and it is still
// in the window.
//
// Stems outlive the process (Store.postStems): each post analysed here is handed out once by
// takeAnalysed, for the service to store, and a post read back from its stored stems
// (fromStored) is not analysed at all: a restart or a CLI command reads the window that way.
import type { LexicalDocument } from '../match/score/document.ts';
import { StemDocument, StemLexicon } from '../match/score/stem-document.ts';
import type { PostStems } from '../store/store.ts';

/** Past this many distinct stems the lexicon starts again (junk tokens must not grow it forever). */
const LEXICON_LIMIT = 2_000_000;

interface Entry {
  /** Two hashes and the lengths of title and text: an edit of the post shows in them. */
  fingerprint: string;
  /** The post's revision analysed, when it came with one. */
  revision?: number;
  stems: StemDocument;
}

export interface PostText {
  id: number;
  title: string;
  text: string;
  /** The post's revision (StoredPost.revision): a post analysed with one has stems to store. */
  revision?: number;
}

export class PostDocuments {
  #lexicon = new StemLexicon();
  #entries = new Map<number, Entry>();
  /** Entries kept at most (keepOnly sets it from the window): posts scored but never read back
   *  in a window (no back-score for a long time) cannot pile up past it. */
  #limit = 100_000;
  /** Stems analysed since the last takeAnalysed, of posts with a revision. */
  #analysed = new Map<number, PostStems>();

  /** Posts held. */
  get size(): number {
    return this.#entries.size;
  }

  /** The post's lexical document (lexicalDocument(title, text)). A post analysed now comes with
   *  its counts built (what scoring it reads next); one analysed before builds them when read. */
  documentFor(post: PostText): LexicalDocument {
    const entry = this.#entry(post);
    return entry.analysed ?? entry.stems.view();
  }

  /** The same document as a view of the ids alone, for posts held in bulk (the window a
   *  back-score reads): built counts are ~40 KB a BBC post, and 100,000 of them held at once ran
   *  the first back-score after a start out of memory (4 GB heap). */
  compactDocumentFor(post: PostText): LexicalDocument {
    return this.#entry(post).stems.view();
  }

  /** The compact document of a post held at this revision (analysed with it), if held. */
  compactDocumentAt(id: number, revision: number): LexicalDocument | undefined {
    const entry = this.#entries.get(id);
    return entry !== undefined && entry.revision === revision ? entry.stems.view() : undefined;
  }

  /** A post's document from its stored stems (compact, like compactDocumentFor's), not held. */
  fromStored(stored: PostStems): LexicalDocument {
    if (this.#lexicon.size > LEXICON_LIMIT) this.clear();
    return StemDocument.fromStems(stored.title, stored.body, this.#lexicon).view();
  }

  /** The stems of the posts analysed since the last call (posts with a revision), to be stored. */
  takeAnalysed(): Map<number, PostStems> {
    const analysed = this.#analysed;
    this.#analysed = new Map();
    return analysed;
  }

  #entry(post: PostText): Entry & { analysed?: LexicalDocument } {
    const fingerprint = fingerprintOf(post);
    const entry = this.#entries.get(post.id);
    if (entry !== undefined && entry.fingerprint === fingerprint) return entry;
    if (this.#lexicon.size > LEXICON_LIMIT || this.#entries.size >= this.#limit) this.clear();
    const { stems, view, titleStems, bodyStems } = StemDocument.analyse(post.title, post.text, this.#lexicon);
    this.#entries.set(post.id, { fingerprint, revision: post.revision, stems });
    if (post.revision !== undefined) this.#analysed.set(post.id, { revision: post.revision, title: titleStems, body: bodyStems });
    return { fingerprint, stems, analysed: view };
  }

  /** Only these posts are kept (the window as just read): the others left it or were deleted. */
  keepOnly(ids: readonly number[]): void {
    const kept = new Map<number, Entry>();
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (entry !== undefined) kept.set(id, entry);
    }
    this.#entries = kept;
    this.#limit = Math.max(100_000, 2 * ids.length);
  }

  clear(): void {
    this.#entries = new Map();
    this.#lexicon = new StemLexicon();
  }
}

/** FNV-1a and a multiplicative hash over title and text, with their lengths. */
function fingerprintOf(post: PostText): string {
  let a = 0x811c9dc5, b = 7;
  for (const s of [post.title, post.text]) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(b, 31) + c) | 0;
    }
    a = Math.imul(a ^ 0xffff, 0x01000193);
  }
  return `${post.title.length}:${post.text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
