// `sluice users add|list|remove|password|token`: accounts and their API tokens, from the command line.
// Passwords are read from stdin only (--password-stdin): an argument would land in shell history and `ps`.
import { changePassword, createAccount, issueApiToken } from '../../web/auth/accounts.ts';
import { MAX_PASSWORD_LENGTH } from '../../web/auth/password.ts';
import type { ApiToken, User } from '../../store/store.ts';
import { parseCommandArgs, subcommands, UsageError, type CommandContext } from '../context.ts';
import { formatTable } from '../table.ts';

export const usersCommand = subcommands('users', { add, list, remove, password, token });

async function add(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'password-stdin': { type: 'boolean' } });
  const name = exactlyOne(positionals, 'users add NAME --password-stdin');
  if (!values['password-stdin']) throw new UsageError('users add reads the password from stdin: add --password-stdin (e.g. echo "$PW" | sluice users add NAME --password-stdin)');
  const secret = await readPassword();
  const before = await ctx.store.users();
  const user = await createAccount(ctx.store, name, secret);
  const tookOver = before.length === 1 && !before[0].hasPassword && before[0].id === user.id;
  ctx.out.write(
    tookOver
      ? `Added user ${user.name} (took over the local user "${before[0].name}": its feeds, interests and feedback are kept)\n`
      : `Added user ${user.name}\n`,
  );
  return 0;
}

async function list(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`users list takes no arguments (got "${positionals[0]}")`);
  const users = await ctx.store.users();
  if (values.json) {
    ctx.out.write(JSON.stringify(users.map(userJson), null, 2) + '\n');
    return 0;
  }
  const rows = users.map((u) => [String(u.id), u.name, u.hasPassword ? 'account' : 'local (no password)', u.createdAt.toISOString().slice(0, 10)]);
  ctx.out.write(formatTable(['ID', 'NAME', 'KIND', 'CREATED'], rows));
  if (!users.some((u) => u.hasPassword)) ctx.out.write('No accounts yet. Add one with: sluice users add NAME --password-stdin (or open the web app)\n');
  return 0;
}

function userJson(u: User) {
  return { id: u.id, name: u.name, hasPassword: u.hasPassword, ownFeedsOnly: u.ownFeedsOnly, createdAt: u.createdAt.toISOString() };
}

async function remove(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const user = await namedUser(ctx, exactlyOne(positionals, 'users remove NAME'));
  await ctx.store.removeUser(user.id);
  ctx.out.write(`Removed user ${user.name} with their subscriptions, interests, feedback, sessions and tokens\n`);
  return 0;
}

async function password(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'password-stdin': { type: 'boolean' } });
  const user = await namedUser(ctx, exactlyOne(positionals, 'users password NAME --password-stdin'));
  if (!values['password-stdin']) throw new UsageError('users password reads the new password from stdin: add --password-stdin');
  await changePassword(ctx.store, user.id, await readPassword());
  ctx.out.write(`Changed the password of ${user.name} and signed them out everywhere\n`);
  return 0;
}

async function token(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseCommandArgs(rest, { json: { type: 'boolean' } });
  const usage = 'users token add|list|revoke NAME [TOKEN_NAME]';
  if (positionals.length === 0) throw new UsageError(`${usage}: missing NAME`);
  const user = await namedUser(ctx, positionals[0]);
  const tokenName = positionals.slice(1).join(' ');
  switch (sub) {
    case 'add': {
      if (!tokenName) throw new UsageError('users token add NAME TOKEN_NAME: missing TOKEN_NAME');
      const { secret } = await issueApiToken(ctx.store, user.id, tokenName);
      // The secret alone on stdout (scripts capture it); the advice on stderr.
      ctx.out.write(`${secret}\n`);
      ctx.err.write(`Created token "${tokenName}" for ${user.name}. It is shown only this once: store it now.\n`);
      return 0;
    }
    case 'list': {
      if (tokenName) throw new UsageError(`users token list NAME takes no TOKEN_NAME (got "${tokenName}")`);
      const tokens = await ctx.store.apiTokens(user.id);
      if (values.json) ctx.out.write(JSON.stringify(tokens.map(tokenJson), null, 2) + '\n');
      else if (tokens.length === 0) ctx.out.write(`${user.name} has no API tokens. Create one with: sluice users token add ${user.name} TOKEN_NAME\n`);
      else {
        const rows = tokens.map((t) => [t.name, t.createdAt.toISOString().slice(0, 16).replace('T', ' '), t.lastUsedAt?.toISOString().slice(0, 16).replace('T', ' ') ?? 'never']);
        ctx.out.write(formatTable(['NAME', 'CREATED', 'LAST USED'], rows));
      }
      return 0;
    }
    case 'revoke': {
      if (!tokenName) throw new UsageError('users token revoke NAME TOKEN_NAME: missing TOKEN_NAME');
      if (!(await ctx.store.revokeApiToken(user.id, tokenName))) throw new Error(`${user.name} has no token named "${tokenName}"`);
      ctx.out.write(`Revoked token "${tokenName}" of ${user.name}\n`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `unknown users token command "${sub}"` : `users token needs a command: ${usage}`);
  }
}

function tokenJson(t: ApiToken) {
  return { name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null };
}

async function namedUser(ctx: CommandContext, name: string): Promise<User> {
  const user = await ctx.store.userByName(name);
  if (!user) throw new Error(`no user named "${name}" (see: sluice users list)`);
  return user;
}

function exactlyOne(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`${usage}: expected one NAME, got ${positionals.length}`);
  return positionals[0];
}

/** The whole of stdin, minus the one line break `echo` adds; strength is checked by createAccount. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PASSWORD_LENGTH * 4 + 2) throw new Error(`the password on stdin is longer than ${MAX_PASSWORD_LENGTH} characters`);
    chunks.push(chunk);
  }
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!password) throw new Error('no password on stdin (pipe one in: echo "$PW" | sluice users add NAME --password-stdin)');
  return password;
}
