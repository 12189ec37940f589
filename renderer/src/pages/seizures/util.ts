import { FINAL_DISPOSITIONS, type Disposition } from '../../../../db/shared/domain.ts';
import { daysBetween, today as todayDate } from '../../lib/dates.ts';

/** Days the review window has left, and whether it needs attention (goods still held). */
export type ReviewState = { daysLeft: number; state: 'overdue' | 'soon' | 'open' | 'decided' };

/** Within this many days of its end, a review window is "due soon". */
export const REVIEW_DUE_SOON_DAYS = 14;

export function reviewState(endsOn: string, disposition: Disposition, today = todayDate()): ReviewState {
  const daysLeft = daysBetween(today, endsOn);
  if (disposition !== 'held') return { daysLeft, state: 'decided' };
  if (daysLeft < 0) return { daysLeft, state: 'overdue' };
  if (daysLeft <= REVIEW_DUE_SOON_DAYS) return { daysLeft, state: 'soon' };
  return { daysLeft, state: 'open' };
}

export function isFinal(disposition: Disposition): boolean {
  return FINAL_DISPOSITIONS.includes(disposition);
}

// ---------------------------------------------------------------------------------------------
// Lists as typed

/** Seal numbers typed one per line or separated by commas. */
export function parseSeals(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A quantity as typed: undefined when empty, NaN when not a whole number. */
export function parseQuantity(text: string): number | undefined {
  const s = text.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return undefined;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}
