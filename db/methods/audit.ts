import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { auditExportInput, auditListInput } from '../shared/inputs/audit.ts';
import { exportAuditCsv, listAudit } from '../services/audit.ts';
import { chainHead } from '../chain.ts';

export const auditMethods = {
  'audit.list': defineMethod({
    summary:
      'A page of the audit trail: who changed which record, when, with the values before and after and the fields that changed. ' +
      'Filter by case, record, investigator, method, words or period.',
    kind: 'read',
    input: auditListInput,
    handler: (input, ctx) => listAudit(ctx.db, input),
  }),
  'audit.exportCsv': defineMethod({
    summary: 'The audit trail with the same filters as audit.list, as CSV: one line per changed field.',
    kind: 'read',
    input: auditExportInput,
    handler: (input, ctx) => exportAuditCsv(ctx.db, input, ctx.now()),
  }),
  'audit.head': defineMethod({
    summary:
      'The signed head of the audit chain (record number, hash, signature, key fingerprint) as an anchor to hold outside ' +
      'the file, the number of records, and this installation’s device and key fingerprint.',
    kind: 'read',
    input: z.strictObject({}),
    handler: (_input, ctx) => chainHead(ctx.db, ctx.device),
  }),
};
