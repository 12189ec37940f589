import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';

/** Where a detention, a seizure or a penalty came from: the inspection or the audit that made it. */
export interface RecordOrigin {
  type: 'inspection' | 'compliance_audit';
  id: string;
  number: string;
}

const QUERIES = {
  detention: `SELECT 'inspection' AS type, id, inspection_number AS number FROM inspections WHERE detention_id = ?`,
  seizure: `SELECT 'inspection' AS type, id, inspection_number AS number FROM inspections WHERE seizure_id = ?`,
  penalty: `SELECT 'compliance_audit' AS type, id, audit_number AS number FROM compliance_audits WHERE penalty_id = ?`,
} as const;

export function originOf(db: Db, recordType: keyof typeof QUERIES, id: string): RecordOrigin | null {
  return (sql(db, QUERIES[recordType]).get(id) as RecordOrigin | undefined) ?? null;
}
