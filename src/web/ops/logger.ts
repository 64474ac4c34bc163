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
  return destination ? pino(options, destination) : pino(options);
}
