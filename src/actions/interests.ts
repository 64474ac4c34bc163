// Adding, editing and removing interests — the same rules for the CLI, the web pages and the APIs:
// validated (limits, tidy whitespace), refused when nothing is left to match on, unique per user by
// name, and the scoring service told so the interest's matches are back-scored.
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { compileInterest, interestTerms } from '../match/interest/compile.ts';
import { corpusSuggestions } from '../jobs/corpus-suggestions.ts';
import { storedStreamStatistics } from '../jobs/stream-statistics.ts';
import { InterestError, type CompiledInterest, type Interest, type InterestTerm } from '../match/interest/interest.ts';
import { parseLearned, type LearnedInterest } from '../match/matcher/learned-state.ts';
import { neighbourSuggestions } from '../match/interest/suggest.ts';
import { parseKeywordList, shownName, validateInterest } from '../match/interest/validate.ts';
import { DuplicateError } from '../store/errors.ts';
import type { StoredInterest, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';

/** What a form or a request gives: keywords as a list or as "a, b, c". */
export interface InterestInput {
  name: string;
  description?: string;
  keywords?: string[] | string;
}

/** An interest as JSON (`sluice interests list --json`, `GET /api/v1/interests`). */
export function interestJson(i: StoredInterest) {
  return {
    id: i.id,
    name: i.name,
    description: i.description ?? null,
    keywords: i.keywords,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** The user's interest by id, or a not_found refusal (also for another user's interest). */
export async function ownInterest(ctx: ActionContext, user: User, id: number): Promise<StoredInterest> {
  const interest = (await ctx.store.interests(user.id)).find((i) => i.id === id);
  if (!interest) throw new ActionError('not_found', `you have no interest with id ${id}`);
  return interest;
}

export async function interestNamed(ctx: ActionContext, user: User, name: string): Promise<StoredInterest> {
  const interest = await ctx.store.interestByName(user.id, name);
  if (!interest) throw new ActionError('not_found', `you have no interest named "${shownName(name)}"`);
  return interest;
}

export async function addInterest(ctx: ActionContext, user: User, input: InterestInput): Promise<StoredInterest> {
  const interest = checked(input);
  const stored = await storing(() => ctx.store.addInterest(user.id, interest));
  await ctx.scoring?.interestChanged(stored.id);
  return stored;
}

/** Replaces name, description and keywords (absent fields keep their value). Learned state is kept. */
export async function updateInterest(ctx: ActionContext, user: User, id: number, input: Partial<InterestInput>): Promise<StoredInterest> {
  const current = await ownInterest(ctx, user, id);
  const interest = checked({
    name: input.name ?? current.name,
    description: input.description ?? current.description,
    keywords: input.keywords ?? current.keywords,
  });
  const updated = await storing(() => ctx.store.updateInterest(user.id, id, interest));
  if (!updated) throw new ActionError('not_found', `you have no interest with id ${id}`);
  await ctx.scoring?.interestChanged(id);
  return updated;
}

export async function removeInterest(ctx: ActionContext, user: User, id: number): Promise<StoredInterest> {
  const interest = await ownInterest(ctx, user, id);
  if (!(await ctx.store.removeInterest(user.id, id))) throw new ActionError('not_found', `you have no interest with id ${id}`);
  await ctx.scoring?.interestRemoved(id);
  return interest;
}

/** What an interest's "Advanced" view and the add form offer: keywords from the embedding
 *  neighbourhood (what the words mean in general) and from co-occurrence in the stored posts (what
 *  they mean in this stream), each without the interest's own terms; `suggestions` interleaves both. */
export interface KeywordSuggestions {
  suggestions: string[];
  neighbourhood: string[];
  corpus: string[];
}

/** What feedback did to an interest, for its Advanced view. */
export interface LearnedSummary {
  feedback: LearnedInterest['feedback'];
  threshold: number;
}

/** The Advanced view's facts: `compiled.terms` are the terms the matcher uses now. */
export type DescribedInterest = { compiled: CompiledInterest; learned?: LearnedSummary } & KeywordSuggestions;

/** The "Advanced" view of an interest: every lexical term with its weight and origin, what was refused
 *  and why, and suggested keywords (from the stored posts too when given a context). After feedback
 *  the matcher matches with the learned lexical vector instead of the compiled terms, so those are
 *  the terms shown: each with its origin (a keyword, the name, ... or "learned" for a word feedback
 *  brought in), strongest first. */
export async function describeInterest(interest: StoredInterest, ctx?: ActionContext): Promise<DescribedInterest> {
  const embedder = new BuiltinEmbedder();
  // With the stream's document frequencies, as the matcher compiles it: words too common here are
  // listed as not used, not as terms.
  const stats = ctx ? await storedStreamStatistics(ctx.store) : undefined;
  const compiled = await compileInterest(interest, embedder, { stats });
  const learned = learnedOf(interest.learned);
  if (!learned) return { compiled, ...(await suggestionsFor(compiled, embedder, 10, ctx, interest.id)) };
  const byTerm = new Map(compiled.terms.map((t) => [t.term, t]));
  const terms: InterestTerm[] = learned.terms.map(([term, weight]) => {
    const own = byTerm.get(term);
    return { term, weight, source: own?.source ?? 'learned', text: own?.text ?? term };
  });
  // A word feedback already brought in is no suggestion.
  const used = new Set(terms.map((t) => t.term));
  return {
    compiled: { ...compiled, terms },
    learned: { feedback: learned.feedback, threshold: learned.threshold },
    ...(await suggestionsFor(compiled, embedder, 10, ctx, interest.id, used)),
  };
}

/** The learned state feedback left on an interest, whatever embedder it was learned under (its terms
 *  are words, the same in every space). */
function learnedOf(learned: unknown): LearnedInterest | undefined {
  const l = learned as Partial<LearnedInterest> | null | undefined;
  if (typeof l?.embedderId !== 'string' || !Array.isArray(l.vector)) return undefined;
  return parseLearned(l, l.embedderId, l.vector.length);
}

/** The Advanced view as JSON (`sluice interests show --json`, `GET /api/v1/interests/:id/terms`): the
 *  interest, each term with its weight to three places and its origin, what was refused, the suggestions,
 *  and what feedback did (null before any): how many verdicts, the threshold they set. */
export function describedInterestJson(interest: StoredInterest, { compiled, suggestions, learned }: Pick<DescribedInterest, 'compiled' | 'suggestions' | 'learned'>) {
  return {
    ...interestJson(interest),
    embedder: compiled.embedderId,
    terms: compiled.terms.map((t) => ({ term: t.term, text: t.text, weight: Math.round(t.weight * 1000) / 1000, source: t.source })),
    refused: compiled.refused,
    suggestions,
    learned: learned ? { ...learned.feedback, threshold: Math.round(learned.threshold * 1000) / 1000 } : null,
  };
}

/** Keywords suggested for an interest being written (the add form), from the stored posts too when given a context. */
export async function suggestKeywords(input: InterestInput, limit = 10, ctx?: ActionContext): Promise<string[]> {
  const interest = checked(input, { allowEmpty: true });
  const embedder = new BuiltinEmbedder();
  return (await suggestionsFor(await compileInterest(interest, embedder), embedder, limit, ctx)).suggestions;
}

async function suggestionsFor(compiled: CompiledInterest, embedder: BuiltinEmbedder, limit: number, ctx?: ActionContext, interestId?: number,
  used: ReadonlySet<string> = new Set()): Promise<KeywordSuggestions> {
  const neighbourhood = neighbourSuggestions(compiled, embedder, limit).filter((t) => !used.has(t.term));
  let corpus: InterestTerm[] = [];
  if (ctx) {
    try {
      corpus = (await corpusSuggestions(ctx.store, compiled, { interestId, limit })).filter((t) => !used.has(t.term));
    } catch (err) {
      // Suggestions are a help, not the action: the neighbourhood's still come.
      ctx.warn?.(`keyword suggestions from the stored posts failed: ${(err as Error).message}`);
    }
  }
  const seen = new Set<string>();
  const suggestions: string[] = [];
  for (let i = 0; i < Math.max(neighbourhood.length, corpus.length) && suggestions.length < limit; i++) {
    for (const t of [corpus[i], neighbourhood[i]]) {
      if (!t || seen.has(t.term) || suggestions.length === limit) continue;
      seen.add(t.term);
      suggestions.push(t.text);
    }
  }
  return { suggestions, neighbourhood: neighbourhood.map((t) => t.text), corpus: corpus.map((t) => t.text) };
}

function checked(input: InterestInput, opts: { allowEmpty?: boolean } = {}): Interest {
  let interest: Interest;
  try {
    interest = validateInterest({
      name: input.name,
      description: input.description,
      keywords: typeof input.keywords === 'string' ? parseKeywordList(input.keywords) : (input.keywords ?? []),
    });
  } catch (err) {
    if (err instanceof InterestError) throw new ActionError('invalid', err.message, { cause: err });
    throw err;
  }
  // Refused before it is stored: an interest made only of common words would match nothing (or everything).
  if (!opts.allowEmpty && interestTerms(interest).terms.length === 0) {
    throw new ActionError('invalid', `interest "${interest.name}" has no word to match on (only common words); add keywords`);
  }
  return interest;
}

async function storing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicateError) throw new ActionError('conflict', err.message, { cause: err });
    throw err;
  }
}
