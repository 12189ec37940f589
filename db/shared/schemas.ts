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
const date = (when: When) => z.iso.date().register(temporalRegistry, { when, kind: 'date' });
const dateTime = (when: When) =>
  z.iso.datetime({ offset: true }).register(temporalRegistry, { when, kind: 'datetime' }).transform(utcInstant);
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
