// The OpenAPI 3.1 document of the REST API, generated from the routes' zod schemas (z.toJSONSchema):
// one source for validation and documentation. Schemas with a `meta({ id })` become components.
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session.ts';
import { ErrorBody } from './fields.ts';
import type { ApiRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown>; responses: Record<string, unknown> };
}

/** `/feeds/:id` → `/feeds/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)/g, '{$1}');
}

const REFUSALS: Record<string, string> = {
  '400': 'Invalid input: malformed JSON, a wrong type, a value out of range (code invalid or bad_request)',
  '401': 'No valid API token or session (code unauthorized)',
  '403': 'A state-changing request with the cookie session but without its CSRF token (code csrf)',
  '404': 'Not found, or not yours (code not_found)',
  '413': 'The request body is too large (code too_large)',
};

export function openApiDocument(routes: readonly ApiRoute[], base: string): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output') => jsonSchema(schema, io, schemas);
  const errorRef = { $ref: '#/components/responses/Error' };
  const paths: OpenApiDocument['paths'] = {
    '/openapi.json': {
      get: {
        tags: ['meta'],
        summary: 'This document',
        operationId: 'getOpenApi',
        security: [],
        responses: { '200': { description: 'the OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  };
  for (const route of routes) {
    const path = openApiPath(route.path);
    const parameters = [...parametersOf(route.params, 'path', convert), ...parametersOf(route.query, 'query', convert)];
    const { status, description, schema, mediaType } = route.response;
    const content = mediaType ? { [mediaType]: { schema: { type: 'string' } } } : schema ? { 'application/json': { schema: convert(schema, 'output') } } : undefined;
    const refusals = Object.fromEntries(Object.keys(REFUSALS).filter((code) => refusalApplies(code, route)).map((code) => [code, errorRef]));
    const specific = Object.fromEntries((route.refuses ?? []).map((code) => [String(code), errorRef]));
    (paths[path] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      operationId: operationId(route),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { [route.bodyMediaType ?? 'application/json']: { schema: convert(route.body, 'input') } },
            },
          }
        : {}),
      responses: { [String(status)]: { description, ...(content ? { content } : {}) }, ...refusals, ...specific },
    };
  }
  const error = convert(ErrorBody, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sluice REST API',
      version: '1',
      description:
        'Your feeds, interests, ranked feed, posts and feedback. Sign in with an API token (`Authorization: Bearer sluice_…`, made on /account or with `sluice users token add`) or, from the browser, the session cookie plus the `X-CSRF-Token` header on changes. Errors are `{error: {code, message}}`. Request fields are snake_case; responses carry the same JSON as the CLI (`--json`).',
    },
    servers: [{ url: base }],
    security: [{ bearerToken: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'an API token, `sluice_…`' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'the browser session; changes also need the X-CSRF-Token header' },
      },
      responses: { Error: { description: 'refused', content: { 'application/json': { schema: error } } } },
    },
  };
}

function refusalApplies(code: string, route: ApiRoute): boolean {
  if (code === '404') return !!route.params;
  if (code === '403') return route.method !== 'get';
  if (code === '413') return !!route.body;
  if (code === '400') return !!(route.params || route.query || route.body);
  return true;
}

/** `get /feeds/:id/posts` → `getFeedsIdPosts`. */
function operationId(route: ApiRoute): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return route.method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A path or query schema (an object) as OpenAPI parameters, one per property. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query', convert: (s: z.ZodType, io: 'input') => JsonSchema): JsonSchema[] {
  if (!schema) return [];
  const object = convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas are moved to the components. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = json;
  const toComponents = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) components[id] = toComponents(def);
  return toComponents(rest);
}
