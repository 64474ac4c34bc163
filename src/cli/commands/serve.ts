// `sluice serve` (also `npm start`): the web server and the background refresh in one process.
import { serve } from '@hono/node-server';
import { embedderSetting, openEmbedder } from '../../embed/select.ts';
import { embedRecentPosts } from '../../jobs/post-vectors.ts';
import { startRefreshScheduler } from '../../jobs/scheduler.ts';
import { createApp } from '../../web/app.ts';
import { parseCommandArgs, positiveInt, UsageError, type CommandContext } from '../context.ts';

export async function serveCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } });
  if (positionals.length) throw new UsageError(`serve takes no arguments (got "${positionals[0]}")`);
  const port = positiveInt(values.port, '--port', ctx.config.port);
  const host = values.host ?? ctx.config.host;
  const app = createApp(ctx.store, { trustProxy: ctx.config.trustProxy });
  const server = serve({ fetch: app.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (try --port)` : err.message)),
    );
  });
  ctx.err.write(`Sluice is running at http://${host.includes(':') ? `[${host}]` : host}:${port}/ (data: ${ctx.store.location})\n`);
  const embedder = await openEmbedder(embedderSetting(), (message) => ctx.err.write(`warning: ${message}\n`));
  const scheduler = startRefreshScheduler(ctx.store, ctx.config, {
    onRun: async (s) => {
      if (s.feeds) ctx.err.write(`refresh: ${s.feeds} feeds, ${s.fetched} fetched, ${s.notModified} not modified, ${s.failed} failed, ${s.newPosts} new posts\n`);
      // New posts get their vectors now, so ranking them later costs no embedding.
      if (s.newPosts) await embedRecentPosts(ctx.store, embedder, new Date(Date.now() - 30 * 24 * 3600 * 1000));
    },
    onError: (err) => ctx.err.write(`refresh failed: ${(err as Error).message}\n`),
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  ctx.err.write('Shutting down: finishing in-flight fetches…\n');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await scheduler.stop();
  return 0;
}
