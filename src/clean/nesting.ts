// A guard against pathologically nested HTML. htmlparser2 keeps its element stack in an array it
// shifts and unshifts at the front, so parsing costs grow with the square of the nesting depth:
// 100,000 nested <div>s (1.1 MB) took 6 s to sanitize. Real posts nest a few dozen levels; content
// nested deeper than MAX_NESTING_DEPTH is treated as hostile and reduced to its text.

export const MAX_NESTING_DEPTH = 256;

// Elements that never hold others, and elements the parser closes by itself when a sibling opens
// (an unclosed `<p>` or `<li>` does not deepen the tree); neither counts as a level.
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option',
]);

const TAG = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g;

/** True when `html` opens elements deeper than `limit` (an over-estimate: one linear scan, no parse). */
export function nestingExceeds(html: string, limit: number = MAX_NESTING_DEPTH): boolean {
  // Every level opens with a "<": markup with no more of them than the limit cannot exceed it, and
  // counting them is far cheaper than matching tags (this runs on every post, more than once).
  if (fewerOpeningsThan(html, limit + 1)) return false;
  let depth = 0;
  for (const match of html.matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (NOT_NESTING.has(name.toLowerCase()) || selfClosing === '/') continue;
    if (closing === '/') depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

function fewerOpeningsThan(html: string, count: number): boolean {
  let seen = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    if (++seen >= count) return false;
  }
  return true;
}

/** The markup with every tag removed (entities left as they are): a flat text to parse instead. */
export function stripTags(html: string): string {
  return html.replace(/<[^>]*>?/g, ' ');
}
