import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDateTime, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import { EVIDENCE_SORT_COLUMNS, EVIDENCE_SUBJECT_TYPES } from '../domain.ts';

/** Input schemas of the evidence methods. Pure (zod and vocabularies only): the renderer validates with them too. */
export const evidenceFields = {
  /** A file name as the investigator's system showed it: no folders, no control characters. */
  originalName: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(255)
    .refine(
      (v) => /^[^/\\\u0000-\u001f\u007f]+$/.test(v),
      rule('evidence.file_name_format', 'A file name, without folders or control characters'),
    ),
  /** type/subtype, without parameters (served as the file's Content-Type). */
  mediaType: z
    .string()
    .trim()
    .toLowerCase()
    .max(255)
    .refine(
      (v) => /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(v),
      rule('evidence.media_type_format', 'A media type such as application/pdf'),
    ),
  sha256: z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (v) => /^[0-9a-f]{64}$/.test(v),
      rule('evidence.sha256_format', '64 hexadecimal digits (the SHA-256 the upload returned)'),
    ),
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  acquiredAt: pastDateTime,
  acquiredBy: shortText(200),
  acquiredFrom: shortText(500),
  description: multiline(z.string().trim().max(5000)),
};

export const evidenceAttachInput = z.strictObject({
  caseId: uuid,
  subjectType: z.enum(EVIDENCE_SUBJECT_TYPES).default('case'),
  /** The entity or seized item; for subjectType 'case', absent or the caseId. */
  subjectId: uuid.optional(),
  sha256: evidenceFields.sha256,
  size: evidenceFields.size,
  originalName: evidenceFields.originalName,
  mediaType: evidenceFields.mediaType.default('application/octet-stream'),
  acquiredAt: evidenceFields.acquiredAt.optional(),
  acquiredBy: evidenceFields.acquiredBy.default(''),
  acquiredFrom: evidenceFields.acquiredFrom.default(''),
  description: evidenceFields.description.default(''),
});

export const evidenceRetireInput = z.strictObject({
  id: uuid,
  reason: multiline(requiredText(2000)),
});

export const evidenceListInput = z.strictObject({
  caseId: uuid,
  subjectType: z.enum(EVIDENCE_SUBJECT_TYPES).optional(),
  subjectId: uuid.optional(),
  includeRetired: z.boolean().default(false),
  sort: z
    .strictObject({ column: z.enum(EVIDENCE_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'addedAt', direction: 'desc' }),
  ...paging,
});

export const evidenceGetInput = z.strictObject({ id: uuid });
