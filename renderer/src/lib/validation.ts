import type { z } from 'zod';
import type { Translate } from '../i18n/index.tsx';
import { futureProblem } from '../../../db/shared/temporal.ts';
import { zodIssueText } from './refusals.ts';

export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** The catalog's words for a zod issue: its reason (lib/refusals.ts), else a generic word. */
export function issueText(issue: Issue, t: Translate): string {
  const text = zodIssueText(issue, t);
  if (text !== issue.message || issue.code === 'custom') return text;
  return genericText(issue, t);
}

function genericText(issue: Issue, t: Translate): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_value':
      return t('validation.choice');
    case 'invalid_format':
      return issue.format === 'date' ? t('validation.date') : t('validation.format');
    case 'custom':
      // The contract's own reason (e.g. why an ECCN is not valid) says more than a generic word.
      return issue.message || t('validation.invalid');
    case 'invalid_type':
      return issue.input === undefined ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return futureCheck(schema, result.data, t);
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    const top = field.split('.')[0] ?? field;
    errors[top] ??= issueText(issue, t);
  }
  return { ok: false, errors };
}

/** The contract's date rule, as you type: what happened cannot be dated in the future. */
export function futureCheck<S extends z.ZodType>(
  schema: S,
  data: z.output<S>,
  t: Translate,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const problem = futureProblem(schema, data, new Date());
  if (!problem) return { ok: true, data };
  return { ok: false, errors: { [problem.field.split('.')[0] ?? problem.field]: t('validation.future') } };
}
