import { z } from 'zod';
import { utcInstant } from './time.ts';
import { temporalRegistry, type When } from './temporal.ts';

/** Reusable field schemas, so that every method validates the same thing the same way. */
export const uuid = z.uuid();

/**
 * Dates (YYYY-MM-DD) and instants (ISO 8601 with an offset), each tagged with its rule
 * (db/temporal.ts): what happened cannot be dated in the future; what is planned can. An
 * instant arrives in services already in UTC (utcInstant): no service normalizes one itself.
 */
const date = (when: When) =>
  z.iso
    .date()
    .refine((v) => inYears(Date.parse(`${v}T00:00:00Z`)), rule('date.out_of_range', YEARS_MESSAGE, YEARS))
    .register(temporalRegistry, { when, kind: 'date' });
const dateTime = (when: When) =>
  z.iso
    .datetime({ offset: true })
    .refine((v) => inYears(Date.parse(v)), rule('date.out_of_range', YEARS_MESSAGE, YEARS))
    .register(temporalRegistry, { when, kind: 'datetime' })
    .transform(utcInstant);
/**
 * The years a date or an instant may fall in: a case's dates are of this world, and every stored
 * instant then has the same 24-character form, so that they sort as strings.
 */
const YEARS = { min: 1900, max: 2200 };
const YEARS_MESSAGE = `must be between the years ${YEARS.min} and ${YEARS.max}`;
function inYears(ms: number): boolean {
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= YEARS.min && year <= YEARS.max;
}

export const pastDate = date('past');
export const plannedDate = date('planned');
export const filterDate = date('filter');
export const pastDateTime = dateTime('past');
export const plannedDateTime = dateTime('planned');
export const filterDateTime = dateTime('filter');
export const shortText = (max = 200) => z.string().trim().max(max);
export const requiredText = (max = 200) => z.string().trim().min(1, 'Required').max(max);

/**
 * A rule of our own, with its reason code: `.refine(check, rule('eccn.group', 'The second
 * character ...'))`. The contract's refusal carries `reason` (translated by the UI) beside the
 * English message; params fill the reason's message.
 */
export function rule(reason: string, message: string, params: Record<string, string | number> = {}) {
  return { message, params: { reason, ...params } };
}

export const sortDirection = z.enum(['asc', 'desc']);

/** Paging for every list: offset and limit, capped so one call never returns a huge page. */
export const paging = {
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(500).default(100),
};
