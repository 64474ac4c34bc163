// Who calls the Google Reader API: `Authorization: GoogleLogin auth=TOKEN`, where TOKEN is one of the
// user's API tokens (ClientLogin issues one). Edit calls also carry the action token T from /token, as
// Google Reader required and NetNewsWire, Read You and Reeder send; T is derived from the auth token,
// so it needs no storage and dies with the token when the user revokes it.
import type { Context, MiddlewareHandler } from 'hono';
import { userForApiToken } from '../auth/accounts.ts';
import type { AuthSettings, AuthVariables } from '../auth/context.ts';
import { hashSecret, sameSecret } from '../auth/secrets.ts';
import { GreaderError } from './errors.ts';

export type GreaderEnv = { Variables: AuthVariables & { greaderAuth?: string } };

/** The token of a `GoogleLogin auth=TOKEN` header, if that is the header's scheme. */
export function googleLoginToken(header: string | undefined): string | undefined {
  const m = /^GoogleLogin\s+auth=(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** Every /reader/api/0 call: a valid GoogleLogin token, else 401 `Unauthorized`. */
export function requireGoogleLogin(settings: AuthSettings): MiddlewareHandler<GreaderEnv> {
  return async (c, next) => {
    const token = googleLoginToken(c.req.header('authorization'));
    const user = token ? await userForApiToken(settings.store, token, new Date(settings.now())) : undefined;
    if (!token || !user) throw new GreaderError(401, 'missing, unknown or revoked GoogleLogin token');
    c.set('user', user);
    c.set('via', 'token');
    c.set('greaderAuth', token);
    return next();
  };
}

/** Google's action tokens were 57 characters; FreshRSS keeps the length, so do we. */
export function actionTokenFor(authToken: string): string {
  return hashSecret(`sluice greader action token\n${authToken}`).slice(0, 57);
}

/** Edit calls: T must be the action token of this auth token (clients may send it with its newline). */
export function checkActionToken(c: Context<GreaderEnv>, given: string | undefined): void {
  const auth = c.get('greaderAuth');
  const t = given?.trim();
  if (!auth || !t || !sameSecret(t, actionTokenFor(auth))) {
    throw new GreaderError(401, 'missing or wrong action token T', { 'X-Reader-Google-Bad-Token': 'true' });
  }
}
