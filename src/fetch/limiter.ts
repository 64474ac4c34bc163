// Runs many fetches at once without hammering anyone: a global limit (our sockets, memory, CPU) and a
// per-host limit (politeness: a small blog should not see 16 parallel requests from one reader).
// Waiting tasks are served round-robin across hosts, so one host with 1,000 feeds (a blog platform)
// cannot starve the others, and a busy host never blocks the queue behind it.

export interface FetchPoolOptions {
  /** Tasks running at once in total. Default 16. */
  global?: number;
  /** Tasks running at once per host. Default 2. */
  perHost?: number;
  /** The politeness key of a URL; default its host name. */
  hostOf?: (url: string) => string;
}

export interface FetchPool {
  /** Runs `task` once a global slot and a slot for the URL's host are free; settles as the task does. */
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
  readonly running: number;
  readonly waiting: number;
}

interface Waiter {
  start: () => void;
}

interface HostState {
  running: number;
  waiters: Waiter[];
  /** Index of the next waiter (a head index: shift() on long arrays is O(n)). */
  head: number;
  /** Whether the host is in the ready ring. */
  ready: boolean;
}

export function createFetchPool(opts: FetchPoolOptions = {}): FetchPool {
  const globalLimit = positive(opts.global ?? 16, 'global');
  const perHostLimit = positive(opts.perHost ?? 2, 'perHost');
  const hostOf = opts.hostOf ?? defaultHostOf;
  const hosts = new Map<string, HostState>();
  // Hosts with a waiter and a free per-host slot, in the order they became ready.
  let ready: HostState[] = [];
  let readyHead = 0;
  let running = 0;
  let waiting = 0;
  let idleWaiters: (() => void)[] = [];

  function markReady(host: HostState) {
    if (!host.ready && host.head < host.waiters.length && host.running < perHostLimit) {
      host.ready = true;
      ready.push(host);
    }
  }

  function dispatch() {
    while (running < globalLimit && readyHead < ready.length) {
      const host = ready[readyHead++];
      host.ready = false;
      const waiter = host.waiters[host.head++];
      if (host.head === host.waiters.length) {
        host.waiters = [];
        host.head = 0;
      }
      waiting--;
      running++;
      host.running++;
      markReady(host); // back of the ring if it can take more: round-robin
      waiter.start();
    }
    if (readyHead === ready.length) {
      ready = [];
      readyHead = 0;
    } else if (readyHead > 1024 && readyHead * 2 > ready.length) {
      ready = ready.slice(readyHead);
      readyHead = 0;
    }
  }

  function finished(key: string, host: HostState) {
    running--;
    host.running--;
    if (host.running === 0 && host.head === host.waiters.length) hosts.delete(key);
    else markReady(host);
    dispatch();
    if (running === 0 && waiting === 0) {
      const resolvers = idleWaiters;
      idleWaiters = [];
      for (const resolve of resolvers) resolve();
    }
  }

  return {
    run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const key = hostOf(url);
      let host = hosts.get(key);
      if (!host) hosts.set(key, (host = { running: 0, waiters: [], head: 0, ready: false }));
      const state = host;
      return new Promise<T>((resolve, reject) => {
        state.waiters.push({
          start: () => {
            let result: Promise<T>;
            try {
              result = task();
            } catch (err) {
              result = Promise.reject(err);
            }
            result.then(resolve, reject).finally(() => finished(key, state));
          },
        });
        waiting++;
        markReady(state);
        dispatch();
      });
    },
    idle() {
      if (running === 0 && waiting === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting;
    },
  };
}

function defaultHostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url; // an unparsable URL fails in fetchFeed; here it only needs a key
  }
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`fetch pool: ${name} must be a positive integer, got ${n}`);
  return n;
}
