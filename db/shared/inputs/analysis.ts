import { z } from 'zod';
import { uuid } from '../schemas.ts';

/**
 * Input schemas and vocabularies of the analysis methods ("where else" and the case timeline).
 * Pure (zod and constants): the renderer imports the vocabularies and validates with the schemas.
 */

/** The most tied cases one call returns. */
export const WHERE_ELSE_MAX_LIMIT = 200;
const whereElseLimit = z.int().min(1).max(WHERE_ELSE_MAX_LIMIT).default(50);

export const caseWhereElseInput = z.strictObject({ caseId: uuid, limit: whereElseLimit });
export const entityWhereElseInput = z.strictObject({ entityId: uuid, limit: whereElseLimit });
export const caseTimelineInput = z.strictObject({ caseId: uuid });

export type CaseWhereElseInput = z.output<typeof caseWhereElseInput>;
export type EntityWhereElseInput = z.output<typeof entityWhereElseInput>;

/** How another case is tied: the same entity record, a record with the same identifier, or one link away. */
export const WHERE_ELSE_TIES = ['entity', 'identifier', 'link'] as const;
export type WhereElseTie = (typeof WHERE_ELSE_TIES)[number];

/**
 * How an entity takes part in a case besides its roles (case_entities): as a party of a seizure,
 * a detention or a penalty.
 */
export const PARTY_ROLES = [
  'seizure_seized_from',
  'seizure_owner',
  'seizure_conveyance',
  'seizure_claimant',
  'detention_exporter',
  'detention_consignee',
  'penalty_entity',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Where a cap on the fan-out stopped the search (see WHERE_ELSE_CAPS in db/services/where-else.ts). */
export const WHERE_ELSE_STEPS = ['entities', 'links', 'identifiers', 'cases', 'candidates'] as const;
export type WhereElseStep = (typeof WHERE_ELSE_STEPS)[number];

/** The timeline's lanes, in the order they are drawn. */
export const TIMELINE_LANES = [
  'case',
  'seizure',
  'custody',
  'detention',
  'request',
  'assessment',
  'penalty',
  'payment',
  'check',
  'inspection',
  'audit',
  'link',
  'evidence',
  'note',
] as const;
export type TimelineLane = (typeof TIMELINE_LANES)[number];

/** Every kind of timeline event, `<lane>.<what happened>`. */
export const TIMELINE_KINDS = [
  'case.opened',
  'case.contravention',
  'case.status',
  'seizure.seized',
  'seizure.disposition',
  'custody.moved',
  'detention.started',
  'detention.ended',
  'request.sent',
  'request.received',
  'request.closed',
  'assessment.referred',
  'assessment.answered',
  'penalty.assessed',
  'penalty.status',
  'payment.received',
  'check.requested',
  'check.conducted',
  'inspection.started',
  'inspection.completed',
  'audit.notified',
  'audit.on_site',
  'audit.reported',
  'link.started',
  'link.ended',
  'evidence.acquired',
  'evidence.added',
  'note.dated',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export function laneOf(kind: TimelineKind): TimelineLane {
  return kind.slice(0, kind.indexOf('.')) as TimelineLane;
}

/** The record an event opens: a page of its own, or (evidence) the file's drawer in the case. */
export const TIMELINE_RECORD_TYPES = [
  'case',
  'seizure',
  'detention',
  'penalty',
  'entity',
  'evidence',
  'end_use_check',
  'inspection',
  'compliance_audit',
] as const;
export type TimelineRecordType = (typeof TIMELINE_RECORD_TYPES)[number];
