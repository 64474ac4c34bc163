// The server notices what CLI commands (other processes) change in the store it serves: a cheap mark
// is polled every few seconds (for SQLite, PRAGMA data_version: a counter other connections' commits
// move), and when it moves the scoring service syncs — interests added, edited or removed, feedback,
// posts — so stored matches follow without a restart.

/** What the watcher needs: the store's mark and the service's sync. */
export interface WatchedStore {
  externalChangeMark(): Promise<number | undefined>;
}
export interface Syncing {
  syncWithStore(): Promise<number>;
}

export interface StoreWatch {
  /** Stops polling; resolves when a sync in flight has finished. */
  stop(): Promise<void>;
  /** Resolves after the next poll (and its sync, if the mark moved) has run: for tests and shutdown. */
  poll(): Promise<void>;
}

export function watchStore(
  store: WatchedStore,
  service: Syncing,
  opts: {
    intervalMs?: number;
    warn?: (message: string) => void;
    /** After each poll: what other processes committed before `startedAt` (ms) is synced. */
    onCaughtUp?: (startedAt: number) => Promise<void> | void;
  } = {},
): StoreWatch {
  const warn = opts.warn ?? (() => {});
  // No mark yet: the first poll always syncs (a change may have landed while the service started).
  let seen: number | undefined | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const once = async (): Promise<void> => {
    try {
      const startedAt = Date.now();
      const mark = await store.externalChangeMark();
      if (mark === undefined || mark !== seen) {
        seen = mark;
        await service.syncWithStore();
      }
      await opts.onCaughtUp?.(startedAt);
    } catch (err) {
      warn(`scoring: could not pick up changes made by other processes: ${(err as Error).message}`);
    }
  };
  const poll = (): Promise<void> => {
    if (stopped) return running;
    running = running.then(once);
    return running;
  };
  const timer = setInterval(() => void poll(), opts.intervalMs ?? 2000);
  timer.unref();
  void poll();
  return {
    poll,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
