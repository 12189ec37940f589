import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError } from '../errors.ts';
import {
  CASE_ROLES,
  CASE_ROLE_KINDS,
  type CaseRole,
  type CaseStatus,
  type EntityKind,
  type SecurityMarking,
} from '../shared/domain.ts';
import { entitySummary, withArticle, type EntitySummary } from './entities.ts';
import { requireCase } from './guards.ts';

/** An entity's role in a case, with the entity's summary (cases.entities, cases.addEntity). */
export interface CaseEntity {
  /** The id of the role record (one per case, entity and role). */
  id: string;
  caseId: string;
  entityId: string;
  role: CaseRole;
  notes: string;
  createdAt: string;
  updatedAt: string;
  entity: EntitySummary;
}

/** A case an entity is in, with its role there (entities.get). */
export interface EntityCaseRole {
  id: string;
  caseId: string;
  fileNumber: string;
  title: string;
  status: CaseStatus;
  securityMarking: SecurityMarking;
  role: CaseRole;
  notes: string;
}

/** CASE role WHEN 'subject' THEN 0 ... : the order roles are listed in. */
const roleRank = `CASE ce.role ${CASE_ROLES.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} END`;

const caseEntityColumns = `ce.id, ce.case_id AS caseId, ce.entity_id AS entityId, ce.role, ce.notes,
  ce.created_at AS createdAt, ce.updated_at AS updatedAt,
  e.kind AS e_kind, e.subtype AS e_subtype, e.name AS e_name, e.country AS e_country`;

type Row = Omit<CaseEntity, 'entity'> & {
  e_kind: EntityKind;
  e_subtype: EntitySummary['subtype'];
  e_name: string;
  e_country: string | null;
};

function toCaseEntity({ e_kind, e_subtype, e_name, e_country, ...r }: Row): CaseEntity {
  return { ...r, entity: { id: r.entityId, kind: e_kind, subtype: e_subtype, name: e_name, country: e_country } };
}

function findRole(db: Db, caseId: string, entityId: string, role: CaseRole): CaseEntity | null {
  const row = sql(
    db,
    `SELECT ${caseEntityColumns} FROM case_entities ce JOIN entities e ON e.id = ce.entity_id
     WHERE ce.case_id = ? AND ce.entity_id = ? AND ce.role = ?`,
  ).get(caseId, entityId, role) as Row | undefined;
  return row ? toCaseEntity(row) : null;
}

function mustFindRole(db: Db, input: { caseId: string; entityId: string; role: CaseRole }): CaseEntity {
  const found = findRole(db, input.caseId, input.entityId, input.role);
  if (found) return found;
  requireCase(db, input.caseId);
  const entity = entitySummary(db, input.entityId, 'entityId');
  throw new DossierError(
    'not_found',
    `role: ${entity.name} is not ${withArticle(input.role)} in this case`,
    'role',
    'case_entity.role_not_held',
    {
      name: entity.name,
      role: input.role,
    },
  );
}

export function addCaseEntity(ctx: Ctx, input: { caseId: string; entityId: string; role: CaseRole; notes: string }): CaseEntity {
  requireCase(ctx.db, input.caseId);
  const entity = entitySummary(ctx.db, input.entityId, 'entityId');
  const kinds = CASE_ROLE_KINDS[input.role];
  if (!kinds.includes(entity.kind)) {
    throw new DossierError(
      'invalid_input',
      `role: ${withArticle(input.role)} is ${kinds.map(withArticle).join(' or ')}, and ${entity.name} is ${withArticle(entity.kind)}`,
      'role',
      'case_entity.role_kind',
      { role: input.role, name: entity.name, kind: entity.kind },
    );
  }
  if (findRole(ctx.db, input.caseId, input.entityId, input.role)) {
    throw new DossierError(
      'conflict',
      `role: ${entity.name} is already ${withArticle(input.role)} in this case`,
      'role',
      'case_entity.role_taken',
      {
        name: entity.name,
        role: input.role,
      },
    );
  }
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('case_entity', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO case_entities (id, case_id, entity_id, role, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.caseId, input.entityId, input.role, input.notes, now, now);
  });
  return mustFindRole(ctx.db, input);
}

export function updateCaseEntity(
  ctx: Ctx,
  input: { caseId: string; entityId: string; role: CaseRole; notes: string },
): CaseEntity {
  const current = mustFindRole(ctx.db, input);
  if (current.notes === input.notes) return current;
  ctx.audit.track('case_entity', current.id, input.caseId, () => {
    sql(ctx.db, 'UPDATE case_entities SET notes = ?, updated_at = ? WHERE id = ?').run(input.notes, ctx.now(), current.id);
  });
  return mustFindRole(ctx.db, input);
}

/** Removes a role (it is not evidence); the audit trail records the removal (after = null). */
export function removeCaseEntity(ctx: Ctx, input: { caseId: string; entityId: string; role: CaseRole }): CaseEntity {
  const current = mustFindRole(ctx.db, input);
  ctx.audit.track('case_entity', current.id, input.caseId, () => {
    sql(ctx.db, 'DELETE FROM case_entities WHERE id = ?').run(current.id);
  });
  return current;
}

/** The entities of a case with their roles: by role (CASE_ROLES order), then name. */
export function caseEntitiesSql(): string {
  return `SELECT ${caseEntityColumns} FROM case_entities ce JOIN entities e ON e.id = ce.entity_id
    WHERE ce.case_id = ? ORDER BY ${roleRank}, e.name COLLATE NOCASE, ce.seq`;
}

export function listCaseEntities(db: Db, caseId: string): { total: number; rows: CaseEntity[] } {
  requireCase(db, caseId);
  const rows = (sql(db, caseEntitiesSql()).all(caseId) as Row[]).map(toCaseEntity);
  return { total: rows.length, rows };
}

/** The cases an entity is in, with its role in each: newest file number first. */
export function casesOf(db: Db, entityId: string): EntityCaseRole[] {
  return sql(
    db,
    `SELECT ce.id, ce.case_id AS caseId, c.file_number AS fileNumber, c.title, c.status, c.security_marking AS securityMarking, ce.role, ce.notes
     FROM case_entities ce JOIN cases c ON c.id = ce.case_id
     WHERE ce.entity_id = ? ORDER BY c.file_number DESC, ${roleRank}`,
  ).all(entityId) as EntityCaseRole[];
}
