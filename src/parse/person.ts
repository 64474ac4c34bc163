// People as RSS writes them in one string: "jo@example.com (Jo Bloggs)", "Jo Bloggs <jo@example.com>",
// or just a name or an address.
import type { Person } from './entry.ts';

const EMAIL = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/;

export function parsePerson(value: string): Person | undefined {
  const s = value.trim();
  if (s === '') return undefined;
  const m = EMAIL.exec(s);
  if (!m) return { name: s };
  const email = m[1];
  let rest = (s.slice(0, m.index) + s.slice(m.index + email.length)).trim();
  // Strip what wrapped the address or the name: "<>", "()", "mailto:".
  rest = rest
    .replace(/mailto:\s*/i, '')
    .replace(/\(\s*\)|<\s*>/g, '')
    .replace(/^[(<\s]+|[)>\s]+$/g, '')
    .trim();
  return rest ? { name: rest, email } : { email };
}
