// The Google Reader API (the subset NetNewsWire, Read You and Reeder use), mounted at the site root:
// POST /accounts/ClientLogin, and /reader/api/0/* with `Authorization: GoogleLogin auth=TOKEN`.
// Mounted before the cookie session and CSRF middleware: these calls never use cookies, and their
// edit calls carry Google's own action token (T) instead. Answers are JSON (output=json is the only
// output), "OK" for edits, and plain-text refusals (errors.ts).
import { Hono, type Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { signedInUser, type AuthSettings } from '../auth/context.ts';
import { actionTokenFor, requireGoogleLogin, type GreaderEnv } from './auth.ts';
import { clientLogin } from './client-login.ts';
import { badRequest, greaderErrorResponse, notFound } from './errors.ts';
import { markAllAsRead } from './mark-all-read.ts';
import { requestParams, type RequestParams } from './params.ts';
import { streamContents, streamItemContents, streamItemIds } from './stream-routes.ts';
import { editSubscriptions, listSubscriptions, quickAdd } from './subscriptions.ts';
import { editTags, listTags } from './tags.ts';
import { unreadCounts } from './unread-count.ts';

const API = '/reader/api/0';
const READ_METHODS = ['GET', 'POST'];

type Handler = (ctx: ActionContext, c: Context<GreaderEnv>, params: RequestParams) => Promise<Response>;

/** Mount with `app.route('/', greaderRoutes(settings, actions))`, before the session middleware. */
export function greaderRoutes(settings: AuthSettings, actions: ActionContext): Hono<GreaderEnv> {
  const api = new Hono<GreaderEnv>();
  api.onError((err, c) => {
    const refusal = greaderErrorResponse(c, err);
    if (refusal) return refusal;
    throw err; // unexpected: the app logs it and answers 500
  });
  const call = (handler: Handler) => async (c: Context<GreaderEnv>) => {
    const params = await requestParams(c);
    const output = params.get('output');
    if (output !== undefined && output !== 'json') throw badRequest(`only output=json is supported, not "${output}"`);
    return handler(actions, c, params);
  };

  api.post('/accounts/ClientLogin', clientLogin(settings));
  api.use(`${API}/*`, requireGoogleLogin(settings));
  api.get(`${API}/token`, (c) => c.text(actionTokenFor(c.get('greaderAuth') as string)));
  api.on(READ_METHODS, `${API}/user-info`, (c) => {
    const user = signedInUser(c);
    return c.json({ userId: String(user.id), userName: user.name, userProfileId: String(user.id), userEmail: '' });
  });
  api.on(READ_METHODS, `${API}/subscription/list`, call(listSubscriptions));
  api.post(`${API}/subscription/edit`, call(editSubscriptions));
  api.post(`${API}/subscription/quickadd`, call(quickAdd));
  api.on(READ_METHODS, `${API}/tag/list`, call(listTags));
  api.post(`${API}/edit-tag`, call(editTags));
  api.on(READ_METHODS, `${API}/unread-count`, call(unreadCounts));
  api.post(`${API}/mark-all-as-read`, call(markAllAsRead));
  api.on(READ_METHODS, `${API}/stream/items/ids`, call(streamItemIds));
  api.on(READ_METHODS, `${API}/stream/items/contents`, call(streamItemContents));
  const contents = `${API}/stream/contents`;
  api.on(READ_METHODS, [contents, `${contents}/*`], call((ctx, c, params) => streamContents(ctx, c, params, contents)));
  api.all(`${API}/*`, (c) => {
    throw notFound(`${c.req.method} ${c.req.path} is not a call this server offers`);
  });
  return api;
}
