// Freshness: news goes stale, so a post's ranking weight halves every `halfLifeHours`.
//
// The ranking key is
//
//   rankScore = score · 2^(−age / halfLife)        for score ≥ 0
//   rankScore = score · 2^(+age / halfLife)        for score < 0
//
// where `score` is the match stage's calibrated score (standard deviations above the
// interest's typical off-topic post). For the posts a feed shows (score above a positive
// threshold) it reads as "evidence of relevance, halved per half-life of age": a 36-hour-old
// post needs twice the evidence of a fresh one to rank beside it. Negative scores (only ever
// shown with hidden items) grow more negative with age instead of creeping towards zero, so
// age never helps a post. Because the factor is 2^(t/h) · 2^(−now/h), the order of posts does
// not depend on `now`: a page computed later still continues the one computed earlier.

export const DEFAULT_HALF_LIFE_HOURS = 36;

/** How far back posts are ranked by default (the feed, its counts, back-scoring a new interest). */
export const DEFAULT_WINDOW_DAYS = 30;

const HOUR_MS = 3600 * 1000;

/** A half-life that is not a positive number (or Infinity: no decay). */
export class HalfLifeError extends RangeError {
  readonly halfLifeHours: number;
  constructor(halfLifeHours: number) {
    super(`rank: half-life must be a positive number of hours (Infinity turns decay off), got ${halfLifeHours}`);
    this.name = 'HalfLifeError';
    this.halfLifeHours = halfLifeHours;
  }
}

function valid(date: Date | undefined): date is Date {
  return date !== undefined && !Number.isNaN(date.getTime());
}

/**
 * The moment a post's age is counted from: its publication date, except that a date later
 * than when Sluice first saw the post (future-dated, a wrong time zone) is not believed —
 * firstSeenAt is used then, and for undated posts — and nothing is later than `now`. (Clamping
 * only to `now` would keep a post dated 2030 at full freshness for years.)
 */
export function postTime(published: Date | undefined, firstSeenAt: Date, now: Date): number {
  let t = firstSeenAt.getTime();
  if (valid(published) && published.getTime() < t) t = published.getTime();
  return Math.min(t, now.getTime());
}

/** 2^(−age / halfLife) ∈ (0, 1]: 1 for a post of age 0, ½ after one half-life. */
export function freshness(ageMs: number, halfLifeHours: number = DEFAULT_HALF_LIFE_HOURS): number {
  if (!(halfLifeHours > 0)) throw new HalfLifeError(halfLifeHours);
  if (halfLifeHours === Infinity) return 1;
  return 2 ** (-Math.max(0, ageMs) / (halfLifeHours * HOUR_MS));
}

/** The ranking key (see the top of this file) of a calibrated score with a given freshness. */
export function decayedScore(score: number, fresh: number): number {
  // Very old posts underflow the factor to 0: a negative key then stays finite (JSON has no −∞).
  return score >= 0 ? score * fresh : Math.max(score / fresh, -Number.MAX_VALUE);
}

/** The ranking key of a post's calibrated score at `now`. */
export function rankScore(score: number, published: Date | undefined, firstSeenAt: Date, now: Date,
  halfLifeHours: number = DEFAULT_HALF_LIFE_HOURS): number {
  return decayedScore(score, freshness(now.getTime() - postTime(published, firstSeenAt, now), halfLifeHours));
}
