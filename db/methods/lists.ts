import { defineMethod } from '../contract.ts';
import { listImportInput, listListInput } from '../shared/inputs/lists.ts';
import { importScreeningList, listScreeningLists } from '../services/screening-lists.ts';

export const listMethods = {
  'lists.import': defineMethod({
    summary:
      "Load a screening list (the U.S. Consolidated Screening List CSV, format csl, or Canada's SEMA XML, format sema; " +
      'guessed from the file when not given) from a file uploaded into the evidence store (POST /api/evidence/upload, ' +
      'the desktop app, or `dossier lists import`); the importList job (jobs.start {kind: "importList"}) reads it first ' +
      'with its progress, then calls this. One list per name: its entries are ' +
      'replaced in one transaction, entry by entry by key and content hash, and the list records the file (name, SHA-256), ' +
      'when, by whom and what was added, changed and removed (one audit record per import). The same file again changes ' +
      'nothing. A file that does not read is refused naming its line (CSV) or record (XML), and the list stays as it was.',
    kind: 'write',
    input: listImportInput,
    handler: (input, ctx) => importScreeningList(ctx, input),
  }),
  'lists.list': defineMethod({
    summary:
      'The screening lists loaded: name, format, number of entries, file name and SHA-256, the list date, when and by ' +
      'whom it was imported, and what its last import added, changed and removed.',
    kind: 'read',
    input: listListInput,
    handler: (_input, ctx) => listScreeningLists(ctx.db),
  }),
};
