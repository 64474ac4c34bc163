// Images whose only purpose is to report that the post was read. Dropping them keeps the reader
// from phoning home for the publisher and removes blank boxes from the layout.

// Hosts that serve nothing but counters, whatever the size attributes say.
const TRACKER_HOSTS: ReadonlySet<string> = new Set([
  'pixel.wp.com', // WordPress.com stats
  'stats.wordpress.com', // WordPress.com stats
  'www.google-analytics.com', // Measurement-protocol hits
  'google-analytics.com',
  'pixel.quantserve.com', // Quantcast
]);

/** True for an `<img>` that is a tracking pixel: sized at most 1 px either way, or from a counter host. */
export function isTrackingPixel(attribs: Readonly<Record<string, string | undefined>>): boolean {
  if (isAtMostOnePixel(attribs.width) || isAtMostOnePixel(attribs.height)) return true;
  const src = attribs.src;
  if (src === undefined) return false;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  // FeedBurner's per-item counter: feeds.feedburner.com/~r/<feed>/~4/<id>
  if (url.hostname === 'feeds.feedburner.com' && url.pathname.startsWith('/~r/')) return true;
  return TRACKER_HOSTS.has(url.hostname);
}

function isAtMostOnePixel(size: string | undefined): boolean {
  if (size === undefined) return false;
  const value = Number.parseFloat(size);
  return Number.isFinite(value) && value <= 1 && !size.trim().endsWith('%');
}
