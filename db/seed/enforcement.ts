import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import type { DetentionOutcome, DetentionSubject, InfoRequestKind, PaymentMethod, PenaltyLevel } from '../shared/domain.ts';
import { limitationYears } from '../shared/domain.ts';
import { addDays } from '../shared/time.ts';
import type { Random } from './random.ts';

/**
 * Detentions (with information requests to the exporter and technical-assessment referrals) and
 * monetary penalties (with payments, reviews and reductions) for a share of seeded cases, through
 * the contract so that they are validated and audited like any other record. Older records are
 * mostly settled; recent ones are open, and some of them are overdue.
 */

export interface EnforcementSeedOptions {
  /** The share of cases with a detention (default 0.12). */
  detentionFraction?: number;
  /** The share of cases with monetary penalties (default 0.1). */
  penaltyFraction?: number;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

export interface EnforcementSeedResult {
  detentions: number;
  requests: number;
  penalties: number;
  payments: number;
}

const CA_PLACES = [
  'Port of Montréal, Cast container terminal',
  'Montréal–Trudeau International Airport, cargo village',
  'Port of Vancouver, Centerm terminal',
  'Vancouver International Airport, south cargo facility',
  'Toronto Pearson International Airport, Infield cargo',
  'Port of Halifax, Fairview Cove terminal',
  'Lacolle commercial crossing, Highway 15',
  'Ambassador Bridge commercial crossing, Windsor ON',
];
const US_PLACES = [
  'Port of Los Angeles, Pier 400',
  'JFK International Airport, Building 77 cargo',
  'Miami International Airport, cargo city',
  'Port of Houston, Barbours Cut terminal',
  'Blaine commercial crossing, Washington',
];
const CA_AUTHORITIES = [
  'Customs Act, s. 101 (detention for compliance with the EIPA)',
  'Export and Import Permits Act, s. 13',
  'Customs Act, s. 101 and 110',
];
const US_AUTHORITIES = [
  '15 C.F.R. 758.7(b) (detention by the Office of Export Enforcement)',
  'Export Control Reform Act, 50 U.S.C. 4820(a)',
];
const CA_OFFICES = ['Global Affairs Canada, Export Controls Division', 'CBSA Science and Engineering Directorate'];
const US_OFFICES = [
  'BIS Office of Exporter Services, Commodity Classification',
  'BIS Office of National Security and Technology Transfer Controls',
];

/** Destinations in ISO 3166: transshipment hubs, and the sanctioned end destinations behind them. */
const HUBS = ['AM', 'KZ', 'KG', 'TR', 'AE', 'HK', 'GE', 'UZ', 'RS', 'MY', 'TH'];
const FINAL = ['RU', 'IR', 'BY', 'SY', 'MM', 'VE'];

/** The ECCN an exporter declares for goods named in the case title (sometimes the wrong one on purpose). */
const ECCNS: readonly (readonly [string, readonly string[]])[] = [
  ['FPGA', ['3A001.a.7', '3A991', 'EAR99']],
  ['GNSS', ['7A994', '7A005', 'EAR99']],
  ['UAV', ['9A012', '9A610', 'EAR99']],
  ['machine tool', ['2B001', '2B991']],
  ['thermal', ['6A003.b.4', '6A993', 'EAR99']],
  ['oscilloscope', ['3A992.a', '3A002.a']],
  ['microcircuit', ['9A515.e', '3A001.a.1']],
  ['carbon fibre', ['1C010.e', '1C210']],
  ['gyroscope', ['7A001', '7A994']],
  ['synthesizer', ['3A002.d', '3A992']],
  ['encryption', ['5A002.a', '5A992.c']],
  ['night-vision', ['6A002.a.2', '0A919']],
  ['inertial', ['7A003', '7A994']],
  ['maraging', ['1C216']],
];
const PERMITS = ['EXP-2024-018834', 'EXP-2025-004512', 'GEP-Ex-48', 'NLR', 'D1234567 (BIS license)'];
const REASONS = [
  'The declared ECCN does not match the goods described on the commercial invoice',
  'The consignee is a freight forwarder in a known transshipment hub',
  'No end user is named on the export declaration',
  'The declared value is far below the market price of the goods',
  'The route through a third country has no commercial rationale',
  'The goods appear on a list of common high priority items',
];
const REQUEST_TEXT: Record<InfoRequestKind, string> = {
  item_list: 'Complete list of the items in the shipment, with part numbers and serial numbers',
  specifications: 'Technical specifications and data sheets of the goods',
  end_use_certificate: 'End-use certificate signed by the end user, with its stated use',
  other: 'Proof of payment and the contract of sale',
};

/** Customs AMP codes (Canada) and EAR violations (U.S.). */
const CA_CODES = ['C001', 'C152', 'C155', 'C184', 'C324', 'C353'];
const US_CODES = ['15 C.F.R. 764.2(a)', '15 C.F.R. 764.2(b)', '15 C.F.R. 764.2(e)', '15 C.F.R. 764.2(g)', '15 C.F.R. 764.2(h)'];

/** Penalty ranges in major units, by level: customs AMPs in CAD, U.S. export penalties in USD. */
const CA_AMOUNTS: Record<PenaltyLevel, readonly [number, number]> = {
  first: [250, 1500],
  second: [500, 3000],
  third_or_later: [1000, 8000],
};
const US_AMOUNTS: Record<PenaltyLevel, readonly [number, number]> = {
  first: [20_000, 120_000],
  second: [60_000, 300_000],
  third_or_later: [150_000, 900_000],
};

function must(env: ReturnType<Invoke>): unknown {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result;
}

const pad = (n: number) => String(n).padStart(2, '0');
const minDate = (a: string, b: string) => (a < b ? a : b);

interface CaseInfo {
  openedOn: string;
  status: string;
  title: string;
  agency: string;
  legalAuthorities: string;
}

export function seedEnforcement(
  db: Db,
  invoke: Invoke,
  rnd: Random,
  caseIds: readonly string[],
  today: string,
  opts: EnforcementSeedOptions = {},
): EnforcementSeedResult {
  const detentionFraction = opts.detentionFraction ?? 0.12;
  const penaltyFraction = opts.penaltyFraction ?? 0.1;
  const caseInfo = db.prepare(
    'SELECT opened_on AS openedOn, status, title, agency, legal_authorities AS legalAuthorities FROM cases WHERE id = ?',
  );
  const parties = db.prepare(
    `SELECT e.id, ce.role FROM case_entities ce JOIN entities e ON e.id = ce.entity_id
     WHERE ce.case_id = ? AND e.kind IN ('person', 'organization') ORDER BY ce.seq`,
  );
  const result: EnforcementSeedResult = { detentions: 0, requests: 0, penalties: 0, payments: 0 };

  /** A person or organization of the case in one of `roles` (else any), or a new organization. */
  const partyOf = (caseId: string, roles: readonly string[]): string => {
    const linked = parties.all(caseId) as { id: string; role: string }[];
    const found = linked.find((p) => roles.includes(p.role)) ?? linked[0];
    if (found) return found.id;
    const org = must(
      invoke('entities.create', {
        kind: 'organization',
        legalName: `${rnd.pick(['Vostok', 'Silk Road', 'Eastgate', 'Polaris', 'Caspian', 'Orion'])} ${rnd.pick(['Trading', 'Logistics', 'Technologies', 'Supply'])} ${rnd.pick(['LLC', 'FZE', 'Ltd.', 'Inc.'])}`,
        country: rnd.pick(HUBS),
      }),
    ) as { id: string };
    must(invoke('cases.addEntity', { caseId, entityId: org.id, role: roles[0] ?? 'subject' }));
    return org.id;
  };

  const detain = (caseId: string, c: CaseInfo, us: boolean) => {
    // At midday UTC (the same calendar day in the Americas and Europe), and never today, so never in the future.
    const startedOn = minDate(addDays(c.openedOn, -rnd.int(0, 12)), addDays(today, -1));
    const startedAt = `${startedOn}T${pad(rnd.int(11, 13))}:${pad(rnd.int(0, 59))}:00Z`;
    const age = (Date.parse(today) - Date.parse(startedOn)) / 86_400_000;
    const goods = ECCNS.find(([k]) => c.title.toLowerCase().includes(k.toLowerCase()));
    const referred = rnd.chance(0.6);
    const referredOn = referred ? minDate(addDays(startedOn, rnd.int(0, 4)), today) : null;
    const answered =
      referredOn !== null && age > 25 && rnd.chance(0.8) ? minDate(addDays(referredOn, rnd.int(7, 40)), today) : null;
    const d = must(
      invoke('detentions.create', {
        caseId,
        subject: rnd.weighted<DetentionSubject>([
          ['shipment', 6],
          ['goods', 3],
          ['person', 1],
        ]),
        startedAt,
        place: rnd.pick(us ? US_PLACES : CA_PLACES),
        legalAuthority: rnd.pick(us ? US_AUTHORITIES : CA_AUTHORITIES),
        exporterId: partyOf(caseId, ['exporter', 'subject', 'suspect']),
        consigneeId: rnd.chance(0.8) ? partyOf(caseId, ['consignee', 'suspect', 'end_user']) : null,
        destinationCountry: rnd.chance(0.7) ? rnd.pick(HUBS) : rnd.pick(FINAL),
        declaredPermit: rnd.chance(0.3) ? rnd.pick(PERMITS) : null,
        declaredEccn: goods && rnd.chance(0.8) ? rnd.pick(goods[1]) : rnd.chance(0.3) ? 'EAR99' : null,
        reason: rnd.pick(REASONS),
        assessmentOffice: referred ? rnd.pick(us ? US_OFFICES : CA_OFFICES) : null,
        referredOn,
        assessmentAnsweredOn: answered,
      }),
    ) as { id: string };
    result.detentions++;
    const kinds = rnd.weighted<InfoRequestKind[]>([
      [['end_use_certificate'], 4],
      [['item_list', 'specifications'], 3],
      [['item_list', 'specifications', 'end_use_certificate'], 2],
      [[], 2],
      [['other'], 1],
    ]);
    const requests: { id: string; dueOn: string; requestedOn: string }[] = [];
    for (const kind of kinds) {
      const requestedOn = minDate(addDays(startedOn, rnd.int(0, 5)), today);
      const dueOn = addDays(requestedOn, rnd.pick([10, 14, 15, 21, 30]));
      const r = must(
        invoke('detentions.addRequest', { detentionId: d.id, kind, description: REQUEST_TEXT[kind], requestedOn, dueOn }),
      ) as { id: string };
      requests.push({ id: r.id, dueOn, requestedOn });
      result.requests++;
    }
    // Most answers arrive, some late; the rest are still awaited (overdue once their date passes).
    for (const r of requests) {
      if (!rnd.chance(age > 40 ? 0.85 : 0.5)) continue;
      const receivedOn = addDays(r.requestedOn, rnd.int(2, 40));
      if (receivedOn <= today) must(invoke('detentions.receiveRequest', { id: r.id, receivedOn }));
    }
    // Detentions end within weeks; only recent ones are still open (and some of those overdue).
    if (age > 45 || (age > 20 && rnd.chance(0.5))) {
      const endedOn = minDate(addDays(startedOn, rnd.int(5, Math.max(6, Math.min(age, 90)))), today);
      const endedAt = `${endedOn}T${pad(rnd.int(11, 13))}:${pad(rnd.int(0, 59))}:00Z`;
      if (endedAt > startedAt && endedOn < today) {
        must(
          invoke('detentions.end', {
            id: d.id,
            outcome: rnd.weighted<DetentionOutcome>([
              ['released', 5],
              ['seized', 3],
              ['returned_to_exporter', 2],
            ]),
            endedAt,
          }),
        );
      }
    }
  };

  const pay = (penaltyId: string, amountMinor: number, currency: string, from: string, to: string, reference: string) => {
    const span = Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);
    must(
      invoke('penalties.recordPayment', {
        penaltyId,
        amountMinor,
        currency,
        paidOn: addDays(from, rnd.int(0, Math.floor(span))),
        method: rnd.weighted<PaymentMethod>([
          ['wire', 5],
          ['cheque', 3],
          ['card', 2],
          ['set_off', 1],
        ]),
        reference,
      }),
    );
    result.payments++;
  };

  const penalize = (caseId: string, c: CaseInfo, us: boolean) => {
    const entityId = partyOf(caseId, ['exporter', 'suspect', 'subject']);
    // A repeat offender gets escalating penalties: first, then second, then third or later.
    const count = rnd.weighted([
      [1, 8],
      [2, 2],
      [3, 1],
    ] as const);
    const levels: PenaltyLevel[] = ['first', 'second', 'third_or_later'];
    const startLevel =
      count === 1
        ? rnd.weighted<number>([
            [0, 6],
            [1, 3],
            [2, 1],
          ])
        : 0;
    let assessedOn = minDate(addDays(c.openedOn, rnd.int(20, 300)), today);
    for (let i = 0; i < count; i++) {
      const level = levels[Math.min(2, startLevel + i)] ?? 'first';
      const [lo, hi] = (us ? US_AMOUNTS : CA_AMOUNTS)[level];
      const step = us ? 500 : 25;
      const major = Math.round(rnd.int(lo, hi) / step) * step;
      const currency = us ? 'USD' : 'CAD';
      const p = must(
        invoke('penalties.create', {
          caseId,
          contraventionCode: rnd.pick(us ? US_CODES : CA_CODES),
          entityId,
          amountMinor: major * 100,
          currency,
          assessedOn,
          level,
        }),
      ) as { id: string; noticeNumber: string; dueOn: string; amountMinor: number };
      result.penalties++;
      const age = (Date.parse(today) - Date.parse(assessedOn)) / 86_400_000;
      const payUntil = minDate(addDays(p.dueOn, 60), today);
      const ref = () => `${rnd.pick(['WT', 'CHQ', 'RCPT'])}-${rnd.int(100000, 999999)}`;
      // Recent penalties are still being paid or reviewed; after a year most are settled one way or another.
      const fate =
        age < 10
          ? 'issued'
          : age < 365
            ? rnd.weighted([
                ['paid', 40],
                ['partly_paid', 22],
                ['issued', 14],
                ['under_review', 10],
                ['reduced', 8],
                ['cancelled', 3],
              ] as const)
            : rnd.weighted([
                ['paid', 70],
                ['written_off', 10],
                ['reduced', 8],
                ['partly_paid', 5],
                ['cancelled', 3],
                ['issued', 2],
              ] as const);
      let balance = p.amountMinor;
      const split = (n: number) => {
        // n payments in whole currency units, the last one settling the rest
        for (let k = 0; k < n - 1 && balance > 100; k++) {
          const part = Math.max(100, Math.round((balance * rnd.int(20, 60)) / 100 / 100) * 100);
          if (part >= balance) break;
          pay(p.id, part, currency, assessedOn, payUntil, ref());
          balance -= part;
        }
      };
      switch (fate) {
        case 'paid':
          split(rnd.int(1, 3));
          pay(p.id, balance, currency, assessedOn, payUntil, ref());
          break;
        case 'partly_paid':
          split(rnd.int(2, 3));
          if (balance === p.amountMinor) pay(p.id, Math.floor(balance / 200) * 100 || 1, currency, assessedOn, payUntil, ref());
          break;
        case 'under_review':
          must(
            invoke('penalties.setStatus', {
              id: p.id,
              status: 'under_review',
              on: minDate(addDays(assessedOn, rnd.int(5, 80)), today),
            }),
          );
          break;
        case 'reduced': {
          const reduced = Math.max(100, Math.round((p.amountMinor * rnd.int(40, 80)) / 100 / 100) * 100);
          const on = minDate(addDays(assessedOn, rnd.int(20, 90)), today);
          must(invoke('penalties.setStatus', { id: p.id, status: 'under_review', on }));
          must(
            invoke('penalties.setStatus', {
              id: p.id,
              status: 'reduced',
              reducedAmountMinor: reduced,
              on: minDate(addDays(on, rnd.int(10, 60)), today),
              reason: rnd.pick([
                'First contravention and voluntary disclosure',
                'Error in the assessed value',
                'Mitigating circumstances accepted on review',
              ]),
            }),
          );
          if (rnd.chance(0.7)) pay(p.id, reduced, currency, assessedOn, payUntil, ref());
          break;
        }
        case 'written_off':
          split(2);
          must(
            invoke('penalties.setStatus', {
              id: p.id,
              status: 'written_off',
              reason: 'Uncollectable: the company was dissolved',
              on: minDate(addDays(assessedOn, rnd.int(300, 400)), today),
            }),
          );
          break;
        case 'cancelled':
          must(
            invoke('penalties.setStatus', {
              id: p.id,
              status: 'cancelled',
              reason: 'Notice issued to the wrong party',
              on: minDate(addDays(assessedOn, rnd.int(1, 25)), today),
            }),
          );
          break;
        case 'issued':
          break;
      }
      assessedOn = minDate(addDays(assessedOn, rnd.int(60, 400)), today);
    }
  };

  const batch = 500;
  let done = 0;
  while (done < caseIds.length && !opts.cancelled?.()) {
    const slice = caseIds.slice(done, done + batch);
    db.transaction(() => {
      for (const caseId of slice) {
        const detained = rnd.chance(detentionFraction);
        const penalized = rnd.chance(penaltyFraction);
        if (!detained && !penalized) continue;
        const c = caseInfo.get(caseId) as CaseInfo | undefined;
        if (!c) continue;
        const us = limitationYears(c) === 5;
        if (detained) detain(caseId, c, us);
        if (penalized) penalize(caseId, c, us);
      }
    })();
    done += slice.length;
    opts.onProgress?.(done, caseIds.length);
  }
  return result;
}
