import { z } from 'zod';
import { evidenceFields } from './evidence.ts';

/**
 * Input schemas of the package methods: an evidence package uploaded into the evidence store (as
 * evidence uploads are: POST /api/evidence/upload, the desktop app, `dossier import`), named by its
 * SHA-256 and size. Pure (zod only): the renderer validates with them too.
 */
export const IMPORT_MODES = ['new', 'merge'] as const;

const packageRef = { sha256: evidenceFields.sha256, size: evidenceFields.size };

export const packageInspectInput = z.strictObject(packageRef);

export const packageImportInput = z.strictObject({
  ...packageRef,
  /** new: the case must not be here yet; merge: bring what is new and changed into the case here (nothing removed). */
  mode: z.enum(IMPORT_MODES).default('new'),
});
