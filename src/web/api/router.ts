// The REST API under /api/v1: every route of the route files, each request validated against its
// schemas before the handler runs, and the OpenAPI document generated from the same list.
import { Hono, type Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { signedInUser, type AuthEnv } from '../auth/context.ts';
import { HttpError } from '../auth/errors.ts';
import { requireApiUser } from '../auth/identify.ts';
import { feedbackRoutes } from './feedback.ts';
import { feedRoutes } from './feeds.ts';
import { interestRoutes } from './interests.ts';
import { meRoutes } from './me.ts';
import { openApiDocument } from './openapi.ts';
import { postRoutes } from './posts.ts';
import { rankedFeedRoutes } from './ranked-feed.ts';
import { EncodedJson, validated, type ApiRoute } from './route.ts';

export const API_BASE = '/api/v1';

export interface RestApiOptions {
  /** Believe X-Forwarded-Proto when building links (the output-feed URLs). */
  trustProxy: boolean;
}

export function apiRoutes(ctx: ActionContext, options: RestApiOptions): ApiRoute[] {
  return [
    ...meRoutes(ctx, options.trustProxy),
    ...feedRoutes(ctx),
    ...interestRoutes(ctx),
    ...rankedFeedRoutes(ctx),
    ...postRoutes(ctx),
    ...feedbackRoutes(ctx),
  ];
}

/** Mount with `app.route(API_BASE, restApi(actions, options))`. */
export function restApi(ctx: ActionContext, options: RestApiOptions): Hono<AuthEnv> {
  const routes = apiRoutes(ctx, options);
  const api = new Hono<AuthEnv>();
  // The document is public (before the guard): a client reads it to learn how to sign in.
  const document = openApiDocument(routes, API_BASE);
  api.get('/openapi.json', (c) => c.json(document));
  api.use('*', requireApiUser());
  for (const route of routes) api.on(route.method.toUpperCase(), route.path, (c) => respond(c, route));
  return api;
}

async function respond(c: Context<AuthEnv>, route: ApiRoute): Promise<Response> {
  const user = signedInUser(c);
  const params = validated('path', route.params, c.req.param());
  const query = validated('query', route.query, c.req.query());
  const body = route.body ? validated('body', route.body, await requestBody(c, route)) : undefined;
  const result = await route.handle({ user, params, query, body, c });
  const { status, mediaType } = route.response;
  if (status === 204) return c.body(null, 204);
  if (mediaType) return c.body(result as string, status, { 'content-type': `${mediaType}; charset=utf-8` });
  if (result instanceof EncodedJson) return c.body(result.bytes, status, { 'content-type': 'application/json' });
  return c.json(result, status);
}

/** JSON unless the route takes text (OPML); an empty body is `undefined`, for the schema to refuse. */
async function requestBody(c: Context, route: ApiRoute): Promise<unknown> {
  const text = await c.req.text();
  if (route.bodyMediaType) return text;
  if (text.trim() === '') return undefined;
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(400, 'bad_request', `send the request body as JSON (Content-Type: application/json), not ${type || 'without a type'}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, 'bad_request', `the request body is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}
