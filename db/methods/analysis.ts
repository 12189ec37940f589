import { defineMethod } from '../contract.ts';
import { caseTimelineInput, caseWhereElseInput, entityWhereElseInput } from '../shared/inputs/analysis.ts';
import { findWhereElse } from '../services/where-else.ts';
import { caseTimeline } from '../services/timeline.ts';

export const analysisMethods = {
  'cases.whereElse': defineMethod({
    summary:
      'The other cases tied to this one: the same entity, another record with the same identifier (IMO, registration, ' +
      'passport, aircraft, plate, container, transport document), or an entity one link away (address, conveyance, ' +
      'shipment party, owner, director...). Ranked by score (entity 5, identifier 4, link 1-3 by type), the shared items listed.',
    kind: 'read',
    input: caseWhereElseInput,
    handler: (input, ctx) => findWhereElse(ctx.db, { caseId: input.caseId }, input.limit),
  }),
  'entities.whereElse': defineMethod({
    summary:
      'The cases tied to this entity: those it takes part in, those of another record with one of its identifiers, and ' +
      'those of an entity one link away. Ranked like cases.whereElse.',
    kind: 'read',
    input: entityWhereElseInput,
    handler: (input, ctx) => findWhereElse(ctx.db, { entityId: input.entityId }, input.limit),
  }),
  'cases.timeline': defineMethod({
    summary:
      'Every dated event of a case, in time order: opened, status changes, seizures and dispositions, custody movements, ' +
      'detentions, information requests, assessments, penalties and their status changes, payments, link dates of its ' +
      'entities, evidence acquired, dated note lines. Each names the record it opens.',
    kind: 'read',
    input: caseTimelineInput,
    handler: (input, ctx) => caseTimeline(ctx.db, input.caseId),
  }),
};
