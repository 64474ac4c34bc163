// Feeds behind HTTP Basic auth are often subscribed as https://user:pass@host/feed. The userinfo becomes an
// Authorization header for that origin only (never sent to another host a redirect points at), and is
// removed from every URL the fetcher reports, so passwords don't end up in error messages and logs.

export interface UrlCredentials {
  /** The origin the credentials belong to. */
  origin: string;
  username: string;
  password: string;
  /** `Basic …` header value. */
  authorization: string;
}

/** The credentials in `url`, if any (undefined for unparsable URLs: fetchFeed reports those). */
export function credentialsOf(url: string): UrlCredentials | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (!u.username && !u.password) return undefined;
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  return { origin: u.origin, username, password, authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/** `url` without its userinfo. */
export function withoutCredentials(url: URL): URL {
  if (!url.username && !url.password) return url;
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy;
}

/** `url` with the credentials put back when it is on their origin (for a feed's new permanent address). */
export function withCredentials(url: string, credentials: UrlCredentials | undefined): string {
  if (!credentials) return url;
  const u = new URL(url);
  if (u.origin !== credentials.origin) return url;
  u.username = encodeURIComponent(credentials.username);
  u.password = encodeURIComponent(credentials.password);
  return u.href;
}
