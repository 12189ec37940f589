/**
 * Text that is what it looks like: one rule for every string of every method's input, through
 * the real contract on a real file. A refused string names its field, carries a reason, changes
 * nothing (the audit trail does not grow) and `check` stays green; a cleaned one is stored cleaned.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../db/index.ts';
import type { Case } from '../db/api.ts';
import { cleanString } from '../db/shared/text.ts';
import { checkOf, err, ok, tempDir } from './helpers.ts';

const dir = tempDir();
let core: Core;
let caseId = '';
const auditCount = () => (core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

beforeAll(async () => {
  core = await openCore(path.join(dir, 'text.db'), { actor: { name: 'Amélie Tremblay', badge: 'B-1' } });
  caseId = ok<Case>(core.invoke('cases.create', { title: 'Diverted FPGAs via Armenia' })).id;
});
afterAll(() => core.close());

/** The call is refused with this field and reason, and nothing was written. */
function refused(method: string, input: unknown, field: string, reason: string): void {
  const before = auditCount();
  const e = err(core.invoke(method, input));
  expect(e).toMatchObject({ code: 'invalid_input', field, reason });
  expect(e.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
  expect(auditCount()).toBe(before);
}

describe('the text rule', () => {
  it('refuses a lone surrogate (it once made every later audit record look tampered)', () => {
    refused('settings.update', { profile: { name: 'Amélie \uD800 Tremblay' } }, 'profile.name', 'text.invalid_unicode');
    refused('cases.update', { id: caseId, notes: 'line one\n\uDC00' }, 'notes', 'text.invalid_unicode');
    // A well-formed pair (an emoji) is a character like any other.
    const c = ok<Case>(core.invoke('cases.update', { id: caseId, notes: 'Seal photo 📷 attached' }));
    expect(c.notes).toBe('Seal photo 📷 attached');
  });

  it('refuses NUL and control characters, and line breaks in one-line fields', () => {
    refused('cases.create', { title: 'Diverted\u0000FPGAs' }, 'title', 'text.control_character');
    refused('cases.create', { title: 'Bell \u0007' }, 'title', 'text.control_character');
    refused('cases.create', { title: 'C1 \u0085 next line' }, 'title', 'text.control_character');
    refused('cases.create', { title: 'Two\nlines' }, 'title', 'text.line_break');
    refused('cases.create', { title: 'A\ttab' }, 'title', 'text.line_break');
    refused('entities.create', { kind: 'person', name: 'Ivan\u0000Petrov' }, 'name', 'text.control_character');
  });

  it('keeps newlines and tabs in multi-line fields, with Windows line ends made plain', () => {
    const c = ok<Case>(core.invoke('cases.update', { id: caseId, summary: 'Freight forwarder\r\nin Yerevan:\tsee invoice' }));
    expect(c.summary).toBe('Freight forwarder\nin Yerevan:\tsee invoice');
  });

  it('refuses what is made only of invisible characters', () => {
    refused('cases.create', { title: '\u200B\u200B' }, 'title', 'text.invisible_only');
    refused('cases.create', { title: '\u202E\u2066' }, 'title', 'text.invisible_only');
    refused('settings.update', { profile: { name: '\uFEFF \u2060' } }, 'profile.name', 'text.invisible_only');
  });

  it('stores text NFC-normalized, and neutralizes bidi overrides so a name cannot reorder the audit view', () => {
    const decomposed = 'Socie\u0301te\u0301 ge\u0301ne\u0301rale';
    const c = ok<Case>(core.invoke('cases.create', { title: decomposed, leadInvestigator: 'Marc \u202Eesiob\u202C Dubois' }));
    expect(c.title).toBe('Société générale');
    expect(c.title).toBe(decomposed.normalize('NFC'));
    expect(c.leadInvestigator).toBe('Marc esiob Dubois');
    const found = ok<{ rows: Case[] }>(core.invoke('cases.list', { text: 'Société' })).rows;
    expect(found.map((r) => r.id)).toContain(c.id);
  });

  it('a search with any character never fails: refused with its field, or run', () => {
    refused('cases.list', { text: 'a\u0000b' }, 'text', 'text.control_character');
    for (const text of [
      '"',
      '""',
      '*',
      'a*',
      'NEAR(a b)',
      'a OR b',
      '-x',
      '^start',
      "l'ile",
      ')(',
      'AND',
      '{col}:x',
      '\\',
      '%',
      '_',
    ]) {
      const env = core.invoke('cases.list', { text });
      expect(env.ok, `${text}: ${env.ok ? '' : env.error.message}`).toBe(true);
    }
    for (const [method, input] of [
      ['entities.list', { text: '"NEAR(' }],
      ['seizures.list', { text: "O'Brien*" }],
      ['audit.list', { text: '") OR 1=1 --' }],
    ] as const) {
      const env = core.invoke(method, input);
      expect(env.ok, `${method}: ${env.ok ? '' : env.error.message}`).toBe(true);
    }
  });

  it('refuses instants and dates outside the years 1900 to 2200, naming the field', () => {
    refused('cases.update', { id: caseId, openedOn: '1899-12-31' }, 'openedOn', 'date.out_of_range');
    refused('cases.update', { id: caseId, contraventionOn: '0001-01-01' }, 'contraventionOn', 'date.out_of_range');
    const seizure = {
      caseId,
      place: 'Port of Montréal',
      legalProvision: 'Customs Act s. 110',
      items: [{ description: 'FPGAs', quantity: 1, value: { amountMinor: 100, currency: 'CAD' } }],
    };
    refused('seizures.create', { ...seizure, seizedAt: '1800-01-01T00:00:00Z' }, 'seizedAt', 'date.out_of_range');
    // Far future: refused as out of range before it is refused as future, and never an internal error.
    refused('seizures.create', { ...seizure, seizedAt: '9999-12-31T23:59:59-23:59' }, 'seizedAt', 'date.out_of_range');
    const e = err(core.invoke('seizures.create', { ...seizure, seizedAt: '+010000-01-01T00:00:00Z' }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'seizedAt' });
  });

  it('leaves the database as check wants it', () => {
    expect(checkOf(core.db).problems).toEqual([]);
  });
});

describe('cleanString', () => {
  it('passes ordinary text of every script untouched', () => {
    for (const s of ['Королёв', 'Straße 5', 'Łódź', 'محمد', '東京', '  padded  ', '']) {
      expect(cleanString(s, false)).toEqual({ value: s.normalize('NFC') });
    }
  });
});
