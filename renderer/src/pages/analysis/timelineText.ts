import type { IntlShape } from 'react-intl';
import type { TimelineEvent } from '../../../../db/api.ts';
import {
  CASE_STATUSES,
  CUSTODY_PURPOSES,
  DETENTION_OUTCOMES,
  DISPOSITIONS,
  INFO_REQUEST_KINDS,
  LINK_TYPES,
  MARKING_PRINTED,
  PAYMENT_METHODS,
  PENALTY_STATUSES,
  type SecurityMarking,
} from '../../../../db/shared/domain.ts';
import type { MessageId, Translate } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';

/** A code of a vocabulary in its words, or the code itself when it is not one (from an older or newer Dossier). */
function word(t: Translate, prefix: string, values: readonly string[], code: string | number | null | undefined): string {
  const c = code === null || code === undefined ? '' : String(code);
  return values.includes(c) ? t(`${prefix}${c}` as MessageId) : c;
}

/** What happened, in the user's language. */
export function eventLabel(e: TimelineEvent, t: Translate, intl: IntlShape): string {
  const p = e.params;
  const s = (k: string) => (p[k] === null || p[k] === undefined ? '' : String(p[k]));
  const money = () =>
    typeof p.amountMinor === 'number' && typeof p.currency === 'string'
      ? formatMoney(intl.locale, p.amountMinor, p.currency)
      : '';
  switch (e.kind) {
    case 'case.status':
      return t('timeline.kind.case.status', {
        from: word(t, 'status.', CASE_STATUSES, p.from),
        to: word(t, 'status.', CASE_STATUSES, p.to),
      });
    case 'seizure.disposition':
      return t('timeline.kind.seizure.disposition', {
        number: s('number'),
        from: word(t, 'seizure.disposition.', DISPOSITIONS, p.from),
        to: word(t, 'seizure.disposition.', DISPOSITIONS, p.to),
      });
    case 'custody.moved':
      return t(p.correction ? 'timeline.kind.custody.corrected' : 'timeline.kind.custody.moved', {
        item: s('item'),
        number: s('number'),
        from: s('from'),
        to: s('to'),
        purpose: word(t, 'custody.purpose.', CUSTODY_PURPOSES, p.purpose),
      });
    case 'detention.started':
      return p.place
        ? t('timeline.kind.detention.startedAt', { number: s('number'), place: s('place') })
        : t('timeline.kind.detention.started', { number: s('number') });
    case 'detention.ended':
      return t('timeline.kind.detention.ended', {
        number: s('number'),
        outcome: word(t, 'detention.outcome.', DETENTION_OUTCOMES, p.outcome),
      });
    case 'request.sent':
    case 'request.received':
    case 'request.closed':
      return t(`timeline.kind.${e.kind}`, {
        number: s('number'),
        request: word(t, 'infoRequest.kind.', INFO_REQUEST_KINDS, p.request),
      });
    case 'assessment.referred':
    case 'assessment.answered':
      return t(`timeline.kind.${e.kind}`, { number: s('number'), office: s('office') });
    case 'penalty.assessed':
      return t('timeline.kind.penalty.assessed', { number: s('number'), amount: money() });
    case 'penalty.status':
      return t('timeline.kind.penalty.status', {
        number: s('number'),
        from: word(t, 'penalty.status.', PENALTY_STATUSES, p.from),
        to: word(t, 'penalty.status.', PENALTY_STATUSES, p.to),
      });
    case 'payment.received':
      return t('timeline.kind.payment.received', {
        number: s('number'),
        amount: money(),
        method: word(t, 'payment.method.', PAYMENT_METHODS, p.method).toLowerCase(),
      });
    case 'link.started':
    case 'link.ended':
      return t(`timeline.kind.${e.kind}`, {
        from: s('from'),
        to: s('to'),
        relation: word(t, 'entity.link.out.', LINK_TYPES, p.type).toLowerCase(),
      });
    case 'evidence.acquired':
    case 'evidence.added':
      return t(`timeline.kind.${e.kind}`, { name: s('name') });
    case 'note.dated':
      return t('timeline.kind.note.dated', { text: s('text') });
    case 'check.requested':
      return t('timeline.kind.check.requested', { number: s('number'), type: s('type') });
    case 'check.conducted':
      return t('timeline.kind.check.conducted', { number: s('number'), outcome: s('outcome') });
    case 'inspection.started':
      return t('timeline.kind.inspection.started', { number: s('number'), place: s('place') });
    case 'inspection.completed':
      return t('timeline.kind.inspection.completed', { number: s('number'), result: s('result') });
    case 'audit.reported':
      return t('timeline.kind.audit.reported', { number: s('number'), outcome: s('outcome') });
    case 'seizure.seized':
      return t('timeline.kind.seizure.seized', { number: s('number'), place: s('place') });
    default:
      return t(`timeline.kind.${e.kind}`, { number: s('number') });
  }
}

/** When, in the user's locale and time zone: a whole day, or a date and time. */
export function eventWhen(e: TimelineEvent, t: Translate, intl: IntlShape): string {
  if (e.precision === 'day') {
    const date = intl.formatDate(`${e.at}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    return t('timeline.event.wholeDay', { date });
  }
  return intl.formatDate(e.at, { dateStyle: 'medium', timeStyle: 'short' });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as this laptop's wall time, `YYYY-MM-DD HH:MM:SS` (a form every spreadsheet reads). */
function localWallTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** One CSV field (RFC 4180); text a spreadsheet would run as a formula is prefixed with an apostrophe. */
function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The events as CSV for Excel and LibreOffice: UTF-8 with a byte-order mark, CRLF, the case's
 * security marking on the first line (like every export), then a header in the user's language.
 * A dated event shows its date in both time columns (a calendar day has no UTC instant).
 */
export function timelineCsv(events: readonly TimelineEvent[], marking: SecurityMarking, t: Translate, intl: IntlShape): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const lines = [
    [MARKING_PRINTED[marking]],
    [
      t('timeline.csv.local', { zone }),
      t('timeline.csv.utc'),
      t('timeline.csv.precision'),
      t('timeline.csv.type'),
      t('timeline.csv.event'),
      t('timeline.csv.recordType'),
      t('timeline.csv.recordId'),
    ],
    ...events.map((e) => [
      e.precision === 'day' ? e.at : localWallTime(e.at),
      e.precision === 'day' ? e.at : e.at.replace(/\.\d+Z$/, 'Z'),
      t(`timeline.precision.${e.precision}`),
      t(`timeline.lane.${e.lane}`),
      eventLabel(e, t, intl),
      t(`record.${e.record.type}`),
      e.record.id,
    ]),
  ];
  return `\uFEFF${lines.map((l) => `${l.map(csvField).join(',')}\r\n`).join('')}`;
}
