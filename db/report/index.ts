/** The printed records of a case, made from its CaseData (db/package/case-data.ts) with pdfkit and the DejaVu fonts. */
export { renderCaseReport } from './case-report.ts';
export { renderCustodyRecord } from './custody-record.ts';
export { renderCaseSummary } from './case-summary.ts';
export type { ReportOptions } from './common.ts';
export { defaultFontDir } from './layout.ts';
export type { ReportLocale } from './messages.ts';
