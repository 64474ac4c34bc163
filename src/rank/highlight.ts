// Title highlighting: the words of a title that made it match, as segments the caller renders
// (the web layer escapes each and wraps matches in <strong>; the CLI prints them in ANSI bold).
//
// Matched terms come from the match stage as stems ("econom") or phrases of stems ("mobil
// phone"), built like the matcher builds them: stopwords and bare numbers are skipped, so the
// phrase "state art" matches "state of the art" and the highlight covers the whole run. Terms
// written as words ("Mobile phones") work too: they are stemmed here the same way. Hyphenated
// compounds match as a whole (open-sourc) or by their parts (the phrase "open sourc" matches
// "open-source"). Overlapping matches merge into one highlighted span.

import { isStopword } from '../text/stopwords.ts';
import { cachedStem, terms as textTerms, type Term } from '../text/terms.ts';
import { compoundParts, normalizeWord } from '../text/tokenize.ts';

export interface Segment {
  text: string;
  match: boolean;
}

// The matcher's rule for what can be a keyword: bare numbers are not (src/match/score/document.ts).
const NUMBER = /^[\p{N}.,]+$/u;

const isContent = (word: string): boolean => !isStopword(word) && !NUMBER.test(word);

function content(text: string): Term[] {
  return textTerms(text).filter((t) => isContent(t.text));
}

/** A token's stems with a compound spelled out as its content parts (state-of-the-art → state, art). */
function partStems(t: Term): string[] {
  if (!t.parts) return [t.stem];
  const parts = compoundParts(t.text).filter(isContent).map(cachedStem);
  return parts.length > 0 ? parts : [t.stem];
}

/** Every stem sequence a matched term can stand for, joined by single spaces. */
function phrasesOf(matched: readonly string[]): { phrases: Set<string>; longest: number } {
  const phrases = new Set<string>();
  let longest = 0;
  const add = (stems: readonly string[]): void => {
    if (stems.length === 0) return;
    phrases.add(stems.join(' '));
    longest = Math.max(longest, stems.length);
  };
  for (const term of matched) {
    // As given: already stems.
    add(term.split(/\s+/).filter((s) => s !== '').map(normalizeWord));
    // As words: stemmed here (compound parts spelled out, as the title's are below).
    const words = content(term);
    add(words.map((t) => t.stem));
    add(words.flatMap(partStems));
  }
  return { phrases, longest };
}

/** One view of the title's content tokens: a stem per unit, and the token each unit came from. */
interface Units {
  stems: string[];
  token: number[];
}

function find(units: Units, phrases: Set<string>, longest: number, spans: [number, number][]): void {
  for (let i = 0; i < units.stems.length; i++) {
    let key = '';
    for (let n = 1; n <= longest && i + n <= units.stems.length; n++) {
      key = n === 1 ? units.stems[i] : `${key} ${units.stems[i + n - 1]}`;
      if (phrases.has(key)) spans.push([units.token[i], units.token[i + n - 1]]);
    }
  }
}

/** The title cut into matched and unmatched segments that concatenate back to it. */
export function highlight(title: string, matched: readonly string[]): Segment[] {
  if (title === '') return [];
  const { phrases, longest } = phrasesOf(matched);
  const tokens = content(title);
  // Two views of the title: whole words (a compound as one stem), and compounds as their parts.
  const whole: Units = { stems: tokens.map((t) => t.stem), token: tokens.map((_, i) => i) };
  const split: Units = { stems: [], token: [] };
  tokens.forEach((t, i) => {
    for (const stem of partStems(t)) {
      split.stems.push(stem);
      split.token.push(i);
    }
  });
  const spans: [number, number][] = [];
  find(whole, phrases, longest, spans);
  find(split, phrases, longest, spans);

  // Merge overlapping spans (in tokens), then cut the title at their offsets.
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const [first, last] of merged) {
    const start = tokens[first].start;
    const end = tokens[last].end;
    if (start > at) segments.push({ text: title.slice(at, start), match: false });
    segments.push({ text: title.slice(start, end), match: true });
    at = end;
  }
  if (at < title.length) segments.push({ text: title.slice(at), match: false });
  return segments;
}
