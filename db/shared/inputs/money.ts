import { z } from 'zod';
import { rule } from '../schemas.ts';

/** ISO 4217 codes known to the runtime (Node and Chromium both ship the list through Intl). */
const known = new Set(Intl.supportedValuesOf('currency'));

export const currency = z
  .string()
  .trim()
  .refine((c) => /^[A-Z]{3}$/.test(c), rule('currency.format', 'A currency is a three-letter ISO 4217 code, e.g. CAD'))
  .refine((c) => known.has(c), rule('currency.unknown', 'Not an ISO 4217 currency code'));

/** Money is an integer count of minor units (cents) with its currency: never a float. */
export const minorUnits = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const money = z.strictObject({ amountMinor: minorUnits, currency });
export type Money = z.output<typeof money>;

/** Minor units per major unit for a currency (JPY 0, CAD 2, KWD 3). */
export function minorDigits(code: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}
