import { defineMethod } from '../contract.ts';
import { packageImportInput, packageInspectInput } from '../shared/inputs/packages.ts';
import { importPackage, inspectPackage } from '../package/import.ts';

export const packageMethods = {
  'packages.inspect': defineMethod({
    summary:
      'What importing an evidence package would do (upload the ZIP first: POST /api/evidence/upload, the desktop app, ' +
      'or `dossier import`): a new case, already imported, or a case already here with what differs, record by record. ' +
      "Reads case.json and the audit extract, checked against the bag's manifests; the import job verifies the whole bag.",
    kind: 'read',
    input: packageInspectInput,
    handler: (input, ctx) => inspectPackage(ctx, input),
  }),
  'packages.import': defineMethod({
    summary:
      'Import an evidence package uploaded into the evidence store, its evidence files already copied there (the import ' +
      'job does both: jobs.start {kind: "importPackage"}): the case and its records under their global ids, each write ' +
      'audited, and a record of the import (package, who, when, what was withheld, the audit extract as it came). ' +
      'mode new refuses a case already here; merge brings in what is new and changed, removing nothing. ' +
      'The same package twice: already imported, nothing changed.',
    kind: 'write',
    input: packageImportInput,
    handler: (input, ctx) => importPackage(ctx, input),
  }),
};
