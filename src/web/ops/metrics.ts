// What one server process counts, as Prometheus metrics (GET /metrics). The stages stay unaware of
// the web: `serve` feeds this object from the scheduler's onRun and around the scoring service's
// hooks, and the HTTP middleware (http-metrics.ts) feeds the request latencies.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ScoringHooks } from '../../actions/context.ts';
import type { RefreshSummary } from '../../jobs/refresh.ts';

/** What the scoring service was asked to do (its hooks), as a label. */
export type ScoringTask = 'posts_added' | 'interest_changed' | 'interest_removed' | 'feedback_changed';

export interface MetricsOptions {
  /** Node's process metrics (CPU, memory, event loop lag, GC, handles). Default true. */
  processMetrics?: boolean;
}

// Seconds. Requests should take milliseconds; scoring a refresh's posts or back-scoring an
// interest over 30 days takes seconds to minutes; a refresh of thousands of feeds, minutes.
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SCORING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const REFRESH_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export class Metrics {
  /** Its own registry (not prom-client's global one), so two apps in one process never collide. */
  readonly registry = new Registry();
  readonly #fetches: Counter<'outcome'>;
  readonly #postsIngested: Counter;
  readonly #postsUpdated: Counter;
  readonly #refreshSeconds: Histogram;
  readonly #scoringSeconds: Histogram<'task'>;
  readonly #postsScored: Counter;
  readonly #requestSeconds: Histogram<'method' | 'route' | 'status'>;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.#fetches = new Counter({
      name: 'sluice_fetches_total',
      help: 'Feed fetches by outcome: fetched (new content), not_modified (304 or unchanged) or failed.',
      labelNames: ['outcome'],
      registers,
    });
    this.#postsIngested = new Counter({ name: 'sluice_posts_ingested_total', help: 'New posts stored by the background refresh.', registers });
    this.#postsUpdated = new Counter({ name: 'sluice_posts_updated_total', help: 'Stored posts whose entry changed at a later fetch.', registers });
    this.#refreshSeconds = new Histogram({ name: 'sluice_refresh_duration_seconds', help: 'One background refresh run, every due feed.', buckets: REFRESH_BUCKETS, registers });
    this.#scoringSeconds = new Histogram({
      name: 'sluice_scoring_duration_seconds',
      help: 'Scoring service work: new posts against every interest, or one interest (re)scored over the window.',
      labelNames: ['task'],
      buckets: SCORING_BUCKETS,
      registers,
    });
    this.#postsScored = new Counter({ name: 'sluice_posts_scored_total', help: 'New posts handed to the scoring service.', registers });
    this.#requestSeconds = new Histogram({
      name: 'sluice_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (never the raw path) and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    // Every outcome shows from the start (at 0), so rate() and alerts work before the first failure.
    for (const outcome of ['fetched', 'not_modified', 'failed']) this.#fetches.inc({ outcome }, 0);
  }

  /** One background refresh run (the scheduler's onRun). */
  recordRefresh(summary: RefreshSummary): void {
    this.#fetches.inc({ outcome: 'fetched' }, summary.fetched);
    this.#fetches.inc({ outcome: 'not_modified' }, summary.notModified);
    this.#fetches.inc({ outcome: 'failed' }, summary.failed);
    this.#postsIngested.inc(summary.newPosts);
    this.#postsUpdated.inc(summary.updatedPosts);
    this.#refreshSeconds.observe(summary.durationMs / 1000);
  }

  /** One call of the scoring service, and how many new posts it was given (posts_added). */
  observeScoring(task: ScoringTask, ms: number, posts = 0): void {
    this.#scoringSeconds.observe({ task }, ms / 1000);
    if (posts) this.#postsScored.inc(posts);
  }

  /** One HTTP request; `route` is the pattern that answered (`/api/v1/posts/:id`). */
  observeRequest(method: string, route: string, status: number, ms: number): void {
    this.#requestSeconds.observe({ method, route, status: String(status) }, ms / 1000);
  }

  /** The exposition text for a scrape. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The scoring hooks the web actions call, each call timed (a failed call is timed too). */
export function timedScoringHooks(hooks: ScoringHooks, metrics: Metrics): ScoringHooks {
  const timed = async (task: ScoringTask, work: () => Promise<void>, posts = 0) => {
    const started = performance.now();
    try {
      await work();
    } finally {
      metrics.observeScoring(task, performance.now() - started, posts);
    }
  };
  return {
    postsAdded: (ids) => timed('posts_added', () => hooks.postsAdded(ids), ids.length),
    interestChanged: (id) => timed('interest_changed', () => hooks.interestChanged(id)),
    interestRemoved: (id) => timed('interest_removed', () => hooks.interestRemoved(id)),
    feedbackChanged: (userId, id) => timed('feedback_changed', () => hooks.feedbackChanged(userId, id)),
  };
}
