// A small labelled stream for the matcher's tests: posts drawn from five topics' words plus
// everyday filler, embedded with the built-in embedder. Seeded, so every run is the same.

import { BuiltinEmbedder } from '../../embed/builtin.ts';
import { gloveBackground } from '../../embed/glove/background.ts';
import { seededRandom } from '../../seeded-random.ts';
import { statisticsOf } from '../batch.ts';
import { compileInterest } from '../interest/compile.ts';
import type { CompiledInterest, Interest } from '../interest/interest.ts';
import { tableBackground } from '../score/background-frequency.ts';
import { lexicalDocument } from '../score/document.ts';
import type { MatcherOptions, MatcherPost } from './matcher.ts';

export const TOPICS: Record<string, string[]> = {
  space: ['astronaut', 'rocket', 'orbit', 'launch', 'satellite', 'moon', 'mars', 'telescope', 'spacecraft', 'planet', 'galaxy', 'mission'],
  cooking: ['recipe', 'bake', 'oven', 'flour', 'sugar', 'butter', 'chef', 'kitchen', 'dessert', 'sauce', 'garlic', 'roasted'],
  football: ['goal', 'striker', 'league', 'referee', 'penalty', 'stadium', 'midfielder', 'coach', 'season', 'defender', 'match', 'fans'],
  finance: ['stocks', 'investors', 'market', 'bank', 'shares', 'profit', 'earnings', 'inflation', 'bonds', 'trading', 'economy', 'dividend'],
  gardening: ['garden', 'plants', 'seeds', 'soil', 'flowers', 'tomatoes', 'compost', 'pruning', 'roses', 'vegetables', 'shrubs', 'watering'],
};
const FILLER = ['today', 'people', 'said', 'new', 'also', 'first', 'last', 'week', 'time', 'year', 'good', 'day', 'many', 'around', 'still', 'making', 'told', 'local', 'city', 'news'];

export const INTERESTS: Record<string, Interest> = {
  space: { name: 'Space exploration', keywords: ['rocket', 'astronaut', 'satellite', 'nasa'] },
  cooking: { name: 'Cooking', keywords: ['recipe', 'baking', 'chef'] },
  football: { name: 'Football', keywords: ['football', 'league', 'striker', 'goal'] },
  finance: { name: 'Stock markets', keywords: ['stocks', 'investors', 'shares'] },
  gardening: { name: 'Gardening', keywords: ['garden', 'plants', 'compost'] },
};

export interface LabelledPost extends MatcherPost {
  topic: string;
}

export async function syntheticStream(count: number, seed = 1): Promise<{ posts: LabelledPost[]; embedder: BuiltinEmbedder }> {
  const random = seededRandom(seed);
  const names = Object.keys(TOPICS);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const raw = Array.from({ length: count }, (_, id) => {
    const topic = names[id % names.length];
    const words = Array.from({ length: 30 }, () => (random() < 0.45 ? pick(TOPICS[topic]) : pick(FILLER)));
    return { id: id + 1, topic, title: `${pick(TOPICS[topic])} ${pick(FILLER)} ${pick(TOPICS[topic])}`, text: words.join(' ') + '.' };
  });
  const embedder = new BuiltinEmbedder();
  const vectors = await embedder.embed(raw.map((p) => `${p.title}\n${p.text}`));
  return { posts: raw.map((p, j) => ({ id: p.id, topic: p.topic, vector: vectors[j], doc: lexicalDocument(p.title, p.text) })), embedder };
}

/** The interests compiled against the stream's statistics, by topic. */
export async function compiledInterests(posts: readonly MatcherPost[], embedder: BuiltinEmbedder): Promise<Record<string, CompiledInterest>> {
  const stats = statisticsOf(posts.map((p) => ({ id: String(p.id), vector: p.vector, doc: p.doc })), tableBackground(embedder.table));
  const out: Record<string, CompiledInterest> = {};
  for (const [topic, interest] of Object.entries(INTERESTS)) out[topic] = await compileInterest(interest, embedder, { stats });
  return out;
}

/** The tests' matcher on the synthetic stream: one thread, with the midpoint threshold on (its
 *  default is off until the feed takes each match's threshold: MatcherOptions). */
export function matcherOptions(embedder: BuiltinEmbedder, extra: Partial<MatcherOptions> = {}): MatcherOptions {
  return { embedderId: embedder.id, dims: embedder.dims, background: gloveBackground(), backgroundFrequency: tableBackground(embedder.table), threads: 1, midpointThreshold: true, ...extra };
}
