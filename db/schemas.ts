import { z } from 'zod';

/** Reusable field schemas, so that every method validates the same thing the same way. */
export const uuid = z.uuid();
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const shortText = (max = 200) => z.string().trim().max(max);
export const requiredText = (max = 200) => z.string().trim().min(1, 'Required').max(max);

export const sortDirection = z.enum(['asc', 'desc']);

/** Paging for every list: offset and limit, capped so one call never returns a huge page. */
export const paging = {
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(500).default(100),
};
