import { Tag } from '@blueprintjs/core';
import type { MouseEvent, ReactNode } from 'react';
import type { z } from 'zod';
import { addDays, localDate } from '../../../../db/shared/time.ts';
import { type useFormat, useLocale, useT, type Translate } from '../../i18n/index.tsx';
import { zodIssueText, type Refusal } from '../../lib/refusals.ts';
import { routeHref, type Route } from '../../lib/router.ts';
import { futureCheck, type FieldErrors } from '../../lib/validation.ts';
import { DateText } from '../../components/DateText.tsx';
import './enforcement.css';

/** Shared pieces of the enforcement screens: detentions, penalties, deadlines and the case summary. */

export type Format = ReturnType<typeof useFormat>;

/** The investigator's calendar date today (the laptop's clock, like the contract's defaults). */
export function today(): string {
  return localDate(new Date());
}

export { addDays };

/** Whole days from today to a calendar date: negative when it is past. */
export function daysFromToday(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000);
}

/** The value of a datetime-local input for a UTC instant, in the laptop's time zone. */
export function localInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a datetime-local input names, as ISO 8601 UTC; what was typed when it is no time. */
export function instantFromInput(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** '' -> null, anything else trimmed. */
export function orNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

/** A country code with its name in the user's language on hover. */
export function CountryText({ code }: { code: string | null | undefined }) {
  const { locale } = useLocale();
  if (!code) return null;
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
  } catch {
    name = undefined;
  }
  return (
    <abbr className="country" title={name}>
      {code}
    </abbr>
  );
}

export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A due date, with a red "Overdue" tag when it is past and still owed. */
export function DueDate({ value, overdue, done }: { value: string | null | undefined; overdue: boolean; done?: boolean }) {
  const t = useT();
  if (!value) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="due-date">
      {overdue && (
        <Tag minimal intent="danger" className="overdue-tag" icon="warning-sign">
          {t('enf.overdue')}
        </Tag>
      )}
      {done && (
        <Tag minimal className="done-tag">
          {t('enf.done')}
        </Tag>
      )}
      <DateText value={value} />
    </span>
  );
}

/** A link inside a table row: follows itself without also opening the row. */
export function RowLink({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <a
      href={routeHref(route)}
      onClick={(e: MouseEvent) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      className="row-link"
    >
      {children}
    </a>
  );
}

/** Like lib/validation's validate, but a rule's own reason (an ECCN, a country...) is shown, in the user's language. */
export function validateInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
  f: Format,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return futureCheck(schema, result.data, t);
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    const top = field.split('.')[0] ?? field;
    errors[top] ??= zodIssueText(issue, t, f);
  }
  return { ok: false, errors };
}

/** Errors to show: typed errors once a field was touched (or the form submitted), then the contract's. */
export function shownErrors(
  check: { ok: true } | { ok: false; errors: FieldErrors },
  touched: ReadonlySet<string> | 'all',
  server: Refusal | null,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!check.ok) {
    for (const [field, message] of Object.entries(check.errors)) {
      if (touched === 'all' || touched.has(field)) errors[field] = message;
    }
  }
  if (server?.field && !errors[server.field]) errors[server.field] = server.message;
  return errors;
}

/** aria attributes tying an input to the error under it (see components/Field.tsx). */
export function describedBy(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-help` } : {};
}
