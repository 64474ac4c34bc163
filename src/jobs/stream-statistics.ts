// The stream's document frequencies as the scoring service last saved them (per embedder, in
// `matcher_streams`), for what must judge words as the matcher does without running it: which
// words are too common to be an interest's terms (the Advanced view, `interests add`), which
// co-occur unusually often (keyword suggestions). Undefined before the service has saved any.
import { BUILTIN_EMBEDDER_ID } from '../embed/builtin.ts';
import { gloveTable } from '../embed/glove/table.ts';
import { tableBackground } from '../match/score/background-frequency.ts';
import { CorpusStatistics, type CorpusStatisticsJson } from '../match/score/corpus-statistics.ts';
import type { Store } from '../store/store.ts';

export async function storedStreamStatistics(store: Store, embedderId = BUILTIN_EMBEDDER_ID): Promise<CorpusStatistics | undefined> {
  const corpus = ((await store.matcherStream(embedderId)) as { matcher?: { corpus?: CorpusStatisticsJson } } | undefined)?.matcher?.corpus;
  if (!corpus) return undefined;
  try {
    // Smoothed by the language's word frequencies, as the service's are.
    return CorpusStatistics.fromJSON(corpus, tableBackground(gloveTable()));
  } catch {
    return undefined; // an older or foreign shape
  }
}
