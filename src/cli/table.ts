// Plain-text tables and relative times for terminal output.
import { displayWidth, padToWidth, truncateToWidth } from './text-width.ts';

/** Columns padded by terminal width (CJK and emoji take two columns), cells cut at `maxWidth`. */
export function formatTable(header: string[], rows: string[][], maxWidth = 60): string {
  const cells = [header, ...rows].map((r) => r.map((c) => truncateToWidth(c, maxWidth)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : padToWidth(c, widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

export function relativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 86400 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86400), 'd'];
  if (abs < 5) return 'now';
  return seconds < 0 ? `${value}${unit} ago` : `in ${value}${unit}`;
}
