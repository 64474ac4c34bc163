// Retry-After (RFC 9110 §10.2.3) is either delay-seconds or an HTTP-date; servers send both in the wild.

/** The wait the header asks for, in milliseconds (0 for dates in the past), or undefined if unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only date-looking text: Date.parse would also accept bare numbers like "-5" or "1.5".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
