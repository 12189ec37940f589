import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { fileNumberPrefixSchema, profileSchema, readSettings, writeSetting } from '../services/settings.ts';

export const settingsMethods = {
  'settings.get': defineMethod({
    summary: 'The investigator profile and installation settings.',
    kind: 'read',
    input: z.strictObject({}),
    handler: (_input, ctx) => readSettings(ctx.db),
  }),
  'settings.update': defineMethod({
    summary: 'Change the investigator profile or the case file-number prefix.',
    kind: 'write',
    input: z.strictObject({
      profile: profileSchema.optional(),
      fileNumberPrefix: fileNumberPrefixSchema.optional(),
    }),
    handler: (input, ctx) => {
      if (input.profile !== undefined) writeSetting(ctx, 'profile', input.profile);
      if (input.fileNumberPrefix !== undefined) writeSetting(ctx, 'fileNumberPrefix', input.fileNumberPrefix);
      return readSettings(ctx.db);
    },
  }),
};
