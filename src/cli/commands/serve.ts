// `sluice serve` (also `npm start`): the web server and the background refresh in one process.
// Its messages are JSON log lines (pino, stdout, SLUICE_LOG_LEVEL); it counts what it does for
// /metrics; SIGINT/SIGTERM stop it gracefully (web/ops/shutdown.ts).
import { serve } from '@hono/node-server';
import { startScoring } from '../../jobs/scoring.ts';
import { startRefreshScheduler, type RefreshScheduler } from '../../jobs/scheduler.ts';
import { createApp } from '../../web/app.ts';
import { createLogger } from '../../web/ops/logger.ts';
import { Metrics, timedScoringHooks } from '../../web/ops/metrics.ts';
import { drainServer, firstShutdownSignal } from '../../web/ops/shutdown.ts';
import { parseCommandArgs, positiveInt, UsageError, type CommandContext } from '../context.ts';

export async function serveCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
  if (positionals.length) throw new UsageError(`serve takes no arguments (got "${positionals[0]}")`);
  const port = positiveInt(values.port, '--port', ctx.config.port);
  const host = values.host ?? ctx.config.host;
  const logger = createLogger(ctx.config.logLevel);
  const metrics = new Metrics();
  const warn = (m: string) => logger.warn(m);
  // Listening for signals from here on, so one that comes while the server starts still stops it gracefully.
  const signal = firstShutdownSignal((second) => {
    logger.warn(`${second} again: exiting now, without waiting for in-flight work`);
    logger.flush();
    process.exit(1);
  });
  // Stored matches kept current: new posts, interest edits and feedback are scored as they come.
  // Changes CLI commands make meanwhile (interests, feedback, posts) are picked up within a second
  // or two: the server holds the data directory's scoring lease, so those commands leave the
  // scoring to it (and `sluice feed` waits for the poll that picks their change up).
  const scoring = startScoring(ctx.store, { log: (m) => logger.info(m), warn, watchIntervalMs: 1000 });
  // Started once the server listens; imports that come before that are fetched at its first run.
  let scheduler: RefreshScheduler | undefined;
  const app = createApp(ctx.store, {
    scoring: timedScoringHooks(scoring.hooks, metrics),
    refreshSoon: () => scheduler?.refreshSoon(),
    trustProxy: ctx.config.trustProxy,
    fetchConfig: ctx.config,
    warn,
    logger,
    metrics,
    metricsToken: ctx.config.metricsToken,
  });
  const server = serve({ fetch: app.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (try --port)` : err.message)),
    );
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  logger.info({ port, host, data: ctx.store.location }, `Sluice is running at ${url}`);
  // CLI commands that find this server scoring name it in their messages.
  await scoring.announce(url).catch((err: Error) => warn(`scoring: could not record the server's address in the scoring lease: ${err.message}`));
  scheduler = startRefreshScheduler(ctx.store, ctx.config, {
    onRun: async (s) => {
      metrics.recordRefresh(s);
      if (s.feeds) {
        const { feeds, fetched, notModified, failed, newPosts, durationMs } = s;
        logger.info({ feeds, fetched, notModified, failed, newPosts, ms: durationMs }, `refresh: ${feeds} feeds, ${fetched} fetched, ${notModified} not modified, ${failed} failed, ${newPosts} new posts`);
      }
      // New posts (and posts whose text changed) are embedded and scored against every interest
      // now; the feed reads the matches. A new date alone changes no score.
      if (s.newPosts || s.editedPosts) {
        const started = performance.now();
        await scoring.hooks.postsAdded([]);
        metrics.observeScoring('posts_added', performance.now() - started, s.newPosts);
      }
    },
    onError: (err) => logger.error({ err }, `refresh failed: ${(err as Error).message}`),
  });

  logger.info(`${await signal}: shutting down, finishing in-flight requests, fetches and writes`);
  // The scheduler waits for the refresh in flight (its fetches, writes and the scoring of its posts).
  await Promise.all([drainServer(server), scheduler.stop()]);
  await scoring.close();
  await ctx.store.flush();
  logger.info('stopped');
  return 0;
}
