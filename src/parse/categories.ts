// Categories as feeds state them: a term, with an optional scheme and label.
import type { Category } from './entry.ts';

export function category(term: string, scheme: string | undefined, label: string | undefined): Category {
  const out: Category = { term };
  if (scheme) out.scheme = scheme;
  if (label) out.label = label;
  return out;
}

/** Comma-separated keywords (itunes:keywords, <tags>) as categories, without repeats. */
export function addKeywords(list: string, out: Category[]): void {
  for (const k of list.split(',')) {
    const term = k.trim();
    if (term && !out.some((x) => x.term === term)) out.push({ term });
  }
}
