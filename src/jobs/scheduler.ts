// Runs the refresh job in the background: every tick, whatever feeds are due. Ticks never overlap,
// and stop() waits for the one in flight so a shutdown never cuts a fetch's write in half.
import { refreshFeeds, type RefreshConfig, type RefreshSummary } from './refresh.ts';
import type { Store } from '../store/store.ts';

export interface RefreshScheduler {
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
  const tick = () => {
    if (running || stopped) return;
    running = refreshFeeds(store, config)
      .then((s) => opts.onRun?.(s))
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
