import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { canonicalJson, loadRaw, type RawRow } from '../audit.ts';
import { DossierError, notFound } from '../errors.ts';
import { auditedTables, type RecordType } from '../shared/records.ts';
import type { EntityData } from '../shared/inputs/entities.ts';
import { dataOf, deriveColumns, entityRow, refuseMerged, type EntityRow } from './entities.ts';
import { syncIdentifiers } from './entity-identifiers.ts';
import { assertVersion } from './guards.ts';
import type { EntityMergeInput } from '../shared/inputs/duplicates.ts';

/**
 * Merging two records of one entity: every link, role in a case, seizure, detention and penalty
 * that names the merged one names the survivor instead; the survivor keeps the merged one's names
 * as aliases; the merged record stays (with `merged_into`), and so do evidence files attached to
 * it (evidence is never edited: the survivor's page lists them through the merge). Each changed
 * row is audited on its own, and the merge keeps every row's state before and after, so that an
 * undo puts each back exactly, provided none changed since.
 */

export interface MergeChange {
  type: RecordType;
  id: string;
  caseId: string | null;
  before: RawRow | null;
  after: RawRow | null;
}

export interface EntityMerge {
  id: string;
  survivorId: string;
  mergedId: string;
  survivorName: string;
  mergedName: string;
  reasons: unknown[];
  /** How many rows it changed, by record type. */
  changed: Partial<Record<RecordType, number>>;
  mergedAt: string;
  mergedBy: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  reasons: string;
  changes: string;
  merged_at: string;
  merged_by: string;
  undone_at: string | null;
  undone_by: string | null;
}

const ALIAS_KINDS = new Set(['person', 'organization']);
const MAX_ALIASES = 50;

/** Records one row's change in the audit trail and in the merge's list. */
class ChangeLog {
  readonly changes: MergeChange[] = [];
  constructor(private readonly ctx: Ctx) {}

  apply(type: RecordType, id: string, caseId: string | null, write: () => void): void {
    const before = loadRaw(this.ctx.db, type, id) ?? null;
    write();
    const after = loadRaw(this.ctx.db, type, id) ?? null;
    if (before && after && canonicalJson(before) === canonicalJson(after)) return;
    this.ctx.audit.record(type, id, caseId, before, after);
    this.changes.push({ type, id, caseId, before, after });
  }
}

function rowOf(db: Db, id: string, field: string): EntityRow {
  if (!sql(db, 'SELECT 1 FROM entities WHERE id = ?').get(id)) throw notFound('entity', id, field);
  return entityRow(db, id);
}

function mergedAliases(survivor: EntityData, merged: EntityRow, survivorName: string): string[] | null {
  if (!ALIAS_KINDS.has(survivor.kind) || !('aliases' in survivor)) return null;
  const mergedData = dataOf(merged);
  const theirs = 'aliases' in mergedData ? mergedData.aliases : [];
  const all = [...survivor.aliases];
  const seen = new Set([survivorName.toLowerCase(), ...all.map((a) => a.toLowerCase())]);
  for (const name of [merged.name, ...theirs]) {
    if (seen.has(name.toLowerCase()) || all.length >= MAX_ALIASES) continue;
    seen.add(name.toLowerCase());
    all.push(name);
  }
  return all;
}

export function mergeEntities(ctx: Ctx, input: EntityMergeInput): EntityMerge {
  const db = ctx.db;
  if (input.survivorId === input.mergedId) {
    throw new DossierError(
      'invalid_input',
      'mergedId: an entity cannot be merged into itself',
      'mergedId',
      'merge.same_entity',
      {},
    );
  }
  const survivor = rowOf(db, input.survivorId, 'survivorId');
  const merged = rowOf(db, input.mergedId, 'mergedId');
  if (survivor.merged_into) refuseMerged(db, survivor.name, survivor.merged_into, 'survivorId');
  if (merged.merged_into) refuseMerged(db, merged.name, merged.merged_into, 'mergedId');
  if (survivor.kind !== merged.kind || survivor.subtype !== merged.subtype) {
    throw new DossierError(
      'invalid_input',
      `mergedId: only two entities of one kind can be merged (${survivor.subtype ?? survivor.kind}, ${merged.subtype ?? merged.kind})`,
      'mergedId',
      'merge.kind_differs',
      { a: survivor.subtype ?? survivor.kind, b: merged.subtype ?? merged.kind },
    );
  }
  assertVersion(survivor, input.survivorVersion, 'entity', survivor.name);
  assertVersion(merged, input.mergedVersion, 'entity', merged.name);
  const now = ctx.now();
  const log = new ChangeLog(ctx);
  const s = survivor.id;
  const m = merged.id;

  // Links: each end that was the merged entity becomes the survivor; a link between the two, or one
  // the survivor already has from the same source, would be said twice: it goes (and comes back on undo).
  const links = sql(
    db,
    'SELECT id, type, from_entity_id AS f, to_entity_id AS t, source FROM entity_links WHERE from_entity_id = ? OR to_entity_id = ? ORDER BY seq',
  ).all(m, m) as { id: string; type: string; f: string; t: string; source: string }[];
  const sameLink = sql(
    db,
    'SELECT 1 FROM entity_links WHERE from_entity_id = ? AND type = ? AND to_entity_id = ? AND source = ? AND id <> ?',
  );
  for (const l of links) {
    const f = l.f === m ? s : l.f;
    const t = l.t === m ? s : l.t;
    log.apply('entity_link', l.id, null, () => {
      if (f === t || sameLink.get(f, l.type, t, l.source, l.id)) sql(db, 'DELETE FROM entity_links WHERE id = ?').run(l.id);
      else
        sql(
          db,
          'UPDATE entity_links SET from_entity_id = ?, to_entity_id = ?, updated_at = ?, version = version + 1 WHERE id = ?',
        ).run(f, t, now, l.id);
    });
  }

  // Roles in cases: the survivor takes each; where it already holds that role in that case, the merged one's goes.
  const roles = sql(db, 'SELECT id, case_id AS caseId, role FROM case_entities WHERE entity_id = ? ORDER BY seq').all(m) as {
    id: string;
    caseId: string;
    role: string;
  }[];
  const hasRole = sql(db, 'SELECT 1 FROM case_entities WHERE case_id = ? AND entity_id = ? AND role = ?');
  for (const r of roles) {
    log.apply('case_entity', r.id, r.caseId, () => {
      if (hasRole.get(r.caseId, s, r.role)) sql(db, 'DELETE FROM case_entities WHERE id = ?').run(r.id);
      else sql(db, 'UPDATE case_entities SET entity_id = ?, updated_at = ? WHERE id = ?').run(s, now, r.id);
    });
  }

  const swap = (column: string) => `${column} = CASE WHEN ${column} = @m THEN @s ELSE ${column} END`;
  const seizures = sql(
    db,
    `SELECT id, case_id AS caseId, claimant_entity_ids AS claimants FROM seizures
     WHERE seized_from_entity_id = @m OR owner_entity_id = @m OR conveyance_entity_id = @m
        OR EXISTS (SELECT 1 FROM json_each(claimant_entity_ids) WHERE value = @m) ORDER BY seq`,
  ).all({ m }) as { id: string; caseId: string; claimants: string }[];
  for (const z of seizures) {
    const claimants = [...new Set((JSON.parse(z.claimants) as string[]).map((c) => (c === m ? s : c)))];
    log.apply('seizure', z.id, z.caseId, () => {
      sql(
        db,
        `UPDATE seizures SET ${swap('seized_from_entity_id')}, ${swap('owner_entity_id')}, ${swap('conveyance_entity_id')},
           claimant_entity_ids = @claimants, updated_at = @now, version = version + 1 WHERE id = @id`,
      ).run({ m, s, claimants: JSON.stringify(claimants), now, id: z.id });
    });
  }
  const detentions = sql(
    db,
    'SELECT id, case_id AS caseId FROM detentions WHERE exporter_id = @m OR consignee_id = @m ORDER BY seq',
  ).all({ m }) as { id: string; caseId: string }[];
  for (const d of detentions) {
    log.apply('detention', d.id, d.caseId, () => {
      sql(
        db,
        `UPDATE detentions SET ${swap('exporter_id')}, ${swap('consignee_id')}, updated_at = @now, version = version + 1 WHERE id = @id`,
      ).run({ m, s, now, id: d.id });
    });
  }
  const penalties = sql(db, 'SELECT id, case_id AS caseId FROM penalties WHERE entity_id = ? ORDER BY seq').all(m) as {
    id: string;
    caseId: string;
  }[];
  for (const p of penalties) {
    log.apply('penalty', p.id, p.caseId, () => {
      sql(db, 'UPDATE penalties SET entity_id = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(s, now, p.id);
    });
  }

  const partyTables = [
    { type: 'end_use_check', table: 'end_use_checks', columns: ['party_id'] },
    { type: 'inspection', table: 'inspections', columns: ['exporter_id', 'consignee_id', 'conveyance_id'] },
    { type: 'compliance_audit', table: 'compliance_audits', columns: ['party_id'] },
  ] as const;
  for (const t of partyTables) {
    const rows = sql(
      db,
      `SELECT id, case_id AS caseId FROM ${t.table} WHERE ${t.columns.map((c) => `${c} = @m`).join(' OR ')} ORDER BY seq`,
    ).all({ m }) as { id: string; caseId: string }[];
    for (const r of rows) {
      log.apply(t.type, r.id, r.caseId, () => {
        sql(
          db,
          `UPDATE ${t.table} SET ${t.columns.map((c) => swap(c)).join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id`,
        ).run({ m, s, now, id: r.id });
      });
    }
  }

  // The survivor keeps the merged one's names as aliases, so it is found by either.
  const survivorData = dataOf(survivor);
  const aliases = mergedAliases(survivorData, merged, survivor.name);
  if (aliases && 'aliases' in survivorData && aliases.length !== survivorData.aliases.length) {
    const data = { ...survivorData, aliases } as EntityData;
    const d = deriveColumns(data);
    log.apply('entity', s, null, () => {
      sql(db, 'UPDATE entities SET details = ?, search_text = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(
        d.details,
        d.searchText,
        now,
        s,
      );
    });
    syncIdentifiers(db, s, data);
  }
  log.apply('entity', m, null, () => {
    sql(db, 'UPDATE entities SET merged_into = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(s, now, m);
  });

  const [x, y] = s < m ? [s, m] : [m, s];
  const found = sql(db, 'SELECT reasons FROM duplicate_candidates WHERE entity_a = ? AND entity_b = ?').pluck().get(x, y) as
    string | undefined;
  const reasons: unknown[] = [
    ...(found ? (JSON.parse(found) as unknown[]) : []),
    ...(input.note ? [{ code: 'note', text: input.note }] : []),
  ];
  const id = randomUUID();
  ctx.audit.track('entity_merge', id, null, () => {
    sql(
      db,
      `INSERT INTO entity_merges (id, survivor_id, merged_id, reasons, changes, merged_at, merged_by, merged_by_badge)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, s, m, JSON.stringify(reasons), JSON.stringify(log.changes), now, ctx.actor.name, ctx.actor.badge);
  });
  sql(db, 'DELETE FROM duplicate_candidates WHERE entity_a = ? OR entity_b = ?').run(m, m);
  return getMerge(db, id);
}

/** Puts back every row a merge changed, as it was, if none changed since; the merge stays on record, undone. */
export function undoMerge(ctx: Ctx, mergeId: string): EntityMerge {
  const db = ctx.db;
  const merge = mergeRow(db, mergeId);
  if (merge.undone_at) {
    throw new DossierError('invalid_input', 'id: this merge was already undone', 'id', 'merge.already_undone', {
      at: merge.undone_at,
    });
  }
  const changes = JSON.parse(merge.changes) as MergeChange[];
  for (const c of changes) {
    const now = loadRaw(db, c.type, c.id) ?? null;
    const expected = c.after === null ? null : canonicalJson(c.after);
    if ((now === null ? null : canonicalJson(now)) !== expected) {
      throw new DossierError(
        'conflict',
        `id: ${c.type} ${c.id} changed after the merge; undo cannot put it back as it was (change it by hand, or leave the merge)`,
        'id',
        'merge.changed_since',
        { recordType: c.type, recordId: c.id },
      );
    }
  }
  const log = new ChangeLog(ctx);
  for (const c of [...changes].reverse()) {
    const { table } = auditedTables[c.type];
    const before = c.before;
    log.apply(c.type, c.id, c.caseId, () => {
      if (before === null) {
        sql(db, `DELETE FROM ${table} WHERE id = ?`).run(c.id);
        return;
      }
      if (c.after === null) {
        // Put back under its own rowid when that is free, so the row reads back exactly as it was.
        const seqFree = !sql(db, `SELECT 1 FROM ${table} WHERE seq = ?`).get(before.seq);
        const generated = new Set(
          (db.pragma(`table_xinfo(${table})`) as { name: string; hidden: number }[])
            .filter((c) => c.hidden >= 2)
            .map((c) => c.name),
        );
        const columns = Object.keys(before).filter((k) => (seqFree || k !== 'seq') && !generated.has(k));
        sql(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((k) => `@${k}`).join(', ')})`).run(
          Object.fromEntries(columns.map((k) => [k, before[k]])),
        );
        return;
      }
      // Only what the merge changed: generated columns follow by themselves.
      const after = c.after;
      const columns = Object.keys(before).filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
      sql(db, `UPDATE ${table} SET ${columns.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run(
        Object.fromEntries([...columns.map((k) => [k, before[k]]), ['id', c.id]]),
      );
    });
  }
  for (const entityId of new Set(changes.filter((c) => c.type === 'entity').map((c) => c.id))) {
    syncIdentifiers(db, entityId, dataOf(entityRow(db, entityId)));
  }
  ctx.audit.track('entity_merge', merge.id, null, () => {
    sql(db, 'UPDATE entity_merges SET undone_at = ?, undone_by = ?, undone_by_badge = ? WHERE id = ?').run(
      ctx.now(),
      ctx.actor.name,
      ctx.actor.badge,
      merge.id,
    );
  });
  return getMerge(db, merge.id);
}

function mergeRow(db: Db, id: string): MergeRow {
  const row = sql(db, 'SELECT * FROM entity_merges WHERE id = ?').get(id) as MergeRow | undefined;
  if (!row) throw notFound('entity_merge', id);
  return row;
}

function toMerge(db: Db, r: MergeRow): EntityMerge {
  const name = sql(db, 'SELECT name FROM entities WHERE id = ?').pluck();
  const changed: Partial<Record<RecordType, number>> = {};
  for (const c of JSON.parse(r.changes) as MergeChange[]) changed[c.type] = (changed[c.type] ?? 0) + 1;
  return {
    id: r.id,
    survivorId: r.survivor_id,
    mergedId: r.merged_id,
    survivorName: name.get(r.survivor_id) as string,
    mergedName: name.get(r.merged_id) as string,
    reasons: JSON.parse(r.reasons) as unknown[],
    changed,
    mergedAt: r.merged_at,
    mergedBy: r.merged_by,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

export function getMerge(db: Db, id: string): EntityMerge {
  return toMerge(db, mergeRow(db, id));
}

/** The merges that involve an entity, or the latest of all, newest first. */
export function listMerges(db: Db, q: { entityId?: string | undefined; limit: number }): EntityMerge[] {
  const rows = q.entityId
    ? (sql(
        db,
        `SELECT * FROM entity_merges WHERE seq IN (
           SELECT seq FROM entity_merges WHERE survivor_id = @e UNION SELECT seq FROM entity_merges WHERE merged_id = @e)
         ORDER BY seq DESC LIMIT @limit`,
      ).all({ e: q.entityId, limit: q.limit }) as MergeRow[])
    : (sql(db, 'SELECT * FROM entity_merges ORDER BY seq DESC LIMIT ?').all(q.limit) as MergeRow[]);
  return rows.map((r) => toMerge(db, r));
}

/** Says two entities are not the same: the duplicate search does not propose them again. */
export function markDistinct(ctx: Ctx, input: { aId: string; bId: string; note: string }): { id: string } {
  if (input.aId === input.bId) {
    throw new DossierError('invalid_input', 'bId: an entity is the same as itself', 'bId', 'merge.same_entity', {});
  }
  const a = rowOf(ctx.db, input.aId, 'aId');
  const b = rowOf(ctx.db, input.bId, 'bId');
  const [x, y] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const existing = sql(ctx.db, 'SELECT id FROM entity_distinct_pairs WHERE entity_a = ? AND entity_b = ?').pluck().get(x, y) as
    string | undefined;
  if (existing) return { id: existing };
  const id = randomUUID();
  ctx.audit.track('entity_distinct', id, null, () => {
    sql(
      ctx.db,
      'INSERT INTO entity_distinct_pairs (id, entity_a, entity_b, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, x, y, input.note, ctx.now(), ctx.actor.name);
  });
  sql(ctx.db, 'DELETE FROM duplicate_candidates WHERE entity_a = ? AND entity_b = ?').run(x, y);
  return { id };
}
