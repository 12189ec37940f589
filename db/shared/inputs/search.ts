import { z } from 'zod';

/** The kinds of record one search finds, in the order their groups are shown. */
export const SEARCH_TYPES = ['case', 'entity', 'seizure', 'detention', 'penalty', 'evidence'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const searchQueryInput = z.strictObject({
  q: z.string().trim().min(1).max(200),
  /** Only these kinds of record (all when absent). */
  types: z.array(z.enum(SEARCH_TYPES)).max(SEARCH_TYPES.length).optional(),
  /** Hits shown per kind. */
  perType: z.int().min(1).max(100).default(5),
});
export type SearchQueryInput = z.output<typeof searchQueryInput>;
