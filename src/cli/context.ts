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

/** node:util parseArgs, strict, with its errors turned into UsageErrors a user can act on. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(optionMessage(err as Error & { code?: string }, args));
  }
}

/** Node's wording, with its hints about positionals and dashes, told in the CLI's words. */
function optionMessage(err: Error & { code?: string }, args: string[]): string {
  const option = /'(-[^' <]*)/.exec(err.message)?.[1];
  if (option && err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (option && err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(err.message)) return `${option} takes no value`;
    // "--offset -1": the value looks like an option; "--limit" last: no value at all.
    const value = args[args.indexOf(option) + 1];
    return value === undefined ? `${option} needs a value` : `${option} needs a value (to give one starting with "-", write ${option}=${value})`;
  }
  return err.message.split('\n')[0];
}

export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  return n;
}

/** A count that may be 0 (an offset). */
export function wholeNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number (0 or more), not "${value}"`);
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
