import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { checkDatabase } from '../check.ts';

export const systemMethods = {
  'system.check': defineMethod({
    summary:
      'Check the database: integrity, foreign keys, the audit chain, record states and evidence files (what `dossier check` runs).',
    kind: 'read',
    input: z.strictObject({}),
    handler: (_input, ctx) => checkDatabase(ctx.db, ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
  }),
};
