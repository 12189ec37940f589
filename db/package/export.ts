import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { blobPath } from '../evidence-store.ts';
import { readSettings } from '../services/settings.ts';
import { DOSSIER_VERSION } from '../version.ts';
import { renderCaseReport } from '../report/index.ts';
import type { ReportLocale } from '../report/index.ts';
import { CSV_TABLES, collectCase, type CaseData, type CaseDataProfile } from './case-data.ts';
import { writeBag, type BagInfo, type PayloadFile } from './bag.ts';
import { readmeText } from './readme.ts';

/**
 * A case as an evidence package: the BagIt bag a prosecutor or partner agency receives. The
 * payload holds the report (PDF), every record (case.json, and one CSV per record type), the
 * evidence files under their original names with an index, and the audit extract with its hashes.
 */

export interface ExportOptions {
  caseId: string;
  profile: CaseDataProfile;
  out: string;
  locale: ReportLocale;
  /** UTC instant of the export (ISO 8601). */
  now: string;
  progress?: (done: number, total: number, file: string) => void;
  cancelled?: () => boolean;
}

export interface ExportResult {
  file: string;
  packageId: string;
  fileNumber: string;
  profile: CaseDataProfile;
  payloadFiles: number;
  payloadBytes: number;
  evidenceFiles: number;
  withheld: number;
  ms: number;
}

/** What case.json says besides the records: which export it came from. */
export interface CaseJson extends CaseData {
  packageId: string;
  exportedAt: string;
  dossierVersion: string;
}

/** A name that is safe in a ZIP and on every file system, unique in its folder. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/^\.+/, '_')
    .trim();
  return cleaned.slice(0, 180) || 'file';
}

export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((n) => {
    const base = safeFileName(n);
    let candidate = base;
    const dot = base.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${stem} (${i})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function auditHead(db: Db): { seq: number; hash: string } | null {
  return (sql(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }) ?? null;
}

export async function exportCase(db: Db, dataDir: string, o: ExportOptions): Promise<ExportResult> {
  const started = performance.now();
  const data = collectCase(db, o.caseId, o.profile);
  const settings = readSettings(db);
  const investigator = {
    name: settings.profile?.name ?? '',
    badge: settings.profile?.badge ?? '',
    agency: settings.profile?.agency ?? '',
  };
  const packageId = randomUUID();
  const head = auditHead(db);
  const fileNumber = data.case.fileNumber;
  const pdf = await renderCaseReport(data, {
    locale: o.locale,
    packageId,
    investigator,
    generatedAt: o.now,
    marking: data.case.securityMarking,
  });
  const caseJson: CaseJson = { packageId, exportedAt: o.now, dossierVersion: DOSSIER_VERSION, ...data };
  const names = uniqueNames(data.evidence.map((e) => e.originalName));
  const evidence: PayloadFile[] = data.evidence.map((e, i) => {
    const file = blobPath(dataDir, e.sha256);
    return { path: `evidence/${names[i]}`, source: { kind: 'file', file, size: fs.statSync(file).size }, store: true };
  });
  const index = [
    'file,evidence_id,original_name,sha256,size,media_type,subject_type,subject_id,acquired_at,added_at,added_by,retired_at,retired_reason',
    ...data.evidence.map((e, i) =>
      [
        `evidence/${names[i]}`,
        e.id,
        e.originalName,
        e.sha256,
        e.size,
        e.mediaType,
        e.subjectType,
        e.subjectId,
        e.acquiredAt,
        e.addedAt,
        e.addedBy,
        e.retiredAt,
        e.retiredReason,
      ]
        .map((v) => csvCell(v ?? null))
        .join(','),
    ),
  ].join('\r\n');
  const text = (s: string) => Buffer.from(s, 'utf8');
  const payload: PayloadFile[] = [
    { path: 'README.txt', source: { kind: 'buffer', data: text(readmeText({ fileNumber, packageId, profile: o.profile })) } },
    { path: 'report/case-report.pdf', source: { kind: 'buffer', data: pdf }, store: true },
    { path: 'case.json', source: { kind: 'buffer', data: text(`${JSON.stringify(caseJson, null, 2)}\n`) } },
    { path: 'audit/audit-extract.json', source: { kind: 'buffer', data: text(`${JSON.stringify(data.audit, null, 2)}\n`) } },
    ...CSV_TABLES(data).map((c): PayloadFile => ({ path: `records/${c.name}`, source: { kind: 'buffer', data: text(c.text) } })),
    { path: 'evidence/index.csv', source: { kind: 'buffer', data: text(`${index}\r\n`) } },
    ...evidence,
  ];
  // An evidence file named index.csv would meet the index: the index keeps its name.
  const indexClash = names.findIndex((n) => n.toLowerCase() === 'index.csv');
  if (indexClash >= 0) {
    const clash = payload.find((p) => p.path === `evidence/${names[indexClash]}` && p.source.kind === 'file');
    if (clash) clash.path = `evidence/index (evidence).csv`;
  }
  const info: BagInfo = [
    ['Source-Organization', investigator.agency || 'Dossier'],
    ['Contact-Name', [investigator.name, investigator.badge].filter(Boolean).join(', ')],
    ['External-Identifier', fileNumber],
    ['External-Description', `${data.case.title} (${o.profile === 'partner' ? 'partner package' : 'prosecution package'})`],
    ['Bagging-Date', o.now.slice(0, 10)],
    ['Dossier-Package-Id', packageId],
    ['Dossier-Profile', o.profile],
    ['Dossier-Version', DOSSIER_VERSION],
    ['Dossier-Case-Id', data.case.id],
    ['Dossier-Audit-Head', head ? `${head.seq} ${head.hash}` : 'none'],
    ['Dossier-Exported-At', o.now],
    ...data.withheld.map((w): [string, string] => ['Dossier-Withheld', `${w.what} (${w.why})`]),
  ];
  const written = await writeBag(o.out, {
    root: safeFileName(fileNumber),
    payload,
    info,
    mtime: new Date(o.now),
    ...(o.progress
      ? { progress: (p: { done: number; total: number; file: string }) => o.progress?.(p.done, p.total, p.file) }
      : {}),
    ...(o.cancelled ? { cancelled: o.cancelled } : {}),
  });
  return {
    file: o.out,
    packageId,
    fileNumber,
    profile: o.profile,
    payloadFiles: written.files,
    payloadBytes: written.bytes,
    evidenceFiles: evidence.length,
    withheld: data.withheld.length,
    ms: Math.round(performance.now() - started),
  };
}
