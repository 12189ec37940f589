import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import type { Disposition } from '../shared/domain.ts';
import { addDays } from '../shared/time.ts';
import type { Random } from './random.ts';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary.ts';

/**
 * Seizures for a share of seeded cases, through the contract (validated and audited like any
 * other): goods lines of controlled items at plausible values, custody chains of several hops
 * (seizing officer, exhibit custodian at the CBSA warehouse, laboratory analyst, back to storage,
 * sometimes court) and dispositions that follow the allowed transitions as the seizures age.
 */

interface GoodsLine {
  /** Matched against the case title, so a case about FPGAs seizes FPGAs. */
  keyword: string;
  description: string;
  hsCode: string;
  eccn: string;
  unit: 'piece' | 'set' | 'box';
  quantity: readonly [number, number];
  /** Unit value in minor units, low and high. */
  unitValue: readonly [number, number];
  origins: readonly string[];
}

const SEIZED_GOODS: readonly GoodsLine[] = [
  {
    keyword: 'FPGA',
    description: 'Field-programmable gate arrays (FPGAs), radiation-tolerant, in tape-and-reel',
    hsCode: '854239',
    eccn: '3A001.a.7',
    unit: 'piece',
    quantity: [20, 600],
    unitValue: [80_000, 1_200_000],
    origins: ['US', 'TW', 'MY'],
  },
  {
    keyword: 'GNSS',
    description: 'Multi-constellation GNSS receiver modules with anti-jam antenna',
    hsCode: '852691',
    eccn: '7A994',
    unit: 'piece',
    quantity: [10, 400],
    unitValue: [15_000, 450_000],
    origins: ['US', 'CH', 'CA', 'CN'],
  },
  {
    keyword: 'UAV',
    description: 'Two-stroke UAV engines, 150 cc class, with ignition modules',
    hsCode: '840710',
    eccn: '9A012',
    unit: 'piece',
    quantity: [2, 60],
    unitValue: [250_000, 2_800_000],
    origins: ['DE', 'JP', 'US', 'CN'],
  },
  {
    keyword: 'machine tool',
    description: 'Five-axis CNC machining centres, crated, with controllers',
    hsCode: '845710',
    eccn: '2B001',
    unit: 'piece',
    quantity: [1, 3],
    unitValue: [18_000_000, 95_000_000],
    origins: ['DE', 'CH', 'JP', 'IT', 'TW'],
  },
  {
    keyword: 'thermal',
    description: 'Uncooled thermal imaging camera cores, 640 x 512',
    hsCode: '852589',
    eccn: '6A003.b.4',
    unit: 'piece',
    quantity: [5, 200],
    unitValue: [120_000, 900_000],
    origins: ['US', 'FR', 'IL'],
  },
  {
    keyword: 'inertial',
    description: 'MEMS inertial measurement units, navigation grade',
    hsCode: '901420',
    eccn: '7A003',
    unit: 'piece',
    quantity: [4, 120],
    unitValue: [300_000, 4_500_000],
    origins: ['US', 'GB', 'FR', 'NO'],
  },
  {
    keyword: 'oscilloscope',
    description: 'Digital storage oscilloscopes, 8 GHz bandwidth',
    hsCode: '903020',
    eccn: '3A992.a',
    unit: 'piece',
    quantity: [1, 12],
    unitValue: [2_500_000, 14_000_000],
    origins: ['US', 'DE', 'JP'],
  },
  {
    keyword: 'encryption',
    description: 'Hardware encryption modules (HSM), rack-mounted',
    hsCode: '847180',
    eccn: '5A002.a',
    unit: 'piece',
    quantity: [2, 40],
    unitValue: [400_000, 3_500_000],
    origins: ['US', 'CA', 'DE'],
  },
  {
    keyword: 'bearing',
    description: 'Precision angular-contact ball bearings, ABEC 9',
    hsCode: '848210',
    eccn: '2A001',
    unit: 'box',
    quantity: [5, 80],
    unitValue: [40_000, 300_000],
    origins: ['JP', 'DE', 'SE', 'US'],
  },
  {
    keyword: 'aircraft',
    description: 'Aircraft spare parts: landing-gear actuators and seals',
    hsCode: '880730',
    eccn: 'EAR99',
    unit: 'set',
    quantity: [1, 20],
    unitValue: [150_000, 2_200_000],
    origins: ['US', 'FR', 'BR'],
  },
];

interface Port {
  place: string;
  warehouse: string;
}

const PORTS: readonly Port[] = [
  { place: 'Port of Montréal, Cast container terminal', warehouse: 'CBSA exhibit warehouse, Dorval QC (cage 3)' },
  { place: 'Montréal–Trudeau International Airport, cargo village', warehouse: 'CBSA exhibit warehouse, Dorval QC (cage 3)' },
  { place: 'Lacolle commercial crossing, Highway 15', warehouse: 'CBSA exhibit warehouse, Dorval QC (cage 3)' },
  { place: 'Port of Vancouver, Centerm terminal', warehouse: 'CBSA exhibit warehouse, Richmond BC (bay 7)' },
  { place: 'Vancouver International Airport, south cargo facility', warehouse: 'CBSA exhibit warehouse, Richmond BC (bay 7)' },
  { place: 'Pacific Highway commercial crossing, Surrey BC', warehouse: 'CBSA exhibit warehouse, Richmond BC (bay 7)' },
  { place: 'Port of Prince Rupert, Fairview terminal', warehouse: 'CBSA exhibit warehouse, Richmond BC (bay 7)' },
  { place: 'Port of Halifax, Fairview Cove terminal', warehouse: 'CBSA exhibit warehouse, Dartmouth NS' },
  {
    place: 'Toronto Pearson International Airport, Infield cargo',
    warehouse: 'CBSA exhibit warehouse, Mississauga ON (vault B)',
  },
  { place: 'Ambassador Bridge commercial crossing, Windsor ON', warehouse: 'CBSA exhibit warehouse, Mississauga ON (vault B)' },
  { place: 'Peace Bridge commercial crossing, Fort Erie ON', warehouse: 'CBSA exhibit warehouse, Mississauga ON (vault B)' },
];

const LAB = 'CBSA Science and Engineering Directorate laboratory, Ottawa';
const COURT = 'Federal Court exhibit room, Montréal';

const PROVISIONS = [
  'Customs Act s. 110: goods exported contrary to the Export and Import Permits Act s. 13',
  'Customs Act s. 110: goods exported contrary to the Special Economic Measures (Russia) Regulations s. 3.1',
  'Customs Act s. 110: false export declaration (Customs Act s. 95)',
  'Customs Act s. 110: goods diverted contrary to an export permit condition (EIPA s. 17)',
];

export interface SeizureSeedOptions {
  /** The share of cases that get a seizure (default 0.2). */
  fraction?: number;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

export interface SeizureSeedResult {
  seizures: number;
  items: number;
  custodyEntries: number;
}

function must(env: ReturnType<Invoke>): unknown {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant `hours` after `iso`. */
function later(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}

export function seedSeizures(
  db: Db,
  invoke: Invoke,
  rnd: Random,
  caseIds: readonly string[],
  today: string,
  opts: SeizureSeedOptions = {},
): SeizureSeedResult {
  const fraction = opts.fraction ?? 0.2;
  const person = () => `${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`;
  const officers = Array.from({ length: 30 }, person);
  const custodians = new Map(PORTS.map((p) => [p.warehouse, [person(), person()]] as const));
  const analysts = Array.from({ length: 6 }, person);
  const clerks = Array.from({ length: 3 }, person);
  const caseInfo = db.prepare('SELECT opened_on AS openedOn, status, title FROM cases WHERE id = ?');
  const parties = db.prepare(
    `SELECT e.id, e.kind FROM case_entities ce JOIN entities e ON e.id = ce.entity_id
     WHERE ce.case_id = ? ORDER BY ce.seq`,
  );
  const endOfToday = Date.parse(`${today}T23:59:59Z`);
  const result: SeizureSeedResult = { seizures: 0, items: 0, custodyEntries: 0 };
  const batch = 500;
  let done = 0;

  const seizeOne = (caseId: string) => {
    const c = caseInfo.get(caseId) as { openedOn: string; status: string; title: string } | undefined;
    if (!c) return;
    const seizedOn = addDays(c.openedOn, -rnd.int(0, 30));
    const seizedAt = `${seizedOn}T${pad(rnd.int(11, 23))}:${pad(rnd.int(0, 59))}:00Z`;
    const port = rnd.pick(PORTS);
    const officer = rnd.pick(officers);
    const linked = parties.all(caseId) as { id: string; kind: string }[];
    const orgs = linked.filter((e) => e.kind === 'organization' || e.kind === 'person');
    const conveyance = linked.find((e) => e.kind === 'conveyance');
    const matched = SEIZED_GOODS.find((g) => c.title.toLowerCase().includes(g.keyword.toLowerCase()));
    const lines = Array.from(
      {
        length: rnd.weighted([
          [1, 10],
          [2, 7],
          [3, 3],
        ] as const),
      },
      (_, i) => (i === 0 && matched ? matched : rnd.pick(SEIZED_GOODS)),
    );
    const currency = rnd.weighted([
      ['CAD', 5],
      ['USD', 4],
      ['EUR', 1],
    ] as const);
    let seal = rnd.int(1_000_000, 9_000_000);
    const items = lines.map((g) => {
      const quantity = rnd.int(g.quantity[0], g.quantity[1]);
      const unitValue = rnd.int(g.unitValue[0], g.unitValue[1]);
      return {
        description: g.description,
        quantity,
        unit: g.unit,
        hsCode: g.hsCode,
        eccn: g.eccn,
        originCountry: rnd.pick(g.origins),
        value: { amountMinor: quantity * unitValue, currency },
        sealNumbers: Array.from({ length: rnd.int(1, 2) }, () => `CBSA-${seal++}`),
      };
    });
    const seizure = must(
      invoke('seizures.create', {
        caseId,
        seizedAt,
        place: port.place,
        seizingOfficer: officer,
        seizedFromEntityId: orgs[0]?.id ?? null,
        ownerEntityId: orgs[1]?.id ?? orgs[0]?.id ?? null,
        conveyanceEntityId: conveyance?.id ?? null,
        legalProvision: rnd.pick(PROVISIONS),
        storageLocation: port.warehouse,
        custodian: rnd.pick(custodians.get(port.warehouse) ?? officers),
        ascertainedForfeiture: rnd.chance(0.05) ? { amountMinor: rnd.int(5_000, 250_000) * 100, currency: 'CAD' } : null,
        items,
      }),
    ) as { id: string; seizedAt: string; custodian: string; items: { id: string; value: { amountMinor: number } }[] };
    result.seizures++;
    result.items += seizure.items.length;

    // Custody: every item goes the same way, a few minutes apart.
    const exhibitCustodian = seizure.custodian;
    const referred = c.status === 'referred_for_prosecution';
    const hops: { hours: number; to: string; where: string; purpose: string; condition: string; notes: string }[] = [
      {
        hours: rnd.int(2, 30),
        to: exhibitCustodian,
        where: port.warehouse,
        purpose: 'storage',
        condition: 'Sealed, packaging intact',
        notes: 'Lodged in the exhibit warehouse',
      },
    ];
    if (rnd.chance(0.7)) {
      const analyst = rnd.pick(analysts);
      hops.push(
        {
          hours: 24 * rnd.int(3, 40),
          to: analyst,
          where: LAB,
          purpose: 'analysis',
          condition: 'Seals intact on receipt',
          notes: 'Technical assessment requested',
        },
        {
          hours: 24 * rnd.int(5, 60),
          to: exhibitCustodian,
          where: port.warehouse,
          purpose: 'storage',
          condition: `Resealed by the laboratory (seal LAB-${rnd.int(10000, 99999)})`,
          notes: 'Assessment report on file',
        },
      );
    }
    if (referred && rnd.chance(0.5)) {
      hops.push(
        {
          hours: 24 * rnd.int(30, 200),
          to: rnd.pick(clerks),
          where: COURT,
          purpose: 'court',
          condition: 'Sealed',
          notes: 'Produced as an exhibit',
        },
        {
          hours: 24 * rnd.int(1, 20),
          to: exhibitCustodian,
          where: port.warehouse,
          purpose: 'storage',
          condition: 'Sealed',
          notes: 'Returned from court',
        },
      );
    }
    let at = seizure.seizedAt;
    let holder = officer;
    let where = port.place;
    const move = (hours: number, to: string, toWhere: string, purpose: string, condition: string, notes: string): boolean => {
      const when = later(at, hours);
      if (Date.parse(when) > endOfToday) return false;
      seizure.items.forEach((item, i) => {
        must(
          invoke('custody.record', {
            itemId: item.id,
            at: later(when, i * 0.1),
            releasedBy: holder,
            receivedBy: to,
            fromLocation: where,
            toLocation: toWhere,
            purpose,
            condition,
            notes,
          }),
        );
        result.custodyEntries++;
      });
      at = later(when, seizure.items.length * 0.1);
      holder = to;
      where = toWhere;
      return true;
    };
    for (const h of hops) {
      if (!move(h.hours, h.to, h.where, h.purpose, h.condition, h.notes)) return;
    }

    // Dispositions, as the seizure ages: forfeiture after the review window, then disposal.
    const ageDays = (endOfToday - Date.parse(at)) / 86_400_000;
    if (ageDays < 100) return;
    const setDisposition = (disposition: Disposition, afterDays: number, authority: string): boolean => {
      const on = addDays(at.slice(0, 10), afterDays);
      if (on > today) return false;
      must(invoke('seizures.setDisposition', { id: seizure.id, disposition, dispositionOn: on, authority }));
      at = `${on}T12:00:00.000Z`;
      return true;
    };
    const ref = () => `${seizedOn.slice(0, 4)}-${rnd.int(1000, 9999)}`;
    const outcome = rnd.weighted([
      ['held', 4],
      ['forfeited', 4],
      ['released_on_terms', 1],
      ['returned', 1],
    ] as const);
    if (outcome === 'held') return;
    if (outcome === 'returned') {
      if (
        move(
          24 * rnd.int(20, 120),
          `Agent for the owner, ${person()}`,
          `${port.warehouse}, loading dock`,
          'return',
          'Seals removed in the presence of the agent',
          "Goods returned on the Minister's decision",
        )
      ) {
        setDisposition('returned', 0, `Minister's decision under Customs Act s. 131, ref. ${ref()}`);
      }
      return;
    }
    if (outcome === 'released_on_terms') {
      const first = seizure.items[0]?.value.amountMinor ?? 100_000;
      must(
        invoke('seizures.update', {
          id: seizure.id,
          termsOfRelease: { amount: { amountMinor: Math.round((first * rnd.int(25, 60)) / 100), currency }, security: null },
        }),
      );
      if (!setDisposition('released_on_terms', rnd.int(10, 60), `Terms of release under Customs Act s. 117, receipt ${ref()}`))
        return;
      const next = rnd.weighted([
        ['returned', 2],
        ['forfeited', 1],
        ['released_on_terms', 1],
      ] as const);
      if (next === 'released_on_terms') return;
      if (next === 'returned') {
        if (
          move(
            24 * rnd.int(5, 30),
            `Customs broker for the owner, ${person()}`,
            `${port.warehouse}, loading dock`,
            'return',
            'Sealed',
            'Released on payment of the terms',
          )
        ) {
          setDisposition('returned', 0, `Terms paid, receipt ${ref()}`);
        }
      } else {
        setDisposition('forfeited', rnd.int(30, 90), `Terms not met: forfeiture under Customs Act s. 122, ref. ${ref()}`);
      }
      return;
    }
    const forfeitAfter = Math.max(
      0,
      Math.round((Date.parse(`${addDays(seizedOn, 91)}T12:00:00Z`) - Date.parse(at)) / 86_400_000),
    );
    if (
      !setDisposition(
        'forfeited',
        forfeitAfter + rnd.int(0, 30),
        `Forfeiture under Customs Act s. 122 (no request for review), ref. ${ref()}`,
      )
    )
      return;
    const disposal = rnd.weighted([
      ['forfeited', 3],
      ['sold', 2],
      ['destroyed', 2],
      ['transferred', 1],
    ] as const);
    if (disposal === 'sold') {
      if (
        move(
          24 * rnd.int(30, 120),
          `GCSurplus auction officer ${person()}`,
          'GCSurplus warehouse, Montréal',
          'transfer',
          'Sealed',
          'Handed over for sale by public auction',
        )
      ) {
        setDisposition('sold', rnd.int(10, 60), `Sold by GCSurplus, lot ${ref()}`);
      }
    } else if (disposal === 'destroyed') {
      if (
        move(
          24 * rnd.int(30, 120),
          `Destruction contractor ${person()}`,
          'Certified destruction facility, Laval QC',
          'other',
          'Sealed',
          'Handed over for witnessed destruction',
        )
      ) {
        setDisposition('destroyed', rnd.int(0, 10), `Destruction order of the Regional Director, ref. ${ref()}`);
      }
    } else if (disposal === 'transferred') {
      if (
        move(
          24 * rnd.int(30, 120),
          `RCMP exhibit custodian ${person()}`,
          'RCMP Federal Policing exhibit locker, Ottawa',
          'transfer',
          'Sealed',
          'Transferred for a criminal investigation',
        )
      ) {
        setDisposition('transferred', 0, `Transfer to the RCMP under the CBSA-RCMP MOU, ref. ${ref()}`);
      }
    }
  };

  while (done < caseIds.length && !opts.cancelled?.()) {
    const slice = caseIds.slice(done, done + batch);
    db.transaction(() => {
      for (const caseId of slice) {
        if (!rnd.chance(fraction)) continue;
        seizeOne(caseId);
        if (rnd.chance(0.1)) seizeOne(caseId);
      }
    })();
    done += slice.length;
    opts.onProgress?.(done, caseIds.length);
  }
  return result;
}
