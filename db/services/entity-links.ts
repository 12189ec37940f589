import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import { LINK_ENDPOINTS, SAME_KIND_LINKS, type EntityKind, type LinkConfidence, type LinkType } from '../shared/domain.ts';
import type { EntityLinkInput, EntityUpdateLinkInput } from '../shared/inputs/entities.ts';
import { assertVersion } from './guards.ts';
import { entitySummary, withArticle, type EntitySummary } from './entities.ts';

export interface EntityLink {
  id: string;
  type: LinkType;
  fromId: string;
  toId: string;
  /** owns only: basis points (10000 = 100 %), null when unknown. */
  shareBp: number | null;
  source: string;
  sourceEvidenceId: string | null;
  confidence: LinkConfidence;
  validFrom: string | null;
  validTo: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A link as seen from one of its ends: `other` is the entity at the far end. */
export interface EntityLinkView extends EntityLink {
  other: EntitySummary;
}

const linkColumns = `l.id, l.type, l.from_entity_id AS fromId, l.to_entity_id AS toId, l.share_bp AS shareBp,
  l.source, l.source_evidence_id AS sourceEvidenceId, l.confidence, l.valid_from AS validFrom, l.valid_to AS validTo,
  l.notes, l.created_at AS createdAt, l.updated_at AS updatedAt, l.version`;

export function getLink(db: Db, id: string): EntityLink {
  const row = sql(db, `SELECT ${linkColumns} FROM entity_links l WHERE l.id = ?`).get(id) as EntityLink | undefined;
  if (!row) throw notFound('entity_link', id);
  return row;
}

function kindsText(kinds: readonly EntityKind[]): string {
  const words = kinds.map((k) => withArticle(k));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

/** Refuses a link whose ends are not of the kinds its type joins, saying which kinds it takes. */
function checkEndpoints(type: LinkType, from: EntitySummary, to: EntitySummary): void {
  if (from.id === to.id)
    throw new DossierError('invalid_input', 'toId: an entity cannot be linked to itself', 'toId', 'link.self', {});
  const rule = LINK_ENDPOINTS[type];
  if (rule.from !== '*' && !rule.from.includes(from.kind)) {
    throw new DossierError(
      'invalid_input',
      `fromId: a ${type} link starts from ${kindsText(rule.from)}, not ${withArticle(from.kind)} (${from.name})`,
      'fromId',
      'link.from_kind',
      { type, kind: from.kind, name: from.name },
    );
  }
  if (rule.to !== '*' && !rule.to.includes(to.kind)) {
    throw new DossierError(
      'invalid_input',
      `toId: a ${type} link points to ${kindsText(rule.to)}, not ${withArticle(to.kind)} (${to.name})`,
      'toId',
      'link.to_kind',
      { type, kind: to.kind, name: to.name },
    );
  }
  if (SAME_KIND_LINKS.includes(type) && from.kind !== to.kind) {
    throw new DossierError(
      'invalid_input',
      `toId: a ${type} link joins two entities of the same kind (${withArticle(from.kind)} and ${withArticle(to.kind)} given)`,
      'toId',
      'link.same_kind',
      { type, fromKind: from.kind, toKind: to.kind },
    );
  }
}

/** What a link says holds together: a share on an ownership only, an end not before its start. */
function checkTerms(link: { type: LinkType; shareBp: number | null; validFrom: string | null; validTo: string | null }): void {
  if (link.shareBp !== null && link.type !== 'owns') {
    throw new DossierError(
      'invalid_input',
      'shareBp: only an ownership link (owns) has a share',
      'shareBp',
      'link.share_only_owns',
      {},
    );
  }
  if (link.validFrom && link.validTo && link.validTo < link.validFrom) {
    throw new DossierError('invalid_input', 'validTo: must not be before validFrom', 'validTo', 'range.to_before_from', {
      from: link.validFrom,
    });
  }
}

export function createLink(ctx: Ctx, input: EntityLinkInput): EntityLink {
  const from = entitySummary(ctx.db, input.fromId, 'fromId');
  const to = entitySummary(ctx.db, input.toId, 'toId');
  checkEndpoints(input.type, from, to);
  checkTerms(input);
  const duplicate = sql(
    ctx.db,
    'SELECT 1 FROM entity_links WHERE from_entity_id = ? AND type = ? AND to_entity_id = ? AND source = ?',
  ).get(from.id, input.type, to.id, input.source);
  if (duplicate) {
    throw new DossierError(
      'conflict',
      `source: this ${input.type} link is already recorded from the same source`,
      'source',
      'link.duplicate',
      {
        type: input.type,
      },
    );
  }
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('entity_link', id, null, () => {
    sql(
      ctx.db,
      `INSERT INTO entity_links (id, type, from_entity_id, to_entity_id, share_bp, source, source_evidence_id,
         confidence, valid_from, valid_to, notes, created_at, updated_at)
       VALUES (@id, @type, @fromId, @toId, @shareBp, @source, @sourceEvidenceId, @confidence, @validFrom, @validTo, @notes,
         @now, @now)`,
    ).run({ ...input, id, now });
  });
  return getLink(ctx.db, id);
}

const updatableLinkColumns = {
  shareBp: 'share_bp',
  source: 'source',
  sourceEvidenceId: 'source_evidence_id',
  confidence: 'confidence',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  notes: 'notes',
} as const;
type UpdatableLinkKey = keyof typeof updatableLinkColumns;

/** Corrects what a link says, or ends it (validTo); its earlier terms stay in the audit trail. */
export function updateLink(ctx: Ctx, input: EntityUpdateLinkInput): EntityLink {
  const current = getLink(ctx.db, input.id);
  assertVersion(current, input.version, 'entity_link', input.id);
  const keys = (Object.keys(updatableLinkColumns) as UpdatableLinkKey[]).filter(
    (k) => input[k] !== undefined && input[k] !== current[k],
  );
  if (keys.length === 0) return current;
  const next = { ...current, ...Object.fromEntries(keys.map((k) => [k, input[k]])) } as EntityLink;
  checkTerms(next);
  ctx.audit.track('entity_link', current.id, null, () => {
    sql(
      ctx.db,
      `UPDATE entity_links SET ${keys.map((k) => `${updatableLinkColumns[k]} = @${k}`).join(', ')},
         updated_at = @now, version = version + 1 WHERE id = @id`,
    ).run({ ...Object.fromEntries(keys.map((k) => [k, next[k]])), id: current.id, now: ctx.now() });
  });
  return getLink(ctx.db, current.id);
}

/** Removes a link (a link is an assertion, not evidence); the audit trail keeps what it said. */
export function removeLink(ctx: Ctx, id: string): EntityLink {
  const link = getLink(ctx.db, id);
  ctx.audit.track('entity_link', id, null, () => {
    sql(ctx.db, 'DELETE FROM entity_links WHERE id = ?').run(id);
  });
  return link;
}

const otherColumns = 'e.id AS o_id, e.kind AS o_kind, e.subtype AS o_subtype, e.name AS o_name, e.country AS o_country';

type ViewRow = EntityLink & {
  o_id: string;
  o_kind: EntityKind;
  o_subtype: EntitySummary['subtype'];
  o_name: string;
  o_country: string | null;
};

function toView({ o_id, o_kind, o_subtype, o_name, o_country, ...link }: ViewRow): EntityLinkView {
  return { ...link, other: { id: o_id, kind: o_kind, subtype: o_subtype, name: o_name, country: o_country } };
}

/** The links of an entity: those it starts (outgoing) and those pointing to it (incoming), by type then name. */
export function linksOf(db: Db, entityId: string): { outgoing: EntityLinkView[]; incoming: EntityLinkView[] } {
  const outgoing = sql(
    db,
    `SELECT ${linkColumns}, ${otherColumns} FROM entity_links l JOIN entities e ON e.id = l.to_entity_id
     WHERE l.from_entity_id = ? ORDER BY l.type, e.name COLLATE NOCASE, l.seq`,
  ).all(entityId) as ViewRow[];
  const incoming = sql(
    db,
    `SELECT ${linkColumns}, ${otherColumns} FROM entity_links l JOIN entities e ON e.id = l.from_entity_id
     WHERE l.to_entity_id = ? ORDER BY l.type, e.name COLLATE NOCASE, l.seq`,
  ).all(entityId) as ViewRow[];
  return { outgoing: outgoing.map(toView), incoming: incoming.map(toView) };
}
