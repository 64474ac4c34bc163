// The Google Reader API's names for items and streams, both ways. An item (a Sluice post) is
// `tag:google.com,2005:reader/item/<16 hex digits>` in long form and its decimal number in short form
// (stream/items/ids answers short, contents long); clients send either, and bare hex as well.
// Streams are `feed/<URL>`, `user/-/label/<NAME>` and `user/-/state/com.google/<STATE>`.
import type { User } from '../../store/store.ts';

const LONG_ITEM_PREFIX = 'tag:google.com,2005:reader/item/';

/** `tag:google.com,2005:reader/item/000000000000002a` for post 42. */
export function longItemId(postId: number): string {
  return LONG_ITEM_PREFIX + postId.toString(16).padStart(16, '0');
}

/** `42` for post 42 (the form stream/items/ids answers with). */
export function shortItemId(postId: number): string {
  return String(postId);
}

/**
 * The post id an item id names, or undefined for text that is no item id (or names no possible post).
 * Long form → hex after the prefix (NetNewsWire sends it unpadded). Bare text: digits without a leading
 * zero are the decimal short form; anything else is hex (Read You sends `%016x`), as FreshRSS reads them.
 */
export function parseItemId(text: string): number | undefined {
  const id = text.trim();
  let value: bigint;
  if (id.toLowerCase().startsWith(LONG_ITEM_PREFIX)) {
    const hex = id.slice(LONG_ITEM_PREFIX.length);
    if (!/^[0-9a-f]{1,16}$/i.test(hex)) return undefined;
    value = BigInt(`0x${hex}`);
  } else if (/^[1-9][0-9]{0,19}$/.test(id)) {
    value = BigInt(id);
  } else if (/^[0-9a-f]{1,16}$/i.test(id)) {
    value = BigInt(`0x${id}`);
  } else {
    return undefined;
  }
  return value > 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/** The states Sluice keeps or derives per user. */
export type ReaderState = 'reading-list' | 'read' | 'starred' | 'kept-unread' | 'like';

export const READER_STATES: readonly ReaderState[] = ['reading-list', 'read', 'starred', 'kept-unread', 'like'];

/** A stream as named by a client. Feeds are named by URL (Google's form) or by Sluice's feed id. */
export type StreamRef =
  | { kind: 'state'; state: ReaderState }
  | { kind: 'feed'; url: string }
  | { kind: 'feed'; id: number }
  | { kind: 'label'; name: string };

export class StreamIdError extends Error {
  constructor(text: string, reason: string) {
    super(`stream id "${text}": ${reason}`);
    this.name = 'StreamIdError';
  }
}

/**
 * Reads a stream id. `user/-/…` is the caller; `user/<their id>/…` too; another user's id is refused
 * like an unknown stream, so nothing says whether that user exists.
 */
export function parseStreamId(text: string, user: User): StreamRef {
  if (text.startsWith('feed/')) {
    const target = text.slice('feed/'.length);
    if (/^[1-9][0-9]{0,15}$/.test(target)) return { kind: 'feed', id: Number(target) };
    if (!target) throw new StreamIdError(text, 'no feed URL');
    return { kind: 'feed', url: target };
  }
  const m = /^user\/([^/]+)\/(state\/com\.google|label)\/(.+)$/s.exec(text);
  if (!m) throw new StreamIdError(text, 'not a feed/…, user/-/label/… or user/-/state/com.google/… stream');
  const [, who, kind, name] = m;
  if (who !== '-' && who !== String(user.id)) throw new StreamIdError(text, 'not one of your streams');
  if (kind === 'label') return { kind: 'label', name };
  const state = READER_STATES.find((s) => s === name);
  if (!state) throw new StreamIdError(text, `unknown state (known: ${READER_STATES.join(', ')})`);
  return { kind: 'state', state };
}

export function stateStreamId(state: ReaderState): string {
  return `user/-/state/com.google/${state}`;
}

export function labelStreamId(name: string): string {
  return `user/-/label/${name}`;
}

export function feedStreamId(feedUrl: string): string {
  return `feed/${feedUrl}`;
}
