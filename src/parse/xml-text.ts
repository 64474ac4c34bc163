// Text written into an XML document Sluice produces (OPML export, Atom output): escaped for text and
// double-quoted attributes, and without the characters XML 1.0 forbids — a control character copied
// from a source feed would make the whole document unreadable.
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] as string);
}
