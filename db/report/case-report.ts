/**
 * The case report: a cover page, a table of contents with page numbers and links, then one
 * section per kind of record, each starting on its own page; bookmarks for every section and
 * record; the marking and "Page X of Y" on every page.
 */
import { MARKING_PRINTED } from '../shared/domain.ts';
import type { CaseData } from '../package/case-data.ts';
import { COLORS } from './layout.ts';
import { decorate, startReport, type Report, type ReportOptions } from './common.ts';
import type { MessageKey } from './messages.ts';
import {
  custodySection,
  detentionsSection,
  evidenceSection,
  notesSection,
  penaltiesSection,
  seizuresSection,
  subjectsSection,
  summarySection,
  timelineSection,
  withheldSection,
} from './sections.ts';

export type { ReportOptions };

function cover(r: Report): void {
  const { L, t, f, data, o } = r;
  const c = data.case;
  const w = r.tr.words;
  const agency = o.investigator.agency || c.agency;
  L.cursor = 132;
  if (agency) {
    L.use('cond', 10, COLORS.muted);
    L.doc.text(agency, L.left, L.cursor, { width: L.width });
    L.cursor = L.doc.y + 10;
  }
  L.use('bold', 10, COLORS.accent);
  L.doc.text(t('report.caseReport').toLocaleUpperCase(o.locale), L.left, L.cursor, { width: L.width, characterSpacing: 1.5 });
  L.cursor = L.doc.y + 6;
  L.use('bold', 28, COLORS.text);
  L.doc.text(c.fileNumber, L.left, L.cursor, { width: L.width });
  L.cursor = L.doc.y + 4;
  L.use('body', 15, COLORS.text);
  L.doc.text(c.title, L.left, L.cursor, { width: L.width, lineGap: 2 });
  L.cursor = L.doc.y + 16;
  L.doc
    .moveTo(L.left, L.cursor)
    .lineTo(L.left + 72, L.cursor)
    .lineWidth(2)
    .strokeColor(COLORS.accent)
    .stroke();
  L.cursor += 22;
  const by = [
    o.investigator.name,
    o.investigator.badge ? `${t('cover.badge')} ${o.investigator.badge}` : '',
    o.investigator.agency,
  ]
    .filter(Boolean)
    .join('\n');
  L.keyValues(
    [
      [t('case.status'), w.status[c.status]],
      [t('case.violationType'), c.violationType ? w.violation[c.violationType] : t('case.violationNone')],
      [t('case.openedOn'), f.date(c.openedOn)],
      [t('case.leadInvestigator'), c.leadInvestigator],
      [t('case.securityMarking'), { text: MARKING_PRINTED[o.marking], font: 'condBold', color: COLORS.marking }],
      [t('cover.profile'), w.profile[data.profile]],
      [t('cover.package'), o.packageId ? { text: o.packageId, font: 'mono', size: 8 } : t('cover.noPackage')],
      [t('cover.generatedAt'), f.instant(o.generatedAt)],
      [t('cover.preparedBy'), by],
    ],
    { labelShare: 0.28, size: 9.5 },
  );
  // The handling notice sits at the foot of the cover, in a frame.
  const notice = [
    t('cover.handling', { marking: MARKING_PRINTED[o.marking] }),
    data.profile === 'partner' ? t('cover.withheldNote', { count: data.withheld.length, section: t('section.withheld') }) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const h = L.heightOf(notice, 'body', 8.5, L.width - 24, 2);
  const top = L.bottom - h - 24;
  L.doc
    .rect(L.left, top, L.width, h + 20)
    .lineWidth(0.8)
    .strokeColor(COLORS.marking)
    .stroke();
  L.use('body', 8.5, COLORS.text);
  L.doc.text(notice, L.left + 12, top + 10, { width: L.width - 24, lineGap: 2 });
}

interface Entry {
  title: string;
  dest: string;
  page: number;
}

function contents(r: Report, page: number, entries: readonly Entry[]): void {
  const { L, t } = r;
  L.doc.switchToPage(page);
  L.cursor = L.top;
  L.heading(1, t('report.contents'));
  let y = L.cursor + 4;
  for (const [i, e] of entries.entries()) {
    const number = String(e.page + 1);
    const label = `${i + 1}.  ${e.title}`;
    const labelWidth = L.fixed(label, L.left, y, 'body', 10, COLORS.text);
    const numberWidth = L.fixed(number, L.right, y, 'body', 10, COLORS.text, 'right');
    // Dotted leaders between the title and its page.
    L.use('body', 10, COLORS.faint);
    const dot = L.doc.widthOfString(' .');
    const room = L.width - labelWidth - numberWidth - 12;
    if (room > dot) L.fixed(' .'.repeat(Math.floor(room / dot)), L.right - numberWidth - 6, y, 'body', 10, COLORS.faint, 'right');
    L.doc.goTo(L.left, y - 2, L.width, 16, e.dest);
    y += 22;
  }
}

/** The case report of `data` as a PDF. */
export async function renderCaseReport(data: CaseData, o: ReportOptions): Promise<Buffer> {
  const r = startReport(data, o, 'report.caseReport');
  const { L, t } = r;
  L.newPage();
  cover(r);
  L.newPage();
  const contentsPage = L.pageIndex;
  const entries: Entry[] = [];
  const section = (key: MessageKey, draw: (outline: PDFKit.PDFOutline) => void) => {
    L.newPage();
    const dest = `section-${key.slice('section.'.length)}`;
    const page = L.heading(1, t(key), { dest });
    const outline = L.doc.outline.addItem(t(key));
    entries.push({ title: t(key), dest, page });
    draw(outline);
  };
  section('section.summary', () => summarySection(r));
  section('section.subjects', () => subjectsSection(r));
  section('section.seizures', (outline) => seizuresSection(r, outline));
  section('section.custody', (outline) => custodySection(r, outline));
  section('section.detentions', (outline) => detentionsSection(r, outline));
  section('section.penalties', (outline) => penaltiesSection(r, outline));
  section('section.evidence', () => evidenceSection(r));
  section('section.timeline', () => timelineSection(r));
  if (data.profile === 'partner') section('section.withheld', () => withheldSection(r));
  section('section.notes', () => notesSection(r));
  contents(r, contentsPage, entries);
  return L.finish(decorate(r, 'report.caseReport'));
}
