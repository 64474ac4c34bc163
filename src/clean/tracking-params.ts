// Query parameters that only say how a reader arrived at a page, never which page it is. Removing them
// makes the same article shared through different channels one URL. Only parameters known to be
// trackers are listed: a general-looking name such as `ref` or `source` selects content on some sites.

/** Parameter-name prefixes, each followed by a vendor-specific suffix. */
const TRACKING_PREFIXES: readonly string[] = [
  'utm_', // Google Analytics campaign tags (utm_source, utm_medium, utm_campaign, utm_term, utm_content, ...)
];

/** Exact parameter names (compared lower-cased). */
const TRACKING_NAMES: ReadonlySet<string> = new Set([
  'fbclid', // Facebook click id
  'gclid', // Google Ads click id
  'gclsrc', // Google Ads click source
  'dclid', // Google Display (DoubleClick) click id
  'gbraid', // Google Ads click id for iOS app campaigns
  'wbraid', // Google Ads click id for web-to-app campaigns
  '_ga', // Google Analytics cross-domain linker
  '_gl', // Google Analytics cross-domain linker (gtag)
  'msclkid', // Microsoft Advertising click id
  'mc_cid', // Mailchimp campaign id
  'mc_eid', // Mailchimp subscriber id
  'igshid', // Instagram share id
  'yclid', // Yandex click id
  '_hsenc', // HubSpot email tracking
  '_hsmi', // HubSpot email tracking
  'mkt_tok', // Marketo email tracking
  'ref_src', // Twitter/X share source
  'ref_url', // Twitter/X share source
  'twclid', // Twitter/X click id
  'ttclid', // TikTok click id
  'li_fat_id', // LinkedIn click id
]);

/** True for a query parameter name that is a known tracker. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_NAMES.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
