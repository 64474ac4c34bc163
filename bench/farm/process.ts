// The farm in a child process: same shape as startFarm, plus the server's own CPU time, so a benchmark can
// say how much of the machine the server took.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { ChildMessage, ParentMessage } from './child.ts';
import type { FeedSource } from './feed-urls.ts';
import type { FarmOptions, FarmStats } from './server.ts';

export interface FarmProcessStats extends FarmStats {
  /** CPU time the farm process used so far (user + system). */
  cpuMs: number;
  maxRssMb: number;
}

export interface FarmProcess {
  baseUrl: string;
  urls: string[];
  source: FeedSource;
  pid: number;
  stats(): Promise<FarmProcessStats>;
  close(): Promise<void>;
}

export async function startFarmProcess(opts: FarmOptions = {}): Promise<FarmProcess> {
  const child: ChildProcess = fork(new URL('./child.ts', import.meta.url), [JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await next(child, 'ready');
  const send = (m: ParentMessage) => child.send(m);
  return {
    baseUrl: ready.baseUrl,
    urls: ready.urls,
    source: ready.source as FeedSource,
    pid: child.pid ?? -1,
    async stats() {
      const pending = next(child, 'stats');
      send({ type: 'stats' });
      const { type: _type, ...stats } = await pending;
      return stats;
    },
    async close() {
      const exited = once(child, 'exit');
      send({ type: 'close' });
      await exited;
    },
  };
}

/** The child's next message of a type; rejects if the child exits first. */
function next<T extends ChildMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildMessage) => {
      if (m.type !== type) return;
      cleanup();
      resolve(m as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`farm process exited (code ${code}) before sending "${type}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
