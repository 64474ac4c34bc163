// When to fetch a feed next. Pure functions of the feed's history, so the refresh job stays simple and the
// policy is tested on its own.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SCHEDULE_DEFAULTS = {
  /** Never poll a healthy feed more often than this. */
  minPollMs: 15 * MINUTE,
  /** Poll every feed at least this often, however quiet. */
  maxPollMs: DAY,
  /** Posting rate is measured over this window; older posts say little about today's habits. */
  rateWindowMs: 30 * DAY,
  /** First retry after an error; doubles per consecutive error. */
  backoffBaseMs: 15 * MINUTE,
  backoffCapMs: DAY,
  /** A Retry-After beyond this is treated as this (a server asking for a month is not taken literally). */
  retryAfterCapMs: 7 * DAY,
} as const;

export interface PollHistory {
  /** Publication times of the feed's recent entries, any order. */
  recentEntryTimes: readonly Date[];
  now: Date;
  /** RSS <ttl>: the publisher asks caches to keep the feed this many minutes. */
  ttlMinutes?: number;
}

/**
 * Delay until the next poll of a healthy feed, from its recent posting rate: half the mean gap between
 * posts over the window (so a new post waits about a quarter of a gap on average), clamped to
 * [15 min, 24 h]. Feeds with no recent posts get the ceiling. `<ttl>` is honoured as a lower bound, but
 * never beyond the ceiling.
 */
export function nextPollDelay({ recentEntryTimes, now, ttlMinutes }: PollHistory, limits = SCHEDULE_DEFAULTS): number {
  const t = now.getTime();
  // Future dates are clock errors or scheduled posts; neither says how often the feed changes.
  const recent = recentEntryTimes.map((d) => d.getTime()).filter((ms) => ms <= t && ms > t - limits.rateWindowMs);
  let delay: number = limits.maxPollMs;
  if (recent.length > 0) {
    const span = t - Math.min(...recent);
    const meanGap = span / recent.length;
    delay = clamp(meanGap / 2, limits.minPollMs, limits.maxPollMs);
  }
  if (ttlMinutes !== undefined && Number.isFinite(ttlMinutes) && ttlMinutes > 0) {
    delay = Math.max(delay, Math.min(ttlMinutes * MINUTE, limits.maxPollMs));
  }
  return Math.round(delay);
}

/**
 * Delay before retrying a feed after `consecutiveErrors` failures in a row (1 = the first): base·2^(n−1)
 * capped at 24 h, with "equal jitter" (between half and all of it) so feeds that failed together
 * (a host outage) don't retry together. A larger Retry-After from the server wins.
 */
export function errorBackoffDelay(
  consecutiveErrors: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
  limits = SCHEDULE_DEFAULTS,
): number {
  const n = Math.max(1, Math.floor(consecutiveErrors));
  // 2^(n-1) overflows to Infinity for absurd n; min() keeps it finite.
  const exp = Math.min(limits.backoffCapMs, limits.backoffBaseMs * 2 ** Math.min(n - 1, 52));
  const jittered = exp / 2 + (exp / 2) * random();
  const asked = retryAfterMs !== undefined && retryAfterMs > 0 ? Math.min(retryAfterMs, limits.retryAfterCapMs) : 0;
  return Math.round(Math.max(jittered, asked));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
