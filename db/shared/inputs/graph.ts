import { z } from 'zod';
import { uuid } from '../schemas.ts';

/** Input schemas of the link chart's reads (graph.entity, graph.case). Pure: the renderer imports them. */

/** The most nodes one answer may hold (the chart stays readable and its answer small). */
export const GRAPH_MAX_NODES = 1000;
export const GRAPH_DEFAULT_NODES = 300;
export const GRAPH_MAX_HOPS = 4;

const maxNodes = z.int().min(1).max(GRAPH_MAX_NODES).default(GRAPH_DEFAULT_NODES);

export const graphEntityInput = z.strictObject({
  entityId: uuid,
  /** How many links away from the entity to go. */
  hops: z.int().min(1).max(GRAPH_MAX_HOPS).default(2),
  maxNodes,
});
export type GraphEntityInput = z.output<typeof graphEntityInput>;

export const graphCaseInput = z.strictObject({
  caseId: uuid,
  /** How many links away from the case's own entities to go; 0: those entities and the links among them. */
  hops: z.int().min(0).max(GRAPH_MAX_HOPS).default(1),
  maxNodes,
});
export type GraphCaseInput = z.output<typeof graphCaseInput>;

/**
 * How an entity takes part in a case without (or besides) a role of its own: a party named on
 * one of the case's seizures, detentions or penalties. Listed after its roles in `caseRoles`.
 */
export const GRAPH_CASE_PARTIES = [
  'seized_from',
  'seizure_owner',
  'seizure_claimant',
  'seizure_conveyance',
  'detention_exporter',
  'detention_consignee',
  'penalized',
] as const;
export type GraphCaseParty = (typeof GRAPH_CASE_PARTIES)[number];
