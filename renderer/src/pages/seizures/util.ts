import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { FINAL_DISPOSITIONS, type Disposition } from '../../../../db/shared/domain.ts';
import type { Translate } from '../../i18n/index.tsx';
import { zodIssueText } from '../../lib/refusals.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { parseMoney } from '../../lib/money.ts';

// ---------------------------------------------------------------------------------------------
// Dates and times

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The investigator's calendar date today (local time), as YYYY-MM-DD. */
export function todayLocal(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (d: string) => {
    const [y, m, day] = d.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** An instant as a `datetime-local` input value in local time (seconds kept when `seconds`). */
export function toLocalInput(iso: string | Date, seconds = false): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${base}:${pad(d.getSeconds())}` : base;
}

/**
 * A `datetime-local` value (local wall time) as a UTC ISO instant, or the text as typed when it
 * is not a date and time (the contract's schema then says why).
 */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** Days the review window has left, and whether it needs attention (goods still held). */
export type ReviewState = { daysLeft: number; state: 'overdue' | 'soon' | 'open' | 'decided' };

/** Within this many days of its end, a review window is "due soon". */
export const REVIEW_DUE_SOON_DAYS = 14;

export function reviewState(endsOn: string, disposition: Disposition, today = todayLocal()): ReviewState {
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
// Money and lists as typed

/** Currencies offered first in pickers; the rest of ISO 4217 follows. */
const COMMON_CURRENCIES = [
  'CAD',
  'USD',
  'EUR',
  'GBP',
  'CNY',
  'JPY',
  'CHF',
  'HKD',
  'AED',
  'TRY',
  'RUB',
  'INR',
  'SGD',
  'KRW',
  'AUD',
];
export const CURRENCIES: readonly string[] = [
  ...COMMON_CURRENCIES,
  ...Intl.supportedValuesOf('currency').filter((c) => !COMMON_CURRENCIES.includes(c)),
];

/**
 * Minor units of what was typed: undefined when empty, null when it is not an amount in that
 * currency, else the integer count of minor units (never a float).
 */
export function amountOf(text: string, currency: string): number | null | undefined {
  if (text.trim() === '') return undefined;
  return parseMoney(text, currency);
}

/** The amount as an input shows it, in the currency's decimals, without grouping (exact). */
export function amountInput(amountMinor: number, digits: number): string {
  const units = String(amountMinor).padStart(digits + 1, '0');
  return digits ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units;
}

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

// ---------------------------------------------------------------------------------------------
// Validation and refusals, in the user's language (lib/refusals.ts)

/** Validation with the contract's schema, errors keyed by their full path (`items.1.hsCode`). */
export function checkInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    errors[field] ??= zodIssueText(issue, t);
  }
  return { ok: false, errors };
}

/** After a refused submit, moves focus to the first field that says why, once it has rendered. */
export function useFocusFirstInvalid(container: string): () => void {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick === 0) return;
    document.querySelector<HTMLElement>(`${container} [aria-invalid="true"]`)?.focus();
  }, [tick, container]);
  return useCallback(() => setTick((n) => n + 1), []);
}
