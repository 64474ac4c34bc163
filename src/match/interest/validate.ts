// What a user may write as an interest, checked in one place for the CLI, the web forms and the API:
// clear errors for empty or absurdly large interests instead of a slow or silent failure later.
import { InterestError, type Interest } from './interest.ts';

export const INTEREST_LIMITS = {
  nameLength: 200,
  descriptionLength: 2000,
  keywordLength: 100,
  /** Scour's heaviest users have ~5,000 terms over 600 interests; one interest needs far fewer. */
  keywords: 500,
} as const;

/** A name as messages quote it: whole when it could be an interest's, else its start and its length
 *  (a 100 kB name pasted by mistake must not come back as a 100 kB error). */
export function shownName(name: string): string {
  return name.length <= INTEREST_LIMITS.nameLength ? name : `${name.slice(0, 40)}… (${name.length} characters)`;
}

/** "a, b ,c,,a" → ["a", "b", "c"]: comma-separated, trimmed, empty and repeated (any case) dropped. */
export function parseKeywordList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const k = raw.trim().replace(/\s+/g, ' ');
    if (k === '' || seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    out.push(k);
  }
  return out;
}

/** The interest with whitespace tidied, or an InterestError saying what is wrong. */
export function validateInterest(input: Interest): Interest {
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (name === '') throw new InterestError('', 'an interest needs a name');
  if (name.length > INTEREST_LIMITS.nameLength) throw new InterestError(shownName(name), `name is longer than ${INTEREST_LIMITS.nameLength} characters`);
  const description = input.description?.trim() || undefined;
  if (description && description.length > INTEREST_LIMITS.descriptionLength) {
    throw new InterestError(name, `description is longer than ${INTEREST_LIMITS.descriptionLength} characters`);
  }
  const keywords = parseKeywordList((input.keywords ?? []).join(','));
  if (keywords.length > INTEREST_LIMITS.keywords) throw new InterestError(name, `has ${keywords.length} keywords; at most ${INTEREST_LIMITS.keywords} are allowed`);
  const long = keywords.find((k) => k.length > INTEREST_LIMITS.keywordLength);
  if (long) throw new InterestError(name, `keyword "${long.slice(0, 30)}…" is longer than ${INTEREST_LIMITS.keywordLength} characters`);
  return { name, description, keywords };
}
