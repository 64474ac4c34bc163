// One REST route as data: its method and path, the zod schemas of what it takes and answers, and its
// handler. The router validates every request with these schemas, and the OpenAPI document is generated
// from the same list — so what is documented is what is enforced.
import type { Context } from 'hono';
import { z } from 'zod';
import type { User } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { HttpError } from '../auth/errors.ts';

export type ApiMethod = 'get' | 'post' | 'patch' | 'delete';

export interface ApiRequest<Params, Query, Body> {
  user: User;
  params: Params;
  query: Query;
  body: Body;
  c: Context<AuthEnv>;
}

export interface ApiResponse {
  status: 200 | 201 | 204;
  description: string;
  /** The JSON body; absent for 204 and for non-JSON bodies. */
  schema?: z.ZodType;
  /** Default application/json; anything else is sent as the handler's string. */
  mediaType?: string;
}

/** A JSON body the handler encoded itself (a page it keeps encoded): sent as these bytes, which
 *  hold the shape of the route's response schema. */
export class EncodedJson {
  readonly bytes: Uint8Array<ArrayBuffer>;
  constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.bytes = bytes;
  }
}

/** A route with its types erased, as the router and the OpenAPI generator see it. */
export interface ApiRoute {
  method: ApiMethod;
  /** Hono's syntax, relative to /api/v1: `/feeds/:id`. */
  path: string;
  /** The OpenAPI tag (feeds, interests, …). */
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** How the body is read: JSON (default) or text of this media type (OPML import takes XML). */
  bodyMediaType?: string;
  response: ApiResponse;
  /** Refusals beyond the ones every route may give (400, 401, 403, 404), for the document. */
  refuses?: (409 | 422)[];
  handle(req: ApiRequest<unknown, unknown, unknown>): Promise<unknown>;
}

interface RouteDefinition<Params, Query, Body, Result> extends Omit<ApiRoute, 'params' | 'query' | 'body' | 'handle' | 'response'> {
  params?: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  response: ApiResponse & { schema?: z.ZodType<Result> };
  /** Returns the body: typed by `response.schema` when there is one (the type checker holds it to the schema). */
  handle(req: ApiRequest<Params, Query, Body>): Promise<NoInfer<Result> | EncodedJson>;
}

/** Declares a route; the handler's input and output types come from the schemas. */
export function apiRoute<Params = Record<string, never>, Query = Record<string, never>, Body = undefined, Result = unknown>(
  definition: RouteDefinition<Params, Query, Body, Result>,
): ApiRoute {
  return definition as unknown as ApiRoute;
}

/** Request input that fails its schema: 400 with every problem and where it is (`body.keywords: …`). */
export class InvalidInputError extends HttpError {
  constructor(where: 'path' | 'query' | 'body', error: z.ZodError) {
    const problems = error.issues.map((issue) => `${[where, ...issue.path.map(String)].join('.')}: ${issue.message}`);
    super(400, 'invalid', `invalid request ${where}: ${problems.join('; ')}`, { cause: error });
    this.name = 'InvalidInputError';
  }
}

export function validated<T>(where: 'path' | 'query' | 'body', schema: z.ZodType<T> | undefined, input: unknown): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(where, result.error);
  return result.data;
}
