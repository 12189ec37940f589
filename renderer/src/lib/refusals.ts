import type { z } from 'zod';
import { issueReason, type ReasonParams } from '../../../db/shared/reasons.ts';
import { en } from '../i18n/catalog.ts';
import { ApiError } from './client.ts';
import type { MessageId, Translate } from '../i18n/index.tsx';

/** The catalog key of a reason, when the catalog has one. */
function reasonKey(reason: string): MessageId | null {
  const key = `reason.${reason}`;
  return Object.hasOwn(en, key) ? (key as MessageId) : null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Formats {
  date(iso: string): string;
  dateTime(iso: string): string;
}

/** Params as a person reads them: dates and instants in the user's locale and local time. */
function readable(params: ReasonParams, f: Formats): ReasonParams {
  const out: ReasonParams = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] =
      typeof v === 'string' && ISO_INSTANT.test(v) ? f.dateTime(v) : typeof v === 'string' && ISO_DATE.test(v) ? f.date(v) : v;
  }
  return out;
}

/** A reason in the user's language, or null when the catalog does not know it. */
export function reasonText(reason: string, params: ReasonParams, t: Translate, f: Formats): string | null {
  const key = reasonKey(reason);
  return key ? t(key, readable(params, f)) : null;
}

/** What the contract refused, in the user's language: by its reason, else its English message without the field. */
export function refusalText(
  error: { message: string; field?: string | undefined; reason?: string | undefined; params?: ReasonParams | undefined },
  t: Translate,
  f: Formats,
): string {
  if (error.reason) {
    const text = reasonText(error.reason, error.params ?? {}, t, f);
    if (text !== null) return text;
  }
  const { field, message } = error;
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/** Zod's own issues carry numbers and codes, not dates: shown as they are unless formats are given. */
const AS_IS: Formats = { date: (s) => s, dateTime: (s) => s };

/** Why one zod issue fails as the user types, from the same reasons the contract sends. */
export function zodIssueText(issue: z.core.$ZodIssue, t: Translate, f: Formats = AS_IS): string {
  const { reason, params } = issueReason(issue);
  return reasonText(reason, params, t, f) ?? issue.message;
}

/** A refusal as a form shows it: its field (null: above the form), its code, and its text in the user's language. */
export interface Refusal {
  field: string | undefined;
  code: string;
  message: string;
}

/** The one way a form takes a refusal from the contract (or a failure of the transport). */
export function refusalOf(err: unknown, t: Translate, f: Formats): Refusal {
  if (err instanceof ApiError) {
    if (err.code === 'conflict' && err.field === 'version')
      return { field: undefined, code: 'conflict', message: t('error.conflict') };
    return { field: err.field, code: err.code, message: refusalText(err, t, f) };
  }
  return { field: undefined, code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
