// English stemmer: Porter2, the "english" algorithm of Snowball
// (https://snowballstem.org/algorithms/english/stemmer.html), as libstemmer 2.x implements it.
//
// Written here rather than taken from npm: the small, maintained npm stemmers implement the
// original 1980 Porter algorithm, whose known mistakes Porter2 fixes (e.g. "generously" →
// "gener" / "generous"), and the Snowball ports on npm bundle every language. Checked against
// libstemmer's output on the 5,000 most frequent English words (stem.fixture.tsv).
//
// Input: one lower-cased word as the tokenizer emits it. Words in other scripts pass through
// unchanged (Porter2 only touches a–z suffixes); a hyphenated compound has its last part
// stemmed (self-driving → self-drive), so both sides of a match agree on it.

const VOWELS = 'aeiouy';
const DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
const LI_ENDINGS = 'cdeghkmnrt';

// Irregular forms Porter2 lists before its rules, and invariant words its rules would mangle.
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['skis', 'ski'], ['skies', 'sky'], ['dying', 'die'], ['lying', 'lie'], ['tying', 'tie'],
  ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'], ['early', 'earli'], ['only', 'onli'],
  ['singly', 'singl'],
  ['sky', 'sky'], ['news', 'news'], ['howe', 'howe'],
  ['atlas', 'atlas'], ['cosmos', 'cosmos'], ['bias', 'bias'], ['andes', 'andes'],
]);
// Words left alone after step 1a (their -ing / -eed is not a suffix).
const AFTER_1A_INVARIANT = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
// Prefixes whose R1 starts right after them (so "generous" and "general" don't collide).
const R1_PREFIXES = ['gener', 'commun', 'arsen'];

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'],
  ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'],
  ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ative', ''],
  ['ical', 'ic'], ['ness', ''], ['ful', ''],
];
const STEP4 = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic',
];

/** The Porter2 stem of one lower-cased English word. */
export function stem(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  const hyphen = word.lastIndexOf('-');
  if (hyphen > 0 && hyphen < word.length - 1) return word.slice(0, hyphen + 1) + stem(word.slice(hyphen + 1));
  if (word.length < 3 || !/^[a-z']+$/.test(word)) return word;

  let w = prelude(word);
  if (w.length < 3) return w.replaceAll('Y', 'y');
  const { r1, r2 } = regions(w);

  w = step1a(w);
  if (AFTER_1A_INVARIANT.has(w)) return w;
  w = step1b(w, r1);
  w = step1c(w);
  w = replaceSuffix(w, STEP2, r1, step2Condition);
  w = replaceSuffix(w, STEP3, r1, (stemmed, suffix) => suffix !== 'ative' || stemmed.length >= r2);
  w = step4(w, r2);
  w = step5(w, r1, r2);
  return w.replaceAll('Y', 'y');
}

const isVowel = (ch: string | undefined): boolean => ch !== undefined && VOWELS.includes(ch);

// Drop a leading apostrophe, then mark consonant y (initial, or after a vowel) as Y.
function prelude(word: string): string {
  let w = word.startsWith("'") ? word.slice(1) : word;
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const ch = w[i];
    out += ch === 'y' && (i === 0 || isVowel(out[i - 1])) ? 'Y' : ch;
  }
  return out;
}

// R1: after the first non-vowel that follows a vowel; R2: the same rule applied inside R1.
function regions(w: string): { r1: number; r2: number } {
  const afterVowelConsonant = (from: number): number => {
    for (let i = from + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  };
  const prefix = R1_PREFIXES.find((p) => w.startsWith(p));
  const r1 = prefix ? prefix.length : afterVowelConsonant(0);
  // R2 starts at the first vowel-then-consonant pair wholly inside R1.
  let r2 = w.length;
  for (let i = r1 + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) {
      r2 = i + 1;
      break;
    }
  }
  return { r1, r2 };
}

// A short syllable ending at index end-1: consonant-vowel-consonant (last not w, x or Y),
// or vowel-consonant at the very start of the word.
function endsShortSyllable(w: string, end = w.length): boolean {
  if (end === 2) return isVowel(w[0]) && !isVowel(w[1]);
  if (end < 3) return false;
  const [a, b, c] = [w[end - 3], w[end - 2], w[end - 1]];
  return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
}

function step1a(input: string): string {
  let w = input;
  // Step 0: possessive apostrophes.
  for (const suffix of ["'s'", "'s", "'"]) {
    if (w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ied') || w.endsWith('ies')) return w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  if (w.endsWith('us') || w.endsWith('ss')) return w;
  if (w.endsWith('s')) {
    // Delete s if a vowel occurs before the letter preceding it (gaps → gap, but gas stays).
    for (let i = 0; i < w.length - 2; i++) if (isVowel(w[i])) return w.slice(0, -1);
  }
  return w;
}

function step1b(w: string, r1: number): string {
  for (const suffix of ['eedly', 'eed']) {
    if (w.endsWith(suffix)) return w.length - suffix.length >= r1 ? w.slice(0, -suffix.length) + 'ee' : w;
  }
  for (const suffix of ['ingly', 'edly', 'ing', 'ed']) {
    if (!w.endsWith(suffix)) continue;
    const rest = w.slice(0, -suffix.length);
    if (![...rest].some(isVowel)) return w;
    if (rest.endsWith('at') || rest.endsWith('bl') || rest.endsWith('iz')) return rest + 'e';
    if (DOUBLES.some((d) => rest.endsWith(d))) return rest.slice(0, -1);
    // A short word (R1 empty, ends in a short syllable) gets its e back: hoping → hope.
    if (rest.length <= r1 && endsShortSyllable(rest)) return rest + 'e';
    return rest;
  }
  return w;
}

// y → i after a consonant that is not the first letter: cry → cri, but by and say stay.
function step1c(w: string): string {
  const last = w[w.length - 1];
  if ((last === 'y' || last === 'Y') && w.length > 2 && !isVowel(w[w.length - 2])) return w.slice(0, -1) + 'i';
  return w;
}

function step2Condition(stemmed: string, suffix: string): boolean {
  if (suffix === 'ogi') return stemmed.endsWith('l');
  if (suffix === 'li') return stemmed.length > 0 && LI_ENDINGS.includes(stemmed[stemmed.length - 1]);
  return true;
}

// Replace the longest matching suffix when it lies in the region; a longest suffix outside the
// region (or failing its condition) stops the step: shorter suffixes are not tried.
function replaceSuffix(
  w: string,
  rules: ReadonlyArray<readonly [string, string]>,
  region: number,
  condition: (stemmed: string, suffix: string) => boolean,
): string {
  let best: readonly [string, string] | undefined;
  for (const rule of rules) if (w.endsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  if (!best) return w;
  const stemmed = w.slice(0, -best[0].length);
  if (stemmed.length < region || !condition(stemmed, best[0])) return w;
  return stemmed + best[1];
}

function step4(w: string, r2: number): string {
  let suffix: string | undefined;
  for (const s of STEP4) if (w.endsWith(s) && (!suffix || s.length > suffix.length)) suffix = s;
  if (!suffix) return w;
  const stemmed = w.slice(0, -suffix.length);
  if (stemmed.length < r2) return w;
  if (suffix === 'ion' && !stemmed.endsWith('s') && !stemmed.endsWith('t')) return w;
  return stemmed;
}

function step5(w: string, r1: number, r2: number): string {
  const stemmed = w.slice(0, -1);
  if (w.endsWith('e')) {
    if (stemmed.length >= r2 || (stemmed.length >= r1 && !endsShortSyllable(stemmed))) return stemmed;
  } else if (w.endsWith('l')) {
    if (stemmed.length >= r2 && stemmed.endsWith('l')) return stemmed;
  }
  return w;
}
