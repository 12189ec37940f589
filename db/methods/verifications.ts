import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { uuid } from '../shared/schemas.ts';
import { originOf } from '../services/origin.ts';

export const verificationMethods = {
  'verifications.origin': defineMethod({
    summary:
      'The inspection a detention or seizure was made from, or the compliance audit a penalty was issued after (null when none).',
    kind: 'read',
    input: z.strictObject({ recordType: z.enum(['detention', 'seizure', 'penalty']), id: uuid }),
    handler: (input, ctx) => originOf(ctx.db, input.recordType, input.id),
  }),
};
