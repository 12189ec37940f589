import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';

/**
 * Numbered records: cases (`2026-EXP-000123`), seizures (`2026-SZ-000045`), detentions
 * (`2026-DT-000012`) and penalties (`2026-AMP-000123`). A number's year is the year of the
 * record's own date (opened, seized, started, assessed), so a number never contradicts its
 * record: when a correction moves that date into another year, a number in this form is
 * replaced by the next number of the new year (the old one stays in the audit trail and is never
 * reused). A number typed by hand in this form must carry the record's year; one in any other
 * form (`BSF-241-0043`) is the officer's and is kept as typed.
 */
export interface NumberSpec {
  /** The record's table and number column: code constants, never input. */
  table: string;
  column: string;
  /** The input field that holds the number, named in refusals. */
  field: string;
  /** The counter's name for a year and tag (kept as each record type first named it). */
  counter: (year: string, tag: string) => string;
}

const FORM = /^(\d{4})-([A-Z0-9]{1,10})-(\d{6,})$/;

export const caseNumbers: NumberSpec = {
  table: 'cases',
  column: 'file_number',
  field: 'fileNumber',
  counter: (year, tag) => `case:${year}-${tag}`,
};
export const seizureNumbers: NumberSpec = {
  table: 'seizures',
  column: 'seizure_number',
  field: 'seizureNumber',
  counter: (year, tag) => `seizure:${year}-${tag}`,
};
export const detentionNumbers: NumberSpec = {
  table: 'detentions',
  column: 'detention_number',
  field: 'detentionNumber',
  counter: (year, tag) => `${tag.toLowerCase()}:${year}`,
};
export const penaltyNumbers: NumberSpec = {
  table: 'penalties',
  column: 'notice_number',
  field: 'noticeNumber',
  counter: (year, tag) => `${tag.toLowerCase()}:${year}`,
};

export const checkNumbers: NumberSpec = {
  table: 'end_use_checks',
  column: 'check_number',
  field: 'checkNumber',
  counter: (year, tag) => `${tag.toLowerCase()}:${year}`,
};
export const inspectionNumbers: NumberSpec = {
  table: 'inspections',
  column: 'inspection_number',
  field: 'inspectionNumber',
  counter: (year, tag) => `${tag.toLowerCase()}:${year}`,
};
export const auditNumbers: NumberSpec = {
  table: 'compliance_audits',
  column: 'audit_number',
  field: 'auditNumber',
  counter: (year, tag) => `${tag.toLowerCase()}:${year}`,
};

/** The next free number of a year. Counters never go back; a number typed by hand is skipped. */
export function nextRecordNumber(db: Db, spec: NumberSpec, year: string, tag: string): string {
  const bump = sql(
    db,
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
  );
  const exists = sql(db, `SELECT 1 FROM ${spec.table} WHERE ${spec.column} = ?`);
  for (;;) {
    const { value } = bump.get(spec.counter(year, tag)) as { value: number };
    const candidate = `${year}-${tag}-${String(value).padStart(6, '0')}`;
    if (!exists.get(candidate)) return candidate;
  }
}

/** The year and tag of a number in Dossier's form, or null for a number of another form. */
export function numberParts(number: string): { year: string; tag: string } | null {
  const m = FORM.exec(number);
  return m ? { year: m[1] as string, tag: m[2] as string } : null;
}

/** Refuses a number typed in Dossier's form whose year is not the year of the record's date. */
export function assertNumberYear(spec: NumberSpec, number: string, date: string): void {
  const parts = numberParts(number);
  const year = date.slice(0, 4);
  if (parts && parts.year !== year) {
    throw new DossierError(
      'invalid_input',
      `${spec.field}: ${number} carries the year ${parts.year}, but the record is dated ${date}`,
      spec.field,
      'number.year_mismatch',
      { number, year: parts.year, date },
    );
  }
}

/** The number a record keeps after its date becomes `date`: the same, or the next of the new year. */
export function numberForDate(db: Db, spec: NumberSpec, number: string, date: string): string {
  const parts = numberParts(number);
  const year = date.slice(0, 4);
  if (!parts || parts.year === year) return number;
  return nextRecordNumber(db, spec, year, parts.tag);
}
