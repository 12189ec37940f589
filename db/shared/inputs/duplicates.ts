import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, uuid } from '../schemas.ts';

export const duplicateListInput = z.strictObject({ ...paging, limit: paging.limit.default(50) });

export const entityMergeInput = z.strictObject({
  /** The record that stays: it takes the other's links, roles, references and names. */
  survivorId: uuid,
  mergedId: uuid,
  survivorVersion: z.int().min(1).optional(),
  mergedVersion: z.int().min(1).optional(),
  /** Why they are one, in the investigator's words (kept with the merge beside the search's reasons). */
  note: multiline(z.string().max(2000)).default(''),
});
export type EntityMergeInput = z.output<typeof entityMergeInput>;

export const entityUnmergeInput = z.strictObject({ id: uuid });

export const entityMergesInput = z.strictObject({ entityId: uuid.optional(), limit: z.int().min(1).max(200).default(50) });

export const entityDistinctInput = z.strictObject({
  aId: uuid,
  bId: uuid,
  note: multiline(z.string().max(2000)).default(''),
});
