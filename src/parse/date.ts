// Dates as feeds write them: RFC 822 (RSS), RFC 3339 / W3C-DTF (Atom, Dublin Core, JSON Feed), and the
// broken variants seen in the wild (two-digit years, missing seconds or zone, named zones, "Sept",
// "+02:00" in RFC 822, a space instead of "T", compact ISO basic format). A date without a zone is read
// as UTC, as feedparser does. Anything unreadable gives undefined rather than a wrong instant.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // non-English abbreviations that appear in feeds (German, French, Spanish, Portuguese, Dutch)
  mai: 5, juin: 6, juil: 7, okt: 10, dez: 12, mrz: 3, mär: 3, avr: 4, ene: 1, abr: 4, ago: 8, dic: 12,
  fev: 2, set: 9, out: 10, janv: 1, févr: 2, fév: 2, mars: 3, sept: 9, déc: 12, maa: 3, mei: 5,
};

/** Named zones, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nzst: 720, nzdt: 780, jst: 540, kst: 540,
  ist: 330, aest: 600, aedt: 660, acst: 570, awst: 480, msk: 180, sgt: 480, hkt: 480,
};

export function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (s === '') return undefined;
  // A date in ISO shape that names an impossible day is wrong; no other reading should rescue it.
  if (ISO.test(s)) return parseIso(s);
  // Unix time in seconds (2001-09-09 .. 2286), which some generators write.
  if (/^\d{10}$/.test(s)) return new Date(+s * 1000);
  return parseRfc822(s) ?? parseFallback(s);
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:(?:[Tt]|\s+)(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{1,2}(?::?\d{1,2})?)?)?)?)?$/;

/** ISO 8601 / RFC 3339 / W3C-DTF, including the reduced precisions W3C-DTF allows ("2003", "2003-12"). */
export function parseIso(s: string): Date | undefined {
  const m = ISO.exec(s);
  if (!m) return undefined;
  const year = +m[1];
  const month = m[2] ? +m[2] : 1;
  const day = m[3] ? +m[3] : 1;
  const hour = m[4] ? +m[4] : 0;
  const minute = m[5] ? +m[5] : 0;
  const second = m[6] ? +m[6] : 0;
  const ms = m[7] ? Math.round(+`0.${m[7]}` * 1000) : 0;
  return build(year, month, day, hour, minute, second, ms, m[8] ? zoneOffset(m[8]) : 0);
}

const RFC822 =
  /^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})(?:\s+|-)([A-Za-zä]+)\.?(?:\s+|-)(\d{2,4})(?:,?\s+(\d{1,2}):?(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([A-Za-z]{1,5}|[+-]\d{1,2}:?\d{2}|(?:GMT|UTC)[+-]\d{1,2}:?\d{2})?(?:\s*\(.*\))?$/;

/** RFC 822 / 2822 with its common deviations. */
export function parseRfc822(s: string): Date | undefined {
  let m = RFC822.exec(s);
  if (!m) {
    // "Wed, Oct 02 2002 13:00:00 GMT" and "Oct 2, 2002 ..." (month before day) also occur.
    const swapped = /^(?:[A-Za-z]+\.?,?\s*)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{2,4})(.*)$/.exec(s);
    if (!swapped) return undefined;
    m = RFC822.exec(`${swapped[2]} ${swapped[1]} ${swapped[3]}${swapped[4]}`);
    if (!m) return undefined;
  }
  const name = m[2].toLowerCase();
  const month = MONTHS[name.slice(0, 3)] ?? MONTHS[name.slice(0, 4)] ?? MONTHS[name];
  if (!month) return undefined;
  let year = +m[3];
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900; // RFC 2822 §4.3
  else if (m[3].length === 3) year += 1900;
  const offset = m[7] ? zoneOffset(m[7]) : 0;
  if (offset === undefined) return undefined;
  return build(year, month, +m[1], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, 0, offset);
}

/** Minutes east of UTC for "Z", "+0200", "-05:00", "+8", "EST", "GMT+2" ...; undefined if unknown. */
function zoneOffset(zone: string): number | undefined {
  const z = zone.toLowerCase();
  const named = ZONES[z];
  if (named !== undefined) return named;
  const m = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{1,2})?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + (m[3] ? +m[3] : 0));
  // Military single letters other than Z are ambiguous in practice (RFC 2822 says treat as UTC).
  if (z.length === 1) return 0;
  return undefined;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number | undefined,
): Date | undefined {
  if (offsetMinutes === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  const date = new Date(time);
  // Date.UTC rolls "Feb 31" into March; such a date is wrong, not late.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  return Number.isNaN(time) ? undefined : date;
}

/** Last resort: the platform's own lenient parser, for forms neither grammar covers. */
function parseFallback(s: string): Date | undefined {
  if (!/\d{4}/.test(s)) return undefined; // without a four-digit year the guess is too wild
  const hasZone = /(?:z|gmt|utc|[+-]\d{2}:?\d{2})\s*$/i.test(s);
  const time = Date.parse(hasZone ? s : `${s} UTC`);
  if (Number.isNaN(time)) {
    const plain = Date.parse(s);
    return Number.isNaN(plain) ? undefined : new Date(plain);
  }
  return new Date(time);
}
