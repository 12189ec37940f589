import { randomUUID } from 'node:crypto';
import type { Db } from '../sqlite.ts';
import { escapeLike, runList, searchWords, type ListSql } from '../list-sql.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import { DossierError, notFound } from '../errors.ts';
import type { ConveyanceType, EntityKind, EntitySortColumn } from '../shared/domain.ts';
import { entityData, type EntityData, type EntityListInput, type EntityUpdateInput } from '../shared/inputs/entities.ts';
import { assertVersion } from './guards.ts';
import { syncIdentifiers } from './entity-identifiers.ts';

/** What a list, a link or a case page shows of an entity. */
export interface EntitySummary {
  id: string;
  kind: EntityKind;
  /** The conveyance type; null for the other kinds. */
  subtype: ConveyanceType | null;
  name: string;
  /** Nationality, country, flag, registration country or destination, depending on the kind. */
  country: string | null;
}

interface EntityMeta {
  id: string;
  /** Derived from the kind's fields: full name, legal name, address, vessel name, plate, document number... */
  name: string;
  country: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** The entity this one was merged into (a duplicate), which now holds its links, roles and references. */
  mergedInto: string | null;
}

/** One entity, every field: its kind's fields (flat, as entities.create takes them) and the derived name and country. */
export type Entity = EntityData & EntityMeta;

export interface EntityListRow extends EntitySummary {
  updatedAt: string;
  /** How many roles in cases it holds. */
  caseCount: number;
  /** Its identifiers and aliases (IMO, document numbers, HS codes, ECCNs...), joined by ' · ', clipped: a summary for the list. */
  identifiers: string;
}

export interface EntityRow {
  seq: number;
  id: string;
  kind: EntityKind;
  name: string;
  subtype: ConveyanceType | null;
  country: string | null;
  details: string;
  search_text: string;
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
  merged_into: string | null;
}

/** The entity's own fields (kind, subtype, the kind's fields, notes) as stored. */
export function dataOf(r: EntityRow): EntityData {
  const details = JSON.parse(r.details) as Record<string, unknown>;
  return { kind: r.kind, ...(r.subtype ? { subtype: r.subtype } : {}), ...details, notes: r.notes } as EntityData;
}

function toEntity(r: EntityRow): Entity {
  return {
    ...dataOf(r),
    id: r.id,
    name: r.name,
    country: r.country,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    mergedInto: r.merged_into,
  };
}

export function entityRow(db: Db, id: string): EntityRow {
  const row = sql(db, 'SELECT * FROM entities WHERE id = ?').get(id) as EntityRow | undefined;
  if (!row) throw notFound('entity', id);
  return row;
}

export function getEntity(db: Db, id: string): Entity {
  return toEntity(entityRow(db, id));
}

/** The entity's summary, or a not_found error naming `field` (the input field that pointed at it). */
export function entitySummary(db: Db, id: string, field = 'id'): EntitySummary {
  const row = sql(db, 'SELECT id, kind, subtype, name, country, merged_into FROM entities WHERE id = ?').get(id) as
    (EntitySummary & { merged_into: string | null }) | undefined;
  if (!row) throw notFound('entity', id, field);
  const { merged_into, ...summary } = row;
  if (merged_into) refuseMerged(db, summary.name, merged_into, field);
  return summary;
}

/** A merged entity takes no new link, role or edit: the one it was merged into does. */
export function refuseMerged(db: Db, name: string, into: string, field: string): never {
  const survivor = sql(db, 'SELECT name FROM entities WHERE id = ?').pluck().get(into) as string | undefined;
  throw new DossierError(
    'invalid_input',
    `${field}: ${name} was merged into ${survivor ?? into}; use that entity (or undo the merge)`,
    field,
    'entity.merged',
    { name, into: survivor ?? into },
  );
}

/** 'an organization', 'a person', 'an end user' (for messages). */
export function withArticle(word: string): string {
  const text = word.replaceAll('_', ' ');
  return `${/^[aeiou]/.test(text) ? 'an' : 'a'} ${text}`;
}

// --- Columns derived from the kind's fields -----------------------------------------------------

interface Derived {
  name: string;
  subtype: ConveyanceType | null;
  country: string | null;
  details: string;
  searchText: string;
}

const MAX_NAME = 300;

function clip(text: string): string {
  return [...text].length <= MAX_NAME ? text : `${[...text].slice(0, MAX_NAME - 1).join('')}…`;
}

/** The display name, list country and searchable identifiers of an entity. */
export function deriveColumns(data: EntityData): Derived {
  const { kind: _kind, notes: _notes, ...rest } = data;
  const { subtype: _subtype, ...fields } = rest as Record<string, unknown>;
  const words: string[] = [];
  let name: string;
  let country: string | null;
  let subtype: ConveyanceType | null = null;
  switch (data.kind) {
    case 'person':
      name = [data.givenName, data.familyName].filter(Boolean).join(' ');
      country = data.nationality;
      words.push(...data.aliases, ...data.identityDocuments.map((d) => d.number));
      break;
    case 'organization':
      name = data.legalName;
      country = data.country;
      words.push(...data.aliases, data.registrationNumber);
      break;
    case 'address':
      name = [...data.lines, [data.postalCode, data.city].filter(Boolean).join(' '), data.region].filter(Boolean).join(', ');
      country = data.country;
      words.push(data.postalCode, data.city, data.region);
      break;
    case 'conveyance':
      subtype = data.subtype;
      switch (data.subtype) {
        case 'vessel':
          name = data.vesselName;
          country = data.flag;
          words.push(data.imoNumber ? `IMO ${data.imoNumber}` : '', data.callSign);
          break;
        case 'aircraft':
          name = data.registration;
          country = data.country;
          words.push(data.aircraftType);
          break;
        case 'vehicle':
          name = data.plate;
          country = data.plateCountry;
          words.push(data.description);
          break;
        case 'container':
          name = data.containerNumber;
          country = null;
          words.push(data.sizeType);
          break;
      }
      break;
    case 'shipment':
      name = data.transportDocumentNumber || data.exportDeclarationNumber;
      country = data.destinationCountry;
      words.push(data.transportDocumentNumber, data.exportDeclarationNumber, data.declaredPermitNumber);
      for (const g of data.goods) words.push(g.description, g.hsCode ?? '', g.eccn ?? '');
      break;
  }
  // A word already in the name is found through the name.
  const searchText = [...new Set(words.map((w) => w.trim()).filter((w) => w && w !== name))].join('\n');
  return { name: clip(name), subtype, country, details: JSON.stringify(fields), searchText };
}

export function createEntity(ctx: Ctx, data: EntityData): Entity {
  const d = deriveColumns(data);
  const id = randomUUID();
  const now = ctx.now();
  ctx.audit.track('entity', id, null, () => {
    sql(
      ctx.db,
      `INSERT INTO entities (id, kind, name, subtype, country, details, search_text, notes, created_at, updated_at)
       VALUES (@id, @kind, @name, @subtype, @country, @details, @searchText, @notes, @now, @now)`,
    ).run({ id, kind: data.kind, ...d, notes: data.notes, now });
  });
  syncIdentifiers(ctx.db, id, data);
  return getEntity(ctx.db, id);
}

export function updateEntity(ctx: Ctx, input: EntityUpdateInput): Entity {
  const row = entityRow(ctx.db, input.id);
  if (input.kind !== row.kind) {
    throw new DossierError(
      'invalid_input',
      `kind: an entity's kind cannot change (this one is ${withArticle(row.kind)})`,
      'kind',
      'entity.kind_fixed',
      { kind: row.kind },
    );
  }
  const subtype = input.kind === 'conveyance' ? input.subtype : null;
  if (subtype !== row.subtype) {
    throw new DossierError(
      'invalid_input',
      `subtype: a conveyance's type cannot change (this one is ${withArticle(row.subtype ?? '')})`,
      'subtype',
      'entity.subtype_fixed',
      { subtype: row.subtype ?? '' },
    );
  }
  if (row.merged_into) refuseMerged(ctx.db, row.name, row.merged_into, 'id');
  assertVersion(row, input.version, 'entity', row.name);
  const { id: _id, version: _version, ...patch } = input;
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  // The merged entity is checked again as a whole, so that rules across fields hold after the edit.
  const data = entityData.parse({ ...dataOf(row), ...changes }, { reportInput: true });
  const d = deriveColumns(data);
  if (d.details === row.details && data.notes === row.notes) return toEntity(row);
  ctx.audit.track('entity', input.id, null, () => {
    sql(
      ctx.db,
      `UPDATE entities SET name = @name, country = @country, details = @details, search_text = @searchText,
         notes = @notes, updated_at = @now, version = version + 1 WHERE id = @id`,
    ).run({
      id: input.id,
      name: d.name,
      country: d.country,
      details: d.details,
      searchText: d.searchText,
      notes: data.notes,
      now: ctx.now(),
    });
  });
  syncIdentifiers(ctx.db, input.id, data);
  return getEntity(ctx.db, input.id);
}

// --- The entity list ------------------------------------------------------------------------------

/** ORDER BY terms of each sort, before seq; each index starts with them, then seq (migration 003). */
const sortTerms: Record<EntitySortColumn, readonly string[]> = {
  name: ['name COLLATE NOCASE'],
  kind: ['kind', 'name COLLATE NOCASE'],
  country: ['country', 'name COLLATE NOCASE'],
  updatedAt: ['updated_at'],
};

const sortIndexes: Record<EntitySortColumn, string> = {
  name: 'entities_name',
  kind: 'entities_kind',
  country: 'entities_country',
  updatedAt: 'entities_updated',
};

const listColumns = `id, kind, subtype, name, country, updated_at AS updatedAt,
  (SELECT count(*) FROM case_entities WHERE entity_id = entities.id) AS caseCount,
  substr(replace(search_text, char(10), ' · '), 1, 160) AS identifiers`;

/** See ListSql in db/list-sql.ts. */
export type EntityListSql = ListSql;

/**
 * The SQL behind the entity list, exported for the bench and the query-plan tests. As for cases
 * (see caseListSql): the page walks the sort column's index (INDEXED BY), which carries seq and
 * the filter columns, and stops after the page; full-text matches are a set checked during the
 * walk (`+seq IN`). Words of 3 characters or more go through the trigram index over the name and
 * identifiers; shorter words are matched in the name.
 */
export function entityListSql(q: EntityListInput): EntityListSql {
  // An entity merged into another is found through the one it was merged into (migration 010).
  const where: string[] = ['merged_into IS NULL'];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('kind', q.kind);
  inList('country', q.country);
  const { long, short, match } = searchWords(q.text);
  if (long.length) {
    where.push('+seq IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?)');
    params.push(match);
  }
  for (const w of short) {
    where.push(`name LIKE ? ESCAPE '\\'`);
    params.push(`%${escapeLike(w)}%`);
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const dir = q.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const order = [...sortTerms[q.sort.column], 'seq'].map((t) => `${t} ${dir}`).join(', ');
  const textOnly = long.length > 0 && where.length === 2;
  return {
    rowsSql: `SELECT ${listColumns} FROM entities INDEXED BY ${sortIndexes[q.sort.column]} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params,
    countSql: textOnly
      ? `SELECT (SELECT count(*) FROM entities_fts WHERE entities_fts MATCH ?) -
           (SELECT count(*) FROM entities INDEXED BY entities_merged_into WHERE merged_into IS NOT NULL
              AND seq IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?)) AS n`
      : `SELECT count(*) AS n FROM entities ${whereSql}`,
    countParams: textOnly ? [match, match] : params,
  };
}

export function listEntities(db: Db, q: EntityListInput): { total: number; rows: EntityListRow[] } {
  return runList<EntityListRow>(db, entityListSql(q), q);
}
