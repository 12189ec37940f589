import { z } from 'zod';
import { rule } from '../schemas.ts';

/**
 * Goods classification codes. An HS code is a tariff classification (6 to 10 digits); an ECCN is
 * an export-control classification (category 0-9, product group A-E, three digits, optional
 * suffix such as `.a.1`), or `EAR99` for items not on the list. They are different things.
 */
export const HS_CODE_PATTERN = /^\d{6}(\d{2}){0,2}$/;
export const ECCN_PATTERN = /^(EAR99|[0-9][A-E]\d{3}(\.[a-z0-9]+)*)$/;

/** Why a code is not valid, with its reason code (see `rule`); null when it is valid. */
export function hsCodeIssue(raw: string): ReturnType<typeof rule> | null {
  const code = raw.replace(/[.\s]/g, '');
  if (!/^\d+$/.test(code)) return rule('hs.digits', 'An HS code has digits only (dots and spaces are ignored)');
  if (code.length < 6) {
    return rule('hs.too_short', 'An HS code has at least 6 digits (the international heading and subheading)', { minimum: 6 });
  }
  if (code.length > 10) return rule('hs.too_long', 'An HS code has at most 10 digits', { maximum: 10 });
  if (code.length % 2 !== 0) return rule('hs.odd_length', 'An HS code has 6, 8 or 10 digits');
  return null;
}

export function eccnIssue(raw: string): ReturnType<typeof rule> | null {
  const code = raw.trim();
  if (code.toUpperCase() === 'EAR99') return null;
  if (/^\d{6,10}$/.test(code.replace(/[.\s]/g, ''))) return rule('eccn.hs_code', 'This looks like an HS code, not an ECCN');
  if (!/^[0-9]/.test(code)) return rule('eccn.category', 'An ECCN starts with its category, a digit 0-9 (or is EAR99)');
  if (!/^[0-9][A-E]/.test(code.toUpperCase())) {
    return rule('eccn.group', 'The second character of an ECCN is its product group, a letter A-E');
  }
  if (!/^[0-9][A-E]\d{3}/i.test(code)) return rule('eccn.digits', 'An ECCN has three digits after the product group, e.g. 3A001');
  if (!ECCN_PATTERN.test(code.slice(0, 2).toUpperCase() + code.slice(2).toLowerCase())) {
    return rule('eccn.suffix', 'After the five characters an ECCN may only have a paragraph suffix such as .a.1');
  }
  return null;
}

/** Why a code is not valid, in words an investigator understands; null when it is valid. */
export function hsCodeProblem(raw: string): string | null {
  return hsCodeIssue(raw)?.message ?? null;
}

export function eccnProblem(raw: string): string | null {
  return eccnIssue(raw)?.message ?? null;
}

/** Normalized HS code (digits only) with the reason when it is not valid. */
export const hsCode = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const issue = hsCodeIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((v) => v.replace(/[.\s]/g, ''));

/** Normalized ECCN (group letter upper case, suffix lower case), or EAR99. */
export const eccn = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const issue = eccnIssue(v);
    if (issue) ctx.addIssue({ code: 'custom', ...issue });
  })
  .transform((v) => (v.toUpperCase() === 'EAR99' ? 'EAR99' : v.slice(0, 2).toUpperCase() + v.slice(2).toLowerCase()));
