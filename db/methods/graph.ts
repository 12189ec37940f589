import { defineMethod } from '../contract.ts';
import { graphCaseInput, graphEntityInput } from '../shared/inputs/graph.ts';
import { caseGraph, entityGraph } from '../services/graph.ts';

export const graphMethods = {
  'graph.entity': defineMethod({
    summary:
      'The link chart around an entity: the entities up to `hops` links away (both directions, breadth-first, at most ' +
      '`maxNodes`; `truncated` when cut) and the links among them.',
    kind: 'read',
    input: graphEntityInput,
    handler: (input, ctx) => entityGraph(ctx.db, input),
  }),
  'graph.case': defineMethod({
    summary:
      'The link chart of a case: its entities with roles and the parties of its seizures, detentions and penalties (hop 0, ' +
      'with their roles), the entities up to `hops` links from them, and the links among them.',
    kind: 'read',
    input: graphCaseInput,
    handler: (input, ctx) => caseGraph(ctx.db, input),
  }),
};
