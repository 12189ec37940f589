import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import { CASE_TRANSITIONS, type CaseStatus, type Priority, type ViolationType } from '../shared/domain.ts';
import { addDays } from '../shared/time.ts';
import { Random } from './random.ts';
import { AGENCIES, AUTHORITIES, DESTINATIONS, FIRST_NAMES, GOODS, LAST_NAMES, TITLE_PATTERNS, TRANSITS } from './vocabulary.ts';

export interface SeedOptions {
  cases: number;
  seed: number;
  /** The date seeded cases lead up to (YYYY-MM-DD). */
  today: string;
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches; true stops the seed after the current batch. */
  cancelled?: () => boolean;
}

function must<T>(env: { ok: true; result: T } | { ok: false; error: { message: string } }): T {
  if (!env.ok) throw new Error(env.error.message);
  return env.result;
}

/** The path of statuses a seeded case walks to reach `target`. */
function pathTo(target: CaseStatus): CaseStatus[] {
  switch (target) {
    case 'open':
      return [];
    case 'under_review':
      return ['under_review'];
    case 'referred_for_prosecution':
      return ['under_review', 'referred_for_prosecution'];
    case 'closed':
      return ['under_review', 'closed'];
  }
}

/**
 * Seeds realistic cases through the contract itself, so that seeded data is validated and
 * audited like any other. Batches run in one transaction each.
 */
export function seedCases(db: Db, invoke: Invoke, opts: SeedOptions): { created: number } {
  const rnd = new Random(opts.seed);
  const investigators = Array.from({ length: 24 }, () => `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`);
  const batch = 1000;
  let created = 0;
  while (created < opts.cases && !opts.cancelled?.()) {
    const n = Math.min(batch, opts.cases - created);
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const goods = rnd.pick(GOODS);
        const title = rnd
          .pick(TITLE_PATTERNS)
          .replace('{goods}', goods)
          .replace('{dest}', rnd.pick(DESTINATIONS))
          .replace('{transit}', rnd.pick(TRANSITS));
        const openedOn = addDays(opts.today, -rnd.int(0, 8 * 365));
        const age = (Date.parse(opts.today) - Date.parse(openedOn)) / 86_400_000;
        const target: CaseStatus =
          age > 1500
            ? rnd.weighted([
                ['closed', 8],
                ['referred_for_prosecution', 2],
              ] as const)
            : rnd.weighted([
                ['open', 5],
                ['under_review', 3],
                ['referred_for_prosecution', 1],
                ['closed', 2],
              ] as const);
        const violationType = rnd.weighted<ViolationType>([
          ['export_without_permit', 5],
          ['sanctions_breach', 4],
          ['diversion_third_country', 4],
          ['false_declaration', 3],
          ['unlicensed_technology_transfer', 1],
          ['end_use_violation', 1],
          ['smuggling', 1],
        ]);
        const c = must(
          invoke('cases.create', {
            title: title.charAt(0).toUpperCase() + title.slice(1),
            priority: rnd.weighted<Priority>([
              ['low', 2],
              ['medium', 5],
              ['high', 3],
              ['critical', 1],
            ]),
            leadInvestigator: rnd.pick(investigators),
            agency: rnd.pick(AGENCIES),
            partnerAgencies: rnd.chance(0.2) ? [rnd.pick(AGENCIES)] : [],
            violationType,
            legalAuthorities: rnd.pick(AUTHORITIES),
            securityMarking: rnd.weighted([
              ['protected_b', 8],
              ['protected_a', 1],
              ['protected_c', 1],
            ] as const),
            summary:
              `Investigation into ${goods.toLowerCase()} exported without the required permit; ` +
              `shipment routed through ${rnd.pick(TRANSITS)}.`,
            openedOn,
          }) as { ok: true; result: { id: string } } | { ok: false; error: { message: string } },
        );
        let previous: CaseStatus = 'open';
        for (const status of pathTo(target)) {
          if (!CASE_TRANSITIONS[previous].includes(status)) break;
          const closedOn =
            status === 'closed' ? addDays(openedOn, Math.min(rnd.int(30, 900), Math.max(0, Math.floor(age)))) : undefined;
          must(invoke('cases.setStatus', closedOn ? { id: c.id, status, closedOn } : { id: c.id, status }));
          previous = status;
        }
      }
    })();
    created += n;
    opts.onProgress?.(created, opts.cases);
  }
  return { created };
}
