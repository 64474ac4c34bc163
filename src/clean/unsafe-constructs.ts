// An independent check of sanitizer output, used by the tests: parse the HTML again and list every
// construct that could run script, navigate or load from an unexpected place. It shares no code with
// the sanitizer's policy on purpose, so a mistake in one is not repeated in the other.
import { Parser } from 'htmlparser2';

const SAFE_ELEMENTS = new Set([
  'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'q', 'cite',
  'article', 'section', 'aside', 'header', 'footer', 'address', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'details', 'summary', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub',
  'sup', 'abbr', 'dfn', 'time', 'kbd', 'samp', 'var', 'code', 'pre', 'ruby', 'rt', 'rp', 'bdi', 'wbr',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'figure',
  'figcaption', 'picture', 'img', 'source', 'video', 'audio', 'track', 'iframe',
]);

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'action', 'formaction', 'background', 'xlink:href', 'data']);

const SAFE_EMBED = /^https:\/\/(?:www\.)?(?:youtube\.com\/embed\/|youtube-nocookie\.com\/embed\/|dailymotion\.com\/embed\/video\/)|^https:\/\/player\.vimeo\.com\/video\/|^https:\/\/geo\.dailymotion\.com\/player/;

/** Descriptions of every unsafe construct in `html`; empty when it is safe to render. */
export function unsafeConstructs(html: string): string[] {
  const problems: string[] = [];
  // Every raw `<` the sanitizer wrote must open or close a safe element: text `<` is always escaped.
  for (const match of html.matchAll(/<(\/?)([^\s/>]*)/g)) {
    if (!SAFE_ELEMENTS.has(match[2].toLowerCase())) problems.push(`raw markup <${match[1]}${match[2]}`);
  }
  const parser = new Parser(
    {
      onopentag: (name, attribs) => checkElement(name, attribs, problems),
      onprocessinginstruction: (name) => problems.push(`directive ${name}`),
      oncdatastart: () => problems.push('CDATA section'),
      oncomment: () => problems.push('comment'),
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return problems;
}

function checkElement(name: string, attribs: Record<string, string>, problems: string[]): void {
  const tag = name.toLowerCase();
  if (!SAFE_ELEMENTS.has(tag)) problems.push(`element <${tag}>`);
  for (const [rawName, value] of Object.entries(attribs)) {
    const attribute = rawName.toLowerCase();
    if (attribute.startsWith('on')) problems.push(`event handler ${attribute} on <${tag}>`);
    if (attribute === 'style' || attribute === 'srcdoc' || attribute === 'id' || attribute === 'name' || attribute === 'class') {
      problems.push(`attribute ${attribute} on <${tag}>`);
    }
    if (URL_ATTRIBUTES.has(attribute) && !isSafeUrl(tag, value)) problems.push(`${attribute}="${value}" on <${tag}>`);
    if (attribute === 'srcset') {
      for (const candidate of value.split(/,\s+/)) {
        if (!isSafeUrl('img', candidate.trim().split(/\s+/)[0])) problems.push(`srcset candidate ${candidate} on <${tag}>`);
      }
    }
  }
  if (tag === 'iframe') {
    if (!SAFE_EMBED.test(attribs.src ?? '')) problems.push(`iframe src ${attribs.src}`);
    if (!attribs.sandbox) problems.push('iframe without sandbox');
    if (/allow-top-navigation|allow-forms/.test(attribs.sandbox ?? '')) problems.push('iframe sandbox too loose');
  }
  if (tag === 'a' && attribs.href !== undefined && !/\bnoopener\b/.test(attribs.rel ?? '')) {
    problems.push('link without rel=noopener');
  }
}

function isSafeUrl(tag: string, value: string): boolean {
  // The browser strips these before reading the scheme; so do we, to judge what it will see.
  const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  if (/^data:image\/(?:png|jpeg|gif|webp)[;,]/.test(url)) return tag === 'img' || tag === 'source';
  return /^(?:https?:\/\/|mailto:)/.test(url);
}
