// What a stream call asks for, read from Google Reader's parameters: n (how many), r (order), ot / nt
// (crawled after / before, Unix seconds), xt / it (exclude / include a state), c (continuation).
import type { User } from '../../store/store.ts';
import { decodeContinuation, type Continuation } from './continuation.ts';
import { badRequest } from './errors.ts';
import { parseStreamId, type ReaderState, type StreamRef } from './ids.ts';
import type { RequestParams } from './params.ts';

/**
 * `newest` (r=n or r=d), `oldest` (r=o), or `ranked`: Sluice's relevance order, asked for with r=a —
 * Google Reader's "magic" (personalised) order — or r=relevance. Absent: the stream's own default
 * (ranked for an interest's label, newest first for everything else).
 */
export type StreamOrder = 'newest' | 'oldest' | 'ranked';

export interface StreamQuery {
  stream: StreamRef;
  count: number;
  order?: StreamOrder;
  /** ot: only posts first seen at or after this. */
  newerThan?: Date;
  /** nt: only posts first seen before this. */
  olderThan?: Date;
  /** xt / it, as state filters: a post is listed only when it is in every `include` and no `exclude`. */
  exclude: ReaderState[];
  include: ReaderState[];
  continuation?: Continuation;
}

export const DEFAULT_COUNT = 20;
/** NetNewsWire and Read You ask for 1000 and 10000 ids at a time; more is paged by continuation. */
export const MAX_COUNT = 10_000;

const ORDERS: Record<string, StreamOrder> = { n: 'newest', d: 'newest', o: 'oldest', a: 'ranked', relevance: 'ranked' };

export function streamQuery(params: RequestParams, user: User, stream: StreamRef): StreamQuery {
  const c = params.get('c');
  return {
    stream,
    count: countOf(params.get('n')),
    order: orderOf(params.get('r')),
    newerThan: timeOf('ot', params.get('ot')),
    olderThan: timeOf('nt', params.get('nt')),
    exclude: params.all('xt').filter(Boolean).map((s) => stateFilter('xt', s, user)),
    include: params.all('it').filter(Boolean).map((s) => stateFilter('it', s, user)),
    continuation: c ? decodeContinuation(c) : undefined,
  };
}

function countOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_COUNT;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`n must be a positive whole number, not "${text}"`);
  return Math.min(n, MAX_COUNT);
}

function orderOf(text: string | undefined): StreamOrder | undefined {
  if (text === undefined) return undefined;
  const order = ORDERS[text];
  if (!order) throw badRequest(`r must be n or d (newest first), o (oldest first) or a / relevance (ranked), not "${text}"`);
  return order;
}

function timeOf(name: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) throw badRequest(`${name} must be a Unix time in seconds, not "${text}"`);
  return new Date(seconds * 1000);
}

/** Filters name states; `xt=feed/…` (Google's other use of xt) is not supported. */
function stateFilter(name: string, text: string, user: User): ReaderState {
  const ref = parseStreamId(text, user);
  if (ref.kind !== 'state' || (ref.state !== 'read' && ref.state !== 'starred')) {
    throw badRequest(`${name} supports user/-/state/com.google/read and …/starred, not "${text}"`);
  }
  return ref.state;
}
