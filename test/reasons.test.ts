/**
 * The reasons catalog (renderer/src/i18n/reasons.*.json) against the contract: every reason code
 * that db/ can return has a message in English and in French, no message is left without a code,
 * every message is valid ICU MessageFormat, and real refusals carry a reason the UI can show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../db/index.ts';
import type { ErrorBody } from '../db/errors.ts';
import type { SeizureDetail } from '../db/api.ts';
import {
  AUDIT_STATUSES,
  CASE_ROLES,
  CASE_STATUSES,
  CHECK_STATUSES,
  INSPECTION_STATUSES,
  CONVEYANCE_TYPES,
  DETENTION_OUTCOMES,
  DISPOSITIONS,
  ENTITY_KINDS,
  EVIDENCE_SUBJECT_TYPES,
  LINK_TYPES,
  PENALTY_STATUSES,
} from '../db/shared/domain.ts';
import { auditedTables } from '../db/shared/records.ts';
import { caseWithParties, expectRefused, newCore, type Parties } from './enforcement-fixtures.ts';
import { err, ok, tempDir } from './helpers.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const i18nDir = path.join(root, 'renderer', 'src', 'i18n');

const catalogs = {
  en: JSON.parse(fs.readFileSync(path.join(i18nDir, 'reasons.en.json'), 'utf8')) as Record<string, string>,
  fr: JSON.parse(fs.readFileSync(path.join(i18nDir, 'reasons.fr.json'), 'utf8')) as Record<string, string>,
};

/** A reason code: lowercase dotted words, `<area>.<what>`. */
const REASON = /^[a-z_]+(\.[a-z_0-9]+)+$/;

/** The reasons db/contract.ts derives from zod's own issues (`input.too_small.${origin}`...), and its date rule. */
const ZOD_REASONS = [
  'input.required',
  'input.too_small.string',
  'input.too_small.array',
  'input.too_small.number',
  'input.too_small.int',
  'input.too_big.string',
  'input.too_big.array',
  'input.too_big.number',
  'input.too_big.int',
  'input.format.date',
  'input.format.datetime',
  'input.format.uuid',
  'input.format.regex',
  'input.type.string',
  'input.type.number',
  'input.type.int',
  'input.type.boolean',
  'input.type.object',
  'input.type.array',
  'input.type.record',
  'input.choice',
  'input.unknown_field',
  'input.invalid',
  'date.future',
];

/** The codes of refusals: each needs a reason. (`internal` and the others do not.) */
const REFUSAL_CODES = ['invalid_input', 'not_found', 'conflict', 'invalid_transition'];

/**
 * Where a reason is written, as the 0-based argument of a call: the constructor of a refusal, the
 * local helpers that build one (db/services/detentions.ts, penalties.ts, custody.ts), `rule()`
 * for zod refinements (db/shared/schemas.ts) and `refusal()` for checks that return their problem
 * (db/errors.ts). A reason in one of these places must be a string literal (or a ternary of
 * literals), so that a new one is found here; the only other form is passing one on (`e.reason`).
 */
const REASON_ARGUMENT: Record<string, number> = { 'new DossierError': 3, invalid: 2, refuse: 2, rule: 0, refusal: 0 };
const FORWARDED = /^([A-Za-z_$][\w$]*\.)*reason$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The source without comments that would read as code (JSDoc examples such as `rule('eccn.group', ...)`). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/^\s*\/\/.*$/gm, '');
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The index after the string literal (quote, or template with its `${...}`) that starts at `i`. */
function skipString(source: string, i: number): number {
  const quote = source[i];
  i++;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') i += 2;
    else if (quote === '`' && source[i] === '$' && source[i + 1] === '{') i = skipBalanced(source, i + 1);
    else i++;
  }
  return i + 1;
}

/** The index after the bracket that closes the one at `i`. */
function skipBalanced(source: string, i: number): number {
  const close = CLOSE[source[i] ?? ''];
  i++;
  while (i < source.length && source[i] !== close) {
    const ch = source[i] ?? '';
    if (ch === "'" || ch === '"' || ch === '`') i = skipString(source, i);
    else if (ch in CLOSE) i = skipBalanced(source, i);
    else i++;
  }
  return i + 1;
}

/** The top-level arguments of the call whose `(` is at `open`, as source text. */
function callArguments(source: string, open: number): string[] {
  const end = skipBalanced(source, open) - 1;
  const args: string[] = [];
  let start = open + 1;
  let i = start;
  while (i < end) {
    const ch = source[i] ?? '';
    if (ch === "'" || ch === '"' || ch === '`') i = skipString(source, i);
    else if (ch in CLOSE) i = skipBalanced(source, i);
    else {
      if (ch === ',') {
        args.push(source.slice(start, i).trim());
        start = i + 1;
      }
      i++;
    }
  }
  const last = source.slice(start, end).trim();
  if (last !== '') args.push(last);
  return args;
}

interface Site {
  file: string;
  line: number;
  call: string;
  args: string[];
}

function callSites(): Site[] {
  const sites: Site[] = [];
  // Not a method of something else (`x.rule(`), but a spread is fine (`...rule(`).
  const callee = new RegExp(`(?<![\\w$])(?<!(?<!\\.\\.)\\.)(${Object.keys(REASON_ARGUMENT).join('|')})\\s*\\(`, 'g');
  for (const file of sourceFiles(path.join(root, 'db'))) {
    const source = withoutComments(fs.readFileSync(file, 'utf8'));
    for (const m of source.matchAll(callee)) {
      const at = m.index ?? 0;
      if (/function\s+$/.test(source.slice(Math.max(0, at - 20), at))) continue; // the helper's definition
      const call = m[1] ?? '';
      sites.push({
        file: path.relative(root, file),
        line: source.slice(0, at).split('\n').length,
        call,
        args: callArguments(source, at + m[0].length - 1),
      });
    }
  }
  return sites;
}

const stringLiterals = (code: string): string[] =>
  [...code.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"/g)].map((m) => m[1] ?? m[2] ?? '');

/** Every reason code db/ can return, and the places that break the rules above. */
function scan(): { codes: Set<string>; problems: string[] } {
  const codes = new Set<string>(ZOD_REASONS);
  const problems: string[] = [];
  for (const site of callSites()) {
    const where = `${site.file}:${site.line} ${site.call}(${site.args.join(', ').slice(0, 80)})`;
    if (site.call === 'new DossierError') {
      const code = site.args[0] ?? '';
      const literal = stringLiterals(code);
      if (literal.length === 1 && code === `'${literal[0]}'` && !REFUSAL_CODES.includes(literal[0] ?? '')) continue;
    }
    const arg = site.args[REASON_ARGUMENT[site.call] ?? 0];
    if (arg === undefined) {
      problems.push(`${where}: no reason`);
      continue;
    }
    const literals = stringLiterals(arg);
    if (literals.length === 0) {
      if (!FORWARDED.test(arg)) problems.push(`${where}: the reason must be a string literal, not ${arg}`);
      continue;
    }
    for (const code of literals) {
      if (REASON.test(code)) codes.add(code);
      else problems.push(`${where}: ${JSON.stringify(code)} is not a reason code`);
    }
  }
  return { codes, problems };
}

// --- ICU messages -------------------------------------------------------------------------------

type Ast = ReturnType<IntlMessageFormat['getAst']>;
type Element = Ast[number];
// The element types of @formatjs/icu-messageformat-parser (its TYPE enum).
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;

interface Argument {
  name: string;
  kind: 'text' | 'number' | 'select';
  options: string[];
}

function argumentsOf(ast: Ast, out: Map<string, Argument> = new Map()): Map<string, Argument> {
  for (const el of ast as Element[]) {
    const e = el as Element & { value?: string; options?: Record<string, { value: Ast }> };
    const kind = el.type === SELECT ? 'select' : el.type === NUMBER || el.type === PLURAL ? 'number' : 'text';
    if (el.type === ARGUMENT || el.type === NUMBER || el.type === SELECT || el.type === PLURAL) {
      const name = e.value ?? '';
      const seen = out.get(name);
      const options = el.type === SELECT ? Object.keys(e.options ?? {}) : [];
      if (!seen || seen.kind === 'text') out.set(name, { name, kind, options: [...(seen?.options ?? []), ...options] });
      else seen.options.push(...options);
    }
    for (const option of Object.values(e.options ?? {})) argumentsOf(option.value, out);
  }
  return out;
}

/** Sample params for a message: text, a number for plurals and numbers, each value of each select. */
function samples(args: Map<string, Argument>): Record<string, string | number>[] {
  const base: Record<string, string | number> = {};
  for (const a of args.values()) {
    base[a.name] = a.kind === 'number' ? 2 : a.kind === 'select' ? (a.options.find((o) => o !== 'other') ?? 'x') : `<${a.name}>`;
  }
  const out = [
    base,
    { ...base, ...Object.fromEntries([...args.values()].filter((a) => a.kind === 'number').map((a) => [a.name, 1])) },
  ];
  for (const a of args.values()) {
    for (const option of a.options) out.push({ ...base, [a.name]: option === 'other' ? 'something_else' : option });
  }
  return out;
}

const RECORD_TYPES = [...Object.keys(auditedTables), 'job'];

/** The vocabulary a select on `param` must cover, branch for branch (db/shared/domain.ts). */
function vocabulary(reason: string, param: string): readonly string[] | undefined {
  const area = reason.split('.')[0];
  if (param === 'status' || param === 'to') {
    if (area === 'case') return CASE_STATUSES;
    if (area === 'penalty') return PENALTY_STATUSES;
    if (area === 'check') return CHECK_STATUSES;
    if (area === 'inspection') return INSPECTION_STATUSES;
    if (area === 'audit') return AUDIT_STATUSES;
  }
  if (param === 'disposition' || (param === 'to' && area === 'seizure')) return DISPOSITIONS;
  if (param === 'recordType') {
    return reason === 'number.taken'
      ? ['case', 'seizure', 'detention', 'penalty', 'end_use_check', 'inspection', 'compliance_audit']
      : RECORD_TYPES;
  }
  return {
    role: CASE_ROLES,
    kind: ENTITY_KINDS,
    fromKind: ENTITY_KINDS,
    toKind: ENTITY_KINDS,
    subtype: CONVEYANCE_TYPES,
    type: LINK_TYPES,
    outcome: DETENTION_OUTCOMES,
    subjectType: EVIDENCE_SUBJECT_TYPES,
    party: ['exporter', 'consignee'],
  }[param];
}

function format(message: string, locale: 'en' | 'fr', params: Record<string, string | number>): string {
  return String(new IntlMessageFormat(message, locale).format(params));
}

describe('reason codes', () => {
  const { codes, problems } = scan();

  it('finds the reasons in db/ (and the scan sees a representative set)', () => {
    expect(problems).toEqual([]);
    for (const code of [
      'record.not_found',
      'version.conflict',
      'eccn.group',
      'custody.not_current_custodian',
      'penalty.overpayment',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('every reason has a message in English and in French', () => {
    const missing = [...codes]
      .sort()
      .flatMap((code) =>
        (['en', 'fr'] as const).filter((lang) => !(`reason.${code}` in catalogs[lang])).map((lang) => `${lang}: reason.${code}`),
      );
    expect(missing).toEqual([]);
  });

  it('every message of the catalogs is a reason that db/ uses', () => {
    const dead = (['en', 'fr'] as const).flatMap((lang) =>
      Object.keys(catalogs[lang])
        .filter((key) => !key.startsWith('reason.') || !codes.has(key.slice('reason.'.length)))
        .map((key) => `${lang}: ${key}`),
    );
    expect(dead).toEqual([]);
  });
});

describe('reason messages', () => {
  const keys = Object.keys(catalogs.en).sort();

  it.each(keys)('%s is valid ICU in both languages, with the same arguments, and formats', (key) => {
    const en = catalogs.en[key] ?? '';
    const fr = catalogs.fr[key] ?? '';
    const enArgs = argumentsOf(new IntlMessageFormat(en, 'en').getAst());
    const frArgs = argumentsOf(new IntlMessageFormat(fr, 'fr').getAst());
    expect([...frArgs.keys()].sort(), 'arguments').toEqual([...enArgs.keys()].sort());
    const reason = key.slice('reason.'.length);
    for (const [name, a] of enArgs) {
      if (a.kind !== 'select') continue;
      const values = vocabulary(reason, name);
      expect(values, `${key}: a select on ${name} needs its vocabulary in this test`).toBeDefined();
      for (const lang of ['en', 'fr'] as const) {
        const options = (lang === 'en' ? enArgs : frArgs).get(name)?.options ?? [];
        const missing = (values ?? []).filter((v) => !options.includes(v) && !(v === 'other' && options.includes('other')));
        expect(missing, `${lang} ${key}: branches of ${name}`).toEqual([]);
        expect(options, `${lang} ${key}: ${name} needs an other branch`).toContain('other');
      }
    }
    for (const params of samples(enArgs)) {
      for (const [lang, message] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        const text = format(message, lang, params);
        expect(text, `${lang} ${key} ${JSON.stringify(params)}`).not.toMatch(/[{}]/);
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('messages speak to a person: no field prefix, no method names, typographic apostrophes', () => {
    for (const lang of ['en', 'fr'] as const) {
      for (const [key, message] of Object.entries(catalogs[lang])) {
        expect(message, `${lang} ${key}`).not.toMatch(/^[a-z][A-Za-z.]*: /);
        expect(message, `${lang} ${key}`).not.toMatch(
          /\b(cases|entities|seizures|custody|detentions|penalties|evidence)\.[a-z][A-Za-z]+\b/,
        );
        expect(message, `${lang} ${key}`).not.toContain("'");
      }
    }
  });
});

// --- Real refusals ------------------------------------------------------------------------------

/** The refusal carries a reason of both catalogs, and its French message leaves no placeholder. */
function expectReason(e: ErrorBody, reason: string): void {
  expect(e.reason, e.message).toBe(reason);
  expect(e.params, e.message).toBeDefined();
  const params = e.params ?? {};
  for (const v of Object.values(params)) expect(['string', 'number']).toContain(typeof v);
  for (const lang of ['en', 'fr'] as const) {
    const message = catalogs[lang][`reason.${reason}`];
    expect(message, `${lang} reason.${reason}`).toBeDefined();
    const args = argumentsOf(new IntlMessageFormat(message ?? '', lang).getAst());
    for (const name of args.keys()) expect(params, `${reason} names ${name}`).toHaveProperty(name);
    const text = format(message ?? '', lang, params);
    expect(text, `${lang} ${reason}`).not.toContain('{');
  }
}

describe('refusals carry their reason', () => {
  const dir = tempDir();
  let core: Core;
  let p: Parties;
  const refused = (method: string, input: unknown, code: string, field: string | undefined, reason: string): ErrorBody => {
    expectRefused(core, method, input, code, field);
    const e = err(core.invoke(method, input));
    expectReason(e, reason);
    return e;
  };

  beforeAll(async () => {
    core = await newCore(dir);
    p = caseWithParties(core);
  });

  it('cases', () => {
    refused(
      'cases.setStatus',
      { id: p.caseId, status: 'closed', closedOn: '2026-01-01' },
      'invalid_input',
      'closedOn',
      'case.closed_before_opened',
    );
    const e = refused(
      'cases.setStatus',
      { id: p.caseId, status: 'referred_for_prosecution' },
      'invalid_transition',
      'status',
      'case.transition',
    );
    expect(e.params).toMatchObject({ status: 'open', to: 'referred_for_prosecution' });
    expect(format(catalogs.fr['reason.case.transition'] ?? '', 'fr', e.params ?? {})).toBe(
      'Un dossier ouvert ne peut pas passer à l’état « Renvoyé aux poursuites »',
    );
    // (A case's conflict has no `version: ` prefix in its message.)
    const stale = err(core.invoke('cases.update', { id: p.caseId, version: 99, title: 'Stale' }));
    expect(stale).toMatchObject({ code: 'conflict', field: 'version' });
    expectReason(stale, 'version.conflict');
    expect(stale.params).toMatchObject({ recordType: 'case', version: 1, expected: 99 });
    const missing = err(core.invoke('cases.get', { id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11' }));
    expect(missing.code).toBe('not_found');
    expectReason(missing, 'record.not_found');
    expect(missing.params).toEqual({ recordType: 'case', id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11' });
  });

  it('zod issues: the contract’s and our own rules', () => {
    refused('cases.create', { title: '' }, 'invalid_input', 'title', 'input.required');
    refused('cases.create', { title: 5 }, 'invalid_input', 'title', 'input.type.string');
    refused('cases.create', { title: 'x'.repeat(301) }, 'invalid_input', 'title', 'input.too_big.string');
    refused(
      'entities.create',
      { kind: 'organization', legalName: 'Acme', country: 'XX' },
      'invalid_input',
      'country',
      'country.unknown',
    );
    refused(
      'entities.create',
      { kind: 'person', givenName: 'A', legalName: 'B' },
      'invalid_input',
      'legalName',
      'input.unknown_field',
    );
    const eccn = refused(
      'detentions.create',
      { caseId: p.caseId, subject: 'goods', declaredEccn: '3Z001' },
      'invalid_input',
      'declaredEccn',
      'eccn.group',
    );
    expect(eccn.message).toBe('declaredEccn: The second character of an ECCN is its product group, a letter A-E');
    const future = err(core.invoke('cases.create', { title: 'Later', openedOn: '2027-01-01' }));
    expectReason(future, 'date.future');
  });

  it('entities, links and roles in cases', () => {
    refused(
      'entities.link',
      { type: 'owns', fromId: p.exporterId, toId: p.exporterId, source: 'Registry' },
      'invalid_input',
      'toId',
      'link.self',
    );
    const kind = refused(
      'entities.link',
      { type: 'owns', fromId: p.addressId, toId: p.exporterId, source: 'Registry' },
      'invalid_input',
      'fromId',
      'link.from_kind',
    );
    expect(format(catalogs.fr['reason.link.from_kind'] ?? '', 'fr', kind.params ?? {})).toBe(
      `Un lien « Détient » part d’une personne ou d’une organisation, et non d’une adresse (${String(kind.params?.name)})`,
    );
    ok(core.invoke('cases.addEntity', { caseId: p.caseId, entityId: p.personId, role: 'witness' }));
    const taken = refused(
      'cases.addEntity',
      { caseId: p.caseId, entityId: p.personId, role: 'witness' },
      'conflict',
      'role',
      'case_entity.role_taken',
    );
    expect(format(catalogs.fr['reason.case_entity.role_taken'] ?? '', 'fr', taken.params ?? {})).toBe(
      'Arman Petrosyan figure déjà comme témoin dans ce dossier',
    );
    refused(
      'cases.addEntity',
      { caseId: p.caseId, entityId: p.exporterId, role: 'witness' },
      'invalid_input',
      'role',
      'case_entity.role_kind',
    );
  });

  it('seizures and custody', () => {
    const seizure = ok<SeizureDetail>(
      core.invoke('seizures.create', {
        caseId: p.caseId,
        seizedAt: '2026-03-10T16:30:00.000Z',
        place: 'Port of Montréal',
        items: [{ description: 'FPGAs', quantity: 40, value: { amountMinor: 1_200_000, currency: 'CAD' } }],
      }),
    );
    const itemId = seizure.items[0]?.id ?? '';
    const move = {
      itemId,
      at: '2026-03-11T09:00:00.000Z',
      releasedBy: 'Somebody Else',
      receivedBy: 'Evidence Clerk',
      fromLocation: 'Port of Montréal',
      toLocation: 'Exhibit warehouse',
      purpose: 'storage',
    };
    const custodian = refused('custody.record', move, 'invalid_input', 'releasedBy', 'custody.not_current_custodian');
    expect(custodian.params).toEqual({ custodian: 'Test Officer', releasedBy: 'Somebody Else' });
    refused(
      'custody.record',
      { ...move, releasedBy: 'Test Officer', at: '2026-03-09T09:00:00.000Z' },
      'invalid_input',
      'at',
      'custody.before_seizure',
    );
    refused(
      'seizures.setDisposition',
      { id: seizure.id, disposition: 'held', dispositionOn: '2026-03-12', authority: 'Minister' },
      'invalid_transition',
      'disposition',
      'seizure.disposition_transition',
    );
    ok(
      core.invoke('seizures.setDisposition', {
        id: seizure.id,
        disposition: 'destroyed',
        dispositionOn: '2026-03-12',
        authority: 'Minister',
      }),
    );
    refused('custody.record', { ...move, releasedBy: 'Test Officer' }, 'invalid_transition', 'itemId', 'custody.seizure_final');
    refused(
      'seizures.create',
      {
        caseId: p.caseId,
        seizedAt: '2026-03-10T16:30:00.000Z',
        place: 'Dock',
        seizedFromEntityId: p.addressId,
        items: [{ description: 'x', quantity: 1, value: { amountMinor: 1, currency: 'CAD' } }],
      },
      'invalid_input',
      'seizedFromEntityId',
      'seizure.party_kind',
    );
  });

  it('detentions', () => {
    refused(
      'detentions.create',
      { caseId: p.caseId, subject: 'goods', startedAt: '2026-03-10T10:00:00Z', reviewDueOn: '2026-03-01' },
      'invalid_input',
      'reviewDueOn',
      'detention.before_start',
    );
    refused(
      'detentions.create',
      { caseId: p.caseId, subject: 'goods', exporterId: p.addressId },
      'invalid_input',
      'exporterId',
      'detention.party_kind',
    );
    const d = ok<{ id: string; version: number }>(core.invoke('detentions.create', { caseId: p.caseId, subject: 'goods' }));
    ok(core.invoke('detentions.end', { id: d.id, outcome: 'released' }));
    const ended = refused(
      'detentions.end',
      { id: d.id, outcome: 'seized' },
      'invalid_transition',
      'outcome',
      'detention.already_ended',
    );
    expect(ended.params).toMatchObject({ outcome: 'released' });
  });

  it('penalties', () => {
    const penalty = ok<{ id: string }>(
      core.invoke('penalties.create', {
        caseId: p.caseId,
        contraventionCode: 'C151',
        entityId: p.exporterId,
        amountMinor: 100_000,
        currency: 'CAD',
        assessedOn: '2026-03-01',
      }),
    );
    const over = refused(
      'penalties.recordPayment',
      { penaltyId: penalty.id, amountMinor: 200_000, currency: 'CAD', method: 'wire' },
      'invalid_input',
      'amountMinor',
      'penalty.overpayment',
    );
    expect(over.params).toMatchObject({ amountMinor: 200_000, balanceMinor: 100_000, currency: 'CAD' });
    refused(
      'penalties.recordPayment',
      { penaltyId: penalty.id, amountMinor: 1_000, currency: 'USD', method: 'wire' },
      'invalid_input',
      'currency',
      'penalty.payment_currency',
    );
    refused('penalties.setStatus', { id: penalty.id, status: 'paid' }, 'invalid_transition', 'status', 'penalty.balance_owed');
    refused('penalties.setStatus', { id: penalty.id, status: 'cancelled' }, 'invalid_input', 'reason', 'penalty.reason_required');
    refused(
      'penalties.create',
      { caseId: p.caseId, contraventionCode: 'C151', entityId: p.addressId, amountMinor: 100, currency: 'CAD' },
      'invalid_input',
      'entityId',
      'penalty.party_kind',
    );
  });

  it('evidence', () => {
    refused(
      'evidence.attach',
      { caseId: p.caseId, sha256: 'a'.repeat(64), size: 10, originalName: 'photo.jpg' },
      'invalid_input',
      'sha256',
      'evidence.file_not_stored',
    );
    refused(
      'evidence.attach',
      { caseId: p.caseId, subjectType: 'entity', sha256: 'a'.repeat(64), size: 10, originalName: 'photo.jpg' },
      'invalid_input',
      'subjectId',
      'evidence.subject_required',
    );
    refused(
      'evidence.attach',
      { caseId: p.caseId, sha256: 'A'.repeat(63), size: 10, originalName: 'photo.jpg' },
      'invalid_input',
      'sha256',
      'evidence.sha256_format',
    );
    const missing = err(core.invoke('evidence.get', { id: '3f1c0f3e-8a4e-4e44-9a57-5b6c4f0e9d11' }));
    expectReason(missing, 'record.not_found');
    expect(missing.params).toMatchObject({ recordType: 'evidence' });
  });
});
