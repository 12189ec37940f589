import { z } from 'zod';
import { evidenceFields } from './evidence.ts';

/**
 * Input schemas of the screening-list methods: a list file uploaded into the evidence store (as
 * evidence uploads are: POST /api/evidence/upload, the desktop app, `dossier lists import`), named
 * by its SHA-256 and size. Pure (zod only): the renderer validates with them too.
 */

/** csl: the U.S. Consolidated Screening List (CSV); sema: Canada's consolidated autonomous sanctions list (XML). */
export const LIST_FORMATS = ['csl', 'sema'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export const listImportInput = z.strictObject({
  sha256: evidenceFields.sha256,
  size: evidenceFields.size,
  /** The file's name as it was chosen: recorded with the list, and a hint of its format. */
  fileName: evidenceFields.originalName,
  /** Guessed from the file's content and extension when not given. */
  format: z.enum(LIST_FORMATS).optional(),
  /** The list's name; by default the format's (U.S. Consolidated Screening List...). One list per name. */
  name: z.string().trim().min(1, 'Required').max(200).optional(),
});

export const listListInput = z.strictObject({});
