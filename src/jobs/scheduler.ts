// Runs the refresh job in the background: every tick, whatever feeds are due. Ticks never overlap,
// and stop() waits for the one in flight so a shutdown never cuts a fetch's write in half.
// refreshSoon() asks for a run now (feeds were just added: an OPML import should not wait a minute
// for its first posts); asked while a run is in flight, one more run follows it.
import { refreshFeeds, type RefreshConfig, type RefreshSummary } from './refresh.ts';
import type { Store } from '../store/store.ts';

export interface RefreshScheduler {
  /** Fetch what is due now, not at the next tick (after the run in flight, if one is). */
  refreshSoon(): void;
  stop(): Promise<void>;
}

export function startRefreshScheduler(
  store: Store,
  config: RefreshConfig,
  opts: { intervalMs?: number; onRun?: (s: RefreshSummary) => void | Promise<void>; onError?: (err: unknown) => void } = {},
): RefreshScheduler {
  const intervalMs = opts.intervalMs ?? 60_000;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  // A tick during a run is dropped (the next one comes); an asked-for run waits for its turn.
  const start = (queue: boolean) => {
    if (stopped) return;
    if (running) {
      again ||= queue;
      return;
    }
    running = refreshFeeds(store, config)
      .then((s) => opts.onRun?.(s))
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          start(false);
        }
      });
  };
  const tick = () => start(false);
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    refreshSoon: () => start(true),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running; // a run asked for and not started yet is not started
    },
  };
}
