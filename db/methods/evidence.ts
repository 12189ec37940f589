import { defineMethod } from '../contract.ts';
import { evidenceAttachInput, evidenceGetInput, evidenceListInput, evidenceRetireInput } from '../shared/inputs/evidence.ts';
import { attachEvidence, getEvidence, listEvidence, retireEvidence } from '../services/evidence.ts';

export const evidenceMethods = {
  'evidence.attach': defineMethod({
    summary:
      'Attach a file to a case, an entity or a seized item. Upload it first (POST /api/evidence/upload, ' +
      'the desktop app, or `dossier attach`): pass the sha256 and size that returned.',
    kind: 'write',
    input: evidenceAttachInput,
    handler: (input, ctx) => attachEvidence(ctx, input),
  }),
  'evidence.retire': defineMethod({
    summary: 'Retire an evidence file, with the reason. It is never deleted: it stays, with its file and history.',
    kind: 'write',
    input: evidenceRetireInput,
    handler: (input, ctx) => retireEvidence(ctx, input),
  }),
  'evidence.list': defineMethod({
    summary: 'A page of the evidence files of a case (or of one of its entities or seized items), retired ones on request.',
    kind: 'read',
    input: evidenceListInput,
    handler: (input, ctx) => listEvidence(ctx.db, input),
  }),
  'evidence.get': defineMethod({
    summary: 'One evidence file: its metadata, SHA-256 and retirement.',
    kind: 'read',
    input: evidenceGetInput,
    handler: (input, ctx) => getEvidence(ctx.db, input.id),
  }),
};
