import { DossierError, notFound, recordNoun, type RefusedRecordType } from '../errors.ts';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';

/**
 * The edit was made on the version the user saw: a record changed elsewhere since (another
 * window, a sync) is refused, never overwritten. `record` names it (its number, or its name).
 */
export function assertVersion(
  current: { version: number },
  expected: number | undefined,
  recordType: RefusedRecordType,
  record: string,
): void {
  if (expected === undefined || expected === current.version) return;
  const what = record ? `${recordNoun(recordType)} ${record}` : `this ${recordNoun(recordType)}`;
  throw new DossierError(
    'conflict',
    `version: ${what} was changed elsewhere (version ${current.version}, you edited version ${expected}). Reload it and apply your change again.`,
    'version',
    'version.conflict',
    { recordType, record, version: current.version, expected },
  );
}

/** The case a record belongs to exists; `field` names the input that points at it. */
export function requireCase(db: Db, caseId: string, field = 'caseId', code: 'not_found' | 'invalid_input' = 'not_found'): void {
  if (!sql(db, 'SELECT 1 FROM cases WHERE id = ?').get(caseId)) throw notFound('case', caseId, field, code);
}
