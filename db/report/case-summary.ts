/**
 * The one-page case summary: key facts, the summary text, the principal subjects and the key
 * figures. It stays on one page: a long summary or a long list of subjects is cut (saying so and
 * pointing to the full case report), more tightly at each try until the page holds it.
 */
import type { CaseData } from '../package/case-data.ts';
import { COLORS } from './layout.ts';
import { decorate, kindOf, rolesOf, startReport, type Report, type ReportOptions } from './common.ts';
import { caseFacts, figureColumns, keyFigures, namedEntities } from './sections.ts';

interface Fit {
  subjects: number;
  summaryHeight: number;
}

const FITS: readonly Fit[] = [
  { subjects: 10, summaryHeight: 170 },
  { subjects: 7, summaryHeight: 110 },
  { subjects: 4, summaryHeight: 60 },
  { subjects: 2, summaryHeight: 24 },
];

function draw(r: Report, fit: Fit): void {
  const { L, t, data } = r;
  L.newPage();
  L.heading(1, `${t('report.caseSummary')} · ${data.case.fileNumber}`);
  const facts = caseFacts(r).filter((_, i) => i !== 0 && i !== 7);
  L.keyValues(facts, { size: 8 });
  L.heading(2, t('case.summary'), { keep: 30 });
  const text = data.case.summary.trim() || t('case.noSummary');
  const full = L.heightOf(text, 'body', 8.5, L.width, 2);
  L.use('body', 8.5, data.case.summary.trim() ? COLORS.text : COLORS.muted);
  L.doc.text(text, L.left, L.cursor, { width: L.width, lineGap: 2, height: fit.summaryHeight, ellipsis: true });
  L.cursor = L.doc.y + 4;
  if (full > fit.summaryHeight) L.para(t('summary.truncated'), { size: 7.5, color: COLORS.muted });
  const named = namedEntities(r);
  if (named.length) {
    L.heading(2, t('summary.subjects'), { keep: 40 });
    L.table(
      [
        { header: t('entity.name'), width: 3 },
        { header: t('entity.kind'), width: 1.3 },
        { header: t('entity.roles'), width: 3.2 },
      ],
      named
        .slice(0, fit.subjects)
        .map((e) => [{ text: e.name, font: 'condBold' }, kindOf(r, e), rolesOf(r, e, false).join(', ')]),
      { size: 7.5 },
    );
    if (named.length > fit.subjects)
      L.para(t('summary.more', { count: named.length - fit.subjects }), { size: 7.5, color: COLORS.muted });
  }
  L.heading(2, t('summary.figures'), { keep: 40 });
  L.table(figureColumns(r), keyFigures(r), { size: 7.5 });
}

/** The one-page summary of `data` as a PDF. */
export async function renderCaseSummary(data: CaseData, o: ReportOptions): Promise<Buffer> {
  const attempt = (fit: Fit): Report => {
    const r = startReport(data, o, 'report.caseSummary');
    draw(r, fit);
    return r;
  };
  let r = attempt(FITS[0] ?? { subjects: 10, summaryHeight: 170 });
  for (const fit of FITS.slice(1)) {
    if (r.L.doc.bufferedPageRange().count === 1) break;
    r = attempt(fit);
  }
  return r.L.finish(decorate(r, 'report.caseSummary'));
}
