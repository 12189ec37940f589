import { DossierError } from './errors.ts';

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
