import type { Migration } from './index.ts';
import { addAuditedColumn } from './frozen/add-audited-column.ts';

/**
 * A link says how sure the investigator is of it: confirmed (a document says so), probable or
 * possible. The links recorded before were recorded as facts with their source: confirmed.
 */
export const m009LinkConfidence: Migration = {
  version: 9,
  name: 'the confidence of a link between entities',
  up(db) {
    addAuditedColumn(db, {
      version: 9,
      table: 'entity_links',
      recordType: 'entity_link',
      column: `confidence TEXT NOT NULL DEFAULT 'confirmed' CHECK (confidence IN ('confirmed', 'probable', 'possible'))`,
      caseIdOf: () => null,
    });
  },
};
