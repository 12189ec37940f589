/**
 * What screening found, and what the investigator decided of it. A hit is derived (the last
 * screening of the entity); a decision is a screening_reviews row, audited, never changed. A hit's
 * status is its latest decision, except that a dismissal made on another version of the list entry
 * no longer holds: the hit is open again.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { notFound } from '../errors.ts';
import type { ScreeningHitsInput, ScreeningReviewInput } from '../shared/inputs/screening.ts';

export type HitStatus = 'open' | 'confirmed' | 'dismissed';

export interface ScreeningHit {
  entityId: string;
  entityName: string;
  entityKind: string;
  listId: string;
  listName: string;
  entryKey: string;
  entryName: string;
  subjectName: string;
  score: number;
  reasons: { code: string; detail: string }[];
  foundAt: string;
  status: HitStatus;
  review: { id: string; decision: 'confirmed' | 'dismissed'; reason: string; decidedAt: string; decidedBy: string } | null;
}

const STATUS = `CASE
    WHEN r.decision IS NULL THEN 'open'
    WHEN r.decision = 'dismissed' AND r.entry_hash <> h.entry_hash THEN 'open'
    ELSE r.decision END`;

const FROM = `FROM screening_hits h
  JOIN entities e ON e.id = h.entity_id
  JOIN screening_lists l ON l.id = h.list_id
  LEFT JOIN screening_reviews r ON r.seq = (
    SELECT max(seq) FROM screening_reviews x
    WHERE x.entity_id = h.entity_id AND x.list_id = h.list_id AND x.entry_key = h.entry_key)`;

export function listScreeningHits(db: Db, input: ScreeningHitsInput): { rows: ScreeningHit[]; total: number } {
  const where: string[] = ['h.score >= @minScore'];
  if (input.entityId) where.push('h.entity_id = @entityId');
  if (input.caseId) where.push('h.entity_id IN (SELECT entity_id FROM case_entities WHERE case_id = @caseId)');
  if (input.listId) where.push('h.list_id = @listId');
  if (input.status?.length) where.push(`${STATUS} IN (SELECT value FROM json_each(@status))`);
  const params = {
    minScore: input.minScore,
    entityId: input.entityId ?? null,
    caseId: input.caseId ?? null,
    listId: input.listId ?? null,
    status: JSON.stringify(input.status ?? []),
    limit: input.limit,
    offset: input.offset,
  };
  const clause = `WHERE ${where.join(' AND ')}`;
  const rows = sql(
    db,
    `SELECT h.entity_id AS entityId, e.name AS entityName, e.kind AS entityKind, h.list_id AS listId, l.name AS listName,
       h.entry_key AS entryKey, h.entry_name AS entryName, h.subject_name AS subjectName, h.score, h.reasons,
       h.found_at AS foundAt, ${STATUS} AS status, r.id AS reviewId, r.decision, r.reason, r.decided_at AS decidedAt, r.decided_by AS decidedBy
     ${FROM} ${clause}
     ORDER BY (${STATUS} = 'open') DESC, h.score DESC, h.seq LIMIT @limit OFFSET @offset`,
  ).all(params) as (Omit<ScreeningHit, 'reasons' | 'review'> & {
    reasons: string;
    reviewId: string | null;
    decision: 'confirmed' | 'dismissed' | null;
    reason: string | null;
    decidedAt: string | null;
    decidedBy: string | null;
  })[];
  const total = sql(db, `SELECT count(*) ${FROM} ${clause}`).pluck().get(params) as number;
  return {
    total,
    rows: rows.map(({ reviewId, decision, reason, decidedAt, decidedBy, reasons, ...r }) => ({
      ...r,
      reasons: JSON.parse(reasons) as ScreeningHit['reasons'],
      review: decision
        ? { id: reviewId ?? '', decision, reason: reason ?? '', decidedAt: decidedAt ?? '', decidedBy: decidedBy ?? '' }
        : null,
    })),
  };
}

/** Confirm or dismiss one hit, with a reason: a new audited decision, the hit's status from now on. */
export function reviewScreeningHit(ctx: Ctx, input: ScreeningReviewInput): ScreeningHit {
  const hit = sql(ctx.db, 'SELECT entry_hash FROM screening_hits WHERE entity_id = ? AND list_id = ? AND entry_key = ?').get(
    input.entityId,
    input.listId,
    input.entryKey,
  ) as { entry_hash: string } | undefined;
  if (!hit) throw notFound('screening_hit', `${input.entityId} ${input.listId} ${input.entryKey}`, 'entryKey');
  const id = randomUUID();
  const row = {
    id,
    entity_id: input.entityId,
    list_id: input.listId,
    entry_key: input.entryKey,
    entry_hash: hit.entry_hash,
    decision: input.decision,
    reason: input.reason,
    decided_at: ctx.now(),
    decided_by: ctx.actor.name,
    decided_by_badge: ctx.actor.badge,
  };
  ctx.audit.track('screening_review', id, null, () =>
    sql(
      ctx.db,
      `INSERT INTO screening_reviews (id, entity_id, list_id, entry_key, entry_hash, decision, reason, decided_at, decided_by, decided_by_badge)
       VALUES (@id, @entity_id, @list_id, @entry_key, @entry_hash, @decision, @reason, @decided_at, @decided_by, @decided_by_badge)`,
    ).run(row),
  );
  const after = listScreeningHits(ctx.db, {
    entityId: input.entityId,
    listId: input.listId,
    minScore: 0,
    limit: 500,
    offset: 0,
  }).rows.find((h) => h.entryKey === input.entryKey);
  if (!after) throw notFound('screening_hit', input.entryKey, 'entryKey');
  return after;
}
