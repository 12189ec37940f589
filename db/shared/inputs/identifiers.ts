import { z } from 'zod';
import { rule } from '../schemas.ts';

/**
 * Identifiers with a check digit or a registry (countries, IMO ship numbers, ISO 6346 container
 * numbers). Pure (zod and Intl only), so the renderer validates with the same rules and shows the
 * same reason. Each `...Problem` function says why a value is not valid, or returns null.
 */

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Codes Intl names that are not countries: groupings (EU, EZ, UN) and private-use ranges (but XK, Kosovo). */
const NOT_COUNTRIES = /^(EU|EZ|UN|ZZ|Q[M-Z]|X[A-JL-Z])$/;

/** Each `...Issue` function says the same with its reason code (see `rule`). */
export function countryIssue(raw: string): ReturnType<typeof rule> | null {
  const code = raw.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return rule('country.format', 'A country is a two-letter ISO 3166 code, e.g. CA');
  if (NOT_COUNTRIES.test(code) || regionNames.of(code) === undefined) {
    return rule('country.unknown', `${code} is not an ISO 3166 country code`, { code });
  }
  return null;
}

export function countryProblem(raw: string): string | null {
  return countryIssue(raw)?.message ?? null;
}

/** An ISO 3166-1 alpha-2 country code, upper case. */
export const country = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const issue = countryIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((v) => v.toUpperCase());

/** The check digit of a 7-digit IMO ship number: the first six digits weighted 7..2, sum mod 10. */
export function imoCheckDigit(sixDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(sixDigits[i]) * (7 - i);
  return sum % 10;
}

export function imoIssue(raw: string): ReturnType<typeof rule> | null {
  const digits = raw.trim().replace(/^IMO\s*/i, '');
  if (!/^\d{7}$/.test(digits))
    return rule('imo.format', 'An IMO number has 7 digits (optionally preceded by IMO), e.g. IMO 9074729');
  const expected = imoCheckDigit(digits.slice(0, 6));
  if (Number(digits[6]) !== expected) {
    return rule('imo.check_digit', `The IMO check digit does not match: the last digit should be ${expected}`, {
      digit: expected,
    });
  }
  return null;
}

export function imoProblem(raw: string): string | null {
  return imoIssue(raw)?.message ?? null;
}

/** An IMO ship identification number, stored as its 7 digits. */
export const imoNumber = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const issue = imoIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((v) => v.replace(/^IMO\s*/i, ''));

/** ISO 6346 letter values: A=10 up to Z=38, skipping 11, 22 and 33 (multiples of 11). */
function letterValue(letter: string): number {
  let value = 10;
  for (let c = 65; c < letter.charCodeAt(0); c++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

/** The check digit of an ISO 6346 container number from its first 10 characters (owner, category, serial). */
export function containerCheckDigit(ten: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = ten[i] ?? '0';
    sum += (/[A-Z]/.test(ch) ? letterValue(ch) : Number(ch)) * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function containerIssue(raw: string): ReturnType<typeof rule> | null {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{3}/.test(code)) {
    return rule('container.owner', 'A container number starts with a three-letter owner code, e.g. CSQU3054383');
  }
  if (!/^[A-Z]{3}[UJZ]/.test(code)) {
    return rule('container.category', 'The fourth letter of a container number is its equipment category: U (container), J or Z');
  }
  if (!/^[A-Z]{4}\d{7}$/.test(code)) {
    return rule('container.format', 'A container number has four letters, a six-digit serial number and a check digit');
  }
  const expected = containerCheckDigit(code.slice(0, 10));
  if (Number(code[10]) !== expected) {
    return rule('container.check_digit', `The ISO 6346 check digit does not match: the last digit should be ${expected}`, {
      digit: expected,
    });
  }
  return null;
}

export function containerProblem(raw: string): string | null {
  return containerIssue(raw)?.message ?? null;
}

/** An ISO 6346 container number, stored as 11 characters without spaces. */
export const containerNumber = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const issue = containerIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((v) => v.replace(/[\s-]/g, '').toUpperCase());
