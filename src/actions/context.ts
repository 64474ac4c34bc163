// What every action runs with: the store, the configuration, and — when a scoring service runs (the
// server) — the hooks that keep stored matches current as interests, feedback and posts change.
import type { RefreshConfig } from '../jobs/refresh.ts';
import type { Store } from '../store/store.ts';

/** Told when something that matches depend on changed. Each call may take a while (back-scoring). */
export interface ScoringHooks {
  interestChanged(interestId: number): Promise<void>;
  interestRemoved(interestId: number): Promise<void>;
  feedbackChanged(userId: number, interestId: number | undefined): Promise<void>;
  postsAdded(postIds: readonly number[]): Promise<void>;
}

export interface ActionContext {
  store: Store;
  config: RefreshConfig;
  scoring?: ScoringHooks;
  /** Where problems that do not stop the action go (a failed first fetch, a fallback embedder). */
  warn?: (message: string) => void;
  /** Feeds were added without their first fetch (an OPML import): fetch what is due now rather than
   *  at the background refresh's next tick. Absent where nothing refreshes in the background. */
  refreshSoon?: () => void;
}
