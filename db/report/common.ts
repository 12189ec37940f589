/** What the three printed records share: their options, the page header and footer, and the words for records. */
import { MARKING_PRINTED, type SecurityMarking } from '../shared/domain.ts';
import type { TimelineEvent } from '../services/timeline.ts';
import type { CaseData, CaseDataEntity } from '../package/case-data.ts';
import { COLORS, Layout } from './layout.ts';
import { formats, type Formats } from './format.ts';
import { translator, type MessageKey, type ReportLocale, type Translator } from './messages.ts';

export interface ReportOptions {
  locale: ReportLocale;
  /** The evidence package this report belongs to; null for a record printed from the case file. */
  packageId: string | null;
  /** Who produced it. */
  investigator: { name: string; badge: string; agency: string };
  /** UTC instant (ISO 8601); also the PDF's creation date, so the same data prints the same file. */
  generatedAt: string;
  /** The marking printed on every page: the case's, or higher. */
  marking: SecurityMarking;
  /** Where the DejaVu fonts are (default: the dejavu-fonts-ttf package). */
  fontDir?: string | undefined;
}

export interface Report {
  data: CaseData;
  o: ReportOptions;
  tr: Translator;
  t: Translator['t'];
  f: Formats;
  L: Layout;
  entities: Map<string, CaseDataEntity>;
}

export function startReport(data: CaseData, o: ReportOptions, title: MessageKey): Report {
  const tr = translator(o.locale);
  const L = new Layout({
    fontDir: o.fontDir,
    title: `${tr.t(title)} ${data.case.fileNumber}`,
    author: o.investigator.name,
    subject: data.case.title,
    keywords: [data.case.fileNumber, MARKING_PRINTED[o.marking]].join(', '),
    lang: o.locale === 'fr' ? 'fr-CA' : 'en-CA',
    createdAt: new Date(o.generatedAt),
  });
  return { data, o, tr, t: tr.t, f: formats(o.locale), L, entities: new Map(data.entities.map((e) => [e.id, e])) };
}

/** Marking at the top and bottom of every page, the record's name and number, and "Page X of Y". */
export function decorate(r: Report, title: MessageKey): (page: number, count: number) => void {
  const { L, t } = r;
  const marking = MARKING_PRINTED[r.o.marking];
  return (page, count) => {
    L.fixed(t(title), L.left, 30, 'cond', 7.5, COLORS.muted);
    L.fixed(marking, L.pageWidth / 2, 29, 'bold', 8.5, COLORS.marking, 'center');
    L.fixed(r.data.case.fileNumber, L.right, 30, 'cond', 7.5, COLORS.muted, 'right');
    L.doc.moveTo(L.left, 44).lineTo(L.right, 44).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    const y = L.pageHeight - 46;
    L.doc.moveTo(L.left, y).lineTo(L.right, y).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    L.fixed(r.f.instant(r.o.generatedAt), L.left, y + 9, 'cond', 7, COLORS.muted);
    L.fixed(marking, L.pageWidth / 2, y + 8, 'bold', 8.5, COLORS.marking, 'center');
    L.fixed(t('report.page', { x: page, y: count }), L.right, y + 9, 'cond', 7.5, COLORS.text, 'right');
  };
}

export function entityName(r: Report, id: string | null | undefined): string {
  if (!id) return r.t('report.none');
  return r.entities.get(id)?.name ?? id;
}

export function kindOf(r: Report, e: CaseDataEntity): string {
  const subtype = (e as { subtype?: string }).subtype;
  const words = r.tr.words;
  return e.kind === 'conveyance' && subtype && subtype in words.conveyance
    ? words.conveyance[subtype as keyof typeof words.conveyance]
    : words.kind[e.kind];
}

/** Its roles in the case, then how it is a party to the case's records. */
export function rolesOf(r: Report, e: CaseDataEntity, numbers = true): string[] {
  const w = r.tr.words;
  const parties = new Map<string, string[]>();
  for (const p of e.parties) parties.set(p.as, [...(parties.get(p.as) ?? []), p.number]);
  // One record number a line: a number never breaks at its hyphens.
  return [
    ...e.roles.map((x) => w.role[x.role]),
    ...[...parties].map(([as, list]) =>
      numbers
        ? [w.party[as as keyof typeof w.party], ...list.map((n) => `  ${n}`)].join('\n')
        : w.party[as as keyof typeof w.party],
    ),
  ];
}

export function nonEmpty(text: string | null | undefined, r: Report): string {
  return text && text.trim() !== '' ? text : r.t('report.none');
}

/** Exact sums per currency (BigInt: no rounding whatever the sizes), by currency code. */
export function totalsByCurrency(amounts: Iterable<{ amountMinor: number; currency: string }>): [string, bigint][] {
  const sums = new Map<string, bigint>();
  for (const a of amounts) sums.set(a.currency, (sums.get(a.currency) ?? 0n) + BigInt(a.amountMinor));
  return [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function moneyList(r: Report, totals: readonly [string, bigint][]): string {
  return totals.length ? totals.map(([currency, amount]) => r.f.money(amount, currency)).join('\n') : r.t('report.none');
}

function word<T extends string>(table: Record<T, string>, code: unknown): string {
  const c = code === null || code === undefined ? '' : String(code);
  return Object.hasOwn(table, c) ? table[c as T] : c;
}

/** What a timeline event says, in the report's language. */
export function eventText(r: Report, e: TimelineEvent): string {
  const w = r.tr.words;
  const p = e.params;
  const s = (k: string) => (p[k] === null || p[k] === undefined ? '' : String(p[k]));
  const money = () =>
    typeof p.amountMinor === 'number' && typeof p.currency === 'string' ? r.f.money(p.amountMinor, p.currency) : '';
  const fill = (template: string, params: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
  const lower = (text: string) => text.toLocaleLowerCase(r.o.locale);
  switch (e.kind) {
    case 'case.status':
      return fill(w.timeline[e.kind], { from: word(w.status, p.from), to: word(w.status, p.to) });
    case 'seizure.disposition':
      return fill(w.timeline[e.kind], {
        number: s('number'),
        from: word(w.disposition, p.from),
        to: word(w.disposition, p.to),
      });
    case 'custody.moved':
      return fill(w.timeline[p.correction ? 'custody.corrected' : 'custody.moved'], {
        item: s('item'),
        number: s('number'),
        from: s('from'),
        to: s('to'),
        purpose: lower(word(w.purpose, p.purpose)),
      });
    case 'detention.started':
      return p.place
        ? fill(w.timeline['detention.startedAt'], { number: s('number'), place: s('place') })
        : fill(w.timeline[e.kind], { number: s('number') });
    case 'detention.ended':
      return fill(w.timeline[e.kind], { number: s('number'), outcome: word(w.outcome, p.outcome) });
    case 'request.sent':
    case 'request.received':
    case 'request.closed':
      return fill(w.timeline[e.kind], { number: s('number'), request: lower(word(w.request, p.request)) });
    case 'penalty.assessed':
      return fill(w.timeline[e.kind], { number: s('number'), amount: money() });
    case 'penalty.status':
      return fill(w.timeline[e.kind], {
        number: s('number'),
        from: word(w.penaltyStatus, p.from),
        to: word(w.penaltyStatus, p.to),
      });
    case 'payment.received':
      return fill(w.timeline[e.kind], { number: s('number'), amount: money(), method: lower(word(w.method, p.method)) });
    case 'link.started':
    case 'link.ended':
      return fill(w.timeline[e.kind], { from: s('from'), to: s('to'), relation: lower(word(w.link, p.type)) });
    case 'check.requested':
      return fill(w.timeline[e.kind], { number: s('number'), type: word(w.checkType, p.type) });
    case 'check.conducted':
      return fill(w.timeline[e.kind], { number: s('number'), outcome: word(w.checkOutcome, p.outcome) });
    case 'inspection.completed':
      return fill(w.timeline[e.kind], { number: s('number'), result: word(w.inspectionResult, p.result) });
    case 'audit.reported':
      return fill(w.timeline[e.kind], { number: s('number'), outcome: word(w.auditOutcome, p.outcome) });
    default:
      return fill(w.timeline[e.kind], Object.fromEntries(Object.keys(p).map((k) => [k, s(k)])));
  }
}
