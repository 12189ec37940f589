import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { notFound } from '../errors.ts';
import {
  CASE_ROLES,
  type CaseRole,
  type ConveyanceType,
  type EntityKind,
  type LinkConfidence,
  type LinkType,
} from '../shared/domain.ts';
import { GRAPH_CASE_PARTIES, type GraphCaseInput, type GraphCaseParty, type GraphEntityInput } from '../shared/inputs/graph.ts';
import { requireCase } from './guards.ts';

/** An entity of the chart, with how many links it is from where the chart started (0: a starting point). */
export interface GraphNode {
  id: string;
  kind: EntityKind;
  subtype: ConveyanceType | null;
  name: string;
  country: string | null;
  hop: number;
  /** graph.case: its roles in the case, then how it is a party to the case's records; else empty. */
  caseRoles: (CaseRole | GraphCaseParty)[];
}

export interface GraphLink {
  id: string;
  type: LinkType;
  fromId: string;
  toId: string;
  shareBp: number | null;
  confidence: LinkConfidence;
  validFrom: string | null;
  validTo: string | null;
  source: string;
}

export interface Graph {
  nodes: GraphNode[];
  /** Only the links whose two ends are both among `nodes`. */
  links: GraphLink[];
  /** maxNodes was reached: there is more to see from here. */
  truncated: boolean;
}

const linkColumns = `l.seq, l.id, l.type, l.from_entity_id AS fromId, l.to_entity_id AS toId, l.share_bp AS shareBp,
  l.confidence, l.valid_from AS validFrom, l.valid_to AS validTo, l.source`;

/**
 * The statements of the neighbourhood walk, for the bench and the query-plan tests to run and
 * explain beside the method. Ids travel as one JSON array per parameter (`json_each`), so a hop
 * is one statement per direction whatever its width, each walking entity_links_from or
 * entity_links_to; `visited` keeps nodes already reached out of the answer, and `limit` stops a
 * hub (an address shared by thousands of companies) from being read whole.
 */
export const neighbourhoodSql = {
  outgoing: `SELECT DISTINCT to_entity_id FROM entity_links
    WHERE from_entity_id IN (SELECT value FROM json_each(@frontier))
      AND to_entity_id NOT IN (SELECT value FROM json_each(@visited))
    LIMIT @limit`,
  incoming: `SELECT DISTINCT from_entity_id FROM entity_links
    WHERE to_entity_id IN (SELECT value FROM json_each(@frontier))
      AND from_entity_id NOT IN (SELECT value FROM json_each(@visited))
    LIMIT @limit`,
  nodes: `SELECT id, kind, subtype, name, country FROM entities WHERE id IN (SELECT value FROM json_each(@ids))`,
  /**
   * The links among the chart's nodes, one node at a time (linksAmong): first its outgoing links,
   * at most one more than there are nodes; when it has more than that (a hub), one seek on
   * entity_links_pair per node instead. Either way a node costs at most about as many rows as the
   * chart has nodes, whatever its degree.
   */
  linksFrom: `SELECT ${linkColumns} FROM entity_links l WHERE l.from_entity_id = @from LIMIT @limit`,
  linksFromTo: `SELECT ${linkColumns}
    FROM json_each(@ids) j CROSS JOIN entity_links l INDEXED BY entity_links_pair
    WHERE l.from_entity_id = @from AND l.to_entity_id = j.value`,
  /** The case's entities with roles, and the parties of its seizures, detentions and penalties. */
  caseSeeds: `SELECT entity_id AS id, role FROM case_entities WHERE case_id = @caseId
    UNION ALL SELECT seized_from_entity_id, 'seized_from' FROM seizures
      WHERE case_id = @caseId AND seized_from_entity_id IS NOT NULL
    UNION ALL SELECT owner_entity_id, 'seizure_owner' FROM seizures WHERE case_id = @caseId AND owner_entity_id IS NOT NULL
    UNION ALL SELECT j.value, 'seizure_claimant' FROM seizures s, json_each(s.claimant_entity_ids) j WHERE s.case_id = @caseId
    UNION ALL SELECT conveyance_entity_id, 'seizure_conveyance' FROM seizures
      WHERE case_id = @caseId AND conveyance_entity_id IS NOT NULL
    UNION ALL SELECT exporter_id, 'detention_exporter' FROM detentions WHERE case_id = @caseId AND exporter_id IS NOT NULL
    UNION ALL SELECT consignee_id, 'detention_consignee' FROM detentions WHERE case_id = @caseId AND consignee_id IS NOT NULL
    UNION ALL SELECT entity_id, 'penalized' FROM penalties WHERE case_id = @caseId`,
} as const;

/**
 * Breadth-first from `seeds` (hop 0), hop by hop, in both directions, until `hops` or `maxNodes`.
 * Returns each node reached with its hop, in the order reached.
 */
export function walkNeighbourhood(
  db: Db,
  seeds: readonly string[],
  hops: number,
  maxNodes: number,
): { hopOf: Map<string, number>; truncated: boolean } {
  const hopOf = new Map<string, number>();
  for (const id of seeds) {
    if (hopOf.size === maxNodes) return { hopOf, truncated: true };
    hopOf.set(id, 0);
  }
  let frontier = [...hopOf.keys()];
  for (let hop = 1; hop <= hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const statement of [neighbourhoodSql.outgoing, neighbourhoodSql.incoming]) {
      const room = maxNodes - hopOf.size;
      // One more than there is room for tells that the answer is cut.
      const found = sql(db, statement)
        .pluck()
        .all({ frontier: JSON.stringify(frontier), visited: JSON.stringify([...hopOf.keys()]), limit: room + 1 }) as string[];
      for (const id of found.slice(0, room)) {
        hopOf.set(id, hop);
        next.push(id);
      }
      if (found.length > room) return { hopOf, truncated: true };
    }
    frontier = next;
  }
  return { hopOf, truncated: false };
}

/** The nodes reached from `seeds`, with the links among them. */
export function entityNeighbourhood(
  db: Db,
  seeds: readonly string[],
  hops: number,
  maxNodes: number,
  rolesOf: ReadonlyMap<string, GraphNode['caseRoles']> = new Map(),
): Graph {
  const { hopOf, truncated } = walkNeighbourhood(db, seeds, hops, maxNodes);
  const ids = JSON.stringify([...hopOf.keys()]);
  const rows = sql(db, neighbourhoodSql.nodes).all({ ids }) as Omit<GraphNode, 'hop' | 'caseRoles'>[];
  const nodes = rows
    .map((r) => ({ ...r, hop: hopOf.get(r.id) ?? 0, caseRoles: rolesOf.get(r.id) ?? [] }))
    .sort((a, b) => a.hop - b.hop || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  return { nodes, links: linksAmong(db, [...hopOf.keys()]), truncated };
}

/** Every link whose two ends are both in `ids`, in the order recorded. */
export function linksAmong(db: Db, ids: readonly string[]): GraphLink[] {
  const among = new Set(ids);
  const idsJson = JSON.stringify(ids);
  const found: (GraphLink & { seq: number })[] = [];
  for (const from of ids) {
    let rows = sql(db, neighbourhoodSql.linksFrom).all({ from, limit: ids.length + 1 }) as (GraphLink & { seq: number })[];
    if (rows.length > ids.length) rows = sql(db, neighbourhoodSql.linksFromTo).all({ from, ids: idsJson }) as typeof rows;
    for (const row of rows) if (among.has(row.toId)) found.push(row);
  }
  return found.sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...link }) => link);
}

export function entityGraph(db: Db, input: GraphEntityInput): Graph {
  if (!sql(db, 'SELECT 1 FROM entities WHERE id = ?').get(input.entityId)) throw notFound('entity', input.entityId, 'entityId');
  return entityNeighbourhood(db, [input.entityId], input.hops, input.maxNodes);
}

const roleRank = new Map<string, number>([...CASE_ROLES, ...GRAPH_CASE_PARTIES].map((r, i) => [r, i]));

export function caseGraph(db: Db, input: GraphCaseInput): Graph {
  requireCase(db, input.caseId);
  const rows = sql(db, neighbourhoodSql.caseSeeds).all({ caseId: input.caseId }) as {
    id: string;
    role: CaseRole | GraphCaseParty;
  }[];
  const rolesOf = new Map<string, GraphNode['caseRoles']>();
  for (const { id, role } of rows) {
    const roles = rolesOf.get(id) ?? [];
    if (!roles.includes(role)) roles.push(role);
    rolesOf.set(id, roles);
  }
  for (const roles of rolesOf.values()) roles.sort((a, b) => (roleRank.get(a) ?? 0) - (roleRank.get(b) ?? 0));
  return entityNeighbourhood(db, [...rolesOf.keys()], input.hops, input.maxNodes, rolesOf);
}
