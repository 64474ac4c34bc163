// One spelling per article URL, so the same post reached through different links is recognised.
// Only changes that cannot change the page are made: scheme and host case, default port, fragment,
// known tracking parameters. Path case and the order of the remaining parameters are kept (servers
// may depend on both), and the remaining query is kept byte for byte rather than re-encoded.
import { isTrackingParam } from './tracking-params.ts';

/** The canonical form of an absolute http(s) URL; undefined for other schemes and unparsable input. */
export function canonicalUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    // The URL parser lower-cases scheme and host, drops the default port and normalizes the path.
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.hash = '';
  // An empty search removes the "?" too.
  parsed.search = withoutTrackingParams(parsed.search);
  return parsed.href;
}

// Works on the raw `a=1&b=2` text: URLSearchParams would re-encode what it keeps (`%20` → `+`).
function withoutTrackingParams(search: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(paramName(pair)));
  return kept.length > 0 ? '?' + kept.join('&') : '';
}

function paramName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq === -1 ? pair : pair.slice(0, eq);
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
