// One scoring service per data directory. The service's saved state (stream, calibrations, stream
// vocabulary) is whole only if one process writes it: the server holds a lease row in the store,
// renewed every few seconds, and CLI commands that find it alive leave the scoring to it (its store
// watcher picks their change up). A command run without a server holds the lease while its one-shot
// service runs, so a server starting meanwhile waits for it, and so does a second command.
//
// A holder is alive while it renews and, on this host, its process exists: a killed server's lease is
// taken over at once (its pid is gone), one on another host after `staleMs` without a renewal.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Lease, Store } from '../store/store.ts';
import type { ScoringProgress } from './scoring.ts';

export const SCORING_LEASE = 'scoring';
/** How often the holder renews, and how long without a renewal makes it stale. */
const HEARTBEAT_MS = 3_000;
const STALE_MS = 20_000;
/** How often a process waiting for the lease tries again. */
const RETRY_MS = 500;

/** What the holder says about itself (the lease row's holder JSON). */
export interface ScoringHolder {
  kind: 'server' | 'command';
  pid: number;
  host: string;
  /** The server's address, once it listens. */
  url?: string;
  /** Changes other processes committed before this time (ms) are in the stored matches: the
   *  server's store watcher writes it after each poll. */
  caughtUpTo?: number;
  /** How far its service had come at that poll (jobs/scoring.ts ScoringProgress). */
  progress?: ScoringProgress;
}

export interface ScoringOwner extends ScoringHolder {
  renewedAt: Date;
}

export interface LeaseTiming {
  heartbeatMs?: number;
  staleMs?: number;
  retryMs?: number;
}

// Tokens this process holds: a lease row with our pid and host but another token is a handle of
// this process (tests open two), or — when the token is not ours — a former process that had our pid.
const heldHere = new Set<string>();

/** The live holder of the scoring lease, if any. */
export async function scoringOwner(store: Store, timing: LeaseTiming = {}): Promise<ScoringOwner | undefined> {
  const lease = await store.lease(SCORING_LEASE);
  return lease && alive(lease, timing) ? ownerOf(lease) : undefined;
}

/** "the server at http://…/ (pid 12, host h)" — for messages. */
export function describeOwner(owner: ScoringOwner): string {
  const where = owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
  return owner.kind === 'server' ? `the server${owner.url ? ` at ${owner.url}` : ''} (${where})` : `another sluice command (${where})`;
}

export class ScoringLease {
  readonly #store: Store;
  readonly #token = randomUUID();
  readonly #timing: Required<LeaseTiming>;
  #holder: ScoringHolder;
  #timer: ReturnType<typeof setInterval> | undefined;
  #renewing: Promise<void> = Promise.resolve();
  #lost = false;
  #onLost: (by: ScoringOwner | undefined) => void = () => {};

  private constructor(store: Store, holder: ScoringHolder, timing: LeaseTiming) {
    this.#store = store;
    this.#holder = holder;
    this.#timing = { heartbeatMs: timing.heartbeatMs ?? HEARTBEAT_MS, staleMs: timing.staleMs ?? STALE_MS, retryMs: timing.retryMs ?? RETRY_MS };
  }

  /**
   * Takes the scoring lease, waiting while another live process holds it (`onWait` hears each new
   * holder once). Rejects with an AbortError when `signal` aborts the wait. Once held, it is renewed
   * every heartbeat; `onLost` hears if another process took it over meanwhile (this one stalled
   * longer than `staleMs`).
   */
  static async acquire(
    store: Store,
    kind: ScoringHolder['kind'],
    opts: LeaseTiming & { onWait?: (owner: ScoringOwner) => void; onLost?: (by: ScoringOwner | undefined) => void; signal?: AbortSignal } = {},
  ): Promise<ScoringLease> {
    const lease = new ScoringLease(store, { kind, pid: process.pid, host: hostname() }, opts);
    if (opts.onLost) lease.#onLost = opts.onLost;
    let waitingFor: string | undefined;
    for (;;) {
      opts.signal?.throwIfAborted();
      let current = await lease.#claim();
      // A holder that is gone (its process ended without releasing: killed, crashed) is replaced now.
      if (current.token !== lease.#token && !alive(current, opts)) current = await lease.#claim(current.token);
      if (current.token === lease.#token) break;
      if (current.token !== waitingFor) {
        waitingFor = current.token;
        opts.onWait?.(ownerOf(current));
      }
      await sleep(lease.#timing.retryMs, opts.signal);
    }
    heldHere.add(lease.#token);
    // A beat that fails (the database locked for longer than its busy timeout, say) is tried again at
    // the next; failing for staleMs, the lease goes to another process, and the next beat finds out.
    lease.#timer = setInterval(() => lease.renew().catch(() => {}), lease.#timing.heartbeatMs);
    lease.#timer.unref();
    return lease;
  }

  get lost(): boolean {
    return this.#lost;
  }

  /** Changes what the holder says about itself (its address, how far it has caught up) and renews now. */
  update(change: Partial<Pick<ScoringHolder, 'url' | 'caughtUpTo' | 'progress'>>): Promise<void> {
    this.#holder = { ...this.#holder, ...change };
    return this.renew();
  }

  /** Renews the lease (the heartbeat); finds out whether another process took it over. */
  renew(): Promise<void> {
    if (this.#lost || !this.#timer) return this.#renewing;
    this.#renewing = this.#renewing.catch(() => {}).then(async () => {
      if (this.#lost || !this.#timer) return;
      const current = await this.#claim(undefined, new Date(0));
      if (current.token === this.#token) return;
      this.#lost = true;
      this.#stop();
      this.#onLost(current ? ownerOf(current) : undefined);
    });
    return this.#renewing;
  }

  /** Gives the lease up (the next process waiting takes it within its retry). */
  async release(): Promise<void> {
    this.#stop();
    await this.#renewing.catch(() => {});
    if (!this.#lost) await this.#store.releaseLease(SCORING_LEASE, this.#token);
  }

  #claim(replacing?: string, staleBefore?: Date): Promise<Lease> {
    const at = new Date();
    return this.#store.claimLease(SCORING_LEASE, {
      token: this.#token,
      holder: this.#holder,
      at,
      staleBefore: staleBefore ?? new Date(at.getTime() - this.#timing.staleMs),
      replacing,
    });
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    heldHere.delete(this.#token);
  }
}

function ownerOf(lease: Lease): ScoringOwner {
  return { ...(lease.holder as ScoringHolder), renewedAt: lease.renewedAt };
}

/** Renewed recently and, when it runs on this host, its process still there. */
function alive(lease: Lease, timing: LeaseTiming): boolean {
  if (Date.now() - lease.renewedAt.getTime() > (timing.staleMs ?? STALE_MS)) return false;
  const holder = lease.holder as Partial<ScoringHolder> | null;
  if (!holder || holder.host !== hostname() || !Number.isInteger(holder.pid)) return true;
  if (holder.pid === process.pid) return heldHere.has(lease.token);
  try {
    process.kill(holder.pid as number, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, run by another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
