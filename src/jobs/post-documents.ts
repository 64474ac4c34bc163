// The scoring service's lexical documents of the posts in its window, kept compact between uses
// (StemDocument: the content stems as ids). Back-scoring an interest or learning from a like
// reads the whole window again; analysing every post's text each time (~0.5 ms a post: tokens,
// stems, phrases) made adding an interest take 2.3–2.9 s at 4,450 posts and 12–20 s at 20,000
// (`npm run bench -- interest-change`, jobs/README.md). A post is analysed once; its entry stays while its
// title and text are the same (a refetch that changed them analyses it again) and it is still
// in the window.
//
// Stems outlive the process (Store.postStems): each post analysed here with a revision is stored
// once (saveAnalysed), its stems as ids of the store's stem dictionary, and a post read back from
// them (readStored) is not analysed at all: a restart or a CLI command reads the window that way.
// Dictionary ids map to this lexicon's ids through two arrays, so reading a post back costs no
// string: splitting stored text and looking each stem up was ~55 µs a BBC post (100,000: 5.5 s).
import { CONTENT_STEMS_ANALYSIS, type LexicalDocument } from '../match/score/document.ts';
import { StemDocument, StemLexicon } from '../match/score/stem-document.ts';
import type { PostRevision, PostStems, Store } from '../store/store.ts';

/** What PostDocuments reads and writes in the store: post stems and the stem dictionary. */
export type StemStore = Pick<Store, 'stemIds' | 'stemsOf' | 'postStems' | 'savePostStems'>;

/** Past this many distinct stems the lexicon starts again (junk tokens must not grow it forever). */
const LEXICON_LIMIT = 2_000_000;
/** Dictionary ids past this are not mapped (their posts are analysed from their text instead):
 *  the arrays mapping them stay within 256 MB whatever the store holds. */
const STORE_ID_LIMIT = 1 << 26;

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
  /** Posts analysed with a revision since the last saveAnalysed. */
  #analysed = new Map<number, { revision: number; stems: StemDocument }>();
  /** The store's dictionary ids ↔ the lexicon's: by dictionary id, the lexicon's (−1: not read
   *  yet); by lexicon id, the dictionary's (0: not known yet). They start again with the lexicon. */
  #lexiconIdOf = new Int32Array(0);
  #storeIdOf = new Uint32Array(0);

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

  /** Documents of these posts from their stored stems (compact, like compactDocumentFor's; not
   *  held), where the store has them at the revision listed. */
  async readStored(store: StemStore, listed: readonly Pick<PostRevision, 'id' | 'revision'>[]): Promise<Map<number, LexicalDocument>> {
    const stored = await store.postStems(CONTENT_STEMS_ANALYSIS, listed.map((r) => r.id));
    if (this.#lexicon.size > LEXICON_LIMIT) this.clear();
    await this.#readDictionary(store, stored.values());
    const out = new Map<number, LexicalDocument>();
    const lexiconIdOf = this.#lexiconIdOf;
    for (const { id, revision } of listed) {
      const kept = stored.get(id);
      if (kept === undefined || kept.revision !== revision) continue;
      const ids = new Uint32Array(kept.ids.length);
      let known = true;
      for (let i = 0; i < ids.length && known; i++) {
        const local = kept.ids[i] < lexiconIdOf.length ? lexiconIdOf[kept.ids[i]] : -1;
        known = local >= 0;
        ids[i] = local;
      }
      if (known) out.set(id, StemDocument.fromIds(ids, kept.titleLength, this.#lexicon).view());
    }
    return out;
  }

  /** Stores the stems of the posts analysed with a revision since the last call, as dictionary
   *  ids (stems new to the dictionary added first). */
  async saveAnalysed(store: StemStore): Promise<void> {
    const analysed = this.#analysed, lexicon = this.#lexicon;
    this.#analysed = new Map();
    const missing = new Set<number>();
    for (const { stems } of analysed.values()) {
      for (const id of stems.ids) if (!(this.#storeIdOf[id] > 0)) missing.add(id);
    }
    if (missing.size) {
      const stemIds = await store.stemIds(Array.from(missing, (id) => lexicon.stemOf(id)));
      if (lexicon !== this.#lexicon) return; // started again meanwhile: these ids are gone
      for (const id of missing) {
        const storeId = stemIds.get(lexicon.stemOf(id));
        if (storeId !== undefined) this.#link(storeId, id);
      }
    }
    const out = new Map<number, PostStems>();
    for (const [postId, { revision, stems }] of analysed) {
      const ids = stems.ids.map((id) => this.#storeIdOf[id]);
      if (!ids.includes(0)) out.set(postId, { revision, titleLength: stems.titleLength, ids });
    }
    if (out.size) await store.savePostStems(CONTENT_STEMS_ANALYSIS, out);
  }

  /** Reads the dictionary's entries for the ids of these stems the lexicon does not know yet. */
  async #readDictionary(store: StemStore, stored: Iterable<PostStems>): Promise<void> {
    const unknown = new Set<number>();
    for (const { ids } of stored) {
      for (const id of ids) if (id < STORE_ID_LIMIT && !(this.#lexiconIdOf[id] >= 0)) unknown.add(id);
    }
    if (unknown.size === 0) return;
    for (const [storeId, stem] of await store.stemsOf([...unknown])) this.#link(storeId, this.#lexicon.idOf(stem));
  }

  #link(storeId: number, id: number): void {
    if (storeId >= STORE_ID_LIMIT) return;
    if (storeId >= this.#lexiconIdOf.length) {
      const grown = new Int32Array(Math.max(1024, 2 * this.#lexiconIdOf.length, storeId + 1)).fill(-1);
      grown.set(this.#lexiconIdOf);
      this.#lexiconIdOf = grown;
    }
    if (id >= this.#storeIdOf.length) {
      const grown = new Uint32Array(Math.max(1024, 2 * this.#storeIdOf.length, id + 1));
      grown.set(this.#storeIdOf);
      this.#storeIdOf = grown;
    }
    this.#lexiconIdOf[storeId] = id;
    this.#storeIdOf[id] = storeId;
  }

  #entry(post: PostText): Entry & { analysed?: LexicalDocument } {
    const fingerprint = fingerprintOf(post);
    const entry = this.#entries.get(post.id);
    if (entry !== undefined && entry.fingerprint === fingerprint) return entry;
    if (this.#lexicon.size > LEXICON_LIMIT || this.#entries.size >= this.#limit) this.clear();
    const { stems, view } = StemDocument.analyse(post.title, post.text, this.#lexicon);
    this.#entries.set(post.id, { fingerprint, revision: post.revision, stems });
    if (post.revision !== undefined) this.#analysed.set(post.id, { revision: post.revision, stems });
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
    this.#analysed = new Map(); // of the lexicon before: analysed again when next read
    this.#lexiconIdOf = new Int32Array(0);
    this.#storeIdOf = new Uint32Array(0);
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
