// `sluice` command line: global flags, then a command. Every failure becomes one clear line on stderr
// and a non-zero exit code — never a stack trace (set SLUICE_DEBUG=1 to see one).
import { ConfigError, loadConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { UsageError, type CommandContext } from './context.ts';
import { commandHelp, USAGE } from './help.ts';

type Command = (ctx: CommandContext, args: string[]) => Promise<number>;

// Loaded when run: a command (or its --help) does not pay for loading every other one.
const commands: Record<string, () => Promise<Command>> = {
  feed: async () => (await import('./commands/feed.ts')).feedCommand,
  feedback: async () => (await import('./commands/feedback.ts')).feedbackCommand,
  feeds: async () => (await import('./commands/feeds.ts')).feedsCommand,
  interests: async () => (await import('./commands/interests.ts')).interestsCommand,
  posts: async () => (await import('./commands/posts.ts')).postsCommand,
  refresh: async () => (await import('./commands/refresh.ts')).refreshCommand,
  score: async () => (await import('./commands/score.ts')).scoreCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  settings: async () => (await import('./commands/settings.ts')).settingsCommand,
  users: async () => (await import('./commands/users.ts')).usersCommand,
};

export async function main(argv: string[]): Promise<number> {
  // Output piped into a reader that stops early (\`sluice feed | head\`): the rest is not wanted, but
  // the command still finishes its work (a scoring service closes and saves), with no stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  let ctx: CommandContext | undefined;
  let store: Store | undefined;
  let helpName = ''; // the command whose help a usage error points to
  try {
    const { globals, name, commandArgs } = splitGlobalFlags(argv);
    if (name !== undefined && commandHelp(name)) helpName = `${name} `;
    // Help is printed before the data directory is opened: asking for it never creates one.
    const helpFor = name === 'help' ? commandArgs[0] : name !== undefined && (globals.help || wantsHelp(commandArgs)) ? name : undefined;
    if (helpFor !== undefined) {
      const help = commandHelp(helpFor);
      if (!help) throw new UsageError(`unknown command "${helpFor}"`);
      process.stdout.write(help);
      return 0;
    }
    if (globals.help || !name || name === 'help') {
      process.stdout.write(USAGE);
      return name || globals.help ? 0 : 2;
    }
    const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"`);
    const command = await load();
    const config = loadConfig({ data: globals.data, database: globals.database });
    const { openStore } = await import('../store/open.ts');
    store = await openStore(config.databaseUrl);
    const user = globals.user ? await store.userByName(globals.user) : await store.defaultUser();
    if (!user) throw new UsageError(`no user named "${globals.user}"`);
    ctx = { config, store, user, out: process.stdout, err: process.stderr };
    return await command(ctx, commandArgs);
  } catch (err) {
    if (process.env.SLUICE_DEBUG) console.error(err);
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sluice: ${message}\n`);
    if (err instanceof UsageError) process.stderr.write(`Run "sluice ${helpName}--help" for usage.\n`);
    return err instanceof UsageError || err instanceof ConfigError ? 2 : 1;
  } finally {
    await store?.close();
    // Idle keep-alive sockets of a command's fetches would otherwise hold the process open.
    if (ctx) await (await import('../fetch/index.ts')).closeAgents();
  }
}

/** `-h` or `--help` among a command's arguments (before a `--`, after which all are positional). */
function wantsHelp(args: string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-h' || arg === '--help') return true;
  }
  return false;
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
