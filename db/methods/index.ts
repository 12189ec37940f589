import type { AnyMethod } from '../contract.ts';
import { caseMethods } from './cases.ts';
import { settingsMethods } from './settings.ts';

/** Every operation Dossier offers, by name. IPC, HTTP and the CLI all dispatch through this table. */
export const methods = {
  ...caseMethods,
  ...settingsMethods,
} satisfies Record<string, AnyMethod>;
