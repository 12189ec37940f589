import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, plannedDate, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import { AUDIT_OUTCOMES, AUDIT_SORT_COLUMNS, AUDIT_STATUSES, FINDING_SEVERITIES } from '../domain.ts';
import { recordNumber } from './detentions.ts';
import { penaltyCreateInput } from './penalties.ts';

/** Input schemas of the compliance audit methods (audits of an exporter's records). */

export const findingInput = z.strictObject({
  severity: z.enum(FINDING_SEVERITIES),
  /** The provision the finding concerns (EAR § 762.2, Export and Import Permits Act s. 13). */
  provision: shortText(300).default(''),
  description: multiline(z.string().trim().min(1, 'Required').max(5000)),
  /** The evidence file behind the finding (of the audit's case). */
  evidenceId: uuid.nullable().default(null),
});

export const correctiveActionInput = z.strictObject({
  description: multiline(z.string().trim().min(1, 'Required').max(5000)),
  owner: requiredText(200),
  dueOn: plannedDate,
  /** The finding it corrects (of the same audit). */
  findingId: uuid.nullable().default(null),
});

export const auditFields = {
  auditNumber: recordNumber,
  partyId: uuid,
  periodFrom: pastDate,
  periodTo: pastDate,
  /** Programmes, licences and records covered. */
  scope: multiline(z.string().trim().max(5000)),
  auditor: shortText(200),
  notifiedOn: pastDate,
  onSiteOn: pastDate,
  reportDueOn: plannedDate,
  reportedOn: pastDate,
  notes: multiline(z.string().max(20000)),
  reason: multiline(z.string().trim().min(1, 'Required').max(2000)),
};

export const auditCreateInput = z.strictObject({
  caseId: uuid,
  auditNumber: auditFields.auditNumber.optional(),
  partyId: auditFields.partyId,
  periodFrom: auditFields.periodFrom,
  periodTo: auditFields.periodTo,
  scope: auditFields.scope.default(''),
  auditor: auditFields.auditor.default(''),
  /** Defaults to today. */
  notifiedOn: auditFields.notifiedOn.optional(),
  /** Defaults to the notification plus AUDIT_REPORT_DAYS. */
  reportDueOn: auditFields.reportDueOn.optional(),
  notes: auditFields.notes.default(''),
});

export const auditUpdateInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  auditNumber: auditFields.auditNumber.optional(),
  partyId: auditFields.partyId.optional(),
  periodFrom: auditFields.periodFrom.optional(),
  periodTo: auditFields.periodTo.optional(),
  scope: auditFields.scope.optional(),
  auditor: auditFields.auditor.optional(),
  notifiedOn: auditFields.notifiedOn.optional(),
  reportDueOn: auditFields.reportDueOn.optional(),
  notes: auditFields.notes.optional(),
});

export const auditOnSiteInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  /** Defaults to today. */
  onSiteOn: auditFields.onSiteOn.optional(),
});

/** The penalty a non-compliant audit leads to: the audited party is the penalized one. */
export const auditPenaltyInput = penaltyCreateInput.omit({ caseId: true, entityId: true, partyRole: true });

export const auditReportInput = z
  .strictObject({
    id: uuid,
    version: z.int().min(1).optional(),
    /** Defaults to today. */
    reportedOn: auditFields.reportedOn.optional(),
    outcome: z.enum(AUDIT_OUTCOMES),
    /** Non-compliant: a monetary penalty (give it) or a referral for prosecution of the case. */
    consequence: z.enum(['penalty', 'referral']).nullable().default(null),
    penalty: auditPenaltyInput.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'non_compliant' && v.consequence === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['consequence'],
        ...rule('audit.non_compliant_consequence', 'A non-compliant audit leads to a penalty or a referral: choose one'),
      });
    }
    if (v.outcome !== 'non_compliant' && v.consequence !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['consequence'],
        ...rule('audit.consequence_only_non_compliant', 'Only a non-compliant audit leads to a penalty or a referral'),
      });
    }
    if (v.consequence === 'penalty' && v.penalty === undefined) {
      ctx.addIssue({ code: 'custom', path: ['penalty'], ...rule('audit.penalty_needed', 'Give the penalty to issue') });
    }
    if (v.consequence !== 'penalty' && v.penalty !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['penalty'],
        ...rule('audit.penalty_only_consequence', 'A penalty is issued only as the consequence of a non-compliant audit'),
      });
    }
  });

export const auditCancelInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  reason: auditFields.reason,
});

export const auditAddFindingInput = findingInput.extend({ auditId: uuid });
export const auditAddActionInput = correctiveActionInput.extend({ auditId: uuid });
export const auditCompleteActionInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  /** Defaults to today. */
  completedOn: pastDate.optional(),
});

export const auditGetInput = z.strictObject({ id: uuid });

export const auditListInput = z.strictObject({
  caseId: uuid.optional(),
  status: z.enum(AUDIT_STATUSES).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  sort: z
    .strictObject({ column: z.enum(AUDIT_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'notifiedOn', direction: 'desc' }),
  ...paging,
});
