/** The sections of the case report, each drawn from CaseData (the one-page summary and the custody record reuse some). */
import { CASE_ROLES, LINK_CONFIDENCES, MARKING_PRINTED } from '../shared/domain.ts';
import type { CaseDataEntity, CaseDataItem, CaseDataSeizure, Withheld } from '../package/case-data.ts';
import { COLORS, type CellInput, type Column } from './layout.ts';
import { drawLinkFigure, drawSwatch, kindsIn, layoutLinkFigure } from './link-figure.ts';
import { entityName, eventText, kindOf, moneyList, nonEmpty, rolesOf, totalsByCurrency, type Report } from './common.ts';

const notesShown = (r: Report, notes: string) => r.data.profile === 'prosecution' && notes.trim() !== '';

// --- Summary -------------------------------------------------------------------------------------

export function caseFacts(r: Report): [string, CellInput][] {
  const { t, f, data } = r;
  const c = data.case;
  const w = r.tr.words;
  return [
    [t('case.fileNumber'), { text: c.fileNumber, font: 'condBold' }],
    [t('case.title'), c.title],
    [t('case.status'), w.status[c.status]],
    [t('case.priority'), w.priority[c.priority]],
    [t('case.violationType'), c.violationType ? w.violation[c.violationType] : t('case.violationNone')],
    [t('case.legalAuthorities'), nonEmpty(c.legalAuthorities, r)],
    [t('case.agency'), nonEmpty(c.agency, r)],
    [t('case.partnerAgencies'), c.partnerAgencies.length ? c.partnerAgencies.join('\n') : t('report.none')],
    [t('case.leadInvestigator'), c.leadInvestigator],
    [t('case.openedOn'), f.date(c.openedOn)],
    [t('case.contraventionOn'), f.date(c.contraventionOn)],
    [t('case.closedOn'), f.date(c.closedOn)],
    [t('case.securityMarking'), MARKING_PRINTED[c.securityMarking]],
  ];
}

export function keyFigures(r: Report): CellInput[][] {
  const { t, f, data } = r;
  const items = data.seizures.flatMap((s) => s.items);
  const owed = data.penalties.map((p) => ({ amountMinor: p.effectiveAmountMinor, currency: p.currency }));
  const paid = data.penalties.map((p) => ({ amountMinor: p.paidMinor, currency: p.currency }));
  const balance = data.penalties
    .filter((p) => !['cancelled', 'written_off'].includes(p.status))
    .map((p) => ({ amountMinor: p.balanceMinor, currency: p.currency }));
  const right = (text: string): CellInput => ({ text, align: 'right' });
  return [
    [t('figures.subjects'), right(f.integer(data.entities.filter((e) => e.hop === 0).length)), ''],
    [t('figures.seizures'), right(f.integer(data.seizures.length)), ''],
    [t('figures.items'), right(f.integer(items.length)), right(moneyList(r, totalsByCurrency(items.map((i) => i.value))))],
    [t('figures.detentions'), right(f.integer(data.detentions.length)), ''],
    [t('figures.penalties'), right(f.integer(data.penalties.length)), right(moneyList(r, totalsByCurrency(owed)))],
    [t('figures.paid'), '', right(moneyList(r, totalsByCurrency(paid)))],
    [t('figures.balance'), '', right(moneyList(r, totalsByCurrency(balance)))],
    [t('figures.evidence'), right(f.integer(data.evidence.length)), ''],
  ];
}

export function figureColumns(r: Report): Column[] {
  return [
    { header: r.t('figures.what'), width: 5 },
    { header: r.t('figures.count'), width: 1.2, align: 'right' },
    { header: r.t('figures.amounts'), width: 2.8, align: 'right' },
  ];
}

export function summarySection(r: Report): void {
  const { L, t, data } = r;
  L.keyValues(caseFacts(r));
  L.heading(2, t('case.summary'));
  L.para(data.case.summary.trim() ? data.case.summary : t('case.noSummary'), {
    color: data.case.summary.trim() ? COLORS.text : COLORS.muted,
  });
  if (data.profile === 'prosecution') {
    L.heading(2, t('case.notes'));
    L.para(data.case.notes.trim() ? data.case.notes : t('case.noNotes'), {
      color: data.case.notes.trim() ? COLORS.text : COLORS.muted,
    });
  }
  L.heading(2, t('figures.title'));
  L.table(figureColumns(r), keyFigures(r), { continued: t('report.continued', { title: t('figures.title') }) });
}

// --- Subjects ------------------------------------------------------------------------------------

function identifiers(r: Report, e: CaseDataEntity): string {
  const { t, f } = r;
  const d = e as unknown as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const out: string[] = [];
  const aliases = Array.isArray(d.aliases) ? (d.aliases as string[]) : [];
  if (aliases.length) out.push(t('id.aliases', { list: aliases.join(', ') }));
  if (str('dateOfBirth')) out.push(t('id.born', { date: f.date(str('dateOfBirth')) }));
  const docs = Array.isArray(d.identityDocuments)
    ? (d.identityDocuments as { type: string; number: string; country?: string | null }[])
    : [];
  for (const doc of docs) {
    const type = r.tr.words.document[doc.type as keyof typeof r.tr.words.document] ?? doc.type;
    out.push(t('id.document', { type, number: doc.country ? `${doc.number} (${doc.country})` : doc.number }));
  }
  const pairs: [string, Parameters<Report['t']>[0]][] = [
    ['registrationNumber', 'id.registration'],
    ['imoNumber', 'id.imo'],
    ['callSign', 'id.callSign'],
    ['registration', 'id.aircraft'],
    ['plate', 'id.plate'],
    ['containerNumber', 'id.container'],
    ['transportDocumentNumber', 'id.transportDoc'],
    ['exportDeclarationNumber', 'id.declaration'],
    ['declaredPermitNumber', 'id.permit'],
  ];
  for (const [key, message] of pairs) if (str(key)) out.push(t(message, { value: str(key) }));
  const route = Array.isArray(d.route) ? (d.route as string[]) : [];
  if (route.length) out.push(t('id.route', { list: route.join(' → ') }));
  return out.join('\n') || t('report.none');
}

const roleRank = (e: CaseDataEntity) => Math.min(100, ...e.roles.map((x) => CASE_ROLES.indexOf(x.role)));

export function namedEntities(r: Report): CaseDataEntity[] {
  return r.data.entities
    .filter((e) => e.hop === 0)
    .sort((a, b) => roleRank(a) - roleRank(b) || a.name.localeCompare(b.name, r.o.locale));
}

export function subjectsSection(r: Report): void {
  const { L, t, f, data } = r;
  const named = namedEntities(r);
  if (named.length === 0) L.para(t('entity.noneNamed'), { color: COLORS.muted });
  else {
    L.table(
      [
        { header: t('entity.name'), width: 3 },
        { header: t('entity.kind'), width: 1.4 },
        { header: t('entity.country'), width: 1.5 },
        { header: t('entity.roles'), width: 2.6 },
        { header: t('entity.identifiers'), width: 3 },
      ],
      named.map((e) => [
        { text: e.name, font: 'condBold' },
        kindOf(r, e),
        f.country(e.country),
        rolesOf(r, e).join('\n') || t('report.none'),
        identifiers(r, e),
      ]),
      { continued: t('report.continued', { title: t('section.subjects') }) },
    );
  }
  const linked = data.entities.filter((e) => e.hop === 1).sort((a, b) => a.name.localeCompare(b.name, r.o.locale));
  if (linked.length) {
    L.heading(2, t('entity.linked'));
    L.para(t('entity.linkedHint'), { color: COLORS.muted, size: 8 });
    L.table(
      [
        { header: t('entity.name'), width: 3 },
        { header: t('entity.kind'), width: 1.4 },
        { header: t('entity.country'), width: 1.5 },
        { header: t('entity.identifiers'), width: 3 },
      ],
      linked.map((e) => [{ text: e.name, font: 'condBold' }, kindOf(r, e), f.country(e.country), identifiers(r, e)]),
      { continued: t('report.continued', { title: t('entity.linked') }) },
    );
  }
  L.heading(2, t('links.title'));
  if (data.links.length === 0) L.para(t('links.none'), { color: COLORS.muted });
  else {
    const w = r.tr.words;
    L.table(
      [
        { header: t('links.from'), width: 2.3 },
        { header: t('links.link'), width: 1.7 },
        { header: t('links.to'), width: 2.3 },
        { header: t('links.confidence'), width: 1.3 },
        { header: t('links.source'), width: 2.2 },
        { header: t('links.period'), width: 1.8 },
      ],
      data.links.map((l) => [
        entityName(r, l.fromId),
        l.shareBp === null ? w.link[l.type] : `${w.link[l.type]} (${t('links.share', { share: f.integer(l.shareBp / 100) })})`,
        entityName(r, l.toId),
        w.confidence[l.confidence],
        l.source + (notesShown(r, l.notes) ? `\n${l.notes}` : ''),
        l.validFrom && l.validTo
          ? `${f.date(l.validFrom)} – ${f.date(l.validTo)}`
          : l.validFrom
            ? t('links.since', { date: f.date(l.validFrom) })
            : l.validTo
              ? t('links.until', { date: f.date(l.validTo) })
              : t('report.none'),
      ]),
      { continued: t('report.continued', { title: t('links.title') }) },
    );
  }
  linkFigure(r);
}

/** The case's link chart as a figure: its entities and the links among them, with a legend. */
function linkFigure(r: Report): void {
  const fig = layoutLinkFigure(r.data, r.o.generatedAt.slice(0, 10));
  if (!fig) return;
  const L = r.L;
  const w = r.tr.words;
  const LEGEND = 16;
  const height = Math.min(430, 200 + fig.nodes.length * 1.5);
  L.drawing(
    height,
    (box) => {
      const style = {
        font: (size: number, color: string) => void L.use('body', size, color),
        text: COLORS.text,
        muted: COLORS.muted,
      };
      drawLinkFigure(L.doc, fig, { ...box, height: box.height - LEGEND }, style);
      // The legend: each kind drawn, then how sure each line is.
      let x = box.x + 10;
      const y = box.y + box.height - LEGEND / 2;
      L.doc
        .moveTo(box.x, box.y + box.height - LEGEND)
        .lineTo(box.x + box.width, box.y + box.height - LEGEND)
        .lineWidth(0.3)
        .strokeColor(COLORS.hairline)
        .stroke();
      for (const key of kindsIn(fig)) {
        drawSwatch(L.doc, key, x, y, 3);
        const name = key in w.conveyance ? w.conveyance[key as keyof typeof w.conveyance] : w.kind[key as keyof typeof w.kind];
        L.use('body', 6, COLORS.muted);
        L.doc.text(name, x + 5, y - 3, { lineBreak: false });
        x += 5 + L.doc.widthOfString(name) + 10;
      }
      for (const confidence of LINK_CONFIDENCES) {
        L.doc.lineWidth(0.6).strokeColor('#7d8793');
        if (confidence === 'probable') L.doc.dash(2.4, { space: 1.6 });
        else if (confidence === 'possible') L.doc.dash(0.8, { space: 1.2 });
        L.doc
          .moveTo(x, y)
          .lineTo(x + 14, y)
          .stroke();
        L.doc.undash();
        L.use('body', 6, COLORS.muted);
        L.doc.text(w.confidence[confidence], x + 17, y - 3, { lineBreak: false });
        x += 17 + L.doc.widthOfString(w.confidence[confidence]) + 10;
      }
    },
    r.t('figure.chart'),
  );
}

// --- Seizures ------------------------------------------------------------------------------------

export function seizureFacts(r: Report, s: CaseDataSeizure): [string, CellInput][] {
  const { t, f } = r;
  const w = r.tr.words;
  const terms = s.termsOfRelease;
  const termsText = terms
    ? [
        terms.amount ? f.money(terms.amount.amountMinor, terms.amount.currency) : '',
        terms.security ? t('seizure.security', { security: terms.security }) : '',
      ]
        .filter(Boolean)
        .join(', ')
    : t('report.none');
  const rows: [string, CellInput][] = [
    [t('seizure.seizedAt'), f.instant(s.seizedAt)],
    [t('seizure.place'), s.place],
    [t('seizure.officer'), s.seizingOfficer],
    [t('seizure.seizedFrom'), entityName(r, s.seizedFromEntityId)],
    [t('seizure.owner'), entityName(r, s.ownerEntityId)],
    [
      t('seizure.claimants'),
      s.claimantEntityIds.length ? s.claimantEntityIds.map((id) => entityName(r, id)).join('\n') : t('report.none'),
    ],
    [t('seizure.conveyance'), entityName(r, s.conveyanceEntityId)],
    [t('seizure.legalProvision'), nonEmpty(s.legalProvision, r)],
    [t('seizure.storage'), nonEmpty(s.storageLocation, r)],
    [t('seizure.custodian'), nonEmpty(s.custodian, r)],
    [
      t('seizure.disposition'),
      s.dispositionOn
        ? t('seizure.dispositionOn', {
            disposition: w.disposition[s.disposition],
            date: f.date(s.dispositionOn),
            authority: s.dispositionAuthority ?? '',
          })
        : w.disposition[s.disposition],
    ],
    [t('seizure.reviewWindow'), f.date(s.reviewWindowEndsOn)],
    [t('seizure.terms'), termsText],
    [
      t('seizure.forfeiture'),
      s.ascertainedForfeiture ? f.money(s.ascertainedForfeiture.amountMinor, s.ascertainedForfeiture.currency) : t('report.none'),
    ],
  ];
  if (notesShown(r, s.notes)) rows.push([t('seizure.notes'), s.notes]);
  return rows;
}

export function goodsTable(r: Report, s: CaseDataSeizure): void {
  const { L, t, f } = r;
  const w = r.tr.words;
  const right = (text: string, font?: 'condBold'): CellInput => ({ text, align: 'right', ...(font ? { font } : {}) });
  const rows: CellInput[][] = s.items.map((i) => [
    String(i.itemNumber),
    i.description,
    right(`${f.integer(i.quantity)} ${w.unit[i.unit] ?? i.unit}`),
    [i.hsCode, i.eccn].filter(Boolean).join('\n') || t('report.none'),
    i.originCountry ?? t('report.none'),
    i.sealNumbers.join(', ') || t('report.none'),
    right(f.money(i.value.amountMinor, i.value.currency)),
  ]);
  for (const total of s.totals) {
    rows.push([
      '',
      { text: t('item.total', { currency: total.currency }), font: 'condBold' },
      '',
      '',
      '',
      '',
      right(f.money(total.amountMinor, total.currency), 'condBold'),
    ]);
  }
  L.table(
    [
      { header: t('item.no'), width: 0.5 },
      { header: t('item.description'), width: 3.6 },
      { header: t('item.quantity'), width: 1.3, align: 'right' },
      { header: t('item.codes'), width: 1.1 },
      { header: t('item.origin'), width: 0.8 },
      { header: t('item.seals'), width: 1.4 },
      { header: t('item.value'), width: 1.9, align: 'right' },
    ],
    rows,
    {
      continued: t('report.continued', { title: `${t('seizure.number', { number: s.seizureNumber })} · ${t('seizure.goods')}` }),
    },
  );
}

export function seizuresSection(r: Report, outline: PDFKit.PDFOutline): void {
  const { L, t, data } = r;
  if (data.seizures.length === 0) return L.para(t('seizure.none'), { color: COLORS.muted });
  for (const s of data.seizures) {
    const title = t('seizure.number', { number: s.seizureNumber });
    const facts = seizureFacts(r, s);
    L.heading(2, title, { keep: L.keyValuesHeight(facts) });
    outline.addItem(title);
    L.keyValues(facts);
    L.heading(3, t('seizure.goods'));
    goodsTable(r, s);
  }
}

// --- Chain of custody ----------------------------------------------------------------------------

export function custodyRows(r: Report, item: CaseDataItem): CellInput[][] {
  const { t, f } = r;
  const w = r.tr.words;
  const origin = item.custody.origin;
  const rows: CellInput[][] = [
    [
      '0',
      f.stacked(origin.at),
      `${t('report.none')}\n→ ${origin.custodian}`,
      origin.location,
      t('custody.originShort'),
      item.sealNumbers.join(', ') || t('report.none'),
    ],
  ];
  for (const e of item.custody.entries) {
    const muted = !e.effective;
    const cell = (text: string): CellInput => (muted ? { text, color: COLORS.faint, strike: true } : text);
    const extra = [
      e.correctsEntryId ? t('custody.correction') : '',
      muted ? t('custody.corrected') : '',
      notesShown(r, e.notes) ? e.notes : '',
    ].filter(Boolean);
    rows.push([
      cell(e.slot === null ? t('report.none') : String(e.slot)),
      cell(f.stacked(e.at)),
      cell(`${e.releasedBy}\n→ ${e.receivedBy}`),
      cell(`${e.fromLocation}\n→ ${e.toLocation}`),
      cell(w.purpose[e.purpose]),
      {
        text: [[e.sealNumbers.join(', '), e.condition].filter(Boolean).join('\n') || t('report.none'), ...extra].join('\n'),
        ...(muted ? { color: COLORS.faint } : {}),
      },
    ]);
  }
  return rows;
}

export function custodyColumns(r: Report): Column[] {
  const { t } = r;
  return [
    { header: '#', width: 0.35 },
    { header: t('custody.at'), width: 1.3 },
    { header: `${t('custody.released')} → ${t('custody.received')}`, width: 2.2 },
    { header: `${t('custody.from')} → ${t('custody.to')}`, width: 2.4 },
    { header: t('custody.purpose'), width: 1.25 },
    { header: t('custody.sealsCondition'), width: 2.1 },
  ];
}

export function custodySection(r: Report, outline: PDFKit.PDFOutline): void {
  const { L, t, f, data } = r;
  const items = data.seizures.flatMap((s) => s.items.map((item) => ({ s, item })));
  if (items.length === 0) return L.para(t('custody.noItems'), { color: COLORS.muted });
  for (const { s, item } of items) {
    const title = t('custody.item', { number: s.seizureNumber, item: item.itemNumber, description: item.description });
    L.heading(2, title, { keep: 90 });
    outline.addItem(`${s.seizureNumber} · ${t('item.label', { item: item.itemNumber })}`);
    L.table(custodyColumns(r), custodyRows(r, item), { continued: t('report.continued', { title }) });
    const c = item.custody.current;
    L.para(t('custody.current', { custodian: c.custodian, location: c.location, since: f.instant(c.since) }), {
      size: 8,
      after: 2,
    });
    L.para(item.custody.breaks.length ? t('custody.breaks', { count: item.custody.breaks.length }) : t('custody.unbroken'), {
      size: 8,
      color: item.custody.breaks.length ? COLORS.marking : COLORS.muted,
    });
  }
}

// --- Detentions ----------------------------------------------------------------------------------

export function detentionsSection(r: Report, outline: PDFKit.PDFOutline): void {
  const { L, t, f, data } = r;
  const w = r.tr.words;
  if (data.detentions.length === 0) return L.para(t('detention.none'), { color: COLORS.muted });
  for (const d of data.detentions) {
    const title = t('detention.number', { number: d.detentionNumber });
    const rows: [string, CellInput][] = [
      [t('detention.subject'), w.detentionSubject[d.subject]],
      [t('detention.startedAt'), f.instant(d.startedAt)],
      [t('detention.place'), nonEmpty(d.place, r)],
      [t('detention.legalAuthority'), nonEmpty(d.legalAuthority, r)],
      [t('detention.exporter'), entityName(r, d.exporterId)],
      [t('detention.consignee'), entityName(r, d.consigneeId)],
      [t('detention.destination'), f.country(d.destinationCountry)],
      [t('detention.declared'), [d.declaredPermit, d.declaredEccn].filter(Boolean).join(' / ') || t('report.none')],
      [t('detention.reason'), nonEmpty(d.reason, r)],
      [
        t('detention.assessment'),
        d.assessmentOffice
          ? t('detention.assessmentText', {
              office: d.assessmentOffice,
              referred: f.date(d.referredOn),
              due: f.date(d.assessmentDueOn),
              answered: f.date(d.assessmentAnsweredOn),
            })
          : t('report.none'),
      ],
      [t('detention.reviewDue'), f.date(d.reviewDueOn)],
      [
        t('detention.outcome'),
        d.outcome
          ? t('detention.outcomeText', { outcome: w.outcome[d.outcome], at: f.instant(d.endedAt) })
          : t('detention.ongoing'),
      ],
    ];
    if (notesShown(r, d.notes)) rows.push([t('detention.notes'), d.notes]);
    L.heading(2, title, { keep: L.keyValuesHeight(rows) });
    outline.addItem(title);
    L.keyValues(rows);
    if (d.requests.length) {
      L.heading(3, t('detention.requests'));
      L.table(
        [
          { header: t('request.kind'), width: 2 },
          { header: t('request.description'), width: 3 },
          { header: t('request.requestedOn'), width: 1.3 },
          { header: t('request.dueOn'), width: 1.3 },
          { header: t('request.answer'), width: 1.9 },
        ],
        d.requests.map((q) => [
          w.request[q.kind],
          nonEmpty(q.description, r),
          f.date(q.requestedOn),
          f.date(q.dueOn),
          q.receivedOn
            ? t('request.receivedOn', { date: f.date(q.receivedOn) })
            : q.closedOn
              ? t('request.closedOn', { date: f.date(q.closedOn) })
              : t('request.awaited'),
        ]),
        { continued: t('report.continued', { title: t('detention.requests') }) },
      );
    }
  }
}

// --- Penalties -----------------------------------------------------------------------------------

export function penaltiesSection(r: Report, outline: PDFKit.PDFOutline): void {
  const { L, t, f, data } = r;
  const w = r.tr.words;
  if (data.penalties.length === 0) return L.para(t('penalty.none'), { color: COLORS.muted });
  for (const p of data.penalties) {
    const title = t('penalty.number', { number: p.noticeNumber });
    const rows: [string, CellInput][] = [
      [t('penalty.entity'), entityName(r, p.entityId)],
      [t('penalty.code'), p.contraventionCode],
      [t('penalty.level'), w.level[p.level]],
      [t('penalty.amount'), f.money(p.amountMinor, p.currency)],
    ];
    if (p.reducedAmountMinor !== null) {
      rows.push([
        t('penalty.reduced'),
        t('penalty.reducedText', {
          amount: f.money(p.reducedAmountMinor, p.currency),
          date: f.date(p.reducedOn),
          reason: p.reductionReason ?? '',
        }),
      ]);
    }
    rows.push(
      [t('penalty.paid'), f.money(p.paidMinor, p.currency)],
      [t('penalty.balance'), { text: f.money(p.balanceMinor, p.currency), font: 'condBold' }],
      [t('penalty.assessedOn'), f.date(p.assessedOn)],
      [t('penalty.dueOn'), f.date(p.dueOn)],
      [
        t('penalty.status'),
        t('penalty.statusText', { status: w.penaltyStatus[p.status], date: f.date(p.statusOn) }) +
          (p.statusReason ? ` — ${p.statusReason}` : ''),
      ],
      [t('penalty.windows'), `${f.date(p.correctionWindowEndsOn)} / ${f.date(p.reviewWindowEndsOn)}`],
    );
    if (notesShown(r, p.notes)) rows.push([t('penalty.notes'), p.notes]);
    L.heading(2, title, { keep: L.keyValuesHeight(rows) });
    outline.addItem(title);
    L.keyValues(rows);
    L.heading(3, t('penalty.payments'), { keep: 30 });
    if (p.payments.length === 0) L.para(t('penalty.noPayments'), { color: COLORS.muted, size: 8 });
    else {
      L.table(
        [
          { header: t('payment.paidOn'), width: 1.5 },
          { header: t('payment.method'), width: 1.5 },
          { header: t('payment.reference'), width: 3 },
          { header: t('payment.amount'), width: 2, align: 'right' },
        ],
        p.payments.map((x) => [
          f.date(x.paidOn),
          w.method[x.method],
          nonEmpty(x.reference, r),
          { text: f.money(x.amountMinor, x.currency), align: 'right' },
        ]),
        { continued: t('report.continued', { title: `${title} · ${t('penalty.payments')}` }) },
      );
    }
  }
  const currencies = [...new Set(data.penalties.map((p) => p.currency))].sort();
  L.heading(2, t('penalty.totals'));
  const sum = (pick: (p: (typeof data.penalties)[number]) => number, currency: string, open = false) =>
    totalsByCurrency(
      data.penalties
        .filter((p) => p.currency === currency && !(open && ['cancelled', 'written_off'].includes(p.status)))
        .map((p) => ({ amountMinor: pick(p), currency })),
    )[0]?.[1] ?? 0n;
  L.table(
    [
      { header: t('penalty.currency'), width: 1 },
      { header: t('penalty.amount'), width: 2, align: 'right' },
      { header: t('penalty.owed'), width: 2, align: 'right' },
      { header: t('penalty.paid'), width: 2, align: 'right' },
      { header: t('penalty.balance'), width: 2, align: 'right' },
    ],
    currencies.map((c) => [
      c,
      {
        text: f.money(
          sum((p) => p.amountMinor, c),
          c,
        ),
        align: 'right',
      },
      {
        text: f.money(
          sum((p) => p.effectiveAmountMinor, c),
          c,
        ),
        align: 'right',
      },
      {
        text: f.money(
          sum((p) => p.paidMinor, c),
          c,
        ),
        align: 'right',
      },
      {
        text: f.money(
          sum((p) => p.balanceMinor, c, true),
          c,
        ),
        align: 'right',
        font: 'condBold',
      },
    ]),
  );
}

// --- Evidence ------------------------------------------------------------------------------------

export function evidenceSection(r: Report): void {
  const { L, t, f, data } = r;
  const w = r.tr.words;
  if (data.evidence.length === 0) return L.para(t('evidence.none'), { color: COLORS.muted });
  L.para(t('evidence.intro'), { size: 8, color: COLORS.muted });
  const subject = (type: string, id: string): string => {
    if (type === 'case') return w.evidenceSubject.case;
    if (type === 'entity') return t('report.labelled', { label: w.evidenceSubject.entity, value: entityName(r, id) });
    for (const s of data.seizures) {
      const item = s.items.find((i) => i.id === id);
      if (item) return `${s.seizureNumber}, ${t('item.inline', { item: item.itemNumber })}`;
    }
    return w.evidenceSubject.seized_item;
  };
  L.table(
    [
      { header: '#', width: 18 },
      { header: t('evidence.file'), width: 128 },
      { header: t('evidence.acquired'), width: 80 },
      // 64 hexadecimal digits of DejaVu Sans Mono at 7 pt (0.602 em each), and the cell's padding.
      { header: t('evidence.sha256'), width: 278, font: 'mono', size: 7 },
    ],
    data.evidence.map((e, i) => {
      const retired = e.retiredAt
        ? `\n${t('evidence.retired', { date: f.instant(e.retiredAt), reason: e.retiredReason ?? '' })}`
        : '';
      return [
        String(i + 1),
        {
          text: `${e.originalName}\n${e.mediaType} · ${f.size(e.size)}${e.size >= 1024 ? ` (${t('evidence.bytes', { n: f.integer(e.size) })})` : ''}\n${t('report.labelled', { label: t('evidence.attachedTo'), value: subject(e.subjectType, e.subjectId) })}${e.description ? `\n${e.description}` : ''}${retired}`,
          ...(e.retiredAt ? { color: COLORS.muted } : {}),
        },
        [
          f.stacked(e.acquiredAt ?? e.addedAt),
          e.acquiredBy ? t('evidence.acquiredBy', { name: e.acquiredBy }) : '',
          e.acquiredFrom ? t('evidence.acquiredFrom', { place: e.acquiredFrom }) : '',
        ]
          .filter(Boolean)
          .join('\n'),
        { text: e.sha256, font: 'mono', size: 7 },
      ];
    }),
    { continued: t('report.continued', { title: t('section.evidence') }) },
  );
}

// --- Timeline ------------------------------------------------------------------------------------

export function timelineSection(r: Report): void {
  const { L, t, f, data } = r;
  const events = data.timeline.events;
  if (events.length === 0) return L.para(t('timeline.none'), { color: COLORS.muted });
  if (data.timeline.truncated) L.para(t('timeline.truncated', { count: events.length }), { size: 8, color: COLORS.muted });
  L.table(
    [
      { header: t('timeline.when'), width: 1.35 },
      { header: t('timeline.event'), width: 4 },
    ],
    events.map((e) => [f.when(e.at), eventText(r, e)]),
    { continued: t('report.continued', { title: t('section.timeline') }) },
  );
}

// --- Withheld and notes --------------------------------------------------------------------------

function withheldRecord(r: Report, x: Withheld): string {
  const { t, data } = r;
  const w = r.tr.words;
  const noun = w.record[x.recordType as keyof typeof w.record] ?? x.recordType;
  if (x.recordType === 'case_entity') {
    for (const e of data.entities) {
      const role = e.roles.find((y) => y.id === x.recordId);
      if (role) return t('report.labelled', { label: noun, value: `${w.role[role.role]}, ${e.name}` });
    }
  }
  if (x.recordType === 'custody_entry') {
    for (const s of data.seizures)
      for (const item of s.items) {
        const entry = item.custody.entries.find((y) => y.id === x.recordId);
        if (entry)
          return t('report.labelled', {
            label: noun,
            value: `${s.seizureNumber}, ${t('item.inline', { item: item.itemNumber })}, ${t('custody.movementInline', { n: entry.slot ?? '—' })}`,
          });
      }
  }
  return `${noun} ${x.label}`;
}

export function withheldSection(r: Report): void {
  const { L, t, data } = r;
  L.para(t('withheld.intro'), { size: 8.5 });
  if (data.withheld.length === 0) return L.para(t('withheld.none'), { color: COLORS.muted });
  L.table(
    [
      { header: t('withheld.what'), width: 2.2 },
      { header: t('withheld.record'), width: 3.2 },
      { header: t('withheld.why'), width: 3.2 },
    ],
    data.withheld.map((x) => [
      x.field === null ? t('withheld.link') : t('withheld.field'),
      withheldRecord(r, x),
      r.tr.words.withheld[x.reason],
    ]),
    { continued: t('report.continued', { title: t('section.withheld') }) },
  );
}

export function notesSection(r: Report): void {
  const { L, t, f, data, o } = r;
  L.para(t('notes.times'));
  L.para(t('notes.money'));
  const last = data.audit[data.audit.length - 1];
  if (last) {
    L.para(t('notes.audit', { count: data.audit.length }));
    L.para(t('notes.auditHead', { seq: last.seq }), { after: 1 });
    L.para(last.hash, { font: 'mono', size: 7.5 });
  } else L.para(t('notes.noAudit'));
  if (o.packageId) L.para(t('notes.package'));
  if (data.profile === 'partner') L.para(t('notes.partner', { section: t('section.withheld') }));
  L.para(t('notes.generated', { at: f.instant(o.generatedAt) }), { color: COLORS.muted });
}
