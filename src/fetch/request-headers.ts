// What Sluice says about itself and what it asks for, in one place.

/** Names the software and where to read about it, so publishers can tell who is polling them. */
export const USER_AGENT = 'Sluice/0.1 (+https://github.com/sluice-reader/sluice)';

/** Feed types first; generic XML/JSON next (many feeds are served as text/xml); anything else last. */
export const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.5';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Validators stored from the previous successful fetch. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export function requestHeaders(validators: Validators, userAgent = USER_AGENT): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}
