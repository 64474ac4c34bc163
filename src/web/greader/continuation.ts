// The `continuation` a stream page ends with and the next call sends back as `c`. Opaque to clients;
// here it is where the page ended: a post's sort time and id for date order (the store's cursor, stable
// while new posts arrive), or the ranked feed's rank key for relevance order. Only URL-safe characters,
// since clients put it in a query string as it is.
import type { PostCursor } from '../../store/store.ts';
import { badRequest } from './errors.ts';

export type Continuation = { order: 'date'; after: PostCursor } | { order: 'ranked'; before: number };

export function encodeContinuation(c: Continuation): string {
  if (c.order === 'date') return `d${c.after.time.getTime()}.${c.after.id}`;
  // The rank key is any double (negative, fractional): its 8 bytes in hex survive any query string.
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(c.before);
  return `r${bytes.toString('hex')}`;
}

export function decodeContinuation(text: string): Continuation {
  const date = /^d(-?\d{1,15})\.(\d{1,16})$/.exec(text);
  if (date) return { order: 'date', after: { time: new Date(Number(date[1])), id: Number(date[2]) } };
  const ranked = /^r([0-9a-f]{16})$/.exec(text);
  if (ranked) {
    const before = Buffer.from(ranked[1], 'hex').readDoubleBE();
    if (Number.isFinite(before)) return { order: 'ranked', before };
  }
  throw badRequest(`continuation "${text}" is not one this server gave`);
}
