import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { SecurityMarking } from '../shared/domain.ts';
import {
  laneOf,
  TIMELINE_KINDS,
  type TimelineKind,
  type TimelineLane,
  type TimelineRecordType,
} from '../shared/inputs/analysis.ts';
import { requireCase } from './guards.ts';
import { caseEntityIds } from './where-else.ts';

/**
 * A case's timeline: every dated thing its records hold, each with the record it opens.
 *
 * Where each comes from: the case's opening and contravention dates and its status changes (the
 * audit trail's before and after: cases keep only their current status; a closing is dated by
 * its closing date); seizures (seized_at) and their disposition changes (audit, dated by
 * disposition_on); every custody movement of their items; detentions (start, end), their
 * information requests (sent, answered, closed unanswered) and technical assessments (referred,
 * answered); penalties (assessed, then each status change from the audit, dated by status_on) and
 * their payments; end-use checks (requested, conducted), inspections (begun, completed) and compliance
 * audits (notified, visited, reported); the start and end dates of the links of the case's entities; evidence files
 * (acquired, else attached); and the lines of the notes of the case, its seizures, detentions and
 * penalties that begin with a date (`2026-03-02: called the exporter`), the only dated notes kept.
 */

export type TimelinePrecision = 'day' | 'instant';

export interface TimelineEvent {
  /** Stable within the case: the React key and the table's row key. */
  id: string;
  /** A calendar date (YYYY-MM-DD, precision 'day') or a UTC instant (precision 'instant'). */
  at: string;
  precision: TimelinePrecision;
  kind: TimelineKind;
  lane: TimelineLane;
  /** What the label says, beside its kind (numbers, names, statuses as codes). */
  params: Record<string, string | number | null>;
  record: { type: TimelineRecordType; id: string; itemId?: string };
  caseId: string;
}

export interface CaseTimeline {
  caseId: string;
  fileNumber: string;
  securityMarking: SecurityMarking;
  events: TimelineEvent[];
  /** More than MAX_TIMELINE_EVENTS: the earliest are kept. */
  truncated: boolean;
}

/** A case with more events than this keeps its earliest; bounded so that one answer stays small. */
export const MAX_TIMELINE_EVENTS = 20_000;
/** Links followed per entity of the case (a hub's thousands of links are not the case's story). */
const LINKS_PER_ENTITY = 200;
const NOTE_TEXT = 200;

const DATED_LINE = /^\s*(\d{4}-\d{2}-\d{2})(?![\dT])[\s:.,;–—-]*(.*)$/;

/** The lines of a note that begin with a real date, with the rest of the line. */
export function datedNoteLines(notes: string): { on: string; text: string }[] {
  const out: { on: string; text: string }[] = [];
  for (const line of notes.split('\n')) {
    const m = DATED_LINE.exec(line);
    if (!m?.[1]) continue;
    const on = m[1];
    const d = new Date(`${on}T00:00:00Z`);
    const year = d.getUTCFullYear();
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== on || year < 1900 || year > 2200) continue;
    const text = (m[2] ?? '').trim();
    out.push({ on, text: text.length > NOTE_TEXT ? `${text.slice(0, NOTE_TEXT - 1)}…` : text });
  }
  return out;
}

const KIND_ORDER = new Map(TIMELINE_KINDS.map((k, i) => [k, i]));

export function caseTimeline(db: Db, caseId: string): CaseTimeline {
  requireCase(db, caseId);
  const events: TimelineEvent[] = [];
  const push = (
    id: string,
    at: string | null,
    precision: TimelinePrecision,
    kind: TimelineKind,
    record: TimelineEvent['record'],
    params: TimelineEvent['params'] = {},
  ) => {
    if (at) events.push({ id, at, precision, kind, lane: laneOf(kind), params, record, caseId });
  };
  const notes = (source: string, text: string, record: TimelineEvent['record'], number: string | null) =>
    datedNoteLines(text).forEach((n, i) =>
      push(`note:${source}:${i}`, n.on, 'day', 'note.dated', record, { text: n.text, number }),
    );

  const c = sql(db, `SELECT id, file_number, security_marking, opened_on, contravention_on, notes FROM cases WHERE id = ?`).get(
    caseId,
  ) as {
    id: string;
    file_number: string;
    security_marking: SecurityMarking;
    opened_on: string;
    contravention_on: string | null;
    notes: string;
  };
  const caseRecord = { type: 'case', id: caseId } as const;
  push('case:opened', c.opened_on, 'day', 'case.opened', caseRecord, { number: c.file_number });
  push('case:contravention', c.contravention_on, 'day', 'case.contravention', caseRecord, { number: c.file_number });
  notes('case', c.notes, caseRecord, c.file_number);

  // Status and disposition changes: only the audit trail keeps the earlier ones.
  const changes = sql(
    db,
    `SELECT a.seq, a.at, a.record_type AS type, a.record_id AS id,
       json_extract(a.before, '$.status') AS fromStatus, json_extract(a.after, '$.status') AS toStatus,
       json_extract(a.after, '$.closed_on') AS closedOn, json_extract(a.after, '$.status_on') AS statusOn,
       json_extract(a.before, '$.disposition') AS fromDisposition, json_extract(a.after, '$.disposition') AS toDisposition,
       json_extract(a.after, '$.disposition_on') AS dispositionOn,
       coalesce(json_extract(a.after, '$.notice_number'), json_extract(a.after, '$.seizure_number')) AS number
     FROM audit_log a
     WHERE a.case_id = ? AND a.record_type IN ('case', 'penalty', 'seizure') AND a.before IS NOT NULL AND a.after IS NOT NULL
     ORDER BY a.seq`,
  ).all(caseId) as {
    seq: number;
    at: string;
    type: 'case' | 'penalty' | 'seizure';
    id: string;
    fromStatus: string | null;
    toStatus: string | null;
    closedOn: string | null;
    statusOn: string | null;
    fromDisposition: string | null;
    toDisposition: string | null;
    dispositionOn: string | null;
    number: string | null;
  }[];
  for (const a of changes) {
    if (a.type === 'case' && a.id === caseId && a.fromStatus !== a.toStatus) {
      const closed = a.toStatus === 'closed' && a.closedOn;
      push(`audit:${a.seq}`, closed ? a.closedOn : a.at, closed ? 'day' : 'instant', 'case.status', caseRecord, {
        from: a.fromStatus,
        to: a.toStatus,
      });
    } else if (a.type === 'penalty' && a.fromStatus !== a.toStatus) {
      push(
        `audit:${a.seq}`,
        a.statusOn ?? a.at,
        a.statusOn ? 'day' : 'instant',
        'penalty.status',
        { type: 'penalty', id: a.id },
        { number: a.number, from: a.fromStatus, to: a.toStatus },
      );
    } else if (a.type === 'seizure' && a.fromDisposition !== a.toDisposition) {
      push(
        `audit:${a.seq}`,
        a.dispositionOn ?? a.at,
        a.dispositionOn ? 'day' : 'instant',
        'seizure.disposition',
        { type: 'seizure', id: a.id },
        { number: a.number, from: a.fromDisposition, to: a.toDisposition },
      );
    }
  }

  const seizures = sql(db, 'SELECT id, seizure_number, seized_at, place, notes FROM seizures WHERE case_id = ? ORDER BY seq').all(
    caseId,
  ) as { id: string; seizure_number: string; seized_at: string; place: string; notes: string }[];
  for (const s of seizures) {
    const record = { type: 'seizure', id: s.id } as const;
    push(`seizure:${s.id}`, s.seized_at, 'instant', 'seizure.seized', record, { number: s.seizure_number, place: s.place });
    notes(`seizure:${s.id}`, s.notes, record, s.seizure_number);
  }

  const movements = sql(
    db,
    `SELECT ce.id, ce.at, ce.from_location AS fromLocation, ce.to_location AS toLocation, ce.purpose,
       ce.released_by AS releasedBy, ce.received_by AS receivedBy, ce.corrects_entry_id AS corrects,
       si.id AS itemId, si.item_number AS item, s.id AS seizureId, s.seizure_number AS number
     FROM seizures s JOIN seized_items si ON si.seizure_id = s.id JOIN custody_entries ce ON ce.item_id = si.id
     WHERE s.case_id = ? ORDER BY ce.seq`,
  ).all(caseId) as {
    id: string;
    at: string;
    fromLocation: string;
    toLocation: string;
    purpose: string;
    releasedBy: string;
    receivedBy: string;
    corrects: string | null;
    itemId: string;
    item: number;
    seizureId: string;
    number: string;
  }[];
  for (const m of movements) {
    push(
      `custody:${m.id}`,
      m.at,
      'instant',
      'custody.moved',
      { type: 'seizure', id: m.seizureId, itemId: m.itemId },
      {
        number: m.number,
        item: m.item,
        from: m.fromLocation,
        to: m.toLocation,
        purpose: m.purpose,
        releasedBy: m.releasedBy,
        receivedBy: m.receivedBy,
        correction: m.corrects ? 1 : 0,
      },
    );
  }

  const detentions = sql(
    db,
    `SELECT id, detention_number, started_at, ended_at, outcome, place, assessment_office, referred_on,
       assessment_answered_on, notes
     FROM detentions WHERE case_id = ? ORDER BY started_at`,
  ).all(caseId) as {
    id: string;
    detention_number: string;
    started_at: string;
    ended_at: string | null;
    outcome: string | null;
    place: string;
    assessment_office: string | null;
    referred_on: string | null;
    assessment_answered_on: string | null;
    notes: string;
  }[];
  const detentionNumbers = new Map<string, string>();
  for (const d of detentions) {
    detentionNumbers.set(d.id, d.detention_number);
    const record = { type: 'detention', id: d.id } as const;
    const number = d.detention_number;
    push(`detention:${d.id}:started`, d.started_at, 'instant', 'detention.started', record, { number, place: d.place });
    push(`detention:${d.id}:ended`, d.ended_at, 'instant', 'detention.ended', record, { number, outcome: d.outcome });
    const office = d.assessment_office;
    push(`detention:${d.id}:referred`, d.referred_on, 'day', 'assessment.referred', record, { number, office });
    push(`detention:${d.id}:answered`, d.assessment_answered_on, 'day', 'assessment.answered', record, { number, office });
    notes(`detention:${d.id}`, d.notes, record, number);
  }

  const requests = sql(
    db,
    `SELECT id, detention_id AS detentionId, kind, requested_on, received_on, closed_on
     FROM detention_info_requests WHERE case_id = ? ORDER BY seq`,
  ).all(caseId) as {
    id: string;
    detentionId: string;
    kind: string;
    requested_on: string;
    received_on: string | null;
    closed_on: string | null;
  }[];
  for (const r of requests) {
    const record = { type: 'detention', id: r.detentionId } as const;
    const params = { number: detentionNumbers.get(r.detentionId) ?? null, request: r.kind };
    push(`request:${r.id}:sent`, r.requested_on, 'day', 'request.sent', record, params);
    push(`request:${r.id}:received`, r.received_on, 'day', 'request.received', record, params);
    push(`request:${r.id}:closed`, r.closed_on, 'day', 'request.closed', record, params);
  }

  const penalties = sql(
    db,
    'SELECT id, notice_number, assessed_on, amount_minor, currency, notes FROM penalties WHERE case_id = ? ORDER BY seq',
  ).all(caseId) as {
    id: string;
    notice_number: string;
    assessed_on: string;
    amount_minor: number;
    currency: string;
    notes: string;
  }[];
  for (const p of penalties) {
    const record = { type: 'penalty', id: p.id } as const;
    push(`penalty:${p.id}`, p.assessed_on, 'day', 'penalty.assessed', record, {
      number: p.notice_number,
      amountMinor: p.amount_minor,
      currency: p.currency,
    });
    notes(`penalty:${p.id}`, p.notes, record, p.notice_number);
  }

  const checks = sql(
    db,
    `SELECT id, check_number, check_type, requested_on, conducted_on, outcome, notes FROM end_use_checks WHERE case_id = ? ORDER BY seq`,
  ).all(caseId) as {
    id: string;
    check_number: string;
    check_type: string;
    requested_on: string;
    conducted_on: string | null;
    outcome: string | null;
    notes: string;
  }[];
  for (const k of checks) {
    const record = { type: 'end_use_check', id: k.id } as const;
    const number = k.check_number;
    push(`check:${k.id}:requested`, k.requested_on, 'day', 'check.requested', record, { number, type: k.check_type });
    if (k.outcome)
      push(`check:${k.id}:conducted`, k.conducted_on, 'day', 'check.conducted', record, { number, outcome: k.outcome });
    notes(`check:${k.id}`, k.notes, record, number);
  }

  const inspections = sql(
    db,
    `SELECT id, inspection_number, inspected_at, place, result, completed_at, notes FROM inspections WHERE case_id = ? ORDER BY seq`,
  ).all(caseId) as {
    id: string;
    inspection_number: string;
    inspected_at: string;
    place: string;
    result: string | null;
    completed_at: string | null;
    notes: string;
  }[];
  for (const i of inspections) {
    const record = { type: 'inspection', id: i.id } as const;
    const number = i.inspection_number;
    push(`inspection:${i.id}:started`, i.inspected_at, 'instant', 'inspection.started', record, { number, place: i.place });
    push(`inspection:${i.id}:completed`, i.completed_at, 'instant', 'inspection.completed', record, { number, result: i.result });
    notes(`inspection:${i.id}`, i.notes, record, number);
  }

  const audits = sql(
    db,
    `SELECT id, audit_number, notified_on, on_site_on, reported_on, outcome, notes FROM compliance_audits WHERE case_id = ? ORDER BY seq`,
  ).all(caseId) as {
    id: string;
    audit_number: string;
    notified_on: string;
    on_site_on: string | null;
    reported_on: string | null;
    outcome: string | null;
    notes: string;
  }[];
  for (const a of audits) {
    const record = { type: 'compliance_audit', id: a.id } as const;
    const number = a.audit_number;
    push(`audit:${a.id}:notified`, a.notified_on, 'day', 'audit.notified', record, { number });
    push(`audit:${a.id}:on_site`, a.on_site_on, 'day', 'audit.on_site', record, { number });
    push(`audit:${a.id}:reported`, a.reported_on, 'day', 'audit.reported', record, { number, outcome: a.outcome });
    notes(`audit:${a.id}`, a.notes, record, number);
  }

  const payments = sql(
    db,
    `SELECT pp.id, pp.penalty_id AS penaltyId, pp.paid_on, pp.amount_minor, pp.currency, pp.method, p.notice_number
     FROM penalty_payments pp JOIN penalties p ON p.id = pp.penalty_id WHERE p.case_id = ? ORDER BY pp.seq`,
  ).all(caseId) as {
    id: string;
    penaltyId: string;
    paid_on: string;
    amount_minor: number;
    currency: string;
    method: string;
    notice_number: string;
  }[];
  for (const p of payments) {
    push(
      `payment:${p.id}`,
      p.paid_on,
      'day',
      'payment.received',
      { type: 'penalty', id: p.penaltyId },
      {
        number: p.notice_number,
        amountMinor: p.amount_minor,
        currency: p.currency,
        method: p.method,
      },
    );
  }

  // The dated links of the case's entities, each once (both its ends may be in the case).
  const linkStmt = sql(
    db,
    `SELECT * FROM (SELECT l.id, l.type, l.valid_from, l.valid_to, l.from_entity_id AS fromId, l.to_entity_id AS toId
       FROM entity_links l WHERE l.from_entity_id = @entityId AND (l.valid_from IS NOT NULL OR l.valid_to IS NOT NULL) LIMIT @cap)
     UNION ALL
     SELECT * FROM (SELECT l.id, l.type, l.valid_from, l.valid_to, l.from_entity_id, l.to_entity_id
       FROM entity_links l WHERE l.to_entity_id = @entityId AND (l.valid_from IS NOT NULL OR l.valid_to IS NOT NULL) LIMIT @cap)`,
  );
  const ours = caseEntityIds(db, caseId);
  const ourSet = new Set(ours);
  type LinkRow = { id: string; type: string; valid_from: string | null; valid_to: string | null; fromId: string; toId: string };
  const links = new Map<string, LinkRow>();
  for (const e of ours) for (const l of linkStmt.all({ entityId: e, cap: LINKS_PER_ENTITY }) as LinkRow[]) links.set(l.id, l);
  const names = new Map(
    (
      sql(db, 'SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify([...new Set([...links.values()].flatMap((l) => [l.fromId, l.toId]))]),
      ) as { id: string; name: string }[]
    ).map((r) => [r.id, r.name]),
  );
  for (const l of links.values()) {
    // The link opens the entity of this case at its end (the one it starts from when both are).
    const record = { type: 'entity', id: ourSet.has(l.fromId) ? l.fromId : l.toId } as const;
    const params = { type: l.type, from: names.get(l.fromId) ?? '', to: names.get(l.toId) ?? '' };
    push(`link:${l.id}:from`, l.valid_from, 'day', 'link.started', record, params);
    push(`link:${l.id}:to`, l.valid_to, 'day', 'link.ended', record, params);
  }

  const evidence = sql(db, 'SELECT id, original_name, acquired_at, added_at FROM evidence WHERE case_id = ? ORDER BY seq').all(
    caseId,
  ) as { id: string; original_name: string; acquired_at: string | null; added_at: string }[];
  for (const e of evidence) {
    const record = { type: 'evidence', id: e.id } as const;
    if (e.acquired_at) push(`evidence:${e.id}`, e.acquired_at, 'instant', 'evidence.acquired', record, { name: e.original_name });
    else push(`evidence:${e.id}`, e.added_at, 'instant', 'evidence.added', record, { name: e.original_name });
  }

  // A date sorts before the instants of its day (a string order: 'YYYY-MM-DD' < 'YYYY-MM-DDT...').
  events.sort(
    (a, b) =>
      (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
      (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const truncated = events.length > MAX_TIMELINE_EVENTS;
  return {
    caseId,
    fileNumber: c.file_number,
    securityMarking: c.security_marking,
    events: truncated ? events.slice(0, MAX_TIMELINE_EVENTS) : events,
    truncated,
  };
}
