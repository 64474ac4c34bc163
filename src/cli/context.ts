// What every CLI command receives, and the error that means "the command line was wrong".
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ActionContext } from '../actions/context.ts';
import type { Config } from '../config.ts';
import type { Store, User } from '../store/store.ts';

export interface CommandContext {
  config: Config;
  store: Store;
  user: User;
  out: NodeJS.WritableStream & { isTTY?: boolean };
  err: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** What the shared actions (src/actions) need, from a command's context; warnings go to stderr. */
export function actionContext(ctx: CommandContext): ActionContext {
  return { store: ctx.store, config: ctx.config, warn: (message) => ctx.err.write(`sluice: warning: ${message}\n`) };
}

/** A mistake in the command line: reported with a pointer to --help and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** node:util parseArgs, strict, with its errors turned into UsageErrors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  return n;
}

type Command = (ctx: CommandContext, args: string[]) => Promise<number>;

/** A command made of subcommands (`feeds add`, `feeds list` …): the first argument picks one. */
export function subcommands(command: string, table: Record<string, Command>): Command {
  const names = Object.keys(table);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
  return (ctx, args) => {
    const [sub, ...rest] = args;
    const run = sub === undefined ? undefined : table[sub];
    if (!run) throw new UsageError(sub ? `unknown ${command} command "${sub}"` : `${command} needs a command: ${list}`);
    return run(ctx, rest);
  };
}
