// The secret that opens a user's output feeds (/out/<token>/…): read-only Atom and JSON Feed copies of
// the ranked feed for another reader to follow. One per user; rotating retires the old URLs at once.
import type { User } from '../store/store.ts';
import { newSecret } from '../web/auth/secrets.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';

export async function outputFeedToken(ctx: ActionContext, user: User): Promise<string | undefined> {
  return ctx.store.outputFeedToken(user.id);
}

/** A new token (the first, or one replacing the old). */
export async function rotateOutputFeedToken(ctx: ActionContext, user: User): Promise<string> {
  const token = newSecret();
  await ctx.store.setOutputFeedToken(user.id, token);
  return token;
}

export async function revokeOutputFeedToken(ctx: ActionContext, user: User): Promise<void> {
  await ctx.store.setOutputFeedToken(user.id, undefined);
}

/** Whose feeds a token opens; an unknown or revoked token is not_found (never say which). */
export async function outputFeedOwner(ctx: ActionContext, token: string): Promise<User> {
  const user = /^[\w-]{20,100}$/.test(token) ? await ctx.store.userForOutputFeedToken(token) : undefined;
  if (!user) throw new ActionError('not_found', 'no output feed at this address (the link may have been revoked or replaced)');
  return user;
}
