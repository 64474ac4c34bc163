// An entry without a GUID still needs an id that stays the same on every fetch, so it is derived from
// what identifies the entry to a reader: its link, title and date. Hashed to keep ids short and opaque.
import { createHash } from 'node:crypto';

export function derivedEntryId(link: string | undefined, title: string | undefined, date: Date | undefined, content?: string): string {
  const basis = [link ?? '', title ?? '', date ? date.toISOString() : '', link || title ? '' : (content ?? '')].join('\n');
  return 'sluice:' + createHash('sha256').update(basis).digest('hex').slice(0, 32);
}
