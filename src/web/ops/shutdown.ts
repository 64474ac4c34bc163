// Graceful shutdown of the server process. The first SIGINT or SIGTERM stops taking connections and
// lets what is in flight finish — requests, the refresh's fetches and writes, scoring — before the
// process exits 0; a second signal exits at once (every fetch's writes are one transaction, so even
// that leaves the database as it was before the fetch).
import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';

/** Resolves at the first SIGINT/SIGTERM with its name; any later one calls `onSecond` (exit there). */
export function firstShutdownSignal(onSecond: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handle = (signal: NodeJS.Signals) => {
      if (received) return onSecond(signal);
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handle);
    process.on('SIGTERM', handle);
  });
}

/** How often idle keep-alive connections are closed while requests drain. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections and resolves when the requests in flight are answered. Keep-alive
 * connections would hold the server open for their idle timeout, so each is closed as soon as it
 * is idle; after `graceMs` whatever still runs is cut.
 */
export function drainServer(server: ServerType, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const http = 'closeIdleConnections' in server ? (server as Server) : undefined;
    const sweep = setInterval(() => http?.closeIdleConnections(), IDLE_SWEEP_MS);
    const cut = setTimeout(() => http?.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    http?.closeIdleConnections();
  });
}
