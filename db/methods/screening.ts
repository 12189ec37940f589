import { defineMethod } from '../contract.ts';
import { screeningHitsInput, screeningReviewInput } from '../shared/inputs/screening.ts';
import { listScreeningHits, reviewScreeningHit } from '../services/screening-hits.ts';

export const screeningMethods = {
  'screening.hits': defineMethod({
    summary:
      'What screening found: each entity that resembles an entry of a loaded list, with the score, the reasons and the ' +
      'decision on it (open, confirmed or dismissed); open ones first, then by score.',
    kind: 'read',
    input: screeningHitsInput,
    handler: (input, ctx) => listScreeningHits(ctx.db, input),
  }),
  'screening.review': defineMethod({
    summary:
      'Confirm or dismiss a screening hit, with the reason: a new decision in the audit trail. A dismissed hit is not ' +
      'raised again unless the list entry changes.',
    kind: 'write',
    input: screeningReviewInput,
    handler: (input, ctx) => reviewScreeningHit(ctx, input),
  }),
};
