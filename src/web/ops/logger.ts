// The server's one logger: JSON lines (pino) on stdout at the level SLUICE_LOG_LEVEL names. `serve`
// makes it and hands it to whatever logs there (the request log, the error handler, refresh and
// scoring messages); the other CLI commands keep their human one-line messages on stderr.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../../config.ts';

export type { Logger };

/** Writes to `destination` (default: stdout). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  // Level names ("warn"), not pino's numbers, so a person can grep the lines too.
  const options = { level, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label: string) => ({ level: label }) } };
  // Stdout written asynchronously: a line per request written synchronously was ~5% of a cached
  // feed request's CPU; lines logged while a write is in flight go out together in the next one.
  // Each line still leaves at once when stdout is idle, and the process does not exit before the
  // writes in flight end (`serve` flushes before a forced exit).
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
