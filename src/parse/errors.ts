// The one error parseFeed throws: the bytes are not a feed at all (an HTML page, an image, empty).
// Everything short of that is parsed as far as it goes and reported in ParsedFeed.issues.

export class NotAFeedError extends Error {
  /** Where the document came from, when known. */
  readonly url: string | undefined;

  constructor(reason: string, url?: string, options?: { cause?: unknown }) {
    super(`not a feed${url ? ` (${url})` : ''}: ${reason}`, options);
    this.name = 'NotAFeedError';
    this.url = url;
  }
}
