// WordPress (and a few others) swap every emoji for a 72×72 picture and shrink it back to 1em with a
// style attribute. The sanitizer removes styles, so the picture would fill the line: the emoji
// character it stands for (its alt text) is what the post should show.

const EMOJI_IMAGE_PREFIXES: readonly string[] = [
  'https://s.w.org/images/core/emoji/', // WordPress core
  'http://s.w.org/images/core/emoji/',
  'https://twemoji.maxcdn.com/', // Twemoji (older CDN)
  'https://cdn.jsdelivr.net/gh/twitter/twemoji', // Twemoji (current CDN)
];

/** The text an emoji picture stands for, or undefined when the image is not an emoji picture. */
export function emojiText(src: string | undefined, alt: string | undefined): string | undefined {
  if (src === undefined || alt === undefined || alt.trim() === '' || alt.length > 16) return undefined;
  return EMOJI_IMAGE_PREFIXES.some((prefix) => src.startsWith(prefix)) ? alt : undefined;
}
