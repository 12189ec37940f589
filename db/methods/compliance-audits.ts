import { defineMethod } from '../contract.ts';
import {
  auditAddActionInput,
  auditAddFindingInput,
  auditCancelInput,
  auditCompleteActionInput,
  auditCreateInput,
  auditGetInput,
  auditListInput,
  auditOnSiteInput,
  auditReportInput,
  auditUpdateInput,
} from '../shared/inputs/compliance-audits.ts';
import {
  addCorrectiveAction,
  addFinding,
  auditOnSite,
  cancelAudit,
  completeCorrectiveAction,
  createAudit,
  getAudit,
  listAudits,
  reportAudit,
  updateAudit,
} from '../services/compliance-audits.ts';

export const complianceAuditMethods = {
  'complianceAudits.create': defineMethod({
    summary:
      "Notify a compliance audit of an exporter's records over a period. Numbered YYYY-CA-000001; the report is due 90 days after the notice unless set.",
    kind: 'write',
    input: auditCreateInput,
    handler: (input, ctx) => createAudit(ctx, input),
  }),
  'complianceAudits.update': defineMethod({
    summary: 'Change fields of a compliance audit (not its status). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: auditUpdateInput,
    handler: (input, ctx) => updateAudit(ctx, input),
  }),
  'complianceAudits.onSite': defineMethod({
    summary: 'Record the visit on site of a notified audit.',
    kind: 'write',
    input: auditOnSiteInput,
    handler: (input, ctx) => auditOnSite(ctx, input),
  }),
  'complianceAudits.addFinding': defineMethod({
    summary: 'Add a finding (severity, provision, the evidence behind it) to an audit not yet reported.',
    kind: 'write',
    input: auditAddFindingInput,
    handler: (input, ctx) => addFinding(ctx, input),
  }),
  'complianceAudits.addAction': defineMethod({
    summary: 'Add a corrective action with its owner and due date (it appears in the deadlines).',
    kind: 'write',
    input: auditAddActionInput,
    handler: (input, ctx) => addCorrectiveAction(ctx, input),
  }),
  'complianceAudits.completeAction': defineMethod({
    summary: 'Record that a corrective action was done (today unless a date is given).',
    kind: 'write',
    input: auditCompleteActionInput,
    handler: (input, ctx) => completeCorrectiveAction(ctx, input),
  }),
  'complianceAudits.report': defineMethod({
    summary:
      'Report an audit with its outcome. Non-compliant: issue a penalty to the audited party (linked) or refer the case for prosecution, in the same transaction.',
    kind: 'write',
    input: auditReportInput,
    handler: (input, ctx) => reportAudit(ctx, input),
  }),
  'complianceAudits.cancel': defineMethod({
    summary: 'Cancel an audit not yet reported, with the reason.',
    kind: 'write',
    input: auditCancelInput,
    handler: (input, ctx) => cancelAudit(ctx, input),
  }),
  'complianceAudits.get': defineMethod({
    summary: 'One compliance audit with its findings, corrective actions and the penalty it led to.',
    kind: 'read',
    input: auditGetInput,
    handler: (input, ctx) => getAudit(ctx, input.id),
  }),
  'complianceAudits.list': defineMethod({
    summary: "A page of compliance audits (all, or one case's), sorted and filtered (status, outcome) in SQL.",
    kind: 'read',
    input: auditListInput,
    handler: (input, ctx) => listAudits(ctx, input),
  }),
};
