// The web benchmark's server, in its own process so the load generator does not share its event
// loop: the app as `serve` builds it (createApp with the request log, request metrics, on
// @hono/node-server) over the benchmark's database. No refresh and no scoring service run: the
// stored matches are the scoring service's output, and the benchmark only reads.
//   node bench/web-server.ts DB_PATH   → prints `listening PORT` on stdout; SIGTERM stops it
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import type { ScoringHooks } from '../src/actions/context.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { createApp } from '../src/web/app.ts';
import { createLogger } from '../src/web/ops/logger.ts';
import { Metrics } from '../src/web/ops/metrics.ts';
import { drainServer, firstShutdownSignal } from '../src/web/ops/shutdown.ts';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('web-server: usage: node bench/web-server.ts DB_PATH');

/** Nothing the benchmark asks changes what matches depend on; a call here means it does. */
const refuse = async () => {
  throw new Error('web bench server: no scoring service runs here (the benchmark only reads)');
};
const readOnly: ScoringHooks = { postsAdded: refuse, interestChanged: refuse, interestRemoved: refuse, feedbackChanged: refuse };

const store = openSqliteStore(dbPath);
// Request lines are written as in production (info), to /dev/null: their cost is measured, not their text.
const logger = createLogger('info', pino.destination({ dest: '/dev/null', sync: false }));
const app = createApp(store, { scoring: readOnly, logger, metrics: new Metrics() });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`listening ${info.port}\n`));
await firstShutdownSignal(() => process.exit(1));
await drainServer(server);
await store.close();
