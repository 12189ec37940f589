/**
 * The chain-of-custody record of seized items, for printing and signing: one item per page (or
 * more when its chain is long), every movement with names, places, time, seals and condition, who
 * recorded it, and signature lines for the releasing and receiving officers; then the custodian's
 * certification. Corrected entries stay on the record, struck through.
 */
import type { CaseData, CaseDataItem, CaseDataSeizure } from '../package/case-data.ts';
import type { CustodyEntryView } from '../services/custody.ts';
import { DossierError } from '../errors.ts';
import { COLORS, type Layout } from './layout.ts';
import { decorate, startReport, type Report, type ReportOptions } from './common.ts';

function itemFacts(r: Report, s: CaseDataSeizure, item: CaseDataItem): void {
  const { L, t, f, data } = r;
  const w = r.tr.words;
  L.keyValues([
    [
      t('custody.itemDetails'),
      { text: t('item.line', { item: item.itemNumber, description: item.description }), font: 'condBold' },
    ],
    [t('item.quantity'), `${f.integer(item.quantity)} ${w.unit[item.unit] ?? item.unit}`],
    [t('item.codes'), [item.hsCode, item.eccn].filter(Boolean).join(' / ') || t('report.none')],
    [t('item.origin'), f.country(item.originCountry)],
    [t('item.value'), f.money(item.value.amountMinor, item.value.currency)],
    [t('item.seals'), item.sealNumbers.join(', ') || t('report.none')],
    [t('custody.seizure'), `${s.seizureNumber} · ${t('case.fileNumber')} ${data.case.fileNumber}`],
    [t('seizure.seizedAt'), f.instant(s.seizedAt)],
    [t('seizure.place'), s.place],
    [t('seizure.officer'), s.seizingOfficer],
    [t('seizure.disposition'), w.disposition[s.disposition]],
  ]);
}

interface Pair {
  label: string;
  value: string;
}

/** A framed block: a title line, label-value pairs in two columns, and optional signature lines. */
function block(
  L: Layout,
  title: string,
  pairs: readonly (readonly [Pair, Pair | null])[],
  o: { muted?: boolean; sign?: [string, string] },
): void {
  const pad = 8;
  const colW = (L.width - 3 * pad) / 2;
  const labelW = 70;
  const color = o.muted ? COLORS.faint : COLORS.text;
  const cellH = (p: Pair | null) => (p ? Math.max(L.heightOf(p.value || ' ', 'cond', 8.5, colW - labelW), 11) : 0);
  const rowHeights = pairs.map(([a, b]) => Math.max(cellH(a), cellH(b)) + 3);
  const titleH = L.heightOf(title, 'bold', 9, L.width - 2 * pad) + 4;
  const signH = o.sign ? 34 : 0;
  const total = pad + titleH + rowHeights.reduce((s, h) => s + h, 0) + signH + pad;
  L.ensure(total + 6);
  const top = L.cursor;
  L.doc
    .rect(L.left, top, L.width, total)
    .lineWidth(0.6)
    .strokeColor(o.muted ? COLORS.hairline : COLORS.rule)
    .stroke();
  L.use('bold', 9, o.muted ? COLORS.faint : COLORS.accent);
  L.doc.text(title, L.left + pad, top + pad, { width: L.width - 2 * pad, strike: o.muted ?? false });
  let y = top + pad + titleH;
  pairs.forEach(([a, b], i) => {
    [a, b].forEach((p, col) => {
      if (!p) return;
      const x = L.left + pad + col * (colW + pad);
      L.use('cond', 7.5, COLORS.muted);
      L.doc.text(p.label, x, y + 1, { width: labelW - 4 });
      L.use('cond', 8.5, color);
      L.doc.text(p.value || '—', x + labelW, y, { width: colW - labelW, strike: o.muted ?? false });
    });
    y += rowHeights[i] ?? 0;
  });
  if (o.sign) {
    y += 18;
    o.sign.forEach((label, col) => {
      const x = L.left + pad + col * (colW + pad);
      L.doc
        .moveTo(x, y)
        .lineTo(x + colW - 10, y)
        .lineWidth(0.5)
        .strokeColor(COLORS.text)
        .stroke();
      L.use('cond', 7, COLORS.muted);
      L.doc.text(label, x, y + 3, { width: colW - 10 });
    });
  }
  L.cursor = top + total + 8;
}

function movement(r: Report, e: CustodyEntryView, n: number): void {
  const { L, t, f } = r;
  const w = r.tr.words;
  const notes = r.data.profile === 'prosecution' && e.notes.trim() !== '';
  const status = !e.effective ? ` — ${t('custody.corrected')}` : e.correctsEntryId ? ` — ${t('custody.correction')}` : '';
  const pairs: [Pair, Pair | null][] = [
    [
      { label: t('custody.released'), value: e.releasedBy },
      { label: t('custody.received'), value: e.receivedBy },
    ],
    [
      { label: t('custody.from'), value: e.fromLocation },
      { label: t('custody.to'), value: e.toLocation },
    ],
    [
      { label: t('custody.seals'), value: e.sealNumbers.join(', ') || t('report.none') },
      { label: t('custody.condition'), value: e.condition || t('report.none') },
    ],
  ];
  if (notes) pairs.push([{ label: t('custody.notes'), value: e.notes }, null]);
  pairs.push([
    {
      label: '',
      value: t('custody.recordedBy', {
        name: e.recordedBy,
        badge: e.recordedByBadge ? t('custody.badge', { badge: e.recordedByBadge }) : '',
        at: f.instant(e.recordedAt),
      }),
    },
    null,
  ]);
  block(L, `${t('custody.movement', { n })} — ${f.instant(e.at)} — ${w.purpose[e.purpose]}${status}`, pairs, {
    muted: !e.effective,
    ...(e.effective
      ? {
          sign: [
            t('report.labelled', { label: t('custody.signature'), value: e.releasedBy }),
            t('report.labelled', { label: t('custody.signature'), value: e.receivedBy }),
          ] as [string, string],
        }
      : {}),
  });
}

function itemRecord(r: Report, s: CaseDataSeizure, item: CaseDataItem): void {
  const { L, t, f } = r;
  L.newPage();
  L.heading(1, `${t('report.custodyRecord')} · ${s.seizureNumber}, ${t('item.inline', { item: item.itemNumber })}`);
  itemFacts(r, s, item);
  L.heading(2, t('custody.movements'), { keep: 80 });
  const o = item.custody.origin;
  L.para(`${t('custody.origin', { custodian: o.custodian, location: o.location })} — ${f.instant(o.at)}`, { size: 8.5 });
  if (item.custody.entries.length === 0) L.para(t('custody.noMovement'), { color: COLORS.muted, size: 8.5 });
  item.custody.entries.forEach((e, i) => movement(r, e, e.slot ?? i + 1));
  const c = item.custody.current;
  L.para(t('custody.current', { custodian: c.custodian, location: c.location, since: f.instant(c.since) }), {
    font: 'bold',
    size: 8.5,
    after: 2,
  });
  L.para(item.custody.breaks.length ? t('custody.breaks', { count: item.custody.breaks.length }) : t('custody.unbroken'), {
    size: 8,
    color: item.custody.breaks.length ? COLORS.marking : COLORS.muted,
  });
  L.heading(2, `${t('custody.certification')} · ${s.seizureNumber}, ${t('item.inline', { item: item.itemNumber })}`, {
    keep: 110,
  });
  L.para(t('custody.certificationText'), { size: 8.5, after: 26 });
  const colW = (L.width - 24) / 3;
  const y = L.cursor;
  [t('custody.name'), t('cover.badge'), t('custody.signature')].forEach((label, i) => {
    const x = L.left + i * (colW + 12);
    L.doc
      .moveTo(x, y)
      .lineTo(x + colW, y)
      .lineWidth(0.5)
      .strokeColor(COLORS.text)
      .stroke();
    L.fixed(label, x, y + 4, 'cond', 7, COLORS.muted);
  });
  L.cursor = y + 38;
  L.doc
    .moveTo(L.left, L.cursor)
    .lineTo(L.left + colW, L.cursor)
    .lineWidth(0.5)
    .strokeColor(COLORS.text)
    .stroke();
  L.fixed(t('custody.date'), L.left, L.cursor + 4, 'cond', 7, COLORS.muted);
  L.cursor += 20;
}

/**
 * The custody record of one seizure's items (every item, or only `itemId`). Refused with
 * not_found when the seizure or the item is not in `data`.
 */
export async function renderCustodyRecord(
  data: CaseData,
  target: { seizureId: string; itemId?: string | undefined },
  o: ReportOptions,
): Promise<Buffer> {
  const s = data.seizures.find((x) => x.id === target.seizureId);
  if (!s)
    throw new DossierError(
      'not_found',
      `seizureId: no seizure with id ${target.seizureId} in this case`,
      'seizureId',
      'record.not_found',
      { recordType: 'seizure', id: target.seizureId },
    );
  const items = target.itemId === undefined ? s.items : s.items.filter((i) => i.id === target.itemId);
  if (target.itemId !== undefined && items.length === 0) {
    throw new DossierError(
      'not_found',
      `itemId: no item with id ${target.itemId} in seizure ${s.seizureNumber}`,
      'itemId',
      'record.not_found',
      {
        recordType: 'seized_item',
        id: target.itemId,
      },
    );
  }
  const r = startReport(data, o, 'report.custodyRecord');
  if (items.length === 0) {
    r.L.newPage();
    r.L.heading(1, `${r.t('report.custodyRecord')} · ${s.seizureNumber}`);
    r.L.para(r.t('custody.noItems'), { color: COLORS.muted });
  }
  for (const item of items) itemRecord(r, s, item);
  return r.L.finish(decorate(r, 'report.custodyRecord'));
}
