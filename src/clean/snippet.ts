// A short preview of a text, cut between words, for titles of untitled posts and list views.

/** At most `maxChars` characters of `text` on one line, cut at a word boundary and marked with "…" when cut. */
export function snippet(text: string, maxChars: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= maxChars) return line;
  // Looking one character past the room left for "…" finds a word that ends exactly there.
  const lastSpace = line.slice(0, maxChars).lastIndexOf(' ');
  // One very long word: cut inside it rather than return nothing.
  const head = lastSpace > maxChars / 2 ? line.slice(0, lastSpace) : line.slice(0, maxChars - 1);
  return head.replace(/[\s,;:.\-–—]+$/, '') + '…';
}
