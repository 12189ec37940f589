import { DossierError } from './errors.ts';
import type { Db } from './sqlite.ts';
import { sql } from './statements.ts';

/**
 * Exact sums of money. Amounts are integer minor units; SQLite adds integers exactly in 64 bits
 * (and fails on overflow). A JSON number carries integers exactly only up to 2^53 - 1, so a sum
 * past that is refused, never rounded. Every total of the contract is built with these two.
 */

/** SQL selecting `sum(column)` as `as` (0 when there are no rows), and `<as>Unsafe`: whether it is past 2^53 - 1. */
export function exactSum(column: string, as = 'amount'): string {
  return `coalesce(sum(${column}), 0) AS ${as}, coalesce(sum(${column}), 0) > ${Number.MAX_SAFE_INTEGER} AS ${as}Unsafe`;
}

/** The sum a row selected with exactSum holds under `as`; `what` names it in the refusal. */
export function exactAmount(row: object, as: string, what: string): number {
  const values = row as Record<string, unknown>;
  const value = values[as];
  if (values[`${as}Unsafe`] || typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new DossierError('internal', `The total ${what} exceeds ${Number.MAX_SAFE_INTEGER} minor units`);
  }
  return value;
}

/**
 * The rule that keeps every sum exact: each amount is at most 2^53 - 1 minor units (the schema's
 * bound), and no write may leave one case's seized value or penalties (as assessed, before any
 * reduction), per currency, above it.
 * Every total Dossier shows (a seizure, a case, a page of a list) is a part of one of these, so
 * it is exact too; SQLite's 64-bit sum cannot overflow on the way (at most two such amounts).
 * Run after the write, in its transaction: a refusal undoes it.
 */
export function assertCaseTotalsExact(db: Db, caseId: string, field: string): void {
  const over = sql(
    db,
    `SELECT 'seized value' AS what, i.value_currency AS currency
       FROM seizures s JOIN seized_items i ON i.seizure_id = s.id
      WHERE s.case_id = @caseId GROUP BY i.value_currency HAVING sum(i.value_minor) > @max
     UNION ALL
     SELECT 'penalties', currency FROM penalties
      WHERE case_id = @caseId GROUP BY currency HAVING sum(amount_minor) > @max
     LIMIT 1`,
  ).get({ caseId, max: Number.MAX_SAFE_INTEGER }) as { what: string; currency: string } | undefined;
  if (over) {
    throw new DossierError(
      'invalid_input',
      `${field}: the case's ${over.what} in ${over.currency} would exceed ${Number.MAX_SAFE_INTEGER} minor units, the most Dossier sums exactly`,
      field,
      'money.total_too_large',
      { currency: over.currency, max: Number.MAX_SAFE_INTEGER },
    );
  }
}
