import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import { DossierError } from '../errors.ts';
import { readSettings } from '../services/settings.ts';
import { renderCaseSummary, renderCustodyRecord, type ReportLocale, type ReportOptions } from '../report/index.ts';
import { collectCase } from './case-data.ts';
import { exportFileName, exportsDir } from './exports-dir.ts';

/**
 * File > Print in the app: the chain-of-custody record of a seizure's items, or a case's one-page
 * summary, as a PDF in the exports folder (the same code as `dossier report`), for the user to open,
 * print or save.
 */
export interface PrintedRecord {
  name: string;
  file: string;
  bytes: number;
}

export async function printRecord(
  db: Db,
  dataDir: string,
  o: { record: 'custody' | 'summary'; id: string; locale: ReportLocale; now: string },
): Promise<PrintedRecord> {
  let caseId: string;
  let number: string;
  if (o.record === 'custody') {
    const s = sql(db, 'SELECT case_id AS caseId, seizure_number AS number FROM seizures WHERE id = ?').get(o.id) as
      { caseId: string; number: string } | undefined;
    if (!s)
      throw new DossierError('not_found', `id: no seizure has the id ${o.id}`, 'id', 'record.not_found', {
        recordType: 'seizure',
        id: o.id,
      });
    ({ caseId, number } = s);
  } else {
    const c = sql(db, 'SELECT file_number FROM cases WHERE id = ?').pluck().get(o.id) as string | undefined;
    if (!c)
      throw new DossierError('not_found', `id: no case has the id ${o.id}`, 'id', 'record.not_found', {
        recordType: 'case',
        id: o.id,
      });
    caseId = o.id;
    number = c;
  }
  const data = collectCase(db, caseId, 'prosecution');
  const profile = readSettings(db).profile;
  const options: ReportOptions = {
    locale: o.locale,
    packageId: null,
    investigator: { name: profile?.name ?? '', badge: profile?.badge ?? '', agency: profile?.agency ?? data.case.agency },
    generatedAt: o.now,
    marking: data.case.securityMarking,
  };
  const pdf =
    o.record === 'custody'
      ? await renderCustodyRecord(data, { seizureId: o.id }, options)
      : await renderCaseSummary(data, options);
  const name = exportFileName(number, o.record, o.now, 'pdf');
  const file = path.join(exportsDir(dataDir), name);
  fs.writeFileSync(`${file}.part`, pdf);
  fs.renameSync(`${file}.part`, file);
  return { name, file, bytes: pdf.length };
}
