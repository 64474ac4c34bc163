// `sluice` command line: global flags, then a command. Every failure becomes one clear line on stderr
// and a non-zero exit code — never a stack trace (set SLUICE_DEBUG=1 to see one).
import { ConfigError, loadConfig } from '../config.ts';
import { closeAgents } from '../fetch/index.ts';
import { openStore } from '../store/open.ts';
import { UsageError, type CommandContext } from './context.ts';
import { feedCommand } from './commands/feed.ts';
import { feedbackCommand } from './commands/feedback.ts';
import { feedsCommand } from './commands/feeds.ts';
import { interestsCommand } from './commands/interests.ts';
import { postsCommand } from './commands/posts.ts';
import { refreshCommand } from './commands/refresh.ts';
import { scoreCommand } from './commands/score.ts';
import { serveCommand } from './commands/serve.ts';
import { settingsCommand } from './commands/settings.ts';
import { usersCommand } from './commands/users.ts';

export const USAGE = `Usage: sluice [--data DIR] [--database URL] [--user NAME] COMMAND [options]

Commands:
  serve                          run the web server and background refresh (default http://127.0.0.1:8080)
  feeds add URL [--full-text] [--category NAME]
                                 subscribe to a feed, or to the feed a web page links
  feeds import FILE.opml         subscribe to every feed of an OPML file
  feeds export                   print subscriptions as OPML
  feeds list [--json]            subscriptions with their health
  feeds remove ID                unsubscribe
  interests add NAME [--keywords "a, b"] [--description TEXT]
                                 add an interest (keywords: words or phrases, comma-separated)
  interests list [--json]        your interests
  interests show NAME [--json]   an interest's terms with their weights and where they came from
  interests remove NAME          delete an interest
  feed [--interest NAME] [--limit N] [--offset N] [--include-hidden] [--json]
                                 your feed ranked by relevance to your interests
  feedback POST_ID like|dislike|offtopic [--interest NAME]
                                 tell Sluice what a post was worth; the next ranking learns from it
  refresh [--all] [--json]       fetch due feeds now (--all: every feed)
  posts list [--feed ID] [--limit N] [--json]
                                 newest posts
  score --posts FILE.jsonl --interests FILE.json [--json]
                                 score posts against interests without storing (try an interest)
  settings [own-feeds-only on|off] [--json]
                                 your settings: rank only your own subscriptions, or the instance's shared pool
  users add NAME --password-stdin
                                 add an account (the first one takes over the local user's data)
  users list [--json]            accounts
  users remove NAME              delete an account and everything that is theirs
  users password NAME --password-stdin
                                 set a new password (signs the user out everywhere)
  users token add NAME TOKEN_NAME
                                 create an API token (printed once)
  users token list NAME [--json] / users token revoke NAME TOKEN_NAME

Global options:
  --data DIR        data directory (default ./data; env SLUICE_DATA_DIR)
  --database URL    database: a SQLite file path (default DIR/sluice.db; env SLUICE_DATABASE_URL)
  --user NAME       act as this user (default: the first account)
  -h, --help        this help
`;

const commands: Record<string, (ctx: CommandContext, args: string[]) => Promise<number>> = {
  feed: feedCommand,
  feedback: feedbackCommand,
  feeds: feedsCommand,
  interests: interestsCommand,
  posts: postsCommand,
  refresh: refreshCommand,
  score: scoreCommand,
  serve: serveCommand,
  settings: settingsCommand,
  users: usersCommand,
};

export async function main(argv: string[]): Promise<number> {
  let ctx: CommandContext | undefined;
  try {
    const { globals, name, commandArgs } = splitGlobalFlags(argv);
    if (globals.help || !name) {
      process.stdout.write(USAGE);
      return name || globals.help ? 0 : 2;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const config = loadConfig({ data: globals.data, database: globals.database });
    const store = await openStore(config.databaseUrl);
    const user = globals.user ? await store.userByName(globals.user) : await store.defaultUser();
    if (!user) throw new UsageError(`no user named "${globals.user}"`);
    ctx = { config, store, user, out: process.stdout, err: process.stderr };
    return await command(ctx, commandArgs);
  } catch (err) {
    if (process.env.SLUICE_DEBUG) console.error(err);
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sluice: ${message}\n`);
    if (err instanceof UsageError) process.stderr.write(`Run "sluice --help" for usage.\n`);
    return err instanceof UsageError || err instanceof ConfigError ? 2 : 1;
  } finally {
    await ctx?.store.close();
    await closeAgents(); // idle keep-alive sockets would otherwise hold the process open
  }
}

interface GlobalFlags {
  data?: string;
  database?: string;
  user?: string;
  help?: boolean;
}

/** Global flags come before the command; everything after the command name is the command's. */
function splitGlobalFlags(argv: string[]): { globals: GlobalFlags; name?: string; commandArgs: string[] } {
  const globals: GlobalFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      globals.help = true;
      continue;
    }
    const m = /^--(data|database|user)(?:=(.*))?$/.exec(arg);
    if (m) {
      const value = m[2] ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${m[1]} needs a value`);
      globals[m[1] as 'data' | 'database' | 'user'] = value;
      continue;
    }
    if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    return { globals, name: arg, commandArgs: argv.slice(i + 1) };
  }
  return { globals, commandArgs: [] };
}
