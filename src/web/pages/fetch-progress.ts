// How far the background refresh has got through the reader's feeds that were never fetched — after an
// OPML import of hundreds of feeds, the wait is the fetching, not the upload (30,000 feeds are
// subscribed in about a second). Shown on the import result and the feeds page while feeds are
// waiting; `GET /feeds/progress` answers the same numbers as JSON, which the script polls to move the
// bar without a reload.
import type { Subscription } from '../../store/store.ts';

export const FETCH_PROGRESS_PATH = '/feeds/progress';

export interface FetchProgress {
  /** Feeds followed. */
  total: number;
  /** Fetched at least once (successfully or not), or disabled. */
  fetched: number;
  /** Of those, the ones whose last fetch failed. */
  failing: number;
}

export function fetchProgress(subs: readonly Subscription[]): FetchProgress {
  let fetched = 0;
  let failing = 0;
  for (const { feed } of subs) {
    if (feed.lastFetchAt || feed.status === 'disabled') fetched++;
    if (feed.status === 'error') failing++;
  }
  return { total: subs.length, fetched, failing };
}

/** The bar and its line, or nothing when every feed has been fetched. */
export function fetchProgressSection(p: FetchProgress): string {
  if (p.fetched >= p.total) return '';
  return `<section class="progress-box" aria-labelledby="progress-title" data-progress-url="${FETCH_PROGRESS_PATH}">
<h2 id="progress-title">Fetching your feeds</h2>
<p><progress id="fetch-progress" max="${p.total}" value="${p.fetched}" aria-describedby="progress-line">${p.fetched} of ${p.total}</progress></p>
<p class="hint" id="progress-line">${progressLine(p)}</p>
<p class="hint">Sluice fetches them in the background, a few at a time; posts are ranked as they arrive. You can leave this page.</p>
</section>`;
}

/** "12 of 340 feeds fetched (2 failing)" — the script writes the same sentence as it polls. */
export function progressLine(p: FetchProgress): string {
  return `${p.fetched} of ${p.total} feeds fetched${p.failing ? ` (${p.failing} failing: see below)` : ''}.`;
}
