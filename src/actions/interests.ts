// Adding, editing and removing interests — the same rules for the CLI, the web pages and the APIs:
// validated (limits, tidy whitespace), refused when nothing is left to match on, unique per user by
// name, and the scoring service told so the interest's matches are back-scored.
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { compileInterest, interestTerms } from '../match/interest/compile.ts';
import { corpusSuggestions } from '../jobs/corpus-suggestions.ts';
import { InterestError, type CompiledInterest, type Interest, type InterestTerm } from '../match/interest/interest.ts';
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

/** The "Advanced" view of an interest: every lexical term with its weight and origin, what was refused
 *  and why, and suggested keywords (from the stored posts too when given a context). */
export async function describeInterest(interest: StoredInterest, ctx?: ActionContext): Promise<{ compiled: CompiledInterest } & KeywordSuggestions> {
  const embedder = new BuiltinEmbedder();
  const compiled = await compileInterest(interest, embedder);
  return { compiled, ...(await suggestionsFor(compiled, embedder, 10, ctx, interest.id)) };
}

/** The Advanced view as JSON (`sluice interests show --json`, `GET /api/v1/interests/:id/terms`): the
 *  interest, each term with its weight to three places and its origin, what was refused, the suggestions. */
export function describedInterestJson(interest: StoredInterest, { compiled, suggestions }: { compiled: CompiledInterest; suggestions: string[] }) {
  return {
    ...interestJson(interest),
    embedder: compiled.embedderId,
    terms: compiled.terms.map((t) => ({ term: t.term, text: t.text, weight: Math.round(t.weight * 1000) / 1000, source: t.source })),
    refused: compiled.refused,
    suggestions,
  };
}

/** Keywords suggested for an interest being written (the add form), from the stored posts too when given a context. */
export async function suggestKeywords(input: InterestInput, limit = 10, ctx?: ActionContext): Promise<string[]> {
  const interest = checked(input, { allowEmpty: true });
  const embedder = new BuiltinEmbedder();
  return (await suggestionsFor(await compileInterest(interest, embedder), embedder, limit, ctx)).suggestions;
}

async function suggestionsFor(compiled: CompiledInterest, embedder: BuiltinEmbedder, limit: number, ctx?: ActionContext, interestId?: number): Promise<KeywordSuggestions> {
  const neighbourhood = neighbourSuggestions(compiled, embedder, limit);
  let corpus: InterestTerm[] = [];
  if (ctx) {
    try {
      corpus = await corpusSuggestions(ctx.store, compiled, { interestId, limit });
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
