// Runs the farm in its own process (started by process.ts), so the server's CPU is not the benchmark's.
import { startFarm, type FarmOptions } from './server.ts';

export type ParentMessage = { type: 'stats' } | { type: 'close' };
export type ChildMessage =
  | { type: 'ready'; baseUrl: string; urls: string[]; source: string }
  | { type: 'stats'; responses: Record<string, number>; cpuMs: number; maxRssMb: number };

const opts = JSON.parse(process.argv[2] ?? '{}') as FarmOptions;
const farm = await startFarm(opts);
const send = (m: ChildMessage) => process.send?.(m);
send({ type: 'ready', baseUrl: farm.baseUrl, urls: farm.urls, source: farm.source });

process.on('message', async (m: ParentMessage) => {
  if (m.type === 'stats') {
    const cpu = process.cpuUsage();
    send({ type: 'stats', ...farm.stats(), cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 });
  } else if (m.type === 'close') {
    await farm.close();
    process.disconnect();
  }
});
