import { defineMethod } from '../contract.ts';
import { searchQueryInput } from '../shared/inputs/search.ts';
import { searchRecords } from '../search/query.ts';

export const searchMethods = {
  'search.query': defineMethod({
    summary:
      'Find records of every kind (cases, entities with their aliases and identifiers, seizures and goods, detentions, ' +
      'penalties, evidence files and their text) by words or parts of words, accents and scripts folded; grouped by ' +
      'kind, best first, each hit with its matched words marked.',
    kind: 'read',
    input: searchQueryInput,
    handler: (input, ctx) => searchRecords(ctx.db, input),
  }),
};
