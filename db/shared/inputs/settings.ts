import { z } from 'zod';
import { rule } from '../schemas.ts';

/** Input schemas of the settings: pure, shared with the renderer. */
export const profileSchema = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(200),
  badge: z.string().trim().max(50).default(''),
  agency: z.string().trim().max(200).default(''),
});
export type Profile = z.output<typeof profileSchema>;

export const fileNumberPrefixSchema = z
  .string()
  .trim()
  .refine((v) => /^[A-Z]{2,6}$/.test(v), rule('settings.file_number_prefix_format', 'Two to six capital letters, e.g. EXP'));
