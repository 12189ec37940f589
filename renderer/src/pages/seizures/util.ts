import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { FINAL_DISPOSITIONS, type Disposition } from '../../../../db/shared/domain.ts';
import type { MessageId, Translate } from '../../i18n/index.tsx';
import { ApiError } from '../../lib/client.ts';
import { issueText, type FieldErrors } from '../../lib/validation.ts';
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
// The contract's words, in the catalog's language

const CONTRACT_MESSAGES: Record<string, MessageId> = {
  'An HS code has digits only (dots and spaces are ignored)': 'seizure.hs.digitsOnly',
  'An HS code has at least 6 digits (the international heading and subheading)': 'seizure.hs.tooShort',
  'An HS code has at most 10 digits': 'seizure.hs.tooLong',
  'An HS code has 6, 8 or 10 digits': 'seizure.hs.evenDigits',
  'This looks like an HS code, not an ECCN': 'seizure.eccn.looksLikeHs',
  'An ECCN starts with its category, a digit 0-9 (or is EAR99)': 'seizure.eccn.category',
  'The second character of an ECCN is its product group, a letter A-E': 'seizure.eccn.group',
  'An ECCN has three digits after the product group, e.g. 3A001': 'seizure.eccn.digits',
  'After the five characters an ECCN may only have a paragraph suffix such as .a.1': 'seizure.eccn.suffix',
  'A country is a two-letter ISO 3166 code, e.g. CA': 'seizure.country.format',
  'A currency is a three-letter ISO 4217 code, e.g. CAD': 'seizure.currency.format',
  'Not an ISO 4217 currency code': 'seizure.currency.unknown',
  'The same seal number appears twice': 'seizure.seals.duplicate',
  'A seizure has at least one goods line': 'seizure.items.required',
  'Give an amount, a security, or both (or null for no terms)': 'seizure.terms.required',
};

/** A message of the contract (a schema's reason or a refusal), in the user's language when the catalog has it. */
export function contractText(message: string, t: Translate): string {
  const key = CONTRACT_MESSAGES[message];
  if (key) return t(key);
  const country = /^([A-Z]{2}) is not an ISO 3166 country code$/.exec(message);
  if (country?.[1]) return t('seizure.country.unknown', { code: country[1] });
  const releaser = /^must be the current custodian, (.*) \(got (.*)\)$/s.exec(message);
  if (releaser) return t('custody.refused.releasedBy', { custodian: releaser[1] ?? '', got: releaser[2] ?? '' });
  const from = /^must be where the item is, (.*) \(got (.*)\)$/s.exec(message);
  if (from) return t('custody.refused.fromLocation', { location: from[1] ?? '', got: from[2] ?? '' });
  const previous = /^must not be before the previous entry \((.*)\)$/.exec(message);
  if (previous?.[1]) return t('custody.refused.beforePrevious', { at: localDateTimeText(previous[1]) });
  const seizure = /^must not be before the seizure \((.*)\)$/.exec(message);
  if (seizure?.[1]) return t('custody.refused.beforeSeizure', { at: localDateTimeText(seizure[1]) });
  return message;
}

function localDateTimeText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : toLocalInput(d).replace('T', ' ');
}

/** Why one zod issue fails, in the catalog's words; the contract's own reason for custom checks. */
function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.code === 'custom') return contractText(issue.message, t);
  if (issue.code === 'too_small' && issue.origin === 'number')
    return t('seizure.validation.atLeast', { min: Number(issue.minimum) });
  if (issue.code === 'too_big' && issue.origin === 'number')
    return t('seizure.validation.atMost', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.origin === 'array' && Number(issue.minimum) >= 1) return contractText(issue.message, t);
  if (issue.code === 'invalid_type' && (issue.expected === 'int' || issue.expected === 'number') && issue.input !== undefined) {
    return t('seizure.validation.wholeNumber');
  }
  if (issue.code === 'invalid_format' && issue.format === 'datetime') return t('seizure.validation.dateTime');
  return issueText(issue, t);
}

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
    errors[field] ??= issueMessage(issue, t);
  }
  return { ok: false, errors };
}

export interface ServerError {
  field: string | undefined;
  code: string;
  message: string;
}

/** A refusal of the contract: its field and its message without the `field: ` prefix, translated when known. */
export function serverError(err: unknown, t: Translate): ServerError {
  if (!(err instanceof ApiError))
    return { field: undefined, code: 'internal', message: err instanceof Error ? err.message : String(err) };
  const prefix = err.field ? `${err.field}: ` : '';
  const bare = prefix && err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  return { field: err.field, code: err.code, message: contractText(bare, t) };
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
