// A call's parameters: the query string and a form-encoded body, as one. Clients put the same
// parameter in either place (Read You sends `quickadd` in both; FreshRSS reads `ac`, `s` from both),
// and repeat some (`i`, `s`), so each name maps to every value it was given — the body's first.
import type { Context } from 'hono';
import { badRequest } from './errors.ts';
import { parseItemId } from './ids.ts';

export class RequestParams {
  private readonly body: URLSearchParams;
  private readonly query: URLSearchParams;

  constructor(query: URLSearchParams, body: URLSearchParams = new URLSearchParams()) {
    this.query = query;
    this.body = body;
  }

  /** Every value of the parameter: the body's if it has any, else the query string's. */
  all(name: string): string[] {
    const fromBody = this.body.getAll(name);
    return fromBody.length ? fromBody : this.query.getAll(name);
  }

  /** The first value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    return this.all(name).find((v) => v !== '');
  }
}

/** Reads the query string and, on POST, the form body (a body without a content type counts as a form). */
export async function requestParams(c: Context): Promise<RequestParams> {
  const query = new URL(c.req.url).searchParams;
  if (c.req.method !== 'POST') return new RequestParams(query);
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/x-www-form-urlencoded/i.test(type)) return new RequestParams(query);
  return new RequestParams(query, new URLSearchParams(await c.req.text()));
}

/** The posts named by i= (repeatable, long or short item ids); text that is no item id is a 400. */
export function itemIdParams(params: RequestParams): number[] {
  return params
    .all('i')
    .filter(Boolean)
    .map((text) => {
      const id = parseItemId(text);
      if (id === undefined) throw badRequest(`i="${text}" is not an item id`);
      return id;
    });
}
