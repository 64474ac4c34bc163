// HTML-valued expectations are compared after both sides go through the same serializer, so that
// spelling differences that mean nothing (entity vs character, '<br>' vs '<br />', quote style, an
// absolute URL with or without its trailing '/') do not count. Also decides whether our sanitized HTML
// is a *safer* version of feedparser's: the same text, with only elements or attributes taken away.
import { Parser } from 'htmlparser2';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster', 'action', 'background', 'longdesc', 'usemap']);

export interface NormalizedHtml {
  html: string;
  /** Text content with whitespace runs collapsed. */
  text: string;
  /** One "tag" and one "tag@attr=value" entry per occurrence. */
  parts: string[];
}

export function normalizeHtml(source: string): NormalizedHtml {
  let html = '';
  let text = '';
  const parts: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        html += `<${name}`;
        parts.push(name);
        for (const [key, raw] of Object.entries(attributes)) {
          const value = URL_ATTRIBUTES.has(key) ? normalizeUrl(raw) : raw;
          html += ` ${key}="${escapeAttribute(value)}"`;
          parts.push(`${name}@${key}=${value}`);
        }
        html += VOID.has(name) ? ' />' : '>';
      },
      ontext(data) {
        html += escapeText(data);
        text += data;
      },
      onclosetag(name) {
        if (!VOID.has(name)) html += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(source);
  parser.end();
  return { html, text: text.replace(/\s+/g, ' ').trim(), parts };
}

/**
 * True when `ours` is `theirs` with only markup removed: the same text, and every element and
 * attribute we kept is one they kept too. Dropping an attribute feedparser allows (abbr, style ...)
 * or an element it allows is stricter sanitizing, not a parsing error.
 */
export function isSaferSubset(ours: NormalizedHtml, theirs: NormalizedHtml): boolean {
  if (ours.text !== theirs.text) return false;
  return isSubset(ours.parts, theirs.parts);
}

/** Attributes our sanitizer adds to every link so it opens apart from the reader (safer, not different). */
export const LINK_HARDENING = ['a@rel=noopener noreferrer', 'a@target=_blank'];

/** `ours` without the link-hardening attributes that `theirs` lacks. */
export function withoutLinkHardening(ours: NormalizedHtml, theirs: NormalizedHtml): NormalizedHtml {
  const drop = LINK_HARDENING.filter((p) => !theirs.parts.includes(p));
  if (drop.length === 0) return ours;
  const parts = ours.parts.filter((p) => !drop.includes(p));
  let html = ours.html;
  for (const p of drop) {
    const [, attribute] = p.split('@');
    const [key, value] = attribute.split('=');
    html = html.split(` ${key}="${value}"`).join('');
  }
  return { html, text: ours.text, parts };
}

/** Every part of ours occurs in theirs, as often (a multiset inclusion). */
function isSubset(ourParts: string[], theirParts: string[]): boolean {
  const available = new Map<string, number>();
  for (const part of theirParts) available.set(part, (available.get(part) ?? 0) + 1);
  for (const part of ourParts) {
    const left = available.get(part) ?? 0;
    if (left === 0) return false;
    available.set(part, left - 1);
  }
  return true;
}

function normalizeUrl(value: string): string {
  const trimmed = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  try {
    return new URL(trimmed).href;
  } catch {
    return trimmed;
  }
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
