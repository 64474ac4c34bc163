// Peers hand dates back as strings (feedsmith, rss-parser) or Dates (rowanmanning). Strings go through
// JavaScript's own Date parser, which is what a caller of those libraries would use.

export function toDate(value: string | Date | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
