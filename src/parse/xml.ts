// The tokenizer layer: a small, forgiving XML reader that builds a light element tree (no DOM: an
// element is a name, its attributes and its children). Feeds in the wild are often not well-formed
// (bare "&", HTML entities, unclosed tags, stray "<"), so every slip is repaired the way a browser
// would and recorded as an issue instead of aborting; the feed readers then see a usable tree.
// Written by hand rather than on saxes (strict: stops at the first error) or htmlparser2 (HTML rules,
// no namespaces): it measured faster than both on the benchmark feeds and knows namespaces.
import type { ParseIssue } from './entry.ts';
import { HTML_ENTITIES } from './html-entities.ts';
import { canonicalNamespace, namespaceFor } from './namespaces.ts';

export interface XmlAttribute {
  /** Name as written, e.g. "xml:base". */
  qname: string;
  local: string;
  /** Canonical namespace key (see namespaces.ts); '' for an unprefixed attribute. */
  ns: string;
  value: string;
}

export interface XmlElement {
  /** Name as written, e.g. "dc:creator". */
  qname: string;
  /** Local name, lower-cased: what format readers match on, since feeds are careless about case. */
  local: string;
  /** Canonical namespace key (see namespaces.ts): 'atom', 'dc', 'media' ...; '' for plain RSS or none. */
  ns: string;
  attrs: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | undefined;
}

export type XmlNode = XmlElement | string;

export interface XmlDocument {
  root: XmlElement | undefined;
  issues: ParseIssue[];
  /** The DOCTYPE declaration as written, if any (it tells Netscape RSS 0.91 from UserLand's). */
  doctype?: string;
}

/** Issues beyond this many are dropped: a broken feed would otherwise pay for a long report. */
const MAX_ISSUES = 20;

/** Elements nested deeper than this are dropped (their text kept): no feed needs more, and readers recurse. */
const MAX_DEPTH = 256;

/** Characters that DOCTYPE-declared entities may add to one document (defuses "billion laughs"). */
const ENTITY_EXPANSION_BUDGET = 1_000_000;

/** Prefix → canonical namespace key, for the elements in scope. */
const WINDOWS_1252 = new TextDecoder('windows-1252');

/** HTML elements that never have content (link, meta, source are left out: in feeds they have content). */
const HTML_VOID = new Set(['br', 'hr', 'img', 'wbr', 'area', 'col', 'embed', 'param', 'input']);

interface Scope {
  [prefix: string]: string;
}

const ROOT_SCOPE: Scope = { xml: 'xml' };

export interface XmlOptions {
  /**
   * The document was UTF-8: character references that spell UTF-8 bytes one by one ("&#226;&#128;&#166;",
   * text that went through Latin-1 twice) are read as the character they encode ("…"), as feedparser does.
   */
  utf8?: boolean;
}

export function parseXml(text: string, options: XmlOptions = {}): XmlDocument {
  return new XmlReader(text, options.utf8 ?? false).read();
}

class XmlReader {
  private readonly text: string;
  private readonly issues: ParseIssue[] = [];
  private readonly stack: XmlElement[] = [];
  private readonly scopes: Scope[] = [];
  private root: XmlElement | undefined;
  /** Entities declared in the document's DOCTYPE internal subset. */
  private declared: Record<string, string> | undefined;
  private doctypeText: string | undefined;
  /** Start tags ignored beyond MAX_DEPTH and not yet closed. */
  private tooDeep = 0;
  private expansionBudget = ENTITY_EXPANSION_BUDGET;
  private lineAt = 0;
  private lineCount = 1;

  private readonly utf8: boolean;

  constructor(text: string, utf8: boolean) {
    this.text = text;
    this.utf8 = utf8;
  }

  read(): XmlDocument {
    const text = this.text;
    const n = text.length;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < n) {
      const lt = text.indexOf('<', i);
      if (lt === -1) {
        this.addText(this.decode(text.slice(i), i), i);
        break;
      }
      if (lt > i) this.addText(this.decode(text.slice(i, lt), i), i);
      const c = text.charCodeAt(lt + 1);
      if (c === 47 /* / */) i = this.endTag(lt);
      else if (c === 33 /* ! */) i = this.markup(lt);
      else if (c === 63 /* ? */) i = this.instruction(lt);
      else if (isNameStart(c)) i = this.startTag(lt);
      else {
        this.issue('a "<" that starts no tag was read as text', lt);
        this.addText('<', lt);
        i = lt + 1;
      }
    }
    if (this.stack.length > 0) {
      this.issue(`the document ends inside <${this.stack[this.stack.length - 1].qname}>`, n);
      this.stack.length = 0;
    }
    if (!this.root) this.issue('no root element', 0);
    const doc: XmlDocument = { root: this.root, issues: this.issues };
    if (this.doctypeText !== undefined) doc.doctype = this.doctypeText;
    return doc;
  }

  private addText(value: string, at: number): void {
    if (value === '') return;
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      if (!isBlank(value)) this.issue('text outside the root element was ignored', at);
      return;
    }
    const children = top.children;
    const last = children.length - 1;
    // Adjacent text (text, CDATA, entity runs) becomes one string, so readers see one value.
    if (last >= 0 && typeof children[last] === 'string') children[last] += value;
    else children.push(value);
  }

  private startTag(lt: number): number {
    const text = this.text;
    let i = lt + 1;
    const nameStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    const qname = text.slice(nameStart, i);
    const raw: [string, string][] = [];
    let selfClosing = false;
    let closed = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 62 /* > */) {
        i++;
        closed = true;
        break;
      }
      if (c === 47 /* / */ && text.charCodeAt(i + 1) === 62) {
        i += 2;
        selfClosing = true;
        closed = true;
        break;
      }
      if (c === 60 /* < */) break; // "<a <b>": the tag was never closed
      if (!isNameStart(c)) {
        i++;
        continue;
      }
      const attrStart = i;
      while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
      const name = text.slice(attrStart, i);
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 61 /* = */) {
        this.issue(`attribute ${name} on <${qname}> has no value`, attrStart);
        raw.push([name, '']);
        continue;
      }
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      const q = text.charCodeAt(i);
      let value: string;
      if (q === 34 || q === 39) {
        let end = text.indexOf(q === 34 ? '"' : "'", i + 1);
        if (end === -1) end = text.length;
        value = text.slice(i + 1, end);
        i = end + 1;
      } else {
        this.issue(`attribute ${name} on <${qname}> is not quoted`, attrStart);
        const valueStart = i;
        while (i < text.length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 62) i++;
        value = text.slice(valueStart, i);
      }
      raw.push([name, this.decode(value, attrStart)]);
    }
    if (!closed) this.issue(`tag <${qname}> is not closed`, lt);
    if (this.stack.length >= MAX_DEPTH) {
      if (this.tooDeep === 0) this.issue(`elements nested deeper than ${MAX_DEPTH} levels were flattened`, lt);
      if (!selfClosing) this.tooDeep++;
      return i;
    }
    const colon = qname.indexOf(':');
    const local = colon === -1 ? qname.toLowerCase() : qname.slice(colon + 1).toLowerCase();
    const inXhtml = this.scopes.length > 0 && this.scopes[this.scopes.length - 1][''] === 'xhtml';
    if (colon === -1 && (local === 'item' || local === 'entry') && !inXhtml) this.closeToContainer(lt);
    this.open(qname, raw, lt);
    // HTML written into a feed unescaped leaves <br> and <img> unclosed; they hold nothing in HTML.
    if (selfClosing || HTML_VOID.has(local)) this.stack.pop(), this.scopes.pop();
    return i;
  }

  private open(qname: string, raw: [string, string][], at: number): void {
    const parentScope = this.scopes.length ? this.scopes[this.scopes.length - 1] : ROOT_SCOPE;
    let scope = parentScope;
    for (const [name, value] of raw) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (scope === parentScope) scope = Object.create(parentScope) as Scope;
        scope[name === 'xmlns' ? '' : name.slice(6)] = canonicalNamespace(value.trim());
      }
    }
    const attrs: XmlAttribute[] = [];
    for (const [name, value] of raw) {
      const colon = name.indexOf(':');
      if (colon === -1) attrs.push({ qname: name, local: name.toLowerCase(), ns: '', value });
      else {
        const prefix = name.slice(0, colon);
        const ns = prefix === 'xmlns' ? 'xmlns' : this.resolve(scope, prefix, at);
        attrs.push({ qname: name, local: name.slice(colon + 1).toLowerCase(), ns, value });
      }
    }
    const colon = qname.indexOf(':');
    const local = (colon === -1 ? qname : qname.slice(colon + 1)).toLowerCase();
    const ns = colon === -1 ? (scope[''] ?? '') : this.resolve(scope, qname.slice(0, colon), at);
    const parent = this.stack[this.stack.length - 1];
    const element: XmlElement = { qname, local, ns, attrs, children: [], parent };
    if (parent) parent.children.push(element);
    else if (!this.root) this.root = element;
    else this.issue(`a second root element <${qname}> was ignored`, at);
    this.stack.push(element);
    this.scopes.push(scope);
  }

  /**
   * An item or entry always belongs to the channel or feed: elements left open before it (an unclosed
   * <itunes:category>, the previous <item>) are closed, as a browser closes an open <p> at a <div>.
   */
  private closeToContainer(at: number): void {
    const stack = this.stack;
    for (let k = stack.length - 1; k >= 0; k--) {
      const local = stack[k].local;
      if (local === 'channel' || local === 'feed' || local === 'rdf' || local === 'rss') {
        if (k < stack.length - 1) {
          this.issue(`<${stack[stack.length - 1].qname}> is not closed before an entry`, at);
          stack.length = k + 1;
          this.scopes.length = k + 1;
        }
        return;
      }
    }
  }

  private resolve(scope: Scope, prefix: string, at: number): string {
    const ns = scope[prefix];
    if (ns !== undefined) return ns;
    this.issue(`namespace prefix ${prefix} is not declared`, at);
    // Well-known prefixes (dc:, content:, media: ...) are used undeclared often enough to honour them.
    const uri = namespaceFor(prefix);
    return uri === undefined ? `urn:undeclared:${prefix}` : canonicalNamespace(uri);
  }

  private endTag(lt: number): number {
    const text = this.text;
    let gt = text.indexOf('>', lt);
    if (gt === -1) {
      this.issue('an end tag is not closed', lt);
      gt = text.length;
    }
    if (this.tooDeep > 0) {
      this.tooDeep--;
      return gt + 1;
    }
    const qname = text.slice(lt + 2, gt).trim();
    const stack = this.stack;
    let k = stack.length - 1;
    while (k >= 0 && stack[k].qname !== qname) k--;
    if (k < 0) {
      // Case-insensitive second chance: <Title>...</title> is common in hand-written feeds.
      const lower = qname.toLowerCase();
      k = stack.length - 1;
      while (k >= 0 && stack[k].qname.toLowerCase() !== lower) k--;
      if (k >= 0) this.issue(`</${qname}> closes <${stack[k].qname}>`, lt);
    }
    if (k < 0) {
      // </br> after a <br> that was closed on the spot is well-formed XML, not a stray end tag.
      const colon = qname.indexOf(':');
      if (!HTML_VOID.has((colon === -1 ? qname : qname.slice(colon + 1)).toLowerCase())) {
        this.issue(`end tag </${qname}> matches no open element`, lt);
      }
    } else {
      if (k < stack.length - 1) this.issue(`<${stack[stack.length - 1].qname}> is not closed`, lt);
      stack.length = k;
      this.scopes.length = k;
    }
    return gt + 1;
  }

  /** Comments, CDATA sections and the DOCTYPE. */
  private markup(lt: number): number {
    const text = this.text;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) {
        this.issue('a comment is not closed', lt);
        return text.length;
      }
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      let end = text.indexOf(']]>', lt + 9);
      if (end === -1) {
        this.issue('a CDATA section is not closed', lt);
        end = text.length;
      }
      this.addText(text.slice(lt + 9, end), lt);
      return end + 3;
    }
    if (text.startsWith('<!DOCTYPE', lt) || text.startsWith('<!doctype', lt)) return this.doctype(lt);
    this.issue('unknown markup declaration', lt);
    const gt = text.indexOf('>', lt);
    return gt === -1 ? text.length : gt + 1;
  }

  private doctype(lt: number): number {
    const text = this.text;
    const bracket = text.indexOf('[', lt);
    const gt = text.indexOf('>', lt);
    if (gt === -1) return text.length;
    this.doctypeText = text.slice(lt, Math.min(gt + 1, lt + 300));
    if (bracket === -1 || bracket > gt) return gt + 1;
    const close = text.indexOf(']', bracket);
    const subsetEnd = close === -1 ? text.length : close;
    const subset = text.slice(bracket + 1, subsetEnd);
    // Internal entity declarations are honoured (some feeds define their own &nbsp;), external ones are not.
    const declaration = /<!ENTITY\s+([^\s%]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
    for (let m = declaration.exec(subset); m; m = declaration.exec(subset)) {
      this.declared ??= Object.create(null) as Record<string, string>;
      this.declared[m[1]] = this.decode(m[2] ?? m[3] ?? '', lt);
    }
    const end = text.indexOf('>', subsetEnd);
    return end === -1 ? text.length : end + 1;
  }

  private instruction(lt: number): number {
    const end = this.text.indexOf('?>', lt + 2);
    if (end === -1) {
      this.issue('a processing instruction is not closed', lt);
      return this.text.length;
    }
    return end + 2;
  }

  /** Replaces character and entity references; a "&" that starts none stays literal. */
  private decode(raw: string, at: number): string {
    let amp = raw.indexOf('&');
    if (amp === -1) return raw;
    let out = '';
    let from = 0;
    while (amp !== -1) {
      out += raw.slice(from, amp);
      const semi = raw.indexOf(';', amp + 1);
      const name = semi === -1 || semi - amp > 40 ? '' : raw.slice(amp + 1, semi);
      const replacement = name ? this.entity(name, at + amp) : undefined;
      if (replacement === undefined) {
        this.issue('a bare "&" was read as text', at + amp);
        out += '&';
        from = amp + 1;
      } else {
        out += replacement;
        from = semi + 1;
      }
      amp = raw.indexOf('&', from);
    }
    out += raw.slice(from);
    return this.utf8 ? repairDoubleEncoding(out) : out;
  }

  private entity(name: string, at: number): string | undefined {
    if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name.charCodeAt(1) === 120 || name.charCodeAt(1) === 88;
      const digits = hex ? name.slice(2) : name.slice(1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
      const code = parseInt(digits, hex ? 16 : 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      // &#146; and friends mean windows-1252 punctuation (curly quotes, dashes), as in HTML.
      if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252.decode(new Uint8Array([code]));
      return String.fromCodePoint(code);
    }
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const own = this.declared?.[name];
    if (own !== undefined) {
      if (own.length > this.expansionBudget) {
        this.issue(`&${name}; was left unexpanded: declared entities expand to too much text`, at);
        return undefined;
      }
      this.expansionBudget -= own.length;
      return own;
    }
    const code = HTML_ENTITIES[name];
    if (code === undefined) return undefined;
    this.issue(`&${name}; is an HTML entity, undefined in XML`, at);
    return String.fromCharCode(code);
  }

  private issue(message: string, at: number): void {
    if (this.issues.length >= MAX_ISSUES) return;
    // Lines are counted only when an issue is met, forward from the previous one.
    const text = this.text;
    if (at < this.lineAt) {
      this.lineAt = 0;
      this.lineCount = 1;
    }
    for (let i = text.indexOf('\n', this.lineAt); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) this.lineCount++;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    this.lineAt = at;
    this.issues.push({ message, line: this.lineCount, column: at - lineStart + 1 });
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** windows-1252 characters of 0x80–0x9F → their byte (character references in that range become them). */
const CP1252_BYTE = new Map<string, number>();
for (let b = 0x80; b <= 0x9f; b++) CP1252_BYTE.set(WINDOWS_1252.decode(new Uint8Array([b])), b);

/**
 * Text whose every character is one byte (Latin-1, or windows-1252 punctuation) and whose bytes are
 * valid UTF-8 with at least one multi-byte sequence was UTF-8 decoded twice: decode it once more.
 */
function repairDoubleEncoding(s: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const b = c <= 0xff ? c : CP1252_BYTE.get(s[i]);
    if (b === undefined) return s;
    bytes[i] = b;
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return s; // not UTF-8 after all: real Latin-1 text
  }
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46 || c > 127
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

// ---- reading the tree ----

/** The first child element with this namespace and (lower-case) local name. */
export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.local === local && c.ns === ns) return c;
  return undefined;
}

export function attr(el: XmlElement, local: string, ns = ''): string | undefined {
  for (const a of el.attrs) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

/** All text inside the element, markup dropped. */
export function textOf(el: XmlElement): string {
  const children = el.children;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let out = '';
  for (const c of children) out += typeof c === 'string' ? c : textOf(c);
  return out;
}

export function hasElementChildren(el: XmlElement): boolean {
  for (const c of el.children) if (typeof c !== 'string') return true;
  return false;
}

/** The element's children written back out as markup (prefixes dropped: the result is HTML). */
export function innerXml(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? escapeText(c) : outerXml(c);
  return out;
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

function outerXml(el: XmlElement): string {
  const colon = el.qname.indexOf(':');
  const name = colon === -1 ? el.qname : el.qname.slice(colon + 1);
  let out = '<' + name;
  for (const a of el.attrs) {
    if (a.ns === 'xmlns' || a.qname === 'xmlns') continue;
    out += ` ${a.ns === 'xml' ? a.qname : a.local}="${escapeAttribute(a.value)}"`;
  }
  if (el.children.length === 0 && VOID_ELEMENTS.has(el.local)) return out + ' />';
  return out + '>' + innerXml(el) + `</${name}>`;
}

export function escapeText(s: string): string {
  if (!/[&<>]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
