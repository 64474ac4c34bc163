// The small schemas many routes share: ids in paths, timestamps, the error body.
import { z } from 'zod';

/** A database id in a JSON body. */
export const BodyId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A database id in a path or a query string (text, read as a number). */
export const QueryId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A database id in a path (`/feeds/42`). */
export const IdParams = z.object({ id: QueryId.meta({ description: 'the id', example: 42 }) });

/** Times are ISO 8601 in UTC. */
export const Timestamp = z.iso.datetime();

export function timestamp(date: Date): string;
export function timestamp(date: Date | undefined): string | null;
export function timestamp(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** How every refusal looks (the codes are app.ts's: invalid, not_found, conflict, unreachable, unauthorized, …). */
export const ErrorBody = z
  .object({ error: z.object({ code: z.string().meta({ example: 'not_found' }), message: z.string() }) })
  .meta({ id: 'Error' });

/** Query flags as a browser or curl writes them: true/false, 1/0, yes/no, on/off (listed in the document). */
const TRUE_WORDS = ['true', '1', 'yes', 'on'];
export const QueryFlag = z.enum([...TRUE_WORDS, 'false', '0', 'no', 'off']).transform((word) => TRUE_WORDS.includes(word));
