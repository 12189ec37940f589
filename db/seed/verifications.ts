import type { Invoke } from '../contract.ts';
import type { Db } from '../sqlite.ts';
import type { CheckOutcome, FindingSeverity, InspectionResult, InspectionSelection, UnverifiedReason } from '../shared/domain.ts';
import { limitationYears } from '../shared/domain.ts';
import { addDays } from '../shared/time.ts';
import type { Random } from './random.ts';

/**
 * End-use checks, inspections and compliance audits for a share of seeded cases, through the
 * contract: post-shipment verifications of FPGA and GNSS receiver consignments in transit
 * countries (some of which cannot verify the end user), inspections at the ports of Montréal and
 * Vancouver that lead to detentions and seizures, and audits of exporters with findings on
 * classification and record keeping. Older records are settled; recent ones are open.
 */

export interface VerificationSeedOptions {
  checkFraction?: number;
  inspectionFraction?: number;
  auditFraction?: number;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

export interface VerificationSeedResult {
  checks: number;
  inspections: number;
  audits: number;
}

const TRANSIT = ['AM', 'KZ', 'KG', 'AE', 'TR', 'GE', 'UZ', 'HK', 'RS'];
const CHECK_GOODS: readonly (readonly [string, string, string])[] = [
  ['Xilinx Kintex-7 FPGA development boards', '3A991', '854231'],
  ['Altera Stratix FPGA modules', '3A001.a.7', '854231'],
  ['Multi-constellation GNSS receiver modules', '7A994', '852691'],
  ['GNSS timing receivers with anti-jam antenna', '7A005', '852691'],
  ['Digital storage oscilloscopes, 4 GHz', '3A992.a', '903020'],
];
const POSTS = [
  'Embassy of Canada, Yerevan',
  'Embassy of Canada, Astana',
  'Consulate General of Canada, Dubai',
  'U.S. Embassy Bishkek, export control officer',
  'BIS export control officer, Istanbul',
  'Embassy of Canada, Tbilisi',
];
const CHECK_FINDINGS: Record<CheckOutcome, readonly string[]> = {
  favorable: [
    'Goods seen installed at the declared plant; serial numbers match the invoice.',
    'End user confirmed the order and showed the goods in its laboratory.',
  ],
  unfavorable: [
    'Only 12 of 40 boards found; the end user says the rest were resold to a customer it would not name.',
    'Goods not used as declared: receivers fitted to drone airframes in a back room.',
  ],
  unable_to_verify: [
    'No company at the declared address: a residential building, no signage.',
    'The consignee refused the visit and would not say where the goods are.',
    'Local authorities denied access to the free zone warehouse.',
  ],
};
const INSPECTION_PLACES: readonly (readonly ['port' | 'terminal' | 'airport' | 'border_crossing', string])[] = [
  ['port', 'Port of Montréal, Cast container terminal'],
  ['port', 'Port of Montréal, Racine terminal'],
  ['port', 'Port of Vancouver, Centerm terminal'],
  ['terminal', 'Port of Vancouver, Deltaport terminal'],
  ['airport', 'Montréal–Trudeau International Airport, cargo village'],
  ['airport', 'Vancouver International Airport, south cargo facility'],
  ['border_crossing', 'Lacolle commercial crossing, Highway 15'],
];
const OFFICERS = ['BSO M. Gagnon', 'BSO R. Singh', 'BSO A. Tremblay', 'BSO J. Nguyen', 'BSO K. Okafor'];
const SELECTION_DETAIL: Record<InspectionSelection, readonly string[]> = {
  targeting_rule: ['Rule T-114: dual-use HS chapter 85 to a transshipment hub', 'Rule T-207: new exporter, first shipment'],
  intelligence: ['Intelligence report IR-2026-0412 on the consignee', 'Tip from a freight forwarder'],
  partner_request: ['Request of the BIS Office of Export Enforcement', 'Request of Global Affairs Canada'],
  random: ['Random examination'],
};
const INSPECTION_FINDINGS: Record<InspectionResult, readonly string[]> = {
  no_discrepancy: ['Goods and documents match the export declaration.'],
  discrepancy_noted: ['Two cartons more than declared; the exporter corrected the declaration on the spot.'],
  goods_detained: [
    'Goods described as "electronic parts"; markings show FPGA devices. Detained for a classification.',
    'Seal broken and replaced; the declared consignee differs from the bill of lading.',
  ],
  goods_seized: ['GNSS receivers with military-grade anti-jam modules declared as marine GPS; no export permit.'],
};
const AUDIT_FINDINGS: readonly (readonly [FindingSeverity, string, string])[] = [
  ['major', 'Export Control List, Group 1 (classification)', 'Items of 3A001 classified and exported as not controlled (EAR99).'],
  ['moderate', 'Export and Import Permits Act, s. 13', 'Exports under an expired permit for four months.'],
  ['minor', 'Export Permits Regulations (record keeping)', 'Export records kept for four years, not the six required.'],
  ['moderate', '15 C.F.R. 762.6 (record retention)', 'End-use statements missing for 9 of 40 shipments sampled.'],
  ['critical', '15 C.F.R. 736.2(b)(10)', 'Shipments continued after a red flag on the consignee was raised internally.'],
];
const ACTIONS = [
  'Reclassify the product line and file voluntary disclosures for past exports',
  'Adopt a written record-keeping procedure and train the shipping staff',
  'Screen every consignee against the consolidated lists before shipping',
];

function must(env: ReturnType<Invoke>): unknown {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.result;
}
const minDate = (a: string, b: string) => (a < b ? a : b);
const pad = (n: number) => String(n).padStart(2, '0');

export function seedVerifications(
  db: Db,
  invoke: Invoke,
  rnd: Random,
  caseIds: readonly string[],
  today: string,
  opts: VerificationSeedOptions = {},
): VerificationSeedResult {
  const result: VerificationSeedResult = { checks: 0, inspections: 0, audits: 0 };
  const caseInfo = db.prepare(
    'SELECT opened_on AS openedOn, agency, legal_authorities AS legalAuthorities FROM cases WHERE id = ?',
  );
  const parties = db.prepare(
    `SELECT e.id, ce.role FROM case_entities ce JOIN entities e ON e.id = ce.entity_id
     WHERE ce.case_id = ? AND e.kind IN ('person', 'organization') ORDER BY ce.seq`,
  );
  const yesterday = addDays(today, -1);
  const party = (caseId: string, roles: readonly string[]): string => {
    const linked = parties.all(caseId) as { id: string; role: string }[];
    const found = linked.find((p) => roles.includes(p.role)) ?? linked[0];
    if (found) return found.id;
    const org = must(
      invoke('entities.create', {
        kind: 'organization',
        legalName: `${rnd.pick(['Ararat', 'Steppe', 'Tien Shan', 'Gulf Star', 'Bosphorus'])} ${rnd.pick(['Trade', 'Electronics', 'Logistics'])} ${rnd.pick(['LLC', 'FZE', 'Ltd.'])}`,
        country: rnd.pick(TRANSIT),
      }),
    ) as { id: string };
    must(invoke('cases.addEntity', { caseId, entityId: org.id, role: roles[0] ?? 'subject' }));
    return org.id;
  };
  const ageOf = (on: string) => (Date.parse(today) - Date.parse(on)) / 86_400_000;

  const check = (caseId: string, openedOn: string) => {
    const requestedOn = minDate(addDays(openedOn, rnd.int(-30, 60)), yesterday);
    const age = ageOf(requestedOn);
    const [description, eccn, hsCode] = rnd.pick(CHECK_GOODS);
    const c = must(
      invoke('checks.create', {
        caseId,
        checkType: rnd.chance(0.75) ? 'post_shipment' : 'pre_license',
        partyId: party(caseId, ['end_user', 'consignee', 'suspect']),
        partyRole: rnd.weighted([
          ['end_user', 6],
          ['consignee', 3],
          ['intermediate_consignee', 2],
        ] as const),
        licenceNumber: rnd.chance(0.7) ? `EXP-${requestedOn.slice(0, 4)}-${rnd.int(1000, 99999)}` : null,
        country: rnd.pick(TRANSIT),
        conductedBy: rnd.weighted([
          ['export_control_officer', 3],
          ['post', 2],
          ['embassy', 2],
        ] as const),
        conductor: rnd.pick(POSTS),
        method: rnd.chance(0.8) ? 'on_site' : 'documents',
        requestedOn,
        goods: [{ description, quantity: rnd.pick([10, 20, 40, 100, 250]), unit: 'piece', eccn, hsCode }],
      }),
    ) as { id: string };
    result.checks++;
    if (age < 5) return;
    const scheduledOn = addDays(requestedOn, rnd.int(7, 45));
    if (rnd.chance(0.8)) must(invoke('checks.schedule', { id: c.id, scheduledOn }));
    const conductedOn = addDays(scheduledOn, rnd.int(0, 5));
    if (conductedOn > yesterday || (age < 150 && rnd.chance(0.5))) return;
    if (rnd.chance(0.05)) {
      must(invoke('checks.cancel', { id: c.id, reason: 'Licence application withdrawn by the exporter' }));
      return;
    }
    const outcome = rnd.weighted<CheckOutcome>([
      ['favorable', 6],
      ['unfavorable', 2],
      ['unable_to_verify', 2],
    ]);
    const unverifiedReason: UnverifiedReason | null =
      outcome === 'unable_to_verify'
        ? rnd.weighted([
            ['party_not_found', 3],
            ['refused', 2],
            ['no_access', 2],
          ] as const)
        : null;
    const yes = outcome === 'favorable';
    must(
      invoke('checks.complete', {
        id: c.id,
        conductedOn,
        outcome,
        unverifiedReason,
        goodsPresent: outcome === 'unable_to_verify' ? null : yes || rnd.chance(0.5) ? 'confirmed' : 'not_confirmed',
        usedAsDeclared: outcome === 'unable_to_verify' ? null : yes ? 'confirmed' : 'not_confirmed',
        atDeclaredPlace: outcome === 'unable_to_verify' ? 'not_confirmed' : 'confirmed',
        byDeclaredEndUser:
          outcome === 'unable_to_verify' ? null : yes ? 'confirmed' : rnd.chance(0.5) ? 'confirmed' : 'not_confirmed',
        findings: rnd.pick(CHECK_FINDINGS[outcome]),
      }),
    );
    if (outcome !== 'favorable' && rnd.chance(0.3)) {
      must(
        invoke('checks.followUp', {
          id: c.id,
          action: 'list_candidate',
          reason: 'Unverified end user: propose for the Unverified List',
        }),
      );
    }
  };

  const inspect = (caseId: string, openedOn: string) => {
    const on = minDate(addDays(openedOn, rnd.int(-20, 30)), yesterday);
    const inspectedAt = `${on}T${pad(rnd.int(12, 20))}:${pad(rnd.int(0, 59))}:00Z`;
    const [placeKind, place] = rnd.pick(INSPECTION_PLACES);
    const selection = rnd.weighted<InspectionSelection>([
      ['targeting_rule', 5],
      ['intelligence', 2],
      ['partner_request', 2],
      ['random', 1],
    ]);
    const result_ =
      ageOf(on) < 2 && rnd.chance(0.5)
        ? undefined
        : rnd.weighted<InspectionResult>([
            ['no_discrepancy', 4],
            ['discrepancy_noted', 2],
            ['goods_detained', 3],
            ['goods_seized', 1],
          ]);
    const [description, eccn, hsCode] = rnd.pick(CHECK_GOODS);
    const completedAt = `${on}T${pad(rnd.int(21, 23))}:${pad(rnd.int(0, 59))}:00Z`;
    const i = must(
      invoke('inspections.create', {
        caseId,
        placeKind,
        place,
        inspectedAt,
        shipmentReference: `${rnd.pick(['MSCU', 'MAEU', 'CMAU', 'HLXU'])} ${rnd.int(1000000, 9999999)}`,
        exporterId: party(caseId, ['exporter', 'subject', 'suspect']),
        consigneeId: rnd.chance(0.8) ? party(caseId, ['consignee', 'end_user', 'suspect']) : null,
        officer: rnd.pick(OFFICERS),
        selection,
        selectionDetail: rnd.pick(SELECTION_DETAIL[selection]),
        examined: rnd.pick([
          ['documents'],
          ['documents', 'goods'],
          ['documents', 'goods', 'seals'],
          ['documents', 'seals', 'conveyance'],
        ]),
        sealsFound: rnd.chance(0.6) ? `${rnd.int(1000000, 9999999)}` : '',
        sealsApplied: rnd.chance(0.4) ? `CBSA ${rnd.int(100000, 999999)}` : '',
        ...(result_ === undefined
          ? {}
          : {
              result: result_,
              completedAt: completedAt > inspectedAt ? completedAt : inspectedAt,
              findings: rnd.pick(INSPECTION_FINDINGS[result_]),
              ...(result_ === 'goods_detained'
                ? {
                    detention: {
                      subject: 'shipment',
                      legalAuthority: 'Customs Act, s. 101',
                      declaredEccn: rnd.chance(0.5) ? 'EAR99' : null,
                    },
                  }
                : {}),
              ...(result_ === 'goods_seized'
                ? {
                    seizure: {
                      legalProvision: 'Customs Act, s. 110',
                      storageLocation: place.startsWith('Port of Vancouver')
                        ? 'CBSA warehouse, Richmond BC'
                        : 'CBSA warehouse, Dorval',
                      items: [
                        {
                          description,
                          quantity: rnd.pick([6, 12, 24, 48]),
                          unit: 'piece',
                          eccn,
                          hsCode,
                          value: { amountMinor: rnd.int(20, 400) * 10_000, currency: 'CAD' },
                        },
                      ],
                    },
                  }
                : {}),
            }),
      }),
    ) as { id: string };
    void i;
    result.inspections++;
  };

  const audit = (caseId: string, openedOn: string, us: boolean) => {
    const notifiedOn = minDate(addDays(openedOn, rnd.int(0, 60)), yesterday);
    const age = ageOf(notifiedOn);
    const year = Number(notifiedOn.slice(0, 4));
    const a = must(
      invoke('complianceAudits.create', {
        caseId,
        partyId: party(caseId, ['exporter', 'subject']),
        periodFrom: `${year - 2}-01-01`,
        periodTo: `${year - 1}-12-31`,
        scope: us
          ? 'EAR licences and license exceptions used; Commerce Control List classification; records under 15 C.F.R. Part 762'
          : 'Export permits under the Export Control List, Groups 1 and 2; classification; record keeping',
        auditor: rnd.pick([
          'Compliance Verification Unit, Montréal',
          'BIS Office of Export Enforcement, Boston',
          'CBSA Trade Compliance, Vancouver',
        ]),
        notifiedOn,
      }),
    ) as { id: string };
    result.audits++;
    if (age < 10) return;
    const onSiteOn = addDays(notifiedOn, rnd.int(5, 30));
    if (onSiteOn > yesterday) return;
    must(invoke('complianceAudits.onSite', { id: a.id, onSiteOn }));
    const findings = rnd.int(0, 3);
    let last: { findings: { id: string }[] } | null = null;
    for (let k = 0; k < findings; k++) {
      const [severity, provision, description] = rnd.pick(AUDIT_FINDINGS);
      last = must(invoke('complianceAudits.addFinding', { auditId: a.id, severity, provision, description })) as {
        findings: { id: string }[];
      };
    }
    const actions = findings === 0 ? 0 : rnd.int(1, 2);
    const dueOns: string[] = [];
    for (let k = 0; k < actions; k++) {
      const dueOn = addDays(onSiteOn, rnd.int(30, 150));
      dueOns.push(dueOn);
      must(
        invoke('complianceAudits.addAction', {
          auditId: a.id,
          findingId: last?.findings[k]?.id ?? null,
          description: rnd.pick(ACTIONS),
          owner: rnd.pick(['Compliance officer of the exporter', 'Shipping manager', 'Chief financial officer']),
          dueOn,
        }),
      );
    }
    // Actions due long ago were almost all done; recent ones are still open (and some overdue).
    const open = (must(invoke('complianceAudits.get', { id: a.id })) as { actions: { id: string; dueOn: string }[] }).actions;
    for (const x of open) {
      const doneOn = addDays(x.dueOn, rnd.int(-20, 10));
      const odds = ageOf(x.dueOn) > 120 ? 0.96 : 0.5;
      if (doneOn < yesterday && rnd.chance(odds)) {
        must(invoke('complianceAudits.completeAction', { id: x.id, completedOn: doneOn < onSiteOn ? onSiteOn : doneOn }));
      }
    }
    const reportedOn = addDays(onSiteOn, rnd.int(20, 80));
    if (reportedOn > yesterday || (age < 120 && rnd.chance(0.4))) return;
    const outcome = findings === 0 ? 'compliant' : actions > 0 && rnd.chance(0.7) ? 'compliant_with_actions' : 'non_compliant';
    // A closed case is not referred: its audit leads to a penalty.
    const status = db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(caseId) as string;
    const penalty = outcome === 'non_compliant' && (status === 'closed' || rnd.chance(0.7));
    must(
      invoke('complianceAudits.report', {
        id: a.id,
        reportedOn,
        outcome,
        consequence: outcome === 'non_compliant' ? (penalty ? 'penalty' : 'referral') : null,
        ...(penalty
          ? {
              penalty: {
                contraventionCode: us ? '15 C.F.R. 764.2(a)' : 'C351',
                amountMinor: (us ? rnd.int(20, 300) * 1000 : rnd.int(2, 40) * 250) * 100,
                currency: us ? 'USD' : 'CAD',
                assessedOn: reportedOn,
              },
            }
          : {}),
      }),
    );
  };

  const batch = 500;
  let done = 0;
  while (done < caseIds.length && !opts.cancelled?.()) {
    const slice = caseIds.slice(done, done + batch);
    db.transaction(() => {
      for (const caseId of slice) {
        const doCheck = rnd.chance(opts.checkFraction ?? 0.05);
        const doInspect = rnd.chance(opts.inspectionFraction ?? 0.06);
        const doAudit = rnd.chance(opts.auditFraction ?? 0.025);
        if (!doCheck && !doInspect && !doAudit) continue;
        const c = caseInfo.get(caseId) as { openedOn: string; agency: string; legalAuthorities: string } | undefined;
        if (!c) continue;
        if (doCheck) check(caseId, c.openedOn);
        if (doInspect) inspect(caseId, c.openedOn);
        if (doAudit) audit(caseId, c.openedOn, limitationYears(c) === 5);
      }
    })();
    done += slice.length;
    opts.onProgress?.(done, caseIds.length);
  }
  return result;
}
