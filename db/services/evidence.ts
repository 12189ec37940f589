import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import { blobStat, storeRepairs } from '../evidence-store.ts';
import type { EvidenceSortColumn, EvidenceSubjectType } from '../shared/domain.ts';
import { requireCase } from './guards.ts';
import { runList, type ListSql } from '../list-sql.ts';
import type { z } from 'zod';
import type { evidenceAttachInput } from '../shared/inputs/evidence.ts';

export interface Evidence {
  id: string;
  caseId: string;
  subjectType: EvidenceSubjectType;
  /** The case's id for subjectType 'case'. */
  subjectId: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  acquiredAt: string | null;
  acquiredBy: string;
  acquiredFrom: string;
  description: string;
  addedAt: string;
  addedBy: string;
  addedByBadge: string;
  retiredAt: string | null;
  retiredBy: string | null;
  retiredByBadge: string | null;
  retiredReason: string | null;
}

const columns = `id, case_id AS caseId, subject_type AS subjectType, subject_id AS subjectId,
  original_name AS originalName, media_type AS mediaType, size, sha256, acquired_at AS acquiredAt,
  acquired_by AS acquiredBy, acquired_from AS acquiredFrom, description, added_at AS addedAt,
  added_by AS addedBy, added_by_badge AS addedByBadge, retired_at AS retiredAt, retired_by AS retiredBy,
  retired_by_badge AS retiredByBadge, retired_reason AS retiredReason`;

export function getEvidence(db: Db, id: string): Evidence {
  const row = sql(db, `SELECT ${columns} FROM evidence WHERE id = ?`).get(id) as Evidence | undefined;
  if (!row) throw notFound('evidence', id, 'id');
  return row;
}

/**
 * The other subjects, from later migrations (003 entities, 004 seized items): how to find one and
 * the case it belongs to (null: an entity is not bound to one case). A subject type whose tables
 * this database lacks cannot receive evidence: refused, rather than pointing nowhere.
 */
const SUBJECTS: Record<Exclude<EvidenceSubjectType, 'case'>, { noun: string; tables: string[]; caseOf: string }> = {
  entity: { noun: 'entity', tables: ['entities'], caseOf: 'SELECT NULL AS caseId FROM entities WHERE id = ?' },
  seized_item: {
    noun: 'seized item',
    tables: ['seized_items', 'seizures'],
    caseOf: 'SELECT s.case_id AS caseId FROM seized_items i JOIN seizures s ON s.id = i.seizure_id WHERE i.id = ?',
  },
};

function hasTable(db: Db, table: string): boolean {
  return sql(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/**
 * Checks what a file is to be attached to: the case exists, and the entity or seized item exists
 * (a seized item in this case). Returns the subject id to store. Shells call it before copying a
 * large file, so that a mistake is refused at once; evidence.attach calls it again.
 */
export function resolveAttachTarget(db: Db, caseId: string, type: EvidenceSubjectType, subjectId: string | undefined): string {
  requireCase(db, caseId);
  if (type === 'case') {
    if (subjectId !== undefined && subjectId !== caseId) {
      throw new DossierError(
        'invalid_input',
        'subjectId: evidence attached to the case itself takes the case id or none',
        'subjectId',
        'evidence.case_subject_id',
        {},
      );
    }
    return caseId;
  }
  const { noun, tables, caseOf } = SUBJECTS[type];
  if (subjectId === undefined) {
    throw new DossierError(
      'invalid_input',
      `subjectId: required to attach evidence to a ${noun}`,
      'subjectId',
      'evidence.subject_required',
      {
        subjectType: type,
      },
    );
  }
  if (!tables.every((t) => hasTable(db, t))) {
    throw new DossierError(
      'invalid_input',
      `subjectType: this database has no ${noun} records`,
      'subjectType',
      'evidence.subject_type_unavailable',
      {
        subjectType: type,
      },
    );
  }
  const row = sql(db, caseOf).get(subjectId) as { caseId: string | null } | undefined;
  if (!row) throw notFound(type, subjectId, 'subjectId');
  if (row.caseId !== null && row.caseId !== caseId) {
    throw new DossierError(
      'invalid_input',
      `subjectId: this ${noun} belongs to another case`,
      'subjectId',
      'evidence.subject_other_case',
      {
        subjectType: type,
      },
    );
  }
  return subjectId;
}

export type AttachEvidenceInput = z.output<typeof evidenceAttachInput>;

function requireDataDir(ctx: Ctx): string {
  if (ctx.dataDir === null)
    throw new DossierError('internal', 'This database has no folder for evidence files (in-memory database)');
  return ctx.dataDir;
}

/**
 * Attaches a file already in the store (ingested by the transport: HTTP upload, Electron IPC,
 * the CLI) to a case, an entity or a seized item. The store's copy must exist with exactly
 * this size: its name is its SHA-256, since only ingestion writes there.
 */
export function attachEvidence(ctx: Ctx, input: AttachEvidenceInput): Evidence {
  const dataDir = requireDataDir(ctx);
  const subjectId = resolveAttachTarget(ctx.db, input.caseId, input.subjectType, input.subjectId);
  const stored = blobStat(dataDir, input.sha256);
  if (!stored) {
    throw new DossierError(
      'invalid_input',
      'sha256: the evidence store holds no file with this SHA-256: upload the file first',
      'sha256',
      'evidence.file_not_stored',
      {},
    );
  }
  if (stored.size !== input.size) {
    throw new DossierError(
      'invalid_input',
      `sha256: the stored file with this SHA-256 has ${stored.size} bytes, not ${input.size}`,
      'sha256',
      'evidence.size_mismatch',
      { storedSize: stored.size, size: input.size },
    );
  }
  let acquiredAt: string | null = null;
  if (input.acquiredAt !== undefined) {
    acquiredAt = input.acquiredAt;
  }
  recordRepairs(ctx, dataDir, input.sha256, input.caseId);
  const id = randomUUID();
  ctx.audit.track('evidence', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO evidence (id, case_id, subject_type, subject_id, original_name, media_type, size, sha256,
         acquired_at, acquired_by, acquired_from, description, added_at, added_by, added_by_badge)
       VALUES (@id, @caseId, @subjectType, @subjectId, @originalName, @mediaType, @size, @sha256,
         @acquiredAt, @acquiredBy, @acquiredFrom, @description, @now, @actor, @badge)`,
    ).run({
      id,
      caseId: input.caseId,
      subjectType: input.subjectType,
      subjectId,
      originalName: input.originalName,
      mediaType: input.mediaType,
      size: input.size,
      sha256: input.sha256,
      acquiredAt,
      acquiredBy: input.acquiredBy,
      acquiredFrom: input.acquiredFrom,
      description: input.description,
      now: ctx.now(),
      actor: ctx.actor.name,
      badge: ctx.actor.badge,
    });
  });
  return getEvidence(ctx.db, id);
}

/**
 * The store's repairs of this content that the audit trail does not hold yet (the upload or the
 * CLI's copy that brought the matching bytes logged them): recorded with the attach, in its transaction.
 */
function recordRepairs(ctx: Ctx, dataDir: string, sha256: string, caseId: string): void {
  for (const r of storeRepairs(dataDir)) {
    if (r.sha256 !== sha256) continue;
    if (sql(ctx.db, 'SELECT 1 FROM evidence_repairs WHERE sha256 = ? AND repaired_at = ?').get(r.sha256, r.at)) continue;
    const id = randomUUID();
    ctx.audit.track('evidence_repair', id, caseId, () =>
      sql(
        ctx.db,
        `INSERT INTO evidence_repairs (id, sha256, repaired_at, altered_size, altered_sha256, recorded_at, recorded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, r.sha256, r.at, r.alteredSize, r.alteredSha256, ctx.now(), ctx.actor.name),
    );
  }
}

/** Retires evidence: it stays, with its file and its audit trail, marked with who retired it, when and why. */
export function retireEvidence(ctx: Ctx, input: { id: string; reason: string }): Evidence {
  const current = getEvidence(ctx.db, input.id);
  if (current.retiredAt !== null) {
    throw new DossierError(
      'invalid_transition',
      `id: ${current.originalName} was already retired on ${current.retiredAt} by ${current.retiredBy ?? ''}`,
      'id',
      'evidence.already_retired',
      { name: current.originalName, retiredAt: current.retiredAt, retiredBy: current.retiredBy ?? '' },
    );
  }
  ctx.audit.track('evidence', input.id, current.caseId, () => {
    sql(
      ctx.db,
      `UPDATE evidence SET retired_at = ?, retired_by = ?, retired_by_badge = ?, retired_reason = ?
       WHERE id = ? AND retired_at IS NULL`,
    ).run(ctx.now(), ctx.actor.name, ctx.actor.badge, input.reason, input.id);
  });
  return getEvidence(ctx.db, input.id);
}

export interface EvidenceListQuery {
  caseId: string;
  subjectType?: EvidenceSubjectType | undefined;
  subjectId?: string | undefined;
  includeRetired: boolean;
  sort: { column: EvidenceSortColumn; direction: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

/** Each sort walks its index (migration 002): the case, the column, then seq. */
const sortExpressions: Record<EvidenceSortColumn, string> = {
  addedAt: 'added_at',
  originalName: 'original_name COLLATE NOCASE',
  size: 'size',
  acquiredAt: 'acquired_at',
};

export function evidenceListSql(q: EvidenceListQuery): ListSql {
  const where = ['case_id = ?'];
  const params: unknown[] = [q.caseId];
  if (q.subjectType !== undefined) {
    where.push('subject_type = ?');
    params.push(q.subjectType);
  }
  if (q.subjectId !== undefined && q.subjectType === 'entity') {
    // Evidence is never edited: the files of entities merged into this one stay theirs, and are listed here.
    where.push(`subject_id IN (WITH RECURSIVE merged (id) AS (SELECT ? UNION SELECT e.id FROM entities e JOIN merged ON e.merged_into = merged.id)
      SELECT id FROM merged)`);
    params.push(q.subjectId);
  } else if (q.subjectId !== undefined) {
    where.push('subject_id = ?');
    params.push(q.subjectId);
  }
  if (!q.includeRetired) where.push('retired_at IS NULL');
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const whereSql = where.join(' AND ');
  return {
    rowsSql: `SELECT ${columns} FROM evidence WHERE ${whereSql} ORDER BY ${sortExpressions[q.sort.column]} ${dir}, seq ${dir} LIMIT ? OFFSET ?`,
    params,
    countSql: `SELECT count(*) AS n FROM evidence WHERE ${whereSql}`,
    countParams: params,
  };
}

export function listEvidence(db: Db, q: EvidenceListQuery): { total: number; rows: Evidence[] } {
  return runList<Evidence>(db, evidenceListSql(q), q);
}

/** Every evidence record, for `dossier check`: id, name and the content it must find in the store. */
export function allEvidenceFiles(db: Db): IterableIterator<{ id: string; originalName: string; sha256: string; size: number }> {
  return db
    .prepare('SELECT id, original_name AS originalName, sha256, size FROM evidence ORDER BY sha256, seq')
    .iterate() as IterableIterator<{ id: string; originalName: string; sha256: string; size: number }>;
}

/**
 * Why an evidence file cannot be shown: gone from the store, or no longer the bytes its SHA-256
 * names. The one refusal every transport (HTTP, IPC) gives before it would send a byte.
 */
export function storedFileRefusal(e: Pick<Evidence, 'id' | 'originalName'>, status: 'missing' | 'altered'): DossierError {
  const label = `evidence ${e.id} (${e.originalName})`;
  return status === 'missing'
    ? new DossierError('not_found', `${label}: file missing from the store`, undefined, 'evidence.missing', {})
    : new DossierError('conflict', `${label}: file altered (SHA-256 differs)`, undefined, 'evidence.altered', {});
}
