// HTML-valued expectations are compared after both sides go through the same serializer, so that
// spelling differences that mean nothing (entity vs character, '<br>' vs '<br />', quote style, attribute
// order, an
// absolute URL with or without its trailing '/', whitespace around the whole) do not count.
import { Parser } from 'htmlparser2';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'poster', 'action', 'background', 'longdesc', 'usemap']);

export function normalizeHtml(source: string): string {
  let html = '';
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        html += `<${name}`;
        for (const [key, raw] of Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const value = URL_ATTRIBUTES.has(key) ? normalizeUrl(raw) : raw;
          html += ` ${key}="${escapeAttribute(value)}"`;
        }
        html += VOID.has(name) ? ' />' : '>';
      },
      ontext(data) {
        html += escapeText(data);
      },
      onclosetag(name) {
        if (!VOID.has(name)) html += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(source.trim());
  parser.end();
  return html;
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
