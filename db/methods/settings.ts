import { z } from 'zod';
import { defineMethod } from '../contract.ts';
import { fileNumberPrefixSchema, profileSchema, readSettings, writeSetting } from '../services/settings.ts';
import { errorLogFile, loggedErrors } from '../error-log.ts';

export const settingsMethods = {
  'settings.get': defineMethod({
    summary: 'The investigator profile and installation settings.',
    kind: 'read',
    input: z.strictObject({}),
    handler: (_input, ctx) => readSettings(ctx.db),
  }),
  'settings.paths': defineMethod({
    summary:
      'Where this installation keeps its data: the database file, its folder (the evidence store, backups) and the log of ' +
      'unexpected errors, with how many it holds; and whether writes are refused (a read-only or damaged file).',
    kind: 'read',
    input: z.strictObject({}),
    handler: (_input, ctx) => {
      const errorLog = ctx.dataDir === null ? null : errorLogFile(ctx.dataDir);
      return {
        databaseFile: ctx.db.memory ? null : ctx.db.name,
        dataDir: ctx.dataDir,
        errorLog,
        errorsLogged: errorLog === null ? 0 : loggedErrors(errorLog).length,
        writesRefused: ctx.writesRefused,
      };
    },
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
