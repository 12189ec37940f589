import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { DossierError, type ReasonParams } from '../errors.ts';
import { localDate } from '../shared/time.ts';
import type { EntityKind, SecurityMarking } from '../shared/domain.ts';
import { entitySummary, type EntitySummary } from './entities.ts';

/** Small pieces the verification records (checks, inspections, compliance audits) share. */

export function invalid(field: string, message: string, reason: string, params: ReasonParams = {}): DossierError {
  return new DossierError('invalid_input', `${field}: ${message}`, field, reason, params);
}

/** The investigator's calendar date of an instant. */
export function dateOf(instant: string): string {
  return localDate(new Date(instant));
}

/** A party (entity) of one of the given kinds, that exists and is not merged; null passes. */
export function assertPartyKind(db: Db, id: string | null, field: string, kinds: readonly EntityKind[]): EntitySummary | null {
  if (id === null) return null;
  const entity = entitySummary(db, id, field);
  if (!kinds.includes(entity.kind)) {
    throw invalid(field, `must be ${kinds.join(' or ')}, and ${entity.name} is ${entity.kind}`, 'party.kind', {
      name: entity.name,
      kind: entity.kind,
      allowed: kinds.join(', '),
    });
  }
  return entity;
}

/** The entity summary of an id, for a record's detail (null for none). */
export function partyOf(db: Db, id: string | null): EntitySummary | null {
  if (id === null) return null;
  return (
    (sql(db, 'SELECT id, kind, subtype, name, country FROM entities WHERE id = ?').get(id) as EntitySummary | undefined) ?? null
  );
}

/** A number typed by hand is free (or already this record's). */
export function assertNumberFree(
  db: Db,
  spec: { table: string; column: string; field: string },
  recordType: string,
  number: string,
  exceptId: string | null,
): void {
  const row = sql(db, `SELECT id FROM ${spec.table} WHERE ${spec.column} = ?`).get(number) as { id: string } | undefined;
  if (row && row.id !== exceptId) {
    throw new DossierError(
      'conflict',
      `${spec.field}: ${number} is already the number of another ${recordType.replaceAll('_', ' ')}`,
      spec.field,
      'number.taken',
      { number, recordType },
    );
  }
}

/** The case's file number and marking, shown with every record. */
export function caseHeader(db: Db, caseId: string): { caseFileNumber: string; caseSecurityMarking: SecurityMarking } {
  const c = sql(db, 'SELECT file_number, security_marking FROM cases WHERE id = ?').get(caseId) as {
    file_number: string;
    security_marking: SecurityMarking;
  };
  return { caseFileNumber: c.file_number, caseSecurityMarking: c.security_marking };
}

/** The UPDATE of the changed columns of a record (camelCase keys mapped to columns), or null when nothing changed. */
export function changedColumns<K extends string>(
  columns: Readonly<Record<K, string>>,
  current: NoInfer<Readonly<Record<K, unknown>>>,
  changes: NoInfer<Partial<Record<K, unknown>>>,
): { sets: string; values: Record<string, unknown> } | null {
  const keys = (Object.keys(changes) as K[]).filter((k) => changes[k] !== undefined && changes[k] !== current[k]);
  if (keys.length === 0) return null;
  return {
    sets: keys.map((k) => `${columns[k]} = @${k}`).join(', '),
    values: Object.fromEntries(keys.map((k) => [k, changes[k]])),
  };
}
