import type { Ctx } from '../contract.ts';
import { sql } from '../statements.ts';

import { localDate } from '../shared/time.ts';
import { getCase, type Case } from './cases.ts';
import { listCaseEntities, type CaseEntity } from './case-entities.ts';
import { totalsByCase } from './seizures.ts';
import { listDetentions, type DetentionListRow } from './detentions.ts';
import { listPenalties, penaltyTotalsByCase, type PenaltyListRow, type PenaltyTotals } from './penalties.ts';
import { runDeadlines, type DeadlinePage } from './deadlines.ts';
import { listChecks, type CheckListRow } from './checks.ts';
import { listInspections, type InspectionListRow } from './inspections.ts';
import { listAudits, type AuditListRow } from './compliance-audits.ts';
import { LIMITATION_DUE_SQL, LIMITATION_MET_SQL, LIMITATION_YEARS_SQL } from '../limitation-sql.ts';
import { requireCase } from './guards.ts';

/** The most rows of each kind one overview returns; a case rarely has more than a handful. */
const OVERVIEW_ROWS = 500;
const OVERVIEW_DEADLINES = 100;

export interface CaseOverview {
  case: Case;
  /** The case's entities with their roles (subject, suspect, exporter, ...). */
  subjects: CaseEntity[];
  seizures: {
    count: number;
    itemCount: number;
    /** The value of everything seized, per currency: exact integer sums of minor units. */
    totalsByCurrency: { currency: string; amountMinor: number; itemCount: number }[];
  };
  detentions: { total: number; rows: DetentionListRow[] };
  penalties: {
    total: number;
    rows: PenaltyListRow[];
    /** Per currency, over the penalties in force (not cancelled or written off): amount, paid, balance. */
    totals: PenaltyTotals[];
  };
  checks: { total: number; rows: CheckListRow[] };
  inspections: { total: number; rows: InspectionListRow[] };
  audits: { total: number; rows: AuditListRow[] };
  /** The case's open deadlines: overdue first, then the soonest. */
  deadlines: DeadlinePage;
  limitation: Limitation;
}

/** The case's limitation period: from the contravention when it is recorded, else (overstating the time left) from the opening. */
export interface Limitation {
  years: number;
  from: string;
  basis: 'contravention' | 'opening';
  endsOn: string;
  /** Referred for prosecution or closed in time. */
  met: boolean;
  /** With no contravention date: the earliest export date of the case's shipments, the date to use when the offence date is unknown. */
  earliestExportOn: string | null;
}

function limitationOf(ctx: Pick<Ctx, 'db'>, c: Case): Limitation {
  const row = sql(
    ctx.db,
    `SELECT ${LIMITATION_YEARS_SQL} AS years, ${LIMITATION_DUE_SQL} AS endsOn, ${LIMITATION_MET_SQL} AS met FROM cases WHERE id = ?`,
  ).get(c.id) as { years: number; endsOn: string; met: number };
  const earliest = sql(
    ctx.db,
    `SELECT min(json_extract(e.details, '$.shippedOn')) AS on_ FROM case_entities ce JOIN entities e ON e.id = ce.entity_id
     WHERE ce.case_id = ? AND e.kind = 'shipment'`,
  ).get(c.id) as { on_: string | null };
  return {
    years: row.years,
    from: c.contraventionOn ?? c.openedOn,
    basis: c.contraventionOn ? 'contravention' : 'opening',
    endsOn: row.endsOn,
    met: row.met === 1,
    earliestExportOn: earliest.on_,
  };
}

export function caseOverview(ctx: Pick<Ctx, 'db' | 'clock'>, caseId: string): CaseOverview {
  requireCase(ctx.db, caseId);
  const c = getCase(ctx.db, caseId);
  const seized = totalsByCase(ctx.db, caseId);
  const page = { offset: 0, limit: OVERVIEW_ROWS };
  return {
    case: c,
    subjects: listCaseEntities(ctx.db, caseId).rows,
    seizures: { count: seized.seizureCount, itemCount: seized.itemCount, totalsByCurrency: seized.totals },
    detentions: listDetentions(ctx, { caseId, sort: { column: 'startedAt', direction: 'desc' }, ...page }),
    penalties: {
      ...listPenalties(ctx, { caseId, sort: { column: 'assessedOn', direction: 'desc' }, ...page }),
      totals: penaltyTotalsByCase(ctx.db, caseId),
    },
    checks: listChecks(ctx, { caseId, sort: { column: 'requestedOn', direction: 'desc' }, ...page }),
    inspections: listInspections(ctx, { caseId, sort: { column: 'inspectedAt', direction: 'desc' }, ...page }),
    audits: listAudits(ctx, { caseId, sort: { column: 'notifiedOn', direction: 'desc' }, ...page }),
    deadlines: runDeadlines(ctx.db, { caseId, includeDone: false, offset: 0, limit: OVERVIEW_DEADLINES }, localDate(ctx.clock())),
    limitation: limitationOf(ctx, c),
  };
}
