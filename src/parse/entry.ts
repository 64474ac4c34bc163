// The one model every feed format is parsed into. Later stages (clean, store) read only this.

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** A text construct: feeds say whether a title or summary is plain text, HTML or XHTML. */
export type TextType = 'text' | 'html' | 'xhtml';

export interface Person {
  name?: string;
  email?: string;
  uri?: string;
}

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

/** A link with its relation, as Atom states it (RSS <link> is rel "alternate", <enclosure> "enclosure"). */
export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
  hreflang?: string;
  length?: number;
}

export interface Category {
  term: string;
  scheme?: string;
  label?: string;
}

/**
 * xml:lang and xml:base of one text field, recorded only where they differ from those of the entry
 * (or feed) holding it: content in another language, or whose relative links resolve elsewhere.
 * `language` undefined means the field explicitly has none (xml:lang="").
 */
export interface TextContext {
  language?: string;
  base?: string;
}

/** One item of a feed, as published. Dates are absent when the feed has none or they cannot be read. */
export interface Entry {
  /** Stable id: the GUID / atom:id / JSON id, else derived from link, title and date. */
  id: string;
  /** True when `id` came from the feed itself rather than being derived. */
  idFromFeed: boolean;
  link?: string;
  /** Every link the entry states, the main one included. */
  links?: Link[];
  title?: string;
  titleType?: TextType;
  authors: Person[];
  contributors?: Person[];
  published?: Date;
  updated?: Date;
  /** Summary / description, HTML unless summaryType says otherwise. Not sanitized yet. */
  summary?: string;
  summaryType?: TextType;
  /** Full content, HTML unless contentType says otherwise. Not sanitized yet. */
  content?: string;
  contentType?: TextType;
  categories: Category[];
  enclosures: Enclosure[];
  /** Copyright / licence statement, when the entry has its own. */
  rights?: string;
  rightsType?: TextType;
  /** The page holding the entry's comments (RSS <comments>). */
  commentsUrl?: string;
  /** A representative image (media:thumbnail, itunes:image, JSON image). */
  image?: string;
  language?: string;
  /** The base URL relative links inside this entry resolve against. */
  baseUrl?: string;
  /** Per-field language and base, where they differ from the entry's. */
  textContext?: { title?: TextContext; summary?: TextContext; content?: TextContext; rights?: TextContext };
  /** Where the entry says it was first published (RSS <source>, Atom <source>). */
  source?: EntrySource;
}

/**
 * The feed an entry was first published in (RSS <source>, Atom <source>): aggregated "planet" feeds
 * name the original blog here. Atom states the same metadata as a feed; RSS only a title and URL.
 */
export interface EntrySource {
  title?: string;
  titleType?: TextType;
  /** The original site (else its feed). */
  url?: string;
  id?: string;
  feedUrl?: string;
  description?: string;
  descriptionType?: TextType;
  rights?: string;
  rightsType?: TextType;
  links?: Link[];
  authors?: Person[];
  contributors?: Person[];
  categories?: Category[];
  updated?: Date;
  generator?: string;
  generatorUri?: string;
  generatorVersion?: string;
  icon?: string;
  image?: string;
}

/** A problem met while parsing. Parsing goes on where it can (feedparser calls this "bozo"). */
export interface ParseIssue {
  message: string;
  line?: number;
  column?: number;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** Format version as feedparser names it: rss20, rss091u, rss10, atom10, atom03, json11, ... */
  version: string;
  title?: string;
  titleType?: TextType;
  /** The website the feed belongs to. */
  siteUrl?: string;
  /** The feed's own URL when the document states it (atom:link rel=self, JSON feed_url). */
  feedUrl?: string;
  description?: string;
  descriptionType?: TextType;
  /** Every link the feed states about itself (alternate, self, hub ...). */
  links?: Link[];
  /** atom:id / RSS 1.0 rdf:about, when stated. */
  id?: string;
  rights?: string;
  rightsType?: TextType;
  /** The software that wrote the feed: its name, and where stated its home page and version (Atom). */
  generator?: string;
  generatorUri?: string;
  generatorVersion?: string;
  language?: string;
  image?: string;
  icon?: string;
  authors: Person[];
  contributors?: Person[];
  categories?: Category[];
  published?: Date;
  updated?: Date;
  /** The base URL relative links in feed-level text resolve against. */
  baseUrl?: string;
  /** Per-field language and base, where they differ from the feed's. */
  textContext?: { title?: TextContext; description?: TextContext; rights?: TextContext };
  /** Suggested minimum minutes between fetches (RSS <ttl>), if given. */
  ttlMinutes?: number;
  /** Character encoding the bytes were decoded with. */
  encoding: string;
  entries: Entry[];
  /** Well-formedness and other problems; non-empty means the feed was repaired or partly read. */
  issues: ParseIssue[];
}
