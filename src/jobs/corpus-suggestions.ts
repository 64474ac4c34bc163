// Keywords the stored posts suggest for an interest (issue 3 item 1, "from corpus co-occurrence"):
// terms over-represented in the posts the interest matches — its stored matches above the
// threshold or, for an interest not scored yet (the add form) or matching little, the recent posts
// that contain one of its terms — against the stream's statistics (the scoring service's, saved in
// the store; else the recent posts' own). Stopwords and words above the IDF floor are never offered
// (match/interest/suggest.ts).
import { BUILTIN_EMBEDDER_ID } from '../embed/builtin.ts';
import { gloveTable } from '../embed/glove/table.ts';
import type { CompiledInterest, InterestTerm } from '../match/interest/interest.ts';
import { cooccurrenceSuggestions, surfaceForms } from '../match/interest/suggest.ts';
import { tableBackground } from '../match/score/background-frequency.ts';
import { CorpusStatistics } from '../match/score/corpus-statistics.ts';
import { lexicalDocument, type LexicalDocument } from '../match/score/document.ts';
import type { Store, StoredPost } from '../store/store.ts';
import { storedStreamStatistics } from './stream-statistics.ts';

/** Recent posts read when the interest's own matches are too few, and matches read at most. */
const RECENT_POSTS = 1000;
const MAX_MATCHED = 300;
/** Fewer matched posts than this say nothing about co-occurrence. */
const MIN_MATCHED = 5;

export async function corpusSuggestions(store: Store, interest: CompiledInterest, opts: { interestId?: number; limit?: number; embedderId?: string } = {}): Promise<InterestTerm[]> {
  const background = tableBackground(gloveTable());
  let stats = await storedStreamStatistics(store, opts.embedderId ?? BUILTIN_EMBEDDER_ID);
  let matched: StoredPost[] = [];
  if (opts.interestId !== undefined) {
    const ids = (await store.matchesFor([opts.interestId], { aboveThresholdOnly: true, limit: MAX_MATCHED })).map((m) => m.postId);
    if (ids.length >= MIN_MATCHED) matched = await store.posts({ ids, limit: ids.length });
  }
  let docs = new Map<number, LexicalDocument>();
  if (matched.length < MIN_MATCHED || !stats) {
    const recent = await store.posts({ limit: RECENT_POSTS });
    docs = new Map(recent.map((p) => [p.id, lexicalDocument(p.title, p.text)]));
    if (!stats) {
      stats = new CorpusStatistics(background);
      for (const doc of docs.values()) stats.add(doc);
    }
    if (matched.length < MIN_MATCHED) {
      const terms = interest.terms.map((t) => t.term);
      matched = recent.filter((p) => terms.some((t) => docs.get(p.id)!.counts.has(t))).slice(0, MAX_MATCHED);
    }
  }
  if (matched.length < MIN_MATCHED) return [];
  const matchedDocs = matched.map((p) => docs.get(p.id) ?? lexicalDocument(p.title, p.text));
  return cooccurrenceSuggestions(interest, matchedDocs, stats, opts.limit ?? 10, surfaceForms(matched.map((p) => `${p.title}\n${p.text}`)));
}
