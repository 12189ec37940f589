import { z } from 'zod';
import { filterDate, paging, uuid } from '../schemas.ts';
import { DEADLINE_KINDS } from '../domain.ts';

/** Input schemas of the deadline and case overview methods. Pure: the renderer validates with them too. */
export const deadlineListInput = z.strictObject({
  /** One case's deadlines; all cases when absent. */
  caseId: uuid.optional(),
  /** Due on or after this date. */
  from: filterDate.optional(),
  /** Due on or before this date. */
  to: filterDate.optional(),
  /** Also deadlines met, answered, paid or lapsed (never overdue). */
  includeDone: z.boolean().default(false),
  kind: z.array(z.enum(DEADLINE_KINDS)).min(1).max(DEADLINE_KINDS.length).optional(),
  ...paging,
});

export const caseOverviewInput = z.strictObject({ caseId: uuid });
