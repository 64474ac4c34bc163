// Login throttling: at most `maxFailures` failed attempts per key (an IP address, an account name) in a
// sliding window. In memory: one server process guards its own door, and a restart forgets — acceptable
// for a self-hosted reader; a shared store comes with scale-out.

export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const LOGIN_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 };
const MAX_KEYS = 10_000;

export class FailureRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly options: RateLimitOptions;

  constructor(options: RateLimitOptions = LOGIN_LIMIT) {
    this.options = options;
  }

  /** Seconds until any of these keys may try again; 0 when none is blocked. */
  retryAfter(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.options.maxFailures) {
        // Blocked until the oldest failure that still counts leaves the window.
        const until = recent[recent.length - this.options.maxFailures] + this.options.windowMs;
        wait = Math.max(wait, Math.ceil((until - now) / 1000));
      }
    }
    return wait;
  }

  recordFailure(keys: readonly string[], now: number): void {
    for (const key of keys) {
      // Only the last maxFailures times decide a block; re-inserting keeps the map ordered by last failure.
      const recent = this.recent(key, now);
      recent.splice(0, recent.length - (this.options.maxFailures - 1));
      recent.push(now);
      this.failures.delete(key);
      this.failures.set(key, recent);
    }
    if (this.failures.size > MAX_KEYS) this.sweep(now);
  }

  /** A successful login clears the account's count (not the IP's: one good password must not unlock guessing others). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key) ?? [];
    const from = now - this.options.windowMs;
    return times.filter((t) => t > from);
  }

  /** Bounds memory under a flood of distinct keys (e.g. made-up account names); amortised O(1) per failure. */
  private sweep(now: number): void {
    for (const key of this.failures.keys()) {
      const recent = this.recent(key, now);
      if (recent.length) this.failures.set(key, recent);
      else this.failures.delete(key);
    }
    // Still flooded: forget the keys that failed longest ago (their blocks lapse early); the flooding
    // address fails on every attempt, so it stays among the newest and stays blocked.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS * 0.75) break;
      this.failures.delete(key);
    }
  }
}
