// The HTTP connection pools fetches share. One undici Agent per policy (address guard, resolver, connect
// timeout), kept for the life of the process so keep-alive connections are reused across feeds.
import { Agent } from 'undici';
import { lookup as dnsLookup } from 'node:dns';
import { refusedRange } from './address-policy.ts';
import { guardedLookup, type AddressPolicy, type Resolver } from './guarded-lookup.ts';

export interface AgentPolicy {
  allowPrivateNetworks: boolean;
  connectTimeoutMs: number;
  resolve?: Resolver;
  refuse?: AddressPolicy;
}

const agents = new Map<string, Agent>();
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 1;

export function agentFor(policy: AgentPolicy): Agent {
  const resolve = policy.resolve ?? (dnsLookup as Resolver);
  const refuse = policy.refuse ?? refusedRange;
  const key = `${policy.allowPrivateNetworks}|${policy.connectTimeoutMs}|${idOf(resolve)}|${idOf(refuse)}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: {
        timeout: policy.connectTimeoutMs,
        // The guard runs on every new connection, so every redirect hop to a new host is checked too.
        lookup: guardedLookup(resolve, policy.allowPrivateNetworks ? () => undefined : refuse),
      },
      // Short keep-alive, and servers' longer Keep-Alive hints capped: most feed hosts see one request per
      // refresh, and an idle undici connection holds ~100 KB of heap (its origin's pool and queues).
      // Measured over 10k one-feed hosts: 140–280 MB live heap at the end of a pass with the server's 10 s
      // hint, 16 MB with 1 s (client RSS ~650 → ~400 MB). Reuse still happens where it pays: a feed's
      // article pages fetched for full text right after it, and busy hosts under continuous load.
      keepAliveTimeout: 1_000,
      keepAliveMaxTimeout: 1_000,
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every shared connection pool (at shutdown, or at the end of a benchmark). */
export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.close()));
}

function idOf(fn: object): number {
  let id = functionIds.get(fn);
  if (id === undefined) functionIds.set(fn, (id = nextFunctionId++));
  return id;
}
