import type Database from 'better-sqlite3';
import { appendAuditV5, stateHashV5 } from './audit-v5.ts';

/**
 * A new column on a table whose rows the audit trail follows (cases, seizures, entities...), as
 * a migration adds it. Each row's recorded state is the hash of the whole row, so a new column
 * would make every existing row look changed outside Dossier; instead each row gets one audit
 * record, by Dossier itself and named for the migration, with the row before and after: the
 * change of shape is in the trail like any other change, and `dossier check` stays clean. A row
 * the trail does not vouch for (added or changed outside Dossier) gets no record: the migration
 * does not launder it, and the check goes on reporting it.
 * Frozen like every helper of a shipped migration: never edit; a new behaviour gets its own file.
 */
export function addAuditedColumn(
  db: Database.Database,
  spec: {
    /** The migration's number, for the audit records' method (`migration.7`). */
    version: number;
    table: string;
    recordType: string;
    /** The column's definition, e.g. `declaration_number TEXT NOT NULL DEFAULT ''`. */
    column: string;
    /** The case a row belongs to (its own id for a case; null for a record outside cases). */
    caseIdOf(row: Record<string, unknown>): string | null;
  },
): number {
  const recorded = db.prepare('SELECT state_hash AS h FROM record_state WHERE record_type = ? AND record_id = ?').pluck();
  const before = new Map<string, Record<string, unknown>>();
  for (const row of db.prepare(`SELECT * FROM ${spec.table}`).iterate() as IterableIterator<Record<string, unknown>>) {
    if (recorded.get(spec.recordType, String(row.id)) === stateHashV5(row)) before.set(String(row.id), row);
  }
  db.exec(`ALTER TABLE ${spec.table} ADD COLUMN ${spec.column}`);
  const at = new Date().toISOString();
  const read = db.prepare(`SELECT * FROM ${spec.table} WHERE id = ?`);
  for (const [id, old] of before) {
    const now = read.get(id) as Record<string, unknown>;
    appendAuditV5(
      db,
      {
        actor: 'Dossier',
        badge: '',
        method: `migration.${spec.version}`,
        at,
        type: spec.recordType,
        id,
        caseId: spec.caseIdOf(now),
      },
      old,
      now,
    );
  }
  return before.size;
}
