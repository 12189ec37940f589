import { z } from 'zod';
import { filterDateTime, paging, rule, sortDirection, uuid } from '../schemas.ts';

/** Filters of the audit view and its CSV export. Pure: the renderer validates with them too. */
export const auditFilters = {
  /** Every record of the case: the case itself and what belongs to it (evidence, ...). */
  caseId: uuid.optional(),
  /** One kind of record (`case`, `evidence`, `setting`, ...); with recordId, one record's history. */
  recordType: z
    .string()
    .refine((v) => /^[a-z][a-z_]{0,49}$/.test(v), rule('audit.record_type_format', 'A record type such as case or evidence'))
    .optional(),
  recordId: z.string().trim().min(1, 'Required').max(100).optional(),
  /** The investigator's name, exactly as recorded. */
  actor: z.string().trim().min(1, 'Required').max(200).optional(),
  /** A contract method, e.g. cases.update. */
  method: z
    .string()
    .refine((v) => /^[A-Za-z][A-Za-z0-9_.]{0,99}$/.test(v), rule('audit.method_format', 'A method name such as cases.update'))
    .optional(),
  /** Words found in the actor, method, record id or the values before or after. */
  text: z.string().trim().max(200).optional(),
  /** From this instant (inclusive). */
  from: filterDateTime.optional(),
  /** Up to this instant (exclusive). */
  to: filterDateTime.optional(),
};

export const auditListInput = z.strictObject({
  ...auditFilters,
  sort: z.strictObject({ column: z.enum(['seq']), direction: sortDirection }).default({ column: 'seq', direction: 'desc' }),
  ...paging,
});

export const auditExportInput = z.strictObject({
  ...auditFilters,
  sort: z.strictObject({ column: z.enum(['seq']), direction: sortDirection }).default({ column: 'seq', direction: 'asc' }),
});
