import { localDate } from '../../../db/shared/time.ts';

/** Dates as the investigator's laptop sees them: its calendar and its time zone (stored values stay UTC). */

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's calendar date on this laptop, as YYYY-MM-DD (like the contract's defaults). */
export function today(now = new Date()): string {
  return localDate(now);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whole days from today to a calendar date: negative when it is past. */
export function daysFromToday(date: string): number {
  return daysBetween(today(), date);
}

/** An instant as a `datetime-local` input value in local time (seconds kept when `seconds`); '' when none. */
export function localInput(iso: string | Date | null | undefined, seconds = false): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const base = `${localDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${base}:${pad(d.getSeconds())}` : base;
}

/**
 * A `datetime-local` value (local wall time) as a UTC ISO instant, or the text as typed when it
 * is not a date and time (the contract's schema then says why).
 */
export function instantFromInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
