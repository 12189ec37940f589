import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import type { JobStep } from '../shared/domain.ts';
import { seedCases } from './cases.ts';
import { recentCaseIds, seedEntities } from './entities.ts';
import { seedEnforcement } from './enforcement.ts';
import { seedNetwork, type HubCase } from './network.ts';
import { Random } from './random.ts';
import { seedSeizures } from './seizures.ts';
import { seedVerifications } from './verifications.ts';

export interface SeedAllOptions {
  cases: number;
  seed: number;
  /** 1-4 roles per case on average (0: no entities). */
  entitiesPerCase: number;
  /** The date seeded cases lead up to (YYYY-MM-DD). */
  today: string;
  progress(done: number, total: number, step: JobStep): void;
  cancelled(): boolean;
}

export interface SeedAllResult {
  cases: number;
  entities: number;
  links: number;
  roles: number;
  /** Procurement networks (db/seed/network.ts): shells, nominee directors, ownership chains across cases. */
  networks: number;
  /** Pairs of records of one person or company under two spellings (one pair only looks alike). */
  nearDuplicates: number;
  /** A case whose entities reach 100-300 others within two links (the link chart's work). */
  hubCase: HubCase | null;
  seizures: number;
  items: number;
  custodyEntries: number;
  detentions: number;
  requests: number;
  penalties: number;
  payments: number;
  checks: number;
  inspections: number;
  audits: number;
  /** Stopped before the end: what was seeded until then stays (each batch is its own transaction). */
  cancelled: boolean;
}

/**
 * `dossier seed`: cases, then their parties and links and the procurement networks across them,
 * seizures, detentions and penalties, through the contract.
 */
export function seedAll(db: Db, invoke: Invoke, o: SeedAllOptions): SeedAllResult {
  const result: SeedAllResult = {
    cases: 0,
    entities: 0,
    links: 0,
    roles: 0,
    networks: 0,
    nearDuplicates: 0,
    hubCase: null,
    seizures: 0,
    items: 0,
    custodyEntries: 0,
    detentions: 0,
    requests: 0,
    penalties: 0,
    payments: 0,
    checks: 0,
    inspections: 0,
    audits: 0,
    cancelled: false,
  };
  const step = (s: JobStep) => ({
    cancelled: o.cancelled,
    onProgress: (done: number, total: number) => o.progress(done, total, s),
  });
  result.cases = seedCases(db, invoke, { cases: o.cases, seed: o.seed, today: o.today, ...step('seed_cases') }).created;
  const caseIds = () => recentCaseIds(db, result.cases);
  if (!o.cancelled() && o.entitiesPerCase > 0) {
    const e = seedEntities(db, invoke, new Random(o.seed + 3003), caseIds(), {
      perCase: o.entitiesPerCase,
      today: o.today,
      ...step('seed_entities'),
    });
    Object.assign(result, { entities: e.entities, links: e.links, roles: e.roles });
    if (!o.cancelled()) {
      // Progress under the entity step: the networks are more parties and links.
      const n = seedNetwork(db, invoke, new Random(o.seed + 6006), caseIds(), { today: o.today, ...step('seed_entities') });
      result.entities += n.entities;
      result.links += n.links;
      result.roles += n.roles;
      Object.assign(result, { networks: n.networks, nearDuplicates: n.nearDuplicates, hubCase: n.hubCase });
    }
  }
  if (!o.cancelled()) {
    const s = seedSeizures(db, invoke, new Random(o.seed + 4004), caseIds(), o.today, step('seed_seizures'));
    Object.assign(result, { seizures: s.seizures, items: s.items, custodyEntries: s.custodyEntries });
  }
  if (!o.cancelled()) {
    const e = seedEnforcement(db, invoke, new Random(o.seed + 5005), caseIds(), o.today, step('seed_enforcement'));
    Object.assign(result, { detentions: e.detentions, requests: e.requests, penalties: e.penalties, payments: e.payments });
  }
  if (!o.cancelled()) {
    // Progress under the enforcement step: checks, inspections and audits are enforcement work too.
    const v = seedVerifications(db, invoke, new Random(o.seed + 7007), caseIds(), o.today, step('seed_enforcement'));
    Object.assign(result, v);
  }
  result.cancelled = o.cancelled();
  return result;
}
