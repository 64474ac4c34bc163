// "5 min ago", "3 h ago", "2 days ago", then the date: how old a post is at a glance. The exact time
// stays in the <time> element's datetime and title.
import { escapeHtml } from '../auth/html.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relativeTime(when: Date, now: Date): string {
  const ago = now.getTime() - when.getTime();
  if (ago < MINUTE) return ago < -MINUTE ? shortDate(when, now) : 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`;
  return shortDate(when, now);
}

/** "12 Mar", or "12 Mar 2023" outside the current year (UTC: the server cannot know the reader's zone). */
function shortDate(when: Date, now: Date): string {
  const day = `${when.getUTCDate()} ${MONTHS[when.getUTCMonth()]}`;
  return when.getUTCFullYear() === now.getUTCFullYear() ? day : `${day} ${when.getUTCFullYear()}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A <time> element: relative text, the exact UTC time on hover. */
export function timeElement(when: Date, now: Date): string {
  const iso = when.toISOString();
  return `<time datetime="${iso}" title="${escapeHtml(iso.slice(0, 16).replace('T', ' '))} UTC">${relativeTime(when, now)}</time>`;
}
