import { z } from 'zod';

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
  .regex(/^[A-Z]{2,6}$/, 'Two to six capital letters, e.g. EXP');
