import { z } from 'zod';
import { paging, uuid } from '../schemas.ts';
import { multiline } from '../text.ts';

export const HIT_STATUSES = ['open', 'confirmed', 'dismissed'] as const;

export const screeningHitsInput = z.strictObject({
  entityId: uuid.optional(),
  /** The hits of the entities named in this case. */
  caseId: uuid.optional(),
  listId: uuid.optional(),
  status: z.array(z.enum(HIT_STATUSES)).max(3).optional(),
  minScore: z.int().min(0).max(100).default(0),
  ...paging,
  limit: paging.limit.default(100),
});
export type ScreeningHitsInput = z.output<typeof screeningHitsInput>;

export const screeningReviewInput = z.strictObject({
  entityId: uuid,
  listId: uuid,
  entryKey: z.string().min(1).max(500),
  decision: z.enum(['confirmed', 'dismissed']),
  /** Why: the investigator's words, kept with the decision in the audit trail. */
  reason: multiline(z.string().trim().min(1).max(2000)),
});
export type ScreeningReviewInput = z.output<typeof screeningReviewInput>;

export const screeningRunInput = z.strictObject({ caseId: uuid.optional() });
