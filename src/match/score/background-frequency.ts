// Background document frequencies of stems, from the word table's frequency order (GloVe lists
// its words most frequent first; Zipf's law turns a rank into a probability, embed/sif.ts).
// The prior CorpusStatistics smooths towards until the stream has statistics of its own.

import type { WordTable } from '../../embed/glove/table.ts';
import { zipfProbability } from '../../embed/sif.ts';
import { cachedStem } from '../../text/terms.ts';
import { backgroundShare, type BackgroundFrequency } from './corpus-statistics.ts';

const cache = new WeakMap<WordTable, BackgroundFrequency>();

/** p(stem or phrase in a background document). A stem's probability is the sum over the words
 *  that share it; a phrase's is its parts' product (independence: an underestimate, which
 *  errs towards treating a phrase as specific, as it usually is). */
export function tableBackground(table: WordTable): BackgroundFrequency {
  const known = cache.get(table);
  if (known) return known;
  const probability = new Map<string, number>();
  for (let row = 0; row < table.size; row++) {
    const word = table.words[row];
    if (!/^\p{L}/u.test(word)) continue;
    const s = cachedStem(word);
    probability.set(s, (probability.get(s) ?? 0) + zipfProbability(row));
  }
  const frequency: BackgroundFrequency = (term) => {
    let share = 1;
    for (const part of term.split(' ')) {
      const p = probability.get(part);
      if (p === undefined) return undefined;
      share *= backgroundShare(p);
    }
    return share;
  };
  cache.set(table, frequency);
  return frequency;
}
