// Documents built to break a parser: huge text, deep nesting, entity expansion bombs, broken bytes,
// empty input, JSON Feeds with wrong types. Each says what a robust parser must still do with it.

export interface HostileDocument {
  name: string;
  body: Uint8Array | string;
  /** `feed`: must be parsed (a feed is in there); `any`: a feed or NotAFeedError. */
  expect: 'feed' | 'any';
  /** Exact number of entries, when the document makes that unambiguous. */
  entries?: number;
  /** Upper bound on characters in all strings of the result (amplification attacks). */
  maxOutputChars?: number;
  /** A bound on parse time for the big ones, generous: a hang detector, not a speed target. */
  maxMs: number;
}

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s);

const rss = (items: string, prolog = '') =>
  `<?xml version="1.0" encoding="utf-8"?>${prolog}<rss version="2.0"><channel><title>t</title><link>https://example.org/</link>${items}</channel></rss>`;
const item = (inner: string) => `<item>${inner}</item>`;
const jsonFeed = (rest: string) => `{"version":"https://jsonfeed.org/version/1.1","title":"t",${rest}}`;

function concat(...parts: (string | number[])[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const MB = 1_000_000;
const DEPTH = 100_000;

export function hostileDocuments(): HostileDocument[] {
  return [
    // --- size ---
    {
      name: '50 MB single text node in a description',
      body: utf8(rss(item(`<title>big</title><guid>g1</guid><description>${'lorem ipsum '.repeat((50 * MB) / 12)}</description>`))),
      expect: 'feed',
      entries: 1,
      maxMs: 30_000,
    },
    {
      name: '10 MB attribute value',
      body: utf8(rss(item(`<title>big attribute</title><enclosure url="https://e.org/${'a'.repeat(10 * MB)}" type="audio/mpeg" length="1"/>`))),
      expect: 'feed',
      entries: 1,
      maxMs: 30_000,
    },
    {
      name: '100,000 items',
      body: utf8(rss(Array.from({ length: 100_000 }, (_, i) => item(`<title>n${i}</title><guid>id-${i}</guid>`)).join(''))),
      expect: 'feed',
      entries: 100_000,
      maxMs: 30_000,
    },
    {
      name: '100,000 attributes on one element',
      body: utf8(rss(item(`<title>t</title><guid ${Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(' ')}>g</guid>`))),
      expect: 'feed',
      entries: 1,
      maxMs: 30_000,
    },
    // --- depth ---
    {
      name: `${DEPTH} nested elements inside a description`,
      body: utf8(rss(item(`<title>deep</title><description>${'<div>'.repeat(DEPTH)}x${'</div>'.repeat(DEPTH)}</description>`))),
      expect: 'feed',
      entries: 1,
      maxMs: 30_000,
    },
    {
      name: `${DEPTH} nested XHTML divs in Atom content`,
      body: utf8(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id><entry><id>urn:e</id><title>deep</title>' +
          `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${'<div>'.repeat(DEPTH)}x${'</div>'.repeat(DEPTH)}</div></content></entry></feed>`,
      ),
      expect: 'feed',
      entries: 1,
      maxMs: 30_000,
    },
    {
      name: `${DEPTH} unclosed elements in a channel`,
      body: utf8(`<rss version="2.0"><channel><title>t</title>${'<x>'.repeat(DEPTH)}`),
      expect: 'any',
      maxMs: 30_000,
    },
    {
      name: `${DEPTH} nested arrays in a JSON Feed extension`,
      body: jsonFeed(`"items":[{"id":"1","content_text":"x","_deep":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}]`),
      expect: 'any',
      maxMs: 30_000,
    },
    // --- entity expansion ---
    {
      name: 'billion laughs (nested internal entities)',
      body: utf8(
        rss(
          item('<title>&lol9;</title><guid>g</guid>'),
          '<!DOCTYPE rss [<!ENTITY lol "lol">' +
            Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
            ']>',
        ),
      ),
      expect: 'any',
      maxOutputChars: 1 * MB,
      maxMs: 10_000,
    },
    {
      name: 'quadratic blowup (one 100 KB entity referenced 100,000 times)',
      body: utf8(
        rss(item(`<title>q</title><guid>g</guid><description>${'&a;'.repeat(100_000)}</description>`), `<!DOCTYPE rss [<!ENTITY a "${'x'.repeat(100_000)}">]>`),
      ),
      expect: 'any',
      maxOutputChars: 5 * MB,
      maxMs: 10_000,
    },
    {
      name: 'external entity (must not be fetched or read)',
      body: utf8(rss(item('<title>&xxe;</title><guid>g</guid>'), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
      expect: 'any',
      maxMs: 10_000,
    },
    // --- broken bytes ---
    {
      name: 'invalid UTF-8 sequences in a UTF-8 feed',
      body: concat(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><item><title>bad ',
        [0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80],
        ' bytes</title><guid>g</guid></item></channel></rss>',
      ),
      expect: 'feed',
      entries: 1,
      maxMs: 10_000,
    },
    {
      name: 'Latin-1 bytes in a feed that says UTF-8',
      body: concat('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>caf', [0xe9], '</title><guid>g</guid></item></channel></rss>'),
      expect: 'feed',
      entries: 1,
      maxMs: 10_000,
    },
    {
      name: 'an encoding label nobody knows',
      body: utf8(rss(item('<title>t</title><guid>g</guid>')).replace('encoding="utf-8"', 'encoding="x-no-such-charset"')),
      expect: 'feed',
      entries: 1,
      maxMs: 10_000,
    },
    {
      name: 'NUL bytes inside a title and between elements',
      body: concat('<rss version="2.0"><channel>', [0], '<item><title>a', [0, 0], 'b</title><guid>g</guid></item>', [0], '</channel></rss>'),
      expect: 'any',
      maxMs: 10_000,
    },
    { name: '1 MB of NUL bytes', body: new Uint8Array(MB), expect: 'any', maxMs: 10_000 },
    {
      name: 'UTF-16 BOM followed by odd bytes',
      body: concat([0xff, 0xfe], '<rss><channel><item>', [0xd8, 0x00]),
      expect: 'any',
      maxMs: 10_000,
    },
    { name: '1 MB of random bytes', body: randomBytes(MB), expect: 'any', maxMs: 10_000 },
    // --- truncation and stray markup ---
    { name: 'unclosed CDATA section', body: rss(item('<title><![CDATA[never ends')).slice(0, -30), expect: 'any', maxMs: 10_000 },
    { name: 'unclosed comment', body: `<rss version="2.0"><channel><item><title>t</title><!-- ${'-'.repeat(100_000)}`, expect: 'any', maxMs: 10_000 },
    { name: 'a million "<"', body: `<rss version="2.0"><channel><item><title>${'<'.repeat(MB)}`, expect: 'any', maxMs: 10_000 },
    { name: 'a 1 MB element name', body: `<rss version="2.0"><channel><${'n'.repeat(MB)}>`, expect: 'any', maxMs: 10_000 },
    { name: 'feed cut in the middle of a tag', body: '<rss version="2.0"><channel><item><title>cut</title><gu', expect: 'any', maxMs: 10_000 },
    // --- empty ---
    { name: 'empty string', body: '', expect: 'any', maxMs: 10_000 },
    { name: 'empty bytes', body: new Uint8Array(0), expect: 'any', maxMs: 10_000 },
    { name: 'only whitespace', body: ' \n\t\r\n ', expect: 'any', maxMs: 10_000 },
    { name: 'only a UTF-8 BOM', body: Uint8Array.from([0xef, 0xbb, 0xbf]), expect: 'any', maxMs: 10_000 },
    { name: 'only an XML declaration', body: '<?xml version="1.0"?>', expect: 'any', maxMs: 10_000 },
    // --- JSON Feed with wrong types ---
    { name: 'JSON Feed whose items is a string', body: jsonFeed('"items":"nope"'), expect: 'any', maxMs: 10_000 },
    { name: 'JSON Feed whose items is an object', body: jsonFeed('"items":{"id":"1"}'), expect: 'any', maxMs: 10_000 },
    { name: 'JSON Feed items that are not objects', body: jsonFeed('"items":[null,5,"s",[],true]'), expect: 'any', maxMs: 10_000 },
    {
      name: 'JSON Feed item with every field of the wrong type',
      body: jsonFeed(
        '"items":[{"id":5,"url":{},"external_url":[],"title":{"a":1},"content_html":["x"],"content_text":7,"summary":true,' +
          '"date_published":12345,"date_modified":{},"tags":"x","authors":"someone","author":7,"attachments":[null,{"url":5},' +
          '{"url":"https://e.org/a.mp3","mime_type":3,"size_in_bytes":"big"}],"language":1,"image":[]},' +
          '{"id":{"x":1},"title":"ok"},{"id":null,"title":"no id"},{"id":"","title":"empty id"}]',
      ),
      expect: 'any',
      maxMs: 10_000,
    },
    {
      name: 'JSON Feed top-level fields of the wrong type',
      body: '{"version":"https://jsonfeed.org/version/1.1","title":[1],"home_page_url":42,"feed_url":{},"description":false,"icon":7,"authors":{},"language":[],"items":[]}',
      expect: 'any',
      maxMs: 10_000,
    },
    { name: 'JSON Feed with a numeric version', body: '{"version":1.1,"items":[{"id":"1"}]}', expect: 'any', maxMs: 10_000 },
    { name: 'JSON null', body: 'null', expect: 'any', maxMs: 10_000 },
    { name: 'JSON array', body: '[1,2,3]', expect: 'any', maxMs: 10_000 },
    { name: 'JSON string', body: '"https://jsonfeed.org/version/1.1"', expect: 'any', maxMs: 10_000 },
    { name: 'truncated JSON Feed', body: jsonFeed('"items":[{"id":"1","title":"cut').slice(0, -2), expect: 'any', maxMs: 10_000 },
  ];
}

/** Deterministic pseudo-random bytes (xorshift), so a failure can be reproduced. */
function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
