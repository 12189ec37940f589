/**
 * The link-analysis part of `npm run bench` (issue 10): on a database of 100,000 cases, 1,000,000
 * entities and 2,000,000 links it times, at the contract (`core.invoke`) and beside it the same
 * service functions run directly on better-sqlite3,
 *   - graph.entity {entityId, hops: 2}: the two-hop neighbourhood of an entity with exactly 50 direct
 *     links (rotating over a set of such entities, so that no answer is read from a warm page alone),
 *   - cases.whereElse {caseId}: for ordinary cases (rotating too), and for a case naming the
 *     biggest hub (an address, forwarder or vessel with some 20,000 links);
 * and it runs the duplicate search (db/services/duplicates.ts) once over the whole entity table.
 * Targets: graph.entity and cases.whereElse under 50 ms p95 at the contract.
 *
 *   npm run bench -- --links                 this part alone (scripts/bench.ts runs it by default too)
 *   npm run bench -- --links --cases 20000   a smaller database: 10 entities and 20 links per case
 *
 * The database is written by direct bulk SQL in a child process (prepared statements in large
 * transactions, secondary indexes and full-text triggers off during the load and rebuilt after it,
 * from the very SQL the migrations left) and cached under .tmp/bench/ with a manifest beside it
 * (the entities with 50 links, the cases to ask about, how long it took and how large it is).
 * It holds no audit records: a read bench needs none, and `dossier check` on this file reports every
 * row as added outside Dossier. Every row has the columns migrations 003, 009 and 010 define.
 *
 * Degrees: each case has a scheme of 9-10 entities linked as investigators record them (director,
 * owner, addresses, shipper, consignee, carrier...: 1-4 links each); 8 % of the links go to 0.2 %
 * of the entities, the hubs, drawn from a Zipf law (the biggest has about 10 % of those); the rest
 * join schemes to one another, mostly nearby ones. A fraction of the people and companies is
 * recorded twice under another spelling, half of them with the same identifier.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../db/index.ts';
import { migrate } from '../db/sqlite.ts';
import { LATEST_VERSION } from '../db/migrations/index.ts';
import { Random } from '../db/seed/random.ts';
import { containerCheckDigit, imoCheckDigit } from '../db/shared/inputs/identifiers.ts';
import {
  EXPORTER_FIRST,
  EXPORTER_TRADES,
  FAMILY_NAMES,
  FRONT_WORDS,
  GIVEN_NAMES,
  STREETS,
  TRANSIT_COUNTRIES,
} from '../db/seed/entity-vocabulary.ts';
import { SHELL_TRADES, VESSEL_FIRST } from '../db/seed/network-vocabulary.ts';
import { DESTINATIONS, FIRST_NAMES, GOODS, LAST_NAMES, TITLE_PATTERNS, TRANSITS } from '../db/seed/vocabulary.ts';
import { entityNeighbourhood } from '../db/services/graph.ts';
import { findWhereElse } from '../db/services/where-else.ts';
import { findDuplicates } from '../db/services/duplicates.ts';
import { GRAPH_DEFAULT_NODES } from '../db/shared/inputs/graph.ts';
import { LINK_TYPES, type LinkType } from '../db/shared/domain.ts';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SCRIPT), '..');
const SEED = 1;
const TODAY = '2026-01-15';
export const ENTITIES_PER_CASE = 10;
export const LINKS_PER_CASE = 20;
const FIFTY = 50;
/** The share of links that go to a hub, and of the rest that join a busy company (every BUSY_EVERY-th scheme's). */
const HUB_SHARE = 0.12;
const BUSY_SHARE = 0.85;
const BUSY_EVERY = 25;
const TARGET_P95_MS = 50;
const WHERE_ELSE_LIMIT = 50;

// ---------------------------------------------------------------------------------------------
// Deterministic ids and per-record randomness

/** A bijective 32-bit mix (xorshift-multiply), so distinct inputs give distinct outputs. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A version-4 UUID made from (table, index): the same file every time, no id kept in memory. */
function uuidOf(table: number, i: number): string {
  const a = hex8(mix(i));
  const b = hex8(mix(i ^ (table * 0x9e3779b9)));
  const c = hex8(mix(i + table * 0x85ebca6b + 1));
  const d = hex8(mix(Math.imul(i, 31) + table * 7 + 12345));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[parseInt(c[0] ?? '0', 16) % 4]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const T_CASE = 1;
const T_ENTITY = 2;
const T_LINK = 3;
const T_ROLE = 4;
const caseId = (i: number) => uuidOf(T_CASE, i);
const entityId = (i: number) => uuidOf(T_ENTITY, i);

/** The randomness of one record: recomputed wherever it is needed (a twin copies its original). */
const rndOf = (i: number, salt: number) => new Random(mix(Math.imul(i, 0x9e3779b1) + salt));

// ---------------------------------------------------------------------------------------------
// The shape of the database

const KIND_ORG = 0;
const KIND_PERSON = 1;
const KIND_ADDRESS = 2;
const KIND_SHIPMENT = 3;
const KIND_CONVEYANCE = 4;
/** The kind of each slot of a scheme (front company, its director, its address, exporter...). */
const SLOT_KINDS = [
  KIND_ORG,
  KIND_PERSON,
  KIND_ADDRESS,
  KIND_ORG,
  KIND_ADDRESS,
  KIND_SHIPMENT,
  KIND_SHIPMENT,
  KIND_CONVEYANCE,
  KIND_PERSON,
  KIND_ORG,
];
const TYPE = Object.fromEntries(LINK_TYPES.map((t, i) => [t, i])) as Record<LinkType, number>;
/** The links inside every scheme: [from slot, to slot, type]; those naming slot 9 only where it exists. */
const SCHEME_LINKS: readonly (readonly [number, number, LinkType])[] = [
  [1, 0, 'director_of'],
  [1, 0, 'owns'],
  [0, 2, 'located_at'],
  [3, 4, 'located_at'],
  [3, 5, 'shipper_of'],
  [0, 5, 'consignee_of'],
  [5, 7, 'carried_by'],
  [3, 6, 'shipper_of'],
  [0, 6, 'consignee_of'],
  [6, 7, 'carried_by'],
  [8, 3, 'employee_of'],
  [9, 5, 'notify_party_of'],
];
/** Links between two schemes (the rest of them): [from slot, to slot, type, weight]. */
const CROSS_LINKS: readonly (readonly [number, number, LinkType, number])[] = [
  [0, 0, 'owns', 25],
  [1, 1, 'associated', 20],
  [3, 6, 'shipper_of', 20],
  [0, 9, 'agent_for', 15],
  [8, 0, 'director_of', 10],
  [3, 2, 'located_at', 10],
];
/** Links that give an entity with 50 links the rest of them: [its slot 0 -> slot, type]. */
const TOP_UP_LINKS: readonly (readonly [number, LinkType])[] = [
  [0, 'agent_for'],
  [0, 'owns'],
  [1, 'associated'],
  [5, 'consignee_of'],
  [6, 'consignee_of'],
  [9, 'agent_for'],
];

interface Layout {
  cases: number;
  entities: number;
  links: number;
  hubs: number;
  twins: number;
  /** Entities of all schemes: hubs come first, then the schemes, then the twins. */
  schemeStart: Int32Array;
}

function layoutOf(cases: number): Layout {
  const entities = cases * ENTITIES_PER_CASE;
  const hubs = Math.max(10, Math.round(entities * 0.002));
  const twins = Math.round(entities * 0.004);
  const inSchemes = entities - hubs - twins;
  const base = Math.floor(inSchemes / cases);
  const extra = inSchemes - base * cases;
  const schemeStart = new Int32Array(cases + 1);
  schemeStart[0] = hubs;
  for (let c = 0; c < cases; c++) schemeStart[c + 1] = (schemeStart[c] ?? 0) + base + (c < extra ? 1 : 0);
  return { cases, entities, links: cases * LINKS_PER_CASE, hubs, twins, schemeStart };
}

const schemeSize = (l: Layout, c: number) => (l.schemeStart[c + 1] ?? 0) - (l.schemeStart[c] ?? 0);
/** The entity in slot `slot` of scheme `c`; slot 9 falls back to the exporter (slot 3) in a 9-entity scheme. */
function slotOf(l: Layout, c: number, slot: number): number {
  const s = slot < schemeSize(l, c) ? slot : 3;
  return (l.schemeStart[c] ?? 0) + s;
}
/** The conveyance of a scheme: a container mostly, else a vessel, an aircraft or a vehicle. */
function conveyanceSubtype(c: number): 'container' | 'vessel' | 'aircraft' | 'vehicle' {
  const k = mix(c + 77) % 10;
  return k < 7 ? 'container' : k === 7 ? 'vessel' : k === 8 ? 'aircraft' : 'vehicle';
}
/** Hubs by rank: a formation agent's address, a forwarder, or a vessel. */
function hubKind(k: number): 'address' | 'forwarder' | 'vessel' {
  const x = mix(k + 991) % 20;
  return x < 8 ? 'address' : x < 15 ? 'forwarder' : 'vessel';
}

// ---------------------------------------------------------------------------------------------
// Entity records

const NATIONALITIES = ['RU', 'KZ', 'KG', 'AM', 'GE', 'TR', 'AE', 'HK', 'UZ', 'RS', 'IR', 'BY', 'CA', 'US'];
const SYL_A = ['Bel', 'Kar', 'Mor', 'Vol', 'Sok', 'Zhu', 'Tar', 'Nov', 'Ras', 'Lev', 'Gor', 'Kuz', 'Pav', 'Dan', 'Yer', 'Ald'];
const SYL_B = ['a', 'e', 'i', 'o', 'u', 'ya', 'an', 'en', 'ov', 'ar', 'ul', 'im'];
const SYL_D = ['', 'r', 'l', 'n', 'sh', 'k', 'd', 'v', 'm', 'z', 't', 'g'];
const SYL_C = ['ov', 'ev', 'in', 'enko', 'yan', 'idze', 'shvili', 'ic', 'ski', 'bekov', 'uly', 'man', 'tek', 'lex', 'tron'];
const FORMS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...TRANSIT_COUNTRIES.map((t) => [t.code, t.suffixes] as const),
  ['CA', ['Inc.', 'Ltd.', 'Corp.']],
  ['US', ['LLC', 'Inc.', 'Corp.']],
  ['RU', ['OOO', 'AO']],
  ['IR', ['Co.', 'Industrial Group']],
  ['BY', ['OAO', 'OOO']],
]);
const CITIES: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...TRANSIT_COUNTRIES.map((t) => [t.code, t.cities] as const),
  ['CA', ['Ottawa', 'Montréal', 'Mississauga', 'Richmond']],
  ['US', ['Austin', 'Miami', 'San Jose', 'Rochester']],
  ['RU', ['Moscow', 'Saint Petersburg', 'Kazan']],
  ['IR', ['Tehran', 'Isfahan']],
  ['BY', ['Minsk', 'Brest']],
]);

/** A made-up name root: some 35,000 of them, so that two records share a name about as rarely as in life. */
function root(r: Random): string {
  return `${r.pick(SYL_A)}${r.pick(SYL_B)}${r.pick(SYL_D)}${r.pick(SYL_C)}`;
}
function digits(r: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(r.int(0, 9));
  return s;
}
function dateBetween(r: Random, fromYear: number, toDay: string): string {
  const from = Date.parse(`${fromYear}-01-01T00:00:00Z`);
  const to = Date.parse(`${toDay}T00:00:00Z`);
  return new Date(from + Math.floor(r.next() * (to - from))).toISOString().slice(0, 10);
}

interface EntityRow {
  kind: string;
  subtype: string | null;
  name: string;
  country: string | null;
  details: string;
  searchText: string;
  identifier: readonly [string, string] | null;
}

interface PersonParts {
  given: string;
  family: string;
  nationality: string;
  dateOfBirth: string;
  passport: string | null;
}

function personParts(i: number): PersonParts {
  const r = rndOf(i, 11);
  const nationality = r.pick(NATIONALITIES);
  const given = r.pick(GIVEN_NAMES[nationality] ?? ['Alex']);
  const family = r.chance(0.2) ? r.pick(FAMILY_NAMES[nationality] ?? ['Smith']) : root(r);
  const dateOfBirth = dateBetween(r, 1950, '2001-12-31');
  const passport = r.chance(0.5) ? `${r.pick(['N', 'P', 'U', 'A', 'K'])}${digits(r, 8)}` : null;
  return { given, family, nationality, dateOfBirth, passport };
}

function person(p: PersonParts, name: { given: string; family: string }, passport: string | null): EntityRow {
  const docs = passport ? [{ type: 'passport', number: passport, country: p.nationality, expires: null }] : [];
  return {
    kind: 'person',
    subtype: null,
    name: [name.given, name.family].filter(Boolean).join(' '),
    country: p.nationality,
    details: JSON.stringify({
      givenName: name.given,
      familyName: name.family,
      aliases: [],
      dateOfBirth: p.dateOfBirth,
      nationality: p.nationality,
      identityDocuments: docs,
    }),
    searchText: passport ?? '',
    identifier: passport ? ['identity_document', `${p.nationality}:${passport}`] : null,
  };
}

interface OrgParts {
  legalName: string;
  country: string;
  registration: string | null;
}

function orgParts(i: number, exporter: boolean): OrgParts {
  const r = rndOf(i, 13);
  const country = exporter ? r.pick(['CA', 'US']) : r.pick(Object.keys(FORMS));
  const first = r.pick(exporter ? EXPORTER_FIRST : FRONT_WORDS);
  const trade = r.pick(exporter ? EXPORTER_TRADES : SHELL_TRADES);
  const legalName = `${first} ${root(r)} ${trade} ${r.pick(FORMS[country] ?? ['Ltd'])}`;
  const registration = r.chance(0.8) ? digits(r, 9) : null;
  return { legalName, country, registration };
}

function organization(o: OrgParts, legalName: string, registration: string | null): EntityRow {
  return {
    kind: 'organization',
    subtype: null,
    name: legalName,
    country: o.country,
    details: JSON.stringify({ legalName, aliases: [], registrationNumber: registration ?? '', country: o.country }),
    searchText: registration ?? '',
    identifier: registration ? ['registration', `${o.country}:${registration}`] : null,
  };
}

function address(i: number, agent: boolean): EntityRow {
  const r = rndOf(i, 17);
  const country = r.pick(Object.keys(CITIES));
  const city = r.pick(CITIES[country] ?? ['Dubai']);
  const lines = [
    ...(agent
      ? [`c/o ${root(r)} Corporate Services`]
      : r.chance(0.6)
        ? [`Office ${r.int(1, 40)}${r.pick(['01', '02', '04', '07', '10', '12'])}`]
        : []),
    `${r.int(1, 240)} ${r.pick(STREETS[country] ?? ['Main Street'])}`,
  ];
  const postalCode = digits(r, 5);
  return {
    kind: 'address',
    subtype: null,
    name: [...lines, `${postalCode} ${city}`].join(', '),
    country,
    details: JSON.stringify({ lines, city, region: '', postalCode, country }),
    searchText: [postalCode, city].join('\n'),
    identifier: null,
  };
}

function conveyance(i: number, subtype: 'container' | 'vessel' | 'aircraft' | 'vehicle'): EntityRow {
  const r = rndOf(i, 19);
  switch (subtype) {
    case 'vessel': {
      const six = String(100_000 + (mix(i + 5) % 900_000));
      const imo = `${six}${imoCheckDigit(six)}`;
      const name = `${r.pick(VESSEL_FIRST)} ${root(r)}`;
      const flag = r.pick(['PA', 'LR', 'MH', 'MT', 'HK', 'CM', 'KM']);
      return {
        kind: 'conveyance',
        subtype,
        name,
        country: flag,
        details: JSON.stringify({ vesselName: name, imoNumber: imo, callSign: '', flag }),
        searchText: `IMO ${imo}`,
        identifier: ['imo', imo],
      };
    }
    case 'aircraft': {
      const registration = `UP-${String.fromCharCode(65 + r.int(0, 25), 65 + r.int(0, 25), 65 + r.int(0, 25), 65 + r.int(0, 25))}`;
      return {
        kind: 'conveyance',
        subtype,
        name: registration,
        country: 'KZ',
        details: JSON.stringify({ registration, aircraftType: 'Boeing 767-300F', country: 'KZ' }),
        searchText: 'Boeing 767-300F',
        identifier: ['aircraft', registration.replace('-', '')],
      };
    }
    case 'vehicle': {
      const plate = `${digits(r, 3)}${String.fromCharCode(65 + r.int(0, 25), 65 + r.int(0, 25))}${digits(r, 2)}`;
      return {
        kind: 'conveyance',
        subtype,
        name: plate,
        country: 'KZ',
        details: JSON.stringify({ plate, plateCountry: 'KZ', description: 'Truck and trailer' }),
        searchText: 'Truck and trailer',
        identifier: ['plate', `KZ:${plate}`],
      };
    }
    default: {
      const ten = `${r.pick(['MSCU', 'MEDU', 'CMAU', 'HLXU', 'TGHU'])}${String(mix(i + 9) % 1_000_000).padStart(6, '0')}`;
      const number = `${ten}${containerCheckDigit(ten)}`;
      return {
        kind: 'conveyance',
        subtype: 'container',
        name: number,
        country: null,
        details: JSON.stringify({ containerNumber: number, sizeType: '45G1' }),
        searchText: '45G1',
        identifier: ['container', number],
      };
    }
  }
}

function shipment(i: number): EntityRow {
  const r = rndOf(i, 23);
  const doc = `${r.pick(['MEDU', 'MAEU', 'CMDU', 'HLCU', 'ONEY'])}${String(mix(i + 3) % 1_000_000_000).padStart(9, '0')}`;
  const destination = r.pick(TRANSIT_COUNTRIES).code;
  return {
    kind: 'shipment',
    subtype: null,
    name: doc,
    country: destination,
    details: JSON.stringify({
      transportDocumentType: 'bill_of_lading',
      transportDocumentNumber: doc,
      exportDeclarationNumber: '',
      declaredValue: null,
      originCountry: r.chance(0.6) ? 'CA' : 'US',
      destinationCountry: destination,
      route: [],
      declaredPermitNumber: '',
      shippedOn: dateBetween(r, 2019, TODAY),
      goods: [],
    }),
    searchText: '',
    identifier: ['transport_document', doc],
  };
}

/** The record of entity `i` (a twin: the record of its original, under another spelling). */
function entityRecord(l: Layout, i: number, twinOf: (i: number) => number): EntityRow {
  if (i < l.hubs) {
    const kind = hubKind(i);
    if (kind === 'address') return address(i, true);
    if (kind === 'vessel') return conveyance(i, 'vessel');
    const o = orgParts(i, false);
    const r = rndOf(i, 43);
    return organization(o, `${r.pick(FRONT_WORDS)} ${root(r)} ${r.pick(['Freight', 'Logistics', 'Shipping'])}`, o.registration);
  }
  if (i >= l.entities - l.twins) {
    const original = twinOf(i);
    const r = rndOf(i, 29);
    if (slotInScheme(l, original) === 0) {
      const o = orgParts(original, false);
      // Upper case without the legal form, or the form spelled another way.
      const words = o.legalName.split(' ');
      const name = r.chance(0.5) ? words.slice(0, -1).join(' ').toUpperCase() : `${words.slice(0, -1).join(' ')} Ltd.`;
      return organization(o, name, r.chance(0.5) ? o.registration : null);
    }
    const p = personParts(original);
    return person(p, { given: '', family: `${p.family.toUpperCase()} ${p.given}` }, r.chance(0.5) ? p.passport : null);
  }
  // Slot within its scheme: binary search over the scheme starts.
  let lo = 0;
  let hi = l.cases - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((l.schemeStart[mid] ?? 0) <= i) lo = mid;
    else hi = mid - 1;
  }
  const slot = i - (l.schemeStart[lo] ?? 0);
  switch (SLOT_KINDS[slot]) {
    case KIND_ORG: {
      const o = orgParts(i, slot === 3);
      return organization(o, o.legalName, o.registration);
    }
    case KIND_PERSON: {
      const p = personParts(i);
      return person(p, { given: p.given, family: p.family }, p.passport);
    }
    case KIND_ADDRESS:
      return address(i, false);
    case KIND_SHIPMENT:
      return shipment(i);
    default:
      return conveyance(i, conveyanceSubtype(lo));
  }
}

// ---------------------------------------------------------------------------------------------
// Links, in memory first (so that some entities can be given exactly 50)

interface LinkSet {
  from: Int32Array;
  to: Int32Array;
  type: Uint8Array;
  count: number;
  degree: Int32Array;
  fifty: number[];
}

function buildLinks(l: Layout, rnd: Random, twinOriginal: Int32Array): LinkSet {
  const from = new Int32Array(l.links);
  const to = new Int32Array(l.links);
  const type = new Uint8Array(l.links);
  const degree = new Int32Array(l.entities);
  const nearHub = new Uint8Array(l.entities);
  const isFifty = new Uint8Array(l.entities);
  let count = 0;
  const add = (a: number, b: number, t: LinkType) => {
    from[count] = a;
    to[count] = b;
    type[count] = TYPE[t];
    count++;
    degree[a] = (degree[a] ?? 0) + 1;
    degree[b] = (degree[b] ?? 0) + 1;
  };

  // 1. Inside each scheme.
  for (let c = 0; c < l.cases; c++) {
    const size = schemeSize(l, c);
    for (const [a, b, t] of SCHEME_LINKS) if (a < size && b < size) add(slotOf(l, c, a), slotOf(l, c, b), t);
  }
  // 2. Each twin: at its original's address (companies) or director of another scheme's front (people).
  for (let t = 0; t < l.twins; t++) {
    const twin = l.entities - l.twins + t;
    const original = twinOriginal[t] ?? l.hubs;
    const c = rnd.int(0, l.cases - 1);
    if (SLOT_KINDS[slotInScheme(l, original)] === KIND_ORG) add(twin, original + 2, 'located_at');
    else add(twin, slotOf(l, c, 0), 'director_of');
  }
  // 3. The hubs, by a Zipf law over their rank.
  const cumulative = new Float64Array(l.hubs);
  let sum = 0;
  for (let k = 0; k < l.hubs; k++) cumulative[k] = sum += 1 / (k + 1);
  const hub = () => {
    const x = rnd.next() * sum;
    let lo = 0;
    let hi = l.hubs - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const hubLinks = Math.round(l.links * HUB_SHARE);
  for (let n = 0; n < hubLinks; n++) {
    const k = hub();
    const c = rnd.int(0, l.cases - 1);
    const kind = hubKind(k);
    let other: number;
    if (kind === 'address') add((other = slotOf(l, c, rnd.chance(0.7) ? 0 : 3)), k, 'located_at');
    else if (kind === 'forwarder') add(k, (other = slotOf(l, c, rnd.chance(0.5) ? 5 : 6)), 'freight_forwarder_of');
    else if (conveyanceSubtype(c) === 'container') add((other = slotOf(l, c, 7)), k, 'carried_by');
    else add((other = slotOf(l, c, 5)), k, 'carried_by');
    nearHub[other] = 1;
  }
  // 4. Between schemes: mostly a busy company (an exporter or a front that deals with many) and any
  // entity of a scheme nearby; else two schemes' entities. Room is kept for the entities with 50 links.
  const fiftyCount = Math.max(20, Math.round(l.cases / 500));
  const weights = CROSS_LINKS.map((x) => [x, x[3]] as const);
  const cross = (forbid: Uint8Array | null) => {
    for (;;) {
      if (rnd.chance(BUSY_SHARE)) {
        const a = rnd.int(0, l.cases - 1);
        const busyScheme = Math.min(l.cases - 1, Math.max(0, a - (a % BUSY_EVERY) + BUSY_EVERY * rnd.int(-4, 4)));
        const busy = slotOf(l, busyScheme - (busyScheme % BUSY_EVERY), rnd.chance(0.5) ? 0 : 3);
        const slot = rnd.int(0, schemeSize(l, a) - 1);
        const x = slotOf(l, a, slot);
        if (x === busy || (forbid && (forbid[x] || forbid[busy]))) continue;
        const kind = SLOT_KINDS[slot];
        if (kind === KIND_PERSON) add(x, busy, rnd.pick(['director_of', 'employee_of', 'associated'] as const));
        else if (kind === KIND_ORG) add(x, busy, rnd.pick(['owns', 'agent_for'] as const));
        else if (kind === KIND_ADDRESS) add(busy, x, 'located_at');
        else if (kind === KIND_SHIPMENT) add(busy, x, rnd.pick(['shipper_of', 'consignee_of', 'notify_party_of'] as const));
        else add(busy, x, 'associated');
        return;
      }
      const a = rnd.int(0, l.cases - 1);
      const b = rnd.chance(0.7) ? Math.min(l.cases - 1, Math.max(0, a + rnd.int(-50, 50))) : rnd.int(0, l.cases - 1);
      if (a === b) continue;
      const [sa, sb, t] = rnd.weighted(weights);
      const x = slotOf(l, a, sa);
      const y = slotOf(l, b, sb);
      if (forbid && (forbid[x] || forbid[y])) continue;
      add(x, y, t);
      return;
    }
  };
  while (count < l.links - fiftyCount * FIFTY) cross(null);
  // 5. Front companies given exactly 50 links, none to a hub (their two-hop neighbourhood is theirs, not a hub's).
  const fifty: number[] = [];
  while (fifty.length < fiftyCount) {
    const f = slotOf(l, rnd.int(0, l.cases - 1), 0);
    if (isFifty[f] || nearHub[f] || (degree[f] ?? 0) >= FIFTY) continue;
    isFifty[f] = 1;
    fifty.push(f);
  }
  const blocked = new Uint8Array(l.entities);
  for (let k = 0; k < l.hubs; k++) blocked[k] = 1;
  for (const f of fifty) blocked[f] = 1;
  for (const f of fifty) {
    const seen = new Set<number>();
    while ((degree[f] ?? 0) < FIFTY) {
      const [slot, t] = rnd.pick(TOP_UP_LINKS);
      const y = slotOf(l, rnd.int(0, l.cases - 1), slot);
      if (blocked[y] || seen.has(y) || y === f) continue;
      seen.add(y);
      add(f, y, t);
    }
  }
  // 6. The rest, never touching those.
  while (count < l.links) cross(isFifty);
  return { from, to, type, count, degree, fifty };
}

function slotInScheme(l: Layout, i: number): number {
  let lo = 0;
  let hi = l.cases - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((l.schemeStart[mid] ?? 0) <= i) lo = mid;
    else hi = mid - 1;
  }
  return i - (l.schemeStart[lo] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// The cache

export interface LinkManifest {
  schema: number;
  cases: number;
  entities: number;
  links: number;
  roles: number;
  identifiers: number;
  /** Entities with exactly 50 direct links. */
  fifty: string[];
  /** Ordinary cases to ask "where else" about. */
  typicalCases: string[];
  /** A case naming the biggest hub, and that hub with its number of links. */
  hubCase: string;
  hub: { id: string; kind: string; links: number };
  seconds: number;
  bytes: number;
}

export function linkCacheFile(cases: number): string {
  const size = cases % 1000 === 0 ? `${cases / 1000}k` : String(cases);
  return path.join(REPO, '.tmp', 'bench', `links-${size}-seed${SEED}-v${LATEST_VERSION}.db`);
}
const manifestFile = (file: string) => file.replace(/\.db$/, '.json');

function schemaOf(db: Database.Database): string {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[];
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`).join('\n');
}

function currentSchema(): string {
  const db = new Database(':memory:');
  try {
    migrate(db);
    return schemaOf(db);
  } finally {
    db.close();
  }
}

function readManifest(file: string): LinkManifest | null {
  try {
    return JSON.parse(fs.readFileSync(manifestFile(file), 'utf8')) as LinkManifest;
  } catch {
    return null;
  }
}

/** Why the cached database cannot be used, or null if it can. */
function staleReason(file: string, cases: number): string | null {
  const manifest = readManifest(file);
  if (!manifest) return 'no manifest beside it';
  const l = layoutOf(cases);
  if (manifest.cases !== cases || manifest.entities !== l.entities || manifest.links !== l.links)
    return `its manifest is for another size (${manifest.cases} cases)`;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return `cannot open it (${(err as Error).message})`;
  }
  try {
    if (schemaOf(db) !== currentSchema()) return 'its schema differs from the migrations as they stand now';
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (count('cases') !== cases) return `it holds ${count('cases')} cases, not ${cases}`;
    if (count('entity_links') !== l.links) return 'it holds another number of links';
    return null;
  } catch (err) {
    return `cannot read it (${(err as Error).message})`;
  } finally {
    db.close();
  }
}

const now = () => performance.now();
const secs = (t0: number) => ((now() - t0) / 1000).toFixed(1);

/** Runs in the child process: writes the database by bulk SQL, then the manifest. */
function generate(file: string, cases: number): void {
  const started = now();
  const l = layoutOf(cases);
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-journal`, manifestFile(file)]) fs.rmSync(f, { force: true });
  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  migrate(db);
  // Secondary indexes and the full-text triggers are dropped for the load and made again after it,
  // from the SQL the migrations left: the same schema, built by sorting once rather than row by row.
  const tables = ['cases', 'entities', 'entity_links', 'case_entities', 'entity_identifiers'];
  const saved = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
       AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY type, name`,
    )
    .all(...tables) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const s of saved) db.exec(`DROP ${s.type.toUpperCase()} ${s.name}`);
  const log = (what: string) => console.log(`  ${what} (${secs(started)} s)`);
  const rnd = new Random(SEED);
  const created = `${TODAY}T12:00:00.000Z`;

  // Cases.
  const insertCase = db.prepare(
    `INSERT INTO cases (seq, id, file_number, title, status, priority, lead_investigator, opened_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const perYear = new Map<string, number>();
  db.transaction(() => {
    for (let c = 0; c < cases; c++) {
      const r = rndOf(c, 31);
      const opened = dateBetween(r, 2019, TODAY);
      const year = opened.slice(0, 4);
      const n = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, n);
      const title = r
        .pick(TITLE_PATTERNS)
        .replace('{goods}', r.pick(GOODS))
        .replace('{dest}', r.pick(DESTINATIONS))
        .replace('{transit}', r.pick(TRANSITS));
      const status = r.weighted([
        ['open', 5],
        ['under_review', 2],
        ['referred_for_prosecution', 1],
        ['closed', 2],
      ] as const);
      const priority = r.weighted([
        ['low', 2],
        ['medium', 5],
        ['high', 2],
        ['critical', 1],
      ] as const);
      insertCase.run(
        c + 1,
        caseId(c),
        `${year}-EXP-${String(n).padStart(6, '0')}`,
        title.charAt(0).toUpperCase() + title.slice(1),
        status,
        priority,
        `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
        opened,
        `${opened}T12:00:00.000Z`,
        `${opened}T12:00:00.000Z`,
      );
    }
  })();
  log(`${cases.toLocaleString('en-US')} cases`);

  // Entities, with their identifiers.
  const twinOriginal = new Int32Array(l.twins);
  for (let t = 0; t < l.twins; t++) {
    const c = rnd.int(0, l.cases - 1);
    twinOriginal[t] = slotOf(l, c, rnd.chance(0.5) ? 0 : 1);
  }
  const twinOf = (i: number) => twinOriginal[i - (l.entities - l.twins)] ?? l.hubs;
  const insertEntity = db.prepare(
    `INSERT INTO entities (seq, id, kind, name, subtype, country, details, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIdentifier = db.prepare('INSERT OR IGNORE INTO entity_identifiers (entity_id, scheme, value) VALUES (?, ?, ?)');
  let identifiers = 0;
  const batch = 100_000;
  for (let start = 0; start < l.entities; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(l.entities, start + batch); i++) {
        const e = entityRecord(l, i, twinOf);
        const id = entityId(i);
        insertEntity.run(i + 1, id, e.kind, e.name, e.subtype, e.country, e.details, e.searchText, created, created);
        if (e.identifier) identifiers += insertIdentifier.run(id, e.identifier[0], e.identifier[1]).changes;
      }
    })();
  }
  log(`${l.entities.toLocaleString('en-US')} entities, ${identifiers.toLocaleString('en-US')} identifiers`);

  // Links.
  const links = buildLinks(l, rnd, twinOriginal);
  const insertLink = db.prepare(
    `INSERT INTO entity_links (seq, id, type, from_entity_id, to_entity_id, share_bp, source, confidence, valid_from, valid_to,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sources = [
    'Corporate registry extract',
    'Bill of lading',
    'Vessel manifest',
    'Commercial invoice',
    'Open-source research',
    'Witness interview',
    'Intercepted correspondence',
  ];
  for (let start = 0; start < links.count; start += batch) {
    db.transaction(() => {
      for (let k = start; k < Math.min(links.count, start + batch); k++) {
        const r = rndOf(k, 37);
        const t = LINK_TYPES[links.type[k] ?? 12] ?? 'associated';
        const validFrom = r.chance(0.3) ? dateBetween(r, 2015, '2024-12-31') : null;
        const validTo = validFrom && r.chance(0.15) ? dateBetween(r, Number(validFrom.slice(0, 4)) + 1, TODAY) : null;
        insertLink.run(
          k + 1,
          uuidOf(T_LINK, k),
          t,
          entityId(links.from[k] ?? 0),
          entityId(links.to[k] ?? 0),
          t === 'owns' ? r.pick([10000, 5100, 5000, 2500]) : null,
          r.pick(sources),
          r.weighted([
            ['confirmed', 16],
            ['probable', 3],
            ['possible', 1],
          ] as const),
          validFrom,
          validTo && validFrom && validTo >= validFrom ? validTo : null,
          created,
          created,
        );
      }
    })();
  }
  log(`${links.count.toLocaleString('en-US')} links`);

  // Roles: each case names its scheme's front, mostly its director, often the exporter; now and
  // then the front of a nearby scheme (reused) or a hub (the forwarder of many cases).
  const insertRole = db.prepare(
    'INSERT OR IGNORE INTO case_entities (id, case_id, entity_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let roles = 0;
  const hubCaseIndex = Math.floor(cases / 2);
  let biggest = 0;
  for (let k = 0; k < l.hubs; k++) if ((links.degree[k] ?? 0) > (links.degree[biggest] ?? 0)) biggest = k;
  db.transaction(() => {
    for (let c = 0; c < cases; c++) {
      const r = rndOf(c, 41);
      const named: [number, string][] = [[slotOf(l, c, 0), 'suspect']];
      if (r.chance(0.7)) named.push([slotOf(l, c, 1), r.pick(['suspect', 'subject'])]);
      if (r.chance(0.5)) named.push([slotOf(l, c, 3), 'exporter']);
      if (r.chance(0.4)) named.push([slotOf(l, c, 5), 'subject']);
      if (r.chance(0.2)) named.push([slotOf(l, c, 9), 'end_user']);
      if (r.chance(0.2)) named.push([slotOf(l, Math.min(cases - 1, c + r.int(1, 30)), 0), 'consignee']);
      if (r.chance(0.03)) named.push([r.int(0, l.hubs - 1), 'other']);
      if (c === hubCaseIndex) named.push([biggest, hubKind(biggest) === 'forwarder' ? 'freight_forwarder' : 'other']);
      for (const [e, role] of named) {
        roles += insertRole.run(uuidOf(T_ROLE, roles), caseId(c), entityId(e), role, created, created).changes;
      }
    }
  })();
  log(`${roles.toLocaleString('en-US')} roles in cases`);

  for (const s of saved) db.exec(s.sql);
  log('indexes rebuilt');
  db.exec("INSERT INTO entities_fts (entities_fts) VALUES ('rebuild'); INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');");
  log('full-text indexes rebuilt');
  db.pragma('journal_mode = DELETE');
  db.close();
  fs.renameSync(partial, file);

  const typical: string[] = [];
  const pick = new Random(SEED + 1);
  while (typical.length < 200) {
    const c = pick.int(0, cases - 1);
    if (c !== hubCaseIndex) typical.push(caseId(c));
  }
  const manifest: LinkManifest = {
    schema: LATEST_VERSION,
    cases,
    entities: l.entities,
    links: links.count,
    roles,
    identifiers,
    fifty: links.fifty.map(entityId),
    typicalCases: typical,
    hubCase: caseId(hubCaseIndex),
    hub: { id: entityId(biggest), kind: hubKind(biggest), links: links.degree[biggest] ?? 0 },
    seconds: Math.round((now() - started) / 100) / 10,
    bytes: fs.statSync(file).size,
  };
  fs.writeFileSync(manifestFile(file), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `  generated in ${manifest.seconds} s: ${(manifest.bytes / 2 ** 20).toFixed(0)} MiB, ` +
      `biggest hub ${manifest.hub.kind} with ${manifest.hub.links.toLocaleString('en-US')} links`,
  );
}

export function ensureLinkSeed(cases: number, fresh: boolean): { file: string; manifest: LinkManifest } {
  const file = linkCacheFile(cases);
  const rel = path.relative(REPO, file);
  const reason = fresh ? '--fresh' : fs.existsSync(file) ? staleReason(file, cases) : 'no cached database yet';
  if (reason) {
    console.log(`Seed:     ${rel}: generating by bulk SQL (${reason})`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true });
    const child = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--generate', file, '--cases', String(cases)], {
      stdio: 'inherit',
    });
    if (child.status !== 0 || !fs.existsSync(file))
      throw new Error(`generating failed (exit ${child.status ?? child.signal ?? '?'})`);
  } else {
    console.log(`Seed:     ${rel} (cached; --fresh to generate again)`);
  }
  const manifest = readManifest(file);
  if (!manifest) throw new Error(`no manifest beside ${rel}`);
  return { file, manifest };
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Stats {
  median: number;
  p95: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

function timeOnce(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

interface Timed {
  label: string;
  result: string;
  contract: Stats;
  direct: Stats;
  iterations: number;
  mismatch: boolean;
  target: boolean;
}

/**
 * Both paths over the same inputs in turn (the i-th call of each gets the i-th input), alternating
 * which goes first, after a warm-up; `rounds` keeps the least disturbed round.
 */
function measure(
  inputs: readonly string[],
  contract: (input: string) => unknown,
  direct: (input: string) => unknown,
  iterations: number,
  rounds: number,
): Pick<Timed, 'contract' | 'direct' | 'iterations'> {
  for (let i = 0; i < Math.min(20, inputs.length * 2); i++) {
    const input = inputs[i % inputs.length] ?? '';
    contract(input);
    direct(input);
  }
  let best: Pick<Timed, 'contract' | 'direct' | 'iterations'> | null = null;
  for (let r = 0; r < rounds; r++) {
    const c: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const input = inputs[i % inputs.length] ?? '';
      if (i % 2 === 0) {
        c.push(timeOnce(() => contract(input)));
        d.push(timeOnce(() => direct(input)));
      } else {
        d.push(timeOnce(() => direct(input)));
        c.push(timeOnce(() => contract(input)));
      }
    }
    const m = { contract: stats(c), direct: stats(d), iterations };
    if (!best || m.contract.p95 + m.direct.p95 < best.contract.p95 + best.direct.p95) best = m;
  }
  if (!best) throw new Error('no round measured');
  return best;
}

function via(core: Core, method: string, input: Record<string, unknown>): unknown {
  const env = core.invoke(method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.code}: ${env.error.message}`);
  return env.result;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');

function printRows(rows: readonly Timed[]): void {
  const header = ['query', 'result', 'n', 'contract med', 'p95', 'direct med', 'p95', 'ratio', 'verdict'];
  const cells = rows.map((r) => [
    r.label,
    r.result,
    String(r.iterations),
    ms(r.contract.median),
    ms(r.contract.p95),
    ms(r.direct.median),
    ms(r.direct.p95),
    `${(r.contract.p95 / r.direct.p95).toFixed(2)}x`,
    [
      ...(r.target && r.contract.p95 >= TARGET_P95_MS ? [`FAIL p95 >= ${TARGET_P95_MS} ms`] : []),
      ...(r.mismatch ? ['FAIL results differ'] : []),
      ...(r.target ? [] : ['(beyond the brief)']),
    ].join(', ') || 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const right = new Set([2, 3, 4, 5, 6, 7]);
  const fmt = (line: readonly string[]) =>
    line
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(fmt(c));
}

export interface LinkBenchOptions {
  cases: number;
  fresh: boolean;
  iterations: number;
  rounds: number;
}

/** The link-analysis bench: generates (or reuses) its database, times the two reads, runs the duplicate search. */
export async function benchLinks(o: LinkBenchOptions): Promise<void> {
  console.log('');
  console.log('Link analysis (issue 10): graph.entity, cases.whereElse, the duplicate search');
  const { file: cached, manifest } = ensureLinkSeed(o.cases, o.fresh);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-links-'));
  const file = path.join(dir, 'links.db');
  let core: Core | undefined;
  try {
    fs.copyFileSync(cached, file);
    core = await openCore(file, { actor: { name: 'Bench', badge: '' } });
    const db = core.db;
    const open = core;
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(
      `Database: ${n(manifest.cases)} cases, ${n(manifest.entities)} entities, ${n(manifest.links)} links, ` +
        `${n(manifest.roles)} roles, ${n(manifest.identifiers)} identifiers; ` +
        `${(manifest.bytes / 2 ** 20).toFixed(0)} MiB, generated in ${manifest.seconds} s (no audit records: a read bench)`,
    );
    const degree = db.prepare(
      'SELECT (SELECT count(*) FROM entity_links WHERE from_entity_id = @id) + (SELECT count(*) FROM entity_links WHERE to_entity_id = @id)',
    );
    const fiftyOk = manifest.fifty.every((id) => degree.pluck().get({ id }) === FIFTY);
    console.log(
      `Inputs:   ${manifest.fifty.length} entities with exactly ${FIFTY} links${fiftyOk ? '' : ' (FAIL: not all have 50)'}, ` +
        `${manifest.typicalCases.length} ordinary cases, a case naming the biggest hub (${manifest.hub.kind}, ` +
        `${n(manifest.hub.links)} links)`,
    );
    console.log('');

    const rows: Timed[] = [];
    const time = (
      label: string,
      inputs: readonly string[],
      contract: (input: string) => unknown,
      direct: (input: string) => unknown,
      describe: (answers: unknown[]) => string,
      target: boolean,
    ) => {
      const first = inputs.slice(0, Math.min(inputs.length, 20));
      const answers = first.map(contract);
      const mismatch = first.some((input, i) => JSON.stringify(direct(input)) !== JSON.stringify(answers[i]));
      const m = measure(inputs, contract, direct, o.iterations, o.rounds);
      rows.push({ label, result: describe(answers), mismatch, target, ...m });
    };
    type GraphAnswer = { nodes: unknown[]; links: unknown[]; truncated: boolean };
    const graphResult = (answers: unknown[]) => {
      const g = answers as GraphAnswer[];
      const avg = (f: (a: GraphAnswer) => number) => Math.round(g.reduce((s, a) => s + f(a), 0) / g.length);
      return `~${avg((a) => a.nodes.length)} nodes, ~${avg((a) => a.links.length)} links, ${g.filter((a) => a.truncated).length}/${g.length} cut`;
    };
    type WhereAnswer = { results: unknown[]; total: number; truncated: unknown[] };
    const whereResult = (answers: unknown[]) => {
      const w = answers as WhereAnswer[];
      const avg = Math.round(w.reduce((s, a) => s + a.total, 0) / w.length);
      return `~${avg} cases tied, ${w.filter((a) => a.truncated.length > 0).length}/${w.length} capped`;
    };
    time(
      `graph.entity hops 2 (entities with ${FIFTY} links)`,
      manifest.fifty,
      (entityId) => via(open, 'graph.entity', { entityId, hops: 2 }),
      (entityId) => entityNeighbourhood(db, [entityId], 2, GRAPH_DEFAULT_NODES),
      graphResult,
      true,
    );
    time(
      'cases.whereElse (ordinary cases)',
      manifest.typicalCases,
      (caseId) => via(open, 'cases.whereElse', { caseId }),
      (caseId) => findWhereElse(db, { caseId }, WHERE_ELSE_LIMIT),
      whereResult,
      true,
    );
    time(
      'cases.whereElse (a case naming the biggest hub)',
      [manifest.hubCase],
      (caseId) => via(open, 'cases.whereElse', { caseId }),
      (caseId) => findWhereElse(db, { caseId }, WHERE_ELSE_LIMIT),
      whereResult,
      true,
    );
    time(
      'graph.entity hops 2 (the biggest hub)',
      [manifest.hub.id],
      (entityId) => via(open, 'graph.entity', { entityId, hops: 2 }),
      (entityId) => entityNeighbourhood(db, [entityId], 2, GRAPH_DEFAULT_NODES),
      graphResult,
      false,
    );
    printRows(rows);
    const brief = rows.filter((r) => r.target);
    const slow = brief.filter((r) => r.contract.p95 >= TARGET_P95_MS || r.mismatch);
    console.log('');
    console.log(
      `${slow.length ? 'FAIL' : 'PASS'}  graph.entity and cases.whereElse p95 < ${TARGET_P95_MS} ms at the contract` +
        (slow.length ? `: ${slow.map((r) => `${r.label} ${ms(r.contract.p95)} ms`).join('; ')}` : ` (all ${brief.length})`),
    );

    // The duplicate search over the whole entity table: one run, its time (it is a job, not a page).
    const rssBefore = process.memoryUsage().rss;
    const t0 = now();
    const d = findDuplicates(db, { now: new Date().toISOString() });
    const elapsed = (now() - t0) / 1000;
    console.log(
      `Duplicate search (db/services/duplicates.ts, the job's body): ${elapsed.toFixed(1)} s over ${n(d.entities)} named entities ` +
        `(${n(manifest.entities)} in all): ${n(d.pairsConsidered)} pairs scored, ${n(d.candidates)} candidates, ` +
        `${n(d.commonNamesSkipped)} common names skipped; RSS ${(rssBefore / 2 ** 20).toFixed(0)} -> ` +
        `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    core?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script: the child that generates the database.
if (path.resolve(process.argv[1] ?? '') === SCRIPT) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--generate');
  const casesAt = argv.indexOf('--cases');
  const file = argv[at + 1];
  const cases = Number(argv[casesAt + 1]);
  if (at === -1 || !file || !Number.isInteger(cases) || cases < 100) {
    console.error('usage: tsx scripts/bench-links.ts --generate FILE --cases N (N >= 100); the bench: npm run bench -- --links');
    process.exitCode = 2;
  } else {
    generate(file, cases);
  }
}
