import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { CaseRole, CaseStatus, LinkType } from '../shared/domain.ts';
import type { PartyRole, WhereElseStep, WhereElseTie } from '../shared/inputs/analysis.ts';
import { entitySummary, type EntitySummary } from './entities.ts';
import type { IdentifierScheme } from './entity-identifiers.ts';
import { requireCase } from './guards.ts';

/**
 * "Where else": the other cases tied to a case (or to one entity) through its entities, ranked by
 * how strongly. A case's entities are its roles (case_entities) and the parties of its seizures,
 * detentions and penalties. Another case is tied by
 *   (a) the same entity record taking part in it,
 *   (b) one of its entities joined to one of ours by a single entity_links row (either way): an
 *       address, a conveyance, a shipment party, an owner or director, an alias...,
 *   (c) one of its entities being another record with the same identifier (IMO number, company
 *       registration, passport, aircraft registration, plate, container or transport document).
 * Nothing further: an entity two links away does not tie a case.
 */

/**
 * The weight of each shared item; a case's score is the sum over its shared items. The same record
 * in both cases is the strongest fact; a record with the same identifier is almost as strong (the
 * same vessel or passport entered twice) but may be a typing error. One link is weaker, and
 * graded by what the link says: one said to be the same party (alias, possible duplicate) comes
 * next, then the links that make a network of a diversion scheme (the address, the conveyance, a
 * party of the shipment, the owner or director, the agent), then loose associations.
 */
export const WHERE_ELSE_WEIGHTS = {
  entity: 5,
  identifier: 4,
  link: {
    alias_of: 3,
    same_as: 3,
    located_at: 2,
    carried_by: 2,
    shipper_of: 2,
    consignee_of: 2,
    notify_party_of: 2,
    freight_forwarder_of: 2,
    owns: 2,
    director_of: 2,
    agent_for: 2,
    employee_of: 1,
    associated: 1,
  } satisfies Record<LinkType, number>,
} as const;

/**
 * Bounds on the fan-out, so that a hub (a carrier's vessel, a big forwarder linked to 10,000
 * shipments) costs a bounded number of index reads. Each cap that stops a step is reported in
 * `truncated`, with the entity it stopped at.
 */
export const WHERE_ELSE_CAPS = {
  /** Entities of the case followed. */
  ourEntities: 500,
  /** Links followed from each of our entities. */
  linksPerEntity: 200,
  /** Other records with one of its identifiers, per entity of ours. */
  identifierMatchesPerEntity: 100,
  /** Entities looked up in other cases, in all. */
  candidates: 5000,
  /** Cases read per tied entity, for each way it takes part (roles, seized from, owner, ...). */
  casesPerEntity: 200,
} as const;

export type WhereElseRole = CaseRole | PartyRole;

export interface WhereElseShared {
  tie: WhereElseTie;
  /** The entity of this case (or the entity asked about). */
  ours: EntitySummary;
  /** The entity of the other case: `ours` itself for an `entity` tie. */
  theirs: EntitySummary;
  /** link: the type of the link between them, and its direction (out: ours → theirs). */
  linkType?: LinkType;
  direction?: 'out' | 'in';
  /** identifier: the scheme and the normalized value both records carry. */
  scheme?: IdentifierScheme;
  value?: string;
  /** How `theirs` takes part in the other case. */
  theirRoles: WhereElseRole[];
  /** What this item adds to the case's score (WHERE_ELSE_WEIGHTS). */
  weight: number;
}

export interface WhereElseCase {
  case: { id: string; fileNumber: string; title: string; status: CaseStatus; openedOn: string };
  score: number;
  shared: WhereElseShared[];
}

export interface WhereElseTruncation {
  step: WhereElseStep;
  /** The entity whose links, identifier matches or cases were cut; null for the case's entities and the candidates. */
  entity: EntitySummary | null;
  limit: number;
}

export interface WhereElseResult {
  /** The most strongly tied cases, best first (ties: the most recently opened first). */
  results: WhereElseCase[];
  /** How many cases were found tied (results holds the first `limit`). */
  total: number;
  /** Where a cap stopped the search: the results are then a lower bound. */
  truncated: WhereElseTruncation[];
}

/** The entities of a case: its roles, and the parties of its seizures, detentions and penalties. */
export function caseEntityIds(db: Db, caseId: string, limit = -1): string[] {
  const rows = sql(
    db,
    `SELECT entity_id AS id FROM case_entities WHERE case_id = @caseId
     UNION SELECT seized_from_entity_id FROM seizures WHERE case_id = @caseId AND seized_from_entity_id IS NOT NULL
     UNION SELECT owner_entity_id FROM seizures WHERE case_id = @caseId AND owner_entity_id IS NOT NULL
     UNION SELECT conveyance_entity_id FROM seizures WHERE case_id = @caseId AND conveyance_entity_id IS NOT NULL
     UNION SELECT j.value FROM seizures s, json_each(s.claimant_entity_ids) j WHERE s.case_id = @caseId
     UNION SELECT exporter_id FROM detentions WHERE case_id = @caseId AND exporter_id IS NOT NULL
     UNION SELECT consignee_id FROM detentions WHERE case_id = @caseId AND consignee_id IS NOT NULL
     UNION SELECT entity_id FROM penalties WHERE case_id = @caseId
     UNION SELECT party_id FROM end_use_checks WHERE case_id = @caseId
     UNION SELECT exporter_id FROM inspections WHERE case_id = @caseId AND exporter_id IS NOT NULL
     UNION SELECT consignee_id FROM inspections WHERE case_id = @caseId AND consignee_id IS NOT NULL
     UNION SELECT conveyance_id FROM inspections WHERE case_id = @caseId AND conveyance_id IS NOT NULL
     UNION SELECT party_id FROM compliance_audits WHERE case_id = @caseId
     LIMIT @limit`,
  ).all({ caseId, limit }) as { id: string }[];
  return rows.map((r) => r.id);
}

interface Tie {
  tie: WhereElseTie;
  ours: string;
  linkType?: LinkType;
  direction?: 'out' | 'in';
  scheme?: IdentifierScheme;
  value?: string;
  weight: number;
}

function linksOf(db: Db, entityId: string, cap: number): { other: string; type: LinkType; dir: 'out' | 'in' }[] {
  return sql(
    db,
    `SELECT * FROM (SELECT to_entity_id AS other, type, 'out' AS dir FROM entity_links WHERE from_entity_id = @entityId LIMIT @cap)
     UNION ALL
     SELECT * FROM (SELECT from_entity_id AS other, type, 'in' AS dir FROM entity_links WHERE to_entity_id = @entityId LIMIT @cap)`,
  ).all({ entityId, cap: cap + 1 }) as { other: string; type: LinkType; dir: 'out' | 'in' }[];
}

/** Other records (not merged into another) that carry one of this entity's identifiers. */
function identifierTwins(db: Db, entityId: string, cap: number): { other: string; scheme: IdentifierScheme; value: string }[] {
  return sql(
    db,
    `SELECT i2.entity_id AS other, i1.scheme, i1.value
     FROM entity_identifiers i1
     JOIN entity_identifiers i2 INDEXED BY entity_identifiers_value
       ON i2.scheme = i1.scheme AND i2.value = i1.value AND i2.entity_id <> i1.entity_id
     JOIN entities e ON e.id = i2.entity_id
     WHERE i1.entity_id = ? AND e.merged_into IS NULL
     LIMIT ?`,
  ).all(entityId, cap + 1) as { other: string; scheme: IdentifierScheme; value: string }[];
}

/**
 * The cases each candidate entity takes part in (other than `selfCase`), and how: one index read
 * per way of taking part, each bounded to `cap` rows per entity. Claimants are a JSON list on the
 * seizure: read by scanning the seizures that have any.
 */
const CASES_OF_SQL = (() => {
  const bounded = (table: string, column: string, role: string) =>
    `SELECT x.${column} AS entityId, x.case_id AS caseId, '${role}' AS role FROM cand JOIN ${table} x
       ON x.seq IN (SELECT seq FROM ${table} WHERE ${column} = cand.id AND case_id <> @selfCase LIMIT @cap)`;
  return `WITH cand(id) AS (SELECT value FROM json_each(@candidates))
    SELECT x.entity_id AS entityId, x.case_id AS caseId, x.role AS role FROM cand JOIN case_entities x
      ON x.seq IN (SELECT seq FROM case_entities WHERE entity_id = cand.id AND case_id <> @selfCase LIMIT @cap)
    UNION ALL ${bounded('seizures', 'seized_from_entity_id', 'seizure_seized_from')}
    UNION ALL ${bounded('seizures', 'owner_entity_id', 'seizure_owner')}
    UNION ALL ${bounded('seizures', 'conveyance_entity_id', 'seizure_conveyance')}
    UNION ALL ${bounded('detentions', 'exporter_id', 'detention_exporter')}
    UNION ALL ${bounded('detentions', 'consignee_id', 'detention_consignee')}
    UNION ALL ${bounded('penalties', 'entity_id', 'penalty_entity')}
    UNION ALL SELECT j.value AS entityId, s.case_id AS caseId, 'seizure_claimant' AS role
      FROM seizures s, json_each(s.claimant_entity_ids) j
      WHERE s.claimant_entity_ids <> '[]' AND s.case_id <> @selfCase AND j.value IN (SELECT id FROM cand)`;
})();

function summaries(db: Db, ids: Iterable<string>): Map<string, EntitySummary> {
  const rows = sql(db, 'SELECT id, kind, subtype, name, country FROM entities WHERE id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify([...ids]),
  ) as EntitySummary[];
  return new Map(rows.map((r) => [r.id, r]));
}

export type WhereElseFrom = { caseId: string } | { entityId: string };

/**
 * The cases tied to a case or an entity, best first. The whole search (a handful of statements,
 * every one an index read bounded by WHERE_ELSE_CAPS): the bench times it beside the method.
 */
export function findWhereElse(db: Db, from: WhereElseFrom, limit: number): WhereElseResult {
  const caps = WHERE_ELSE_CAPS;
  const truncated: WhereElseTruncation[] = [];
  const selfCase = 'caseId' in from ? from.caseId : '';
  let ours: string[];
  if ('caseId' in from) {
    requireCase(db, from.caseId);
    ours = caseEntityIds(db, from.caseId, caps.ourEntities + 1);
    if (ours.length > caps.ourEntities) {
      ours = ours.slice(0, caps.ourEntities);
      truncated.push({ step: 'entities', entity: null, limit: caps.ourEntities });
    }
  } else {
    ours = [entitySummary(db, from.entityId, 'entityId').id];
  }
  const ourSet = new Set(ours);
  const cut: { step: WhereElseStep; entityId: string; limit: number }[] = [];

  // Each entity that may tie another case, with the ties that make it one.
  const candidates = new Map<string, Tie[]>();
  let full = false;
  const add = (theirs: string, tie: Tie) => {
    const list = candidates.get(theirs);
    if (list) list.push(tie);
    else if (candidates.size < caps.candidates) candidates.set(theirs, [tie]);
    else full = true;
  };
  for (const o of ours) add(o, { tie: 'entity', ours: o, weight: WHERE_ELSE_WEIGHTS.entity });
  for (const o of ours) {
    const links = linksOf(db, o, caps.linksPerEntity);
    if (links.length > caps.linksPerEntity) cut.push({ step: 'links', entityId: o, limit: caps.linksPerEntity });
    for (const l of links.slice(0, caps.linksPerEntity)) {
      // A linked entity of this very case ties other cases by itself (an `entity` tie).
      if (ourSet.has(l.other)) continue;
      add(l.other, { tie: 'link', ours: o, linkType: l.type, direction: l.dir, weight: WHERE_ELSE_WEIGHTS.link[l.type] });
    }
    const twins = identifierTwins(db, o, caps.identifierMatchesPerEntity);
    if (twins.length > caps.identifierMatchesPerEntity)
      cut.push({ step: 'identifiers', entityId: o, limit: caps.identifierMatchesPerEntity });
    for (const tw of twins.slice(0, caps.identifierMatchesPerEntity)) {
      if (ourSet.has(tw.other)) continue;
      add(tw.other, {
        tie: 'identifier',
        ours: o,
        scheme: tw.scheme,
        value: tw.value,
        weight: WHERE_ELSE_WEIGHTS.identifier,
      });
    }
  }
  if (full) truncated.push({ step: 'candidates', entity: null, limit: caps.candidates });

  const rows = sql(db, CASES_OF_SQL).all({
    candidates: JSON.stringify([...candidates.keys()]),
    selfCase,
    cap: caps.casesPerEntity + 1,
  }) as {
    entityId: string;
    caseId: string;
    role: WhereElseRole;
  }[];
  // Per case, per entity of theirs: its roles there.
  const byCase = new Map<string, Map<string, WhereElseRole[]>>();
  const perSource = new Map<string, number>();
  for (const r of rows) {
    const source = `${r.entityId}\u0000${r.role.startsWith('seizure_') || r.role.startsWith('detention_') || r.role === 'penalty_entity' ? r.role : 'case_role'}`;
    const n = (perSource.get(source) ?? 0) + 1;
    perSource.set(source, n);
    if (n > caps.casesPerEntity) {
      if (n === caps.casesPerEntity + 1) cut.push({ step: 'cases', entityId: r.entityId, limit: caps.casesPerEntity });
      continue;
    }
    let entities = byCase.get(r.caseId);
    if (!entities) byCase.set(r.caseId, (entities = new Map()));
    const roles = entities.get(r.entityId);
    if (!roles) entities.set(r.entityId, [r.role]);
    else if (!roles.includes(r.role)) roles.push(r.role);
  }

  // Score each case: every distinct (tie, ours, theirs, link type or identifier) once.
  const scored: { caseId: string; score: number; items: (Tie & { theirs: string; roles: WhereElseRole[] })[] }[] = [];
  for (const [caseId, entities] of byCase) {
    const seen = new Set<string>();
    const items: (Tie & { theirs: string; roles: WhereElseRole[] })[] = [];
    for (const [theirs, roles] of entities) {
      for (const tie of candidates.get(theirs) ?? []) {
        const key = [tie.tie, tie.ours, theirs, tie.linkType ?? '', tie.direction ?? '', tie.scheme ?? '', tie.value ?? ''].join(
          '\u0000',
        );
        if (seen.has(key)) continue;
        seen.add(key);
        items.push({ ...tie, theirs, roles });
      }
    }
    scored.push({ caseId, score: items.reduce((s, i) => s + i.weight, 0), items });
  }

  const meta = new Map(
    (
      sql(
        db,
        `SELECT c.id, c.seq, c.file_number AS fileNumber, c.title, c.status, c.opened_on AS openedOn
         FROM json_each(?) j JOIN cases c ON c.id = j.value`,
      ).all(JSON.stringify(scored.map((s) => s.caseId))) as (WhereElseCase['case'] & { seq: number })[]
    ).map((c) => [c.id, c]),
  );
  const recency = (id: string) => meta.get(id);
  scored.sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    const ca = recency(a.caseId);
    const cb = recency(b.caseId);
    if (ca && cb && ca.openedOn !== cb.openedOn) return ca.openedOn < cb.openedOn ? 1 : -1;
    return (cb?.seq ?? 0) - (ca?.seq ?? 0);
  });
  const top = scored.slice(0, limit);

  const names = summaries(db, [
    ...new Set([...top.flatMap((s) => s.items.flatMap((i) => [i.ours, i.theirs])), ...cut.map((c) => c.entityId)]),
  ]);
  for (const c of cut) truncated.push({ step: c.step, entity: names.get(c.entityId) ?? null, limit: c.limit });

  const results: WhereElseCase[] = [];
  for (const s of top) {
    const m = recency(s.caseId);
    if (!m) continue;
    const shared: WhereElseShared[] = [];
    for (const i of s.items) {
      const ours = names.get(i.ours);
      const theirs = names.get(i.theirs);
      // Entities are never deleted (foreign keys): both ends are always found.
      if (!ours || !theirs) continue;
      const item: WhereElseShared = { tie: i.tie, ours, theirs, theirRoles: i.roles, weight: i.weight };
      if (i.linkType) item.linkType = i.linkType;
      if (i.direction) item.direction = i.direction;
      if (i.scheme) item.scheme = i.scheme;
      if (i.value) item.value = i.value;
      shared.push(item);
    }
    shared.sort((a, b) => b.weight - a.weight || a.theirs.name.localeCompare(b.theirs.name));
    results.push({
      case: { id: m.id, fileNumber: m.fileNumber, title: m.title, status: m.status, openedOn: m.openedOn },
      score: s.score,
      shared,
    });
  }
  return { results, total: scored.length, truncated };
}
