import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { escapeLike, runList, searchWords, type ListSql } from '../list-sql.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import { refuseMerged } from './entities.ts';
import { addDays, localDate } from '../shared/time.ts';
import { assertNumberYear, nextRecordNumber, numberForDate, seizureNumbers } from './record-numbers.ts';
import {
  DISPOSITION_TRANSITIONS,
  SEIZURE_REVIEW_WINDOW_DAYS,
  type Disposition,
  type QuantityUnit,
  type SeizureSortColumn,
} from '../shared/domain.ts';
import type { Money } from '../shared/inputs/money.ts';
import { analyzeChain, type Origin } from '../shared/custody-chain.ts';
import { loadEntries } from './custody-entries.ts';
import { assertVersion, requireCase } from './guards.ts';
import { assertCaseTotalsExact, exactAmount, exactSum } from '../money-sums.ts';
import type { z } from 'zod';
import type { seizedItemInput, seizureCreateInput, seizureFields, seizureUpdateInput } from '../shared/inputs/seizures.ts';

export interface TermsOfRelease {
  amount: Money | null;
  security: string | null;
}

/**
 * The seizure's fields stored as given, one column each, by field: the one list of them that the
 * record's type, its SELECT, its INSERT and its update are made from. A new plain field of a
 * seizure is one line here (beside its migration and its schema in shared/inputs/seizures.ts).
 */
const plainColumns = {
  seizureNumber: 'seizure_number',
  place: 'place',
  seizingOfficer: 'seizing_officer',
  seizedFromEntityId: 'seized_from_entity_id',
  ownerEntityId: 'owner_entity_id',
  legalProvision: 'legal_provision',
  conveyanceEntityId: 'conveyance_entity_id',
  storageLocation: 'storage_location',
  custodian: 'custodian',
  notes: 'notes',
} as const satisfies Partial<Record<keyof typeof seizureFields, string>>;

type PlainKey = keyof typeof plainColumns;
const plainKeys = Object.keys(plainColumns) as PlainKey[];
type PlainFields = { [K in PlainKey]: z.output<(typeof seizureFields)[K]> };

/** The plain fields of a row or an input, and only those. */
function plainOf(from: PlainFields): PlainFields {
  return Object.fromEntries(plainKeys.map((k) => [k, from[k]])) as PlainFields;
}

export interface Seizure extends PlainFields {
  id: string;
  caseId: string;
  caseFileNumber: string;
  /** UTC instant. */
  seizedAt: string;
  /** The investigator's calendar date of seizedAt. */
  seizedOn: string;
  claimantEntityIds: string[];
  termsOfRelease: TermsOfRelease | null;
  ascertainedForfeiture: Money | null;
  disposition: Disposition;
  dispositionOn: string | null;
  dispositionAuthority: string | null;
  /** seizedOn + SEIZURE_REVIEW_WINDOW_DAYS: the last day the owner may ask for a review. */
  reviewWindowEndsOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SeizedItem {
  id: string;
  seizureId: string;
  itemNumber: number;
  description: string;
  quantity: number;
  unit: QuantityUnit;
  hsCode: string | null;
  eccn: string | null;
  originCountry: string | null;
  value: Money;
  sealNumbers: string[];
  initialCustodian: string;
  initialLocation: string;
  createdAt: string;
}

/** An item with where its chain of custody stands. */
export interface SeizedItemView extends SeizedItem {
  current: { custodian: string; location: string; since: string };
  /** Custody entries recorded, corrections included. */
  entryCount: number;
  /** The chain has a break (only possible for imported rows). */
  broken: boolean;
}

export interface MoneyTotal {
  currency: string;
  amountMinor: number;
}

export interface EntityRef {
  id: string;
  kind: string;
  subtype: string | null;
  name: string;
}

export interface SeizureDetail extends Seizure {
  items: SeizedItemView[];
  /** Value of the items per currency, exact integer sums, by currency code. */
  totals: MoneyTotal[];
  /** The entities the seizure names (seized from, owner, claimants, conveyance), by id. */
  entities: Record<string, EntityRef>;
}

/** A seizures row as SEIZURE_SELECT reads it: the plain fields under their own names. */
interface SeizureRow extends PlainFields {
  id: string;
  case_id: string;
  case_file_number: string;
  seized_at: string;
  seized_on: string;
  claimant_entity_ids: string;
  release_amount_minor: number | null;
  release_currency: string | null;
  release_security: string | null;
  forfeiture_amount_minor: number | null;
  forfeiture_currency: string | null;
  disposition: Disposition;
  disposition_on: string | null;
  disposition_authority: string | null;
  review_window_ends_on: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ItemRow {
  id: string;
  seizure_id: string;
  item_number: number;
  description: string;
  quantity: number;
  unit: QuantityUnit;
  hs_code: string | null;
  eccn: string | null;
  origin_country: string | null;
  value_minor: number;
  value_currency: string;
  seal_numbers: string;
  initial_custodian: string;
  initial_location: string;
  created_at: string;
}

function toSeizure(r: SeizureRow): Seizure {
  const releaseAmount =
    r.release_amount_minor !== null && r.release_currency !== null
      ? { amountMinor: r.release_amount_minor, currency: r.release_currency }
      : null;
  return {
    ...plainOf(r),
    id: r.id,
    caseId: r.case_id,
    caseFileNumber: r.case_file_number,
    seizedAt: r.seized_at,
    seizedOn: r.seized_on,
    claimantEntityIds: JSON.parse(r.claimant_entity_ids) as string[],
    termsOfRelease:
      releaseAmount === null && r.release_security === null ? null : { amount: releaseAmount, security: r.release_security },
    ascertainedForfeiture:
      r.forfeiture_amount_minor !== null && r.forfeiture_currency !== null
        ? { amountMinor: r.forfeiture_amount_minor, currency: r.forfeiture_currency }
        : null,
    disposition: r.disposition,
    dispositionOn: r.disposition_on,
    dispositionAuthority: r.disposition_authority,
    reviewWindowEndsOn: r.review_window_ends_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function toItem(r: ItemRow): SeizedItem {
  return {
    id: r.id,
    seizureId: r.seizure_id,
    itemNumber: r.item_number,
    description: r.description,
    quantity: r.quantity,
    unit: r.unit,
    hsCode: r.hs_code,
    eccn: r.eccn,
    originCountry: r.origin_country,
    value: { amountMinor: r.value_minor, currency: r.value_currency },
    sealNumbers: JSON.parse(r.seal_numbers) as string[],
    initialCustodian: r.initial_custodian,
    initialLocation: r.initial_location,
    createdAt: r.created_at,
  };
}

const SEIZURE_SELECT = `SELECT s.*, ${plainKeys.map((k) => `s.${plainColumns[k]} AS ${k}`).join(', ')}, c.file_number AS case_file_number
  FROM seizures s JOIN cases c ON c.id = s.case_id WHERE s.id = ?`;

export function getSeizureRow(db: Db, id: string): Seizure {
  const row = sql(db, SEIZURE_SELECT).get(id) as SeizureRow | undefined;
  if (!row) throw notFound('seizure', id);
  return toSeizure(row);
}

export function getItem(db: Db, id: string): SeizedItem {
  const row = sql(db, 'SELECT * FROM seized_items WHERE id = ?').get(id) as ItemRow | undefined;
  if (!row) throw notFound('seized_item', id);
  return toItem(row);
}

/** The first custody state of an item: its initial custodian and location, at the seizure. */
export function originOf(item: SeizedItem, seizure: Pick<Seizure, 'seizedAt'>): Origin {
  return { at: seizure.seizedAt, custodian: item.initialCustodian, location: item.initialLocation };
}

export function itemView(db: Db, item: SeizedItem, seizure: Pick<Seizure, 'seizedAt'>): SeizedItemView {
  const entries = loadEntries(db, item.id);
  const chain = analyzeChain(originOf(item, seizure), entries);
  return { ...item, current: chain.current, entryCount: entries.length, broken: chain.breaks.length > 0 };
}

interface SumRow {
  currency: string;
  amount: number;
  amountUnsafe: number;
}

/** Totals per currency, exact (db/money-sums.ts). */
function exactTotals(rows: readonly SumRow[], what: string): MoneyTotal[] {
  return rows.map((r) => ({ currency: r.currency, amountMinor: exactAmount(r, 'amount', `${what} in ${r.currency}`) }));
}

function seizureTotalRows(db: Db, seizureId: string): SumRow[] {
  return sql(
    db,
    `SELECT value_currency AS currency, ${exactSum('value_minor')}
    FROM seized_items WHERE seizure_id = ? GROUP BY value_currency ORDER BY value_currency`,
  ).all(seizureId) as SumRow[];
}

function seizureTotals(db: Db, seizureId: string): MoneyTotal[] {
  return exactTotals(seizureTotalRows(db, seizureId), 'value of the seizure');
}

function entityRefs(db: Db, ids: readonly (string | null)[]): Record<string, EntityRef> {
  const out: Record<string, EntityRef> = {};
  const stmt = sql(db, 'SELECT id, kind, subtype, name FROM entities WHERE id = ?');
  for (const id of ids) {
    if (id === null || out[id]) continue;
    const ref = stmt.get(id) as EntityRef | undefined;
    if (ref) out[id] = ref;
  }
  return out;
}

export function getSeizure(db: Db, id: string): SeizureDetail {
  const seizure = getSeizureRow(db, id);
  const items = (sql(db, 'SELECT * FROM seized_items WHERE seizure_id = ? ORDER BY item_number').all(id) as ItemRow[])
    .map(toItem)
    .map((item) => itemView(db, item, seizure));
  return {
    ...seizure,
    items,
    totals: seizureTotals(db, id),
    entities: entityRefs(db, [
      seizure.seizedFromEntityId,
      seizure.ownerEntityId,
      ...seizure.claimantEntityIds,
      seizure.conveyanceEntityId,
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

const PARTY_KINDS = ['person', 'organization'];

/** Refuses an entity id that names no entity, or an entity of the wrong kind. */
function checkEntity(db: Db, field: string, id: string | null, kinds: readonly string[]): void {
  if (id === null) return;
  const row = sql(db, 'SELECT kind, name, merged_into FROM entities WHERE id = ?').get(id) as
    { kind: string; name: string; merged_into: string | null } | undefined;
  if (!row) throw notFound('entity', id, field, 'invalid_input');
  if (row.merged_into) refuseMerged(db, row.name, row.merged_into, field);
  if (!kinds.includes(row.kind)) {
    throw new DossierError(
      'invalid_input',
      `${field}: ${row.name} is a ${row.kind}, not a ${kinds.join(' or ')}`,
      field,
      kinds === PARTY_KINDS ? 'seizure.party_kind' : 'seizure.conveyance_kind',
      { name: row.name, kind: row.kind },
    );
  }
}

interface PartyFields {
  seizedFromEntityId?: string | null | undefined;
  ownerEntityId?: string | null | undefined;
  claimantEntityIds?: string[] | undefined;
  conveyanceEntityId?: string | null | undefined;
}

function checkParties(db: Db, input: PartyFields): void {
  if (input.seizedFromEntityId !== undefined) checkEntity(db, 'seizedFromEntityId', input.seizedFromEntityId, PARTY_KINDS);
  if (input.ownerEntityId !== undefined) checkEntity(db, 'ownerEntityId', input.ownerEntityId, PARTY_KINDS);
  input.claimantEntityIds?.forEach((id, i) => checkEntity(db, `claimantEntityIds.${i}`, id, PARTY_KINDS));
  if (input.conveyanceEntityId !== undefined) checkEntity(db, 'conveyanceEntityId', input.conveyanceEntityId, ['conveyance']);
}

/** Next seizure number for a year: `2026-SZ-000045`, never reused, skipping numbers given by hand. */
function checkNumberFree(db: Db, seizureNumber: string, exceptId: string | null): void {
  const row = sql(db, 'SELECT id FROM seizures WHERE seizure_number = ?').get(seizureNumber) as { id: string } | undefined;
  if (row && row.id !== exceptId) {
    throw new DossierError(
      'conflict',
      `seizureNumber: ${seizureNumber} is already the number of another seizure`,
      'seizureNumber',
      'number.taken',
      { number: seizureNumber, recordType: 'seizure' },
    );
  }
}

export type ItemInput = z.output<typeof seizedItemInput>;

function insertItem(ctx: Ctx, seizure: Seizure, item: ItemInput): string {
  const id = randomUUID();
  const { n } = sql(ctx.db, 'SELECT coalesce(max(item_number), 0) + 1 AS n FROM seized_items WHERE seizure_id = ?').get(
    seizure.id,
  ) as { n: number };
  ctx.audit.track('seized_item', id, seizure.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO seized_items (id, seizure_id, item_number, description, quantity, unit, hs_code, eccn, origin_country,
         value_minor, value_currency, seal_numbers, initial_custodian, initial_location, created_at)
       VALUES (@id, @seizureId, @n, @description, @quantity, @unit, @hsCode, @eccn, @originCountry,
         @valueMinor, @currency, @seals, @custodian, @location, @now)`,
    ).run({
      id,
      seizureId: seizure.id,
      n,
      description: item.description,
      quantity: item.quantity,
      unit: item.unit,
      hsCode: item.hsCode,
      eccn: item.eccn,
      originCountry: item.originCountry,
      valueMinor: item.value.amountMinor,
      currency: item.value.currency,
      seals: JSON.stringify(item.sealNumbers),
      custodian: seizure.seizingOfficer,
      location: item.initialLocation ?? seizure.place,
      now: ctx.now(),
    });
  });
  return id;
}

export type CreateSeizureInput = z.output<typeof seizureCreateInput>;

function termsParams(terms: TermsOfRelease | null): Record<string, unknown> {
  return {
    releaseAmount: terms?.amount?.amountMinor ?? null,
    releaseCurrency: terms?.amount?.currency ?? null,
    releaseSecurity: terms?.security || null,
  };
}

export function createSeizure(ctx: Ctx, input: CreateSeizureInput): SeizureDetail {
  requireCase(ctx.db, input.caseId, 'caseId', 'invalid_input');
  checkParties(ctx.db, input);
  const seizedAt = input.seizedAt;
  const seizedOn = localDate(new Date(seizedAt));
  if (input.seizureNumber !== undefined) {
    checkNumberFree(ctx.db, input.seizureNumber, null);
    assertNumberYear(seizureNumbers, input.seizureNumber, seizedOn);
  }
  const officer = input.seizingOfficer ?? ctx.actor.name;
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('seizure', id, input.caseId, () => {
    sql(
      ctx.db,
      `INSERT INTO seizures (id, case_id, seized_at, seized_on, claimant_entity_ids, release_amount_minor, release_currency,
         release_security, forfeiture_amount_minor, forfeiture_currency, review_window_ends_on, created_at, updated_at,
         ${plainKeys.map((k) => plainColumns[k]).join(', ')})
       VALUES (@id, @caseId, @seizedAt, @seizedOn, @claimants, @releaseAmount, @releaseCurrency,
         @releaseSecurity, @forfeitureAmount, @forfeitureCurrency, @reviewEnds, @now, @now,
         ${plainKeys.map((k) => `@${k}`).join(', ')})`,
    ).run({
      ...plainOf({
        ...input,
        seizureNumber: input.seizureNumber ?? nextRecordNumber(ctx.db, seizureNumbers, seizedOn.slice(0, 4), 'SZ'),
        seizingOfficer: officer,
        custodian: input.custodian || officer,
      }),
      id,
      caseId: input.caseId,
      seizedAt,
      seizedOn,
      claimants: JSON.stringify(input.claimantEntityIds),
      ...termsParams(input.termsOfRelease),
      forfeitureAmount: input.ascertainedForfeiture?.amountMinor ?? null,
      forfeitureCurrency: input.ascertainedForfeiture?.currency ?? null,
      reviewEnds: addDays(seizedOn, SEIZURE_REVIEW_WINDOW_DAYS),
      now,
    });
  });
  const seizure = getSeizureRow(ctx.db, id);
  for (const item of input.items) insertItem(ctx, seizure, item);
  assertCaseTotalsExact(ctx.db, input.caseId, 'items');
  return getSeizure(ctx.db, id);
}

export type UpdateSeizureInput = z.output<typeof seizureUpdateInput>;

/**
 * Changes header fields of a seizure. Its items and their custody records are not touched: an
 * item keeps the initial custodian and location it was seized with, whatever the header says later.
 */
export function updateSeizure(ctx: Ctx, input: UpdateSeizureInput): SeizureDetail {
  const current = getSeizureRow(ctx.db, input.id);
  assertVersion(current, input.version, 'seizure', current.seizureNumber);
  checkParties(ctx.db, input);
  if (input.seizureNumber !== undefined) checkNumberFree(ctx.db, input.seizureNumber, current.id);
  const sets: string[] = [];
  const params: Record<string, unknown> = { id: current.id, now: ctx.now() };
  for (const key of plainKeys) {
    const column = plainColumns[key];
    const value = input[key];
    if (value === undefined) continue;
    sets.push(`${column} = @${key}`);
    params[key] = value;
  }
  if (input.claimantEntityIds !== undefined) {
    sets.push('claimant_entity_ids = @claimants');
    params.claimants = JSON.stringify(input.claimantEntityIds);
  }
  if (input.termsOfRelease !== undefined) {
    sets.push('release_amount_minor = @releaseAmount, release_currency = @releaseCurrency, release_security = @releaseSecurity');
    Object.assign(params, termsParams(input.termsOfRelease));
  }
  if (input.ascertainedForfeiture !== undefined) {
    sets.push('forfeiture_amount_minor = @forfeitureAmount, forfeiture_currency = @forfeitureCurrency');
    params.forfeitureAmount = input.ascertainedForfeiture?.amountMinor ?? null;
    params.forfeitureCurrency = input.ascertainedForfeiture?.currency ?? null;
  }
  if (input.seizedAt !== undefined) {
    const seizedAt = input.seizedAt;
    const seizedOn = localDate(new Date(seizedAt));
    const first = sql(
      ctx.db,
      `SELECT min(e.at) AS at FROM custody_entries e JOIN seized_items i ON i.id = e.item_id WHERE i.seizure_id = ?`,
    ).get(current.id) as { at: string | null };
    if (first.at !== null && Date.parse(first.at) < Date.parse(seizedAt)) {
      throw new DossierError(
        'invalid_input',
        `seizedAt: the goods' chain of custody has a movement at ${first.at}, before this time`,
        'seizedAt',
        'seizure.after_first_movement',
        { at: first.at },
      );
    }
    if (current.dispositionOn !== null && current.dispositionOn < seizedOn) {
      throw new DossierError(
        'invalid_input',
        `seizedAt: the disposition is dated ${current.dispositionOn}, before this date`,
        'seizedAt',
        'seizure.after_disposition',
        { dispositionOn: current.dispositionOn },
      );
    }
    sets.push('seized_at = @seizedAt, seized_on = @seizedOn, review_window_ends_on = @reviewEnds');
    Object.assign(params, { seizedAt, seizedOn, reviewEnds: addDays(seizedOn, SEIZURE_REVIEW_WINDOW_DAYS) });
  }
  const effectiveOn = input.seizedAt !== undefined ? localDate(new Date(input.seizedAt)) : current.seizedOn;
  if (input.seizureNumber !== undefined) assertNumberYear(seizureNumbers, input.seizureNumber, effectiveOn);
  else if (input.seizedAt !== undefined) {
    const renumbered = numberForDate(ctx.db, seizureNumbers, current.seizureNumber, effectiveOn);
    if (renumbered !== current.seizureNumber) {
      sets.push('seizure_number = @seizureNumber');
      params.seizureNumber = renumbered;
    }
  }
  if (sets.length === 0) return getSeizure(ctx.db, current.id);
  ctx.audit.track('seizure', current.id, current.caseId, () => {
    sql(ctx.db, `UPDATE seizures SET ${sets.join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id`).run(params);
  });
  return getSeizure(ctx.db, current.id);
}

export function setDisposition(
  ctx: Ctx,
  input: { id: string; disposition: Disposition; dispositionOn: string; authority: string; version?: number | undefined },
): SeizureDetail {
  const current = getSeizureRow(ctx.db, input.id);
  assertVersion(current, input.version, 'seizure', current.seizureNumber);
  const allowed = DISPOSITION_TRANSITIONS[current.disposition];
  if (!allowed.includes(input.disposition)) {
    if (allowed.length === 0) {
      throw new DossierError(
        'invalid_transition',
        `disposition: seizure ${current.seizureNumber} is ${current.disposition}, a final disposition; it cannot become ${input.disposition}`,
        'disposition',
        'seizure.final_disposition',
        { seizureNumber: current.seizureNumber, disposition: current.disposition, to: input.disposition },
      );
    }
    throw new DossierError(
      'invalid_transition',
      `disposition: a seizure that is ${current.disposition} cannot become ${input.disposition} (allowed: ${allowed.join(', ')})`,
      'disposition',
      'seizure.disposition_transition',
      { disposition: current.disposition, to: input.disposition, allowed: allowed.join(', ') },
    );
  }
  if (input.dispositionOn < current.seizedOn) {
    throw new DossierError(
      'invalid_input',
      `dispositionOn: must not be before the seizure (${current.seizedOn})`,
      'dispositionOn',
      'seizure.disposition_before_seizure',
      { seizedOn: current.seizedOn },
    );
  }
  if (current.dispositionOn !== null && input.dispositionOn < current.dispositionOn) {
    throw new DossierError(
      'invalid_input',
      `dispositionOn: must not be before the previous disposition (${current.disposition} on ${current.dispositionOn})`,
      'dispositionOn',
      'seizure.disposition_before_previous',
      { disposition: current.disposition, dispositionOn: current.dispositionOn },
    );
  }
  ctx.audit.track('seizure', current.id, current.caseId, () => {
    sql(
      ctx.db,
      `UPDATE seizures SET disposition = ?, disposition_on = ?, disposition_authority = ?, updated_at = ?, version = version + 1
       WHERE id = ?`,
    ).run(input.disposition, input.dispositionOn, input.authority, ctx.now(), current.id);
  });
  return getSeizure(ctx.db, current.id);
}

export function addItem(ctx: Ctx, input: ItemInput & { seizureId: string }): SeizedItemView {
  const seizure = getSeizureRow(ctx.db, input.seizureId);
  const id = insertItem(ctx, seizure, input);
  assertCaseTotalsExact(ctx.db, seizure.caseId, 'value.amountMinor');
  return itemView(ctx.db, getItem(ctx.db, id), seizure);
}

// ---------------------------------------------------------------------------------------------
// Lists and totals

export interface SeizureListRow {
  id: string;
  caseId: string;
  caseFileNumber: string;
  seizureNumber: string;
  seizedAt: string;
  seizedOn: string;
  place: string;
  seizingOfficer: string;
  disposition: Disposition;
  dispositionOn: string | null;
  reviewWindowEndsOn: string;
  updatedAt: string;
  itemCount: number;
  totals: MoneyTotal[];
}

export interface SeizureListQuery {
  sort: { column: SeizureSortColumn; direction: 'asc' | 'desc' };
  caseId?: string | undefined;
  disposition?: Disposition[] | undefined;
  text?: string | undefined;
  offset: number;
  limit: number;
}

/** The values of the generated column disposition_rank (migration 004). */
export const DISPOSITION_RANKS: Readonly<Record<Disposition, number>> = {
  held: 1,
  released_on_terms: 2,
  forfeited: 3,
  returned: 4,
  sold: 5,
  destroyed: 6,
  transferred: 7,
};

const sortExpressions: Record<SeizureSortColumn, string> = {
  seizureNumber: 'seizure_number',
  seizedAt: 'seized_at',
  disposition: 'disposition_rank',
  reviewWindowEndsOn: 'review_window_ends_on',
  updatedAt: 'updated_at',
};

export const SEIZURE_SORT_INDEXES: Record<SeizureSortColumn, string> = {
  seizureNumber: 'seizures_number',
  seizedAt: 'seizures_seized_at',
  disposition: 'seizures_disposition',
  reviewWindowEndsOn: 'seizures_review',
  updatedAt: 'seizures_updated',
};

const listColumns = `id, case_id AS caseId,
  (SELECT file_number FROM cases WHERE cases.id = seizures.case_id) AS caseFileNumber,
  seizure_number AS seizureNumber, seized_at AS seizedAt, seized_on AS seizedOn, place,
  seizing_officer AS seizingOfficer, disposition, disposition_on AS dispositionOn,
  review_window_ends_on AS reviewWindowEndsOn, updated_at AS updatedAt`;

/** See ListSql in db/list-sql.ts. */
export type SeizureListSql = ListSql;

/**
 * The SQL behind the seizure list, exported for the bench and the query-plan tests. Across all
 * cases, the page walks the sort column's index (INDEXED BY) in order and stops after the page;
 * the disposition filter is checked inside it (the index carries disposition_rank), text goes
 * through the full-text index as a set checked during the walk (see caseListSql for why), and so
 * do words too short for it (from one scan of seizures_number, which holds number and place). For
 * one case, its few seizures come from seizures_case and are sorted after.
 */
export function seizureListSql(q: SeizureListQuery): SeizureListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.caseId !== undefined) {
    where.push('case_id = ?');
    params.push(q.caseId);
  }
  if (q.disposition && q.disposition.length > 0) {
    where.push(`disposition_rank IN (${q.disposition.map(() => '?').join(', ')})`);
    params.push(...q.disposition.map((d) => DISPOSITION_RANKS[d]));
  }
  const { long, short, match } = searchWords(q.text);
  if (long.length) {
    where.push('+seq IN (SELECT rowid FROM seizures_fts WHERE seizures_fts MATCH ?)');
    params.push(match);
  }
  for (const w of short) {
    const like = `seizure_number LIKE ? ESCAPE '\\' OR place LIKE ? ESCAPE '\\'`;
    // Across all cases, the matches of a short word come from one scan of an index that holds
    // both columns, rather than a read of every row the walk passes (all of them when none match).
    where.push(
      q.caseId !== undefined ? `(${like})` : `+seq IN (SELECT seq FROM seizures INDEXED BY seizures_number WHERE ${like})`,
    );
    params.push(`%${escapeLike(w)}%`, `%${escapeLike(w)}%`);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const index = q.caseId !== undefined ? 'seizures_case' : SEIZURE_SORT_INDEXES[q.sort.column];
  const textOnly = long.length > 0 && where.length === 1;
  return {
    rowsSql: `SELECT ${listColumns} FROM seizures INDEXED BY ${index} ${whereSql}
      ORDER BY ${sortExpressions[q.sort.column]} ${dir}, seq ${dir} LIMIT ? OFFSET ?`,
    params,
    countSql: textOnly
      ? 'SELECT count(*) AS n FROM seizures_fts WHERE seizures_fts MATCH ?'
      : `SELECT count(*) AS n FROM seizures ${whereSql}`,
    countParams: textOnly ? [match] : params,
  };
}

/** Item counts and value totals of a page of seizures, in one query. */
export const PAGE_TOTALS_SQL = `SELECT seizure_id AS seizureId, value_currency AS currency, count(*) AS items,
    ${exactSum('value_minor')}
  FROM seized_items WHERE seizure_id IN (SELECT value FROM json_each(?))
  GROUP BY seizure_id, value_currency ORDER BY seizure_id, value_currency`;

type PageRow = Omit<SeizureListRow, 'itemCount' | 'totals'>;

export function attachPageTotals(db: Db, rows: PageRow[]): SeizureListRow[] {
  const totals = sql(db, PAGE_TOTALS_SQL).all(JSON.stringify(rows.map((r) => r.id))) as (SumRow & {
    seizureId: string;
    items: number;
  })[];
  const bySeizure = new Map<string, { itemCount: number; sums: SumRow[] }>();
  for (const t of totals) {
    const entry = bySeizure.get(t.seizureId) ?? { itemCount: 0, sums: [] };
    entry.itemCount += t.items;
    entry.sums.push(t);
    bySeizure.set(t.seizureId, entry);
  }
  return rows.map((r) => {
    const t = bySeizure.get(r.id);
    return { ...r, itemCount: t?.itemCount ?? 0, totals: t ? exactTotals(t.sums, 'value of the seizure') : [] };
  });
}

export function listSeizures(db: Db, q: SeizureListQuery): { total: number; rows: SeizureListRow[] } {
  const page = runList<PageRow>(db, seizureListSql(q), q);
  return { total: page.total, rows: attachPageTotals(db, page.rows) };
}

export interface CaseSeizureTotals {
  caseId: string;
  seizureCount: number;
  itemCount: number;
  /** Value of every item seized in the case, per currency: exact integer sums of minor units. */
  totals: (MoneyTotal & { itemCount: number })[];
}

export function totalsByCase(db: Db, caseId: string): CaseSeizureTotals {
  requireCase(db, caseId, 'id');
  const { n } = sql(db, 'SELECT count(*) AS n FROM seizures WHERE case_id = ?').get(caseId) as { n: number };
  const rows = sql(
    db,
    `SELECT i.value_currency AS currency, count(*) AS items, ${exactSum('i.value_minor')}
     FROM seizures s JOIN seized_items i ON i.seizure_id = s.id
     WHERE s.case_id = ? GROUP BY i.value_currency ORDER BY i.value_currency`,
  ).all(caseId) as (SumRow & { items: number })[];
  const exact = exactTotals(rows, 'value seized in the case');
  const totals = exact.map((t, i) => ({ ...t, itemCount: Number(rows[i]?.items ?? 0) }));
  return { caseId, seizureCount: n, itemCount: totals.reduce((s, t) => s + t.itemCount, 0), totals };
}
