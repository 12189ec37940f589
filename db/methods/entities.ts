import { defineMethod } from '../contract.ts';
import {
  caseAddEntityInput,
  caseEntitiesInput,
  caseRemoveEntityInput,
  caseUpdateEntityInput,
  entityCreateInput,
  entityGetInput,
  entityLinkInput,
  entityUpdateLinkInput,
  entityListInput,
  entityUnlinkInput,
  entityUpdateInput,
} from '../shared/inputs/entities.ts';
import { createEntity, listEntities, updateEntity } from '../services/entities.ts';
import { createLink, removeLink, updateLink } from '../services/entity-links.ts';
import { addCaseEntity, listCaseEntities, removeCaseEntity, updateCaseEntity } from '../services/case-entities.ts';
import { entityView } from '../services/entity-view.ts';

export const entityMethods = {
  'entities.create': defineMethod({
    summary:
      'Record a person, organization, address, conveyance (vessel, aircraft, vehicle, container) or shipment with goods lines.',
    kind: 'write',
    input: entityCreateInput,
    handler: (input, ctx) => createEntity(ctx, input),
  }),
  'entities.update': defineMethod({
    summary: 'Change fields of an entity (give its kind and subtype as they are). Pass `version` to refuse a stale edit.',
    kind: 'write',
    input: entityUpdateInput,
    handler: (input, ctx) => updateEntity(ctx, input),
  }),
  'entities.get': defineMethod({
    summary: 'One entity, every field, with its links both ways and the cases it is in with its roles.',
    kind: 'read',
    input: entityGetInput,
    handler: (input, ctx) => entityView(ctx.db, input.id),
  }),
  'entities.list': defineMethod({
    summary: 'A page of entities, sorted and filtered (kind, country, text) in SQL, with the count of all matches.',
    kind: 'read',
    input: entityListInput,
    handler: (input, ctx) => listEntities(ctx.db, input),
  }),
  'entities.link': defineMethod({
    summary: 'Link two entities (owns, director of, shipper of, carried by, located at...), with its source and dates.',
    kind: 'write',
    input: entityLinkInput,
    handler: (input, ctx) => createLink(ctx, input),
  }),
  'entities.updateLink': defineMethod({
    summary:
      'Correct what a link between entities says (its source, share, confidence, dates, notes), or end it with validTo; ' +
      'its earlier terms stay in the audit trail. Another type or other ends is another link.',
    kind: 'write',
    input: entityUpdateLinkInput,
    handler: (input, ctx) => updateLink(ctx, input),
  }),
  'entities.unlink': defineMethod({
    summary: 'Remove a link between two entities; the audit trail keeps what it said.',
    kind: 'write',
    input: entityUnlinkInput,
    handler: (input, ctx) => removeLink(ctx, input.id),
  }),
  'cases.addEntity': defineMethod({
    summary: 'Give an entity a role in a case (subject, suspect, exporter, consignee, end user, witness, counsel...).',
    kind: 'write',
    input: caseAddEntityInput,
    handler: (input, ctx) => addCaseEntity(ctx, input),
  }),
  'cases.updateEntity': defineMethod({
    summary: "Change the notes on an entity's role in a case.",
    kind: 'write',
    input: caseUpdateEntityInput,
    handler: (input, ctx) => updateCaseEntity(ctx, input),
  }),
  'cases.removeEntity': defineMethod({
    summary: "Remove an entity's role from a case; the audit trail records the removal.",
    kind: 'write',
    input: caseRemoveEntityInput,
    handler: (input, ctx) => removeCaseEntity(ctx, input),
  }),
  'cases.entities': defineMethod({
    summary: 'The entities of a case with their roles, by role then name.',
    kind: 'read',
    input: caseEntitiesInput,
    handler: (input, ctx) => listCaseEntities(ctx.db, input.caseId),
  }),
};
