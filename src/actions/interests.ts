// Adding, editing and removing interests — the same rules for the CLI, the web pages and the APIs:
// validated (limits, tidy whitespace), refused when nothing is left to match on, unique per user by
// name, and the scoring service told so the interest's matches are back-scored.
import { BuiltinEmbedder } from '../embed/builtin.ts';
import { compileInterest, interestTerms } from '../match/interest/compile.ts';
import { InterestError, type CompiledInterest, type Interest } from '../match/interest/interest.ts';
import { neighbourSuggestions } from '../match/interest/suggest.ts';
import { parseKeywordList, validateInterest } from '../match/interest/validate.ts';
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
  if (!interest) throw new ActionError('not_found', `you have no interest named "${name}"`);
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

/** The "Advanced" view of an interest: every lexical term with its weight and origin, what was refused
 *  and why, and keywords suggested from the embedding neighbourhood. */
export async function describeInterest(interest: StoredInterest): Promise<{ compiled: CompiledInterest; suggestions: string[] }> {
  const embedder = new BuiltinEmbedder();
  const compiled = await compileInterest(interest, embedder);
  return { compiled, suggestions: neighbourSuggestions(compiled, embedder, 10).map((t) => t.text) };
}

/** Keywords the embedding neighbourhood suggests for an interest being written (the add form). */
export async function suggestKeywords(input: InterestInput, limit = 10): Promise<string[]> {
  const interest = checked(input, { allowEmpty: true });
  const embedder = new BuiltinEmbedder();
  return neighbourSuggestions(await compileInterest(interest, embedder), embedder, limit).map((t) => t.text);
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
