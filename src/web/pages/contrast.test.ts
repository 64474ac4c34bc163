// WCAG AA contrast (≥ 4.5:1 for text) of every text colour on every background it is drawn on, in the
// light and the dark scheme, read from the stylesheet itself — a colour change that breaks it fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const CSS = readFileSync(new URL('../assets/sluice.css', import.meta.url), 'utf8');

/** The custom properties of the first block after `marker` (`:root {` or the dark media query). */
function palette(marker: string): Record<string, string> {
  const start = CSS.indexOf(marker);
  assert.ok(start >= 0, `no ${marker} in sluice.css`);
  const block = CSS.slice(start, CSS.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** `fg` drawn at opacity `alpha` over `bg`, as the eye sees it. */
function blend(fg: string, bg: string, alpha: number): string {
  return `#${[1, 3, 5].map((i) => Math.round(parseInt(fg.slice(i, i + 2), 16) * alpha + parseInt(bg.slice(i, i + 2), 16) * (1 - alpha)).toString(16).padStart(2, '0')).join('')}`;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** [text, background, where] — each pair the stylesheet draws. */
const PAIRS: [string, string, string][] = [
  ['fg', 'bg', 'body text'],
  ['fg', 'surface', 'inputs, dialogs, the breakdown'],
  ['muted', 'bg', 'hints, meta, table headers'],
  ['muted', 'surface', 'the breakdown labels'],
  ['muted', 'accent-soft', 'meta of the selected item'],
  ['fg', 'accent-soft', 'interest tags, the selected item'],
  ['fg', 'mark', 'matched terms (the underline mark)'],
  ['accent', 'bg', 'links, secondary buttons'],
  ['accent', 'surface', 'links in boxes'],
  ['accent', 'accent-soft', 'links in the selected item'],
  ['accent-fg', 'accent', 'buttons, the current chip'],
  ['error', 'bg', 'errors, failing status'],
  ['ok', 'bg', 'active status'],
  ['like', 'bg', 'a pressed Like'],
  ['dislike', 'bg', 'a pressed Dislike / Off-topic'],
  ['like', 'accent-soft', 'a pressed Like on the selected item'],
  ['dislike', 'accent-soft', 'a pressed Dislike on the selected item'],
  ['bg', 'fg', 'the status line'],
];

describe('colour contrast', () => {
  for (const [scheme, marker] of [['light', ':root {'], ['dark', '@media (prefers-color-scheme: dark)']] as const) {
    it(`every text colour is ≥ 4.5:1 on its background (${scheme})`, () => {
      const colours = { ...palette(':root {'), ...palette(marker) };
      const failures = PAIRS.map(([fg, bg, where]) => ({ where: `${fg} on ${bg} (${where})`, ratio: contrast(colours[fg], colours[bg]) })).filter((p) => !(p.ratio >= 4.5));
      assert.deepEqual(failures.map((f) => `${f.where}: ${f.ratio.toFixed(2)}`), []);
      // A read post's summary is drawn at opacity .75 (sluice.css: .item.read .summary).
      assert.match(CSS, /\.item\.read \.summary \{ opacity: \.75; \}/);
      assert.ok(contrast(blend(colours.fg, colours.bg, 0.75), colours.bg) >= 4.5, 'a read summary');
    });
  }

  it('measures as WCAG does: black on white is 21, a colour on itself is 1', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrast('#777777', '#777777'), 1);
  });
});
