// POST /accounts/ClientLogin (Email, Passwd): the user's name and password for a new API token, sent as
// `SID=…\nLSID=…\nAuth=…` (or JSON with output=json, which Read You asks for). Clients then send
// `Authorization: GoogleLogin auth=<Auth>`. Each login is a named token on the account page
// ("Google Reader login <time> (<client>)"), revocable there. Failed logins count against the same
// limits as the sign-in form (per address and per account).
import type { Context } from 'hono';
import { authenticate, issueApiToken } from '../auth/accounts.ts';
import { clientIp, type AuthSettings } from '../auth/context.ts';
import { DuplicateError } from '../../store/errors.ts';
import type { User } from '../../store/store.ts';
import { GreaderError } from './errors.ts';
import { requestParams } from './params.ts';

export function clientLogin(settings: AuthSettings) {
  return async (c: Context): Promise<Response> => {
    const params = await requestParams(c);
    const name = params.get('Email')?.trim() ?? '';
    const password = params.get('Passwd') ?? '';
    const now = settings.now();
    const keys = [`ip:${clientIp(c, settings.trustProxy)}`, `user:${name.toLowerCase()}`];
    const wait = settings.loginLimiter.retryAfter(keys, now);
    if (wait > 0) throw new GreaderError(429, `too many failed logins; try again in ${wait} s`, { 'Retry-After': String(wait) });
    const user = name && password ? await authenticate(settings.store, name, password) : undefined;
    if (!user) {
      settings.loginLimiter.recordFailure(keys, now);
      throw new GreaderError(401, 'wrong user name or password');
    }
    settings.loginLimiter.clear(keys[1]);
    const auth = await loginToken(settings, user, params.get('client'));
    if (params.get('output') === 'json') return c.json({ SID: auth, LSID: auth, Auth: auth });
    return c.text(`SID=${auth}\nLSID=${auth}\nAuth=${auth}\n`);
  };
}

/** A fresh API token named after the login (token names are unique per user). */
async function loginToken(settings: AuthSettings, user: User, client: string | undefined): Promise<string> {
  const when = new Date(settings.now()).toISOString().slice(0, 19).replace('T', ' ');
  const from = client ? ` (${client.replace(/\p{Cc}/gu, '').slice(0, 16)})` : '';
  for (let n = 1; ; n++) {
    const name = `Google Reader login ${when}${from}${n > 1 ? ` #${n}` : ''}`;
    try {
      return (await issueApiToken(settings.store, user.id, name)).secret;
    } catch (err) {
      if (!(err instanceof DuplicateError) || n >= 20) throw err;
    }
  }
}
