import type { RecordType } from '../shared/records.ts';
import type { ImportResult, PackageInspection, RecordChange } from './import.ts';
import type { PackageJobResult } from './import-job.ts';

/** What `dossier import` prints: the inspection record by record, then what was done. In English, like every CLI message. */

const NOUNS: Record<RecordType, [one: string, many: string]> = {
  case: ['case', 'cases'],
  setting: ['setting', 'settings'],
  evidence: ['evidence file', 'evidence files'],
  evidence_repair: ['evidence repair', 'evidence repairs'],
  entity: ['entity', 'entities'],
  entity_link: ['link', 'links'],
  case_entity: ['role', 'roles'],
  seizure: ['seizure', 'seizures'],
  seized_item: ['seized item', 'seized items'],
  custody_entry: ['custody entry', 'custody entries'],
  detention: ['detention', 'detentions'],
  detention_info_request: ['information request', 'information requests'],
  penalty: ['penalty', 'penalties'],
  penalty_payment: ['payment', 'payments'],
  entity_merge: ['entity merge', 'entity merges'],
  entity_distinct: ['distinct pair', 'distinct pairs'],
  package_import: ['package import', 'package imports'],
  screening_list: ['screening list', 'screening lists'],
  screening_review: ['screening decision', 'screening decisions'],
  end_use_check: ['end-use check', 'end-use checks'],
  end_use_check_goods: ['checked goods line', 'checked goods lines'],
  inspection: ['inspection', 'inspections'],
  inspection_evidence: ['inspection file', 'inspection files'],
  compliance_audit: ['compliance audit', 'compliance audits'],
  audit_finding: ['audit finding', 'audit findings'],
  corrective_action: ['corrective action', 'corrective actions'],
};

export function noun(type: RecordType, n: number): string {
  const [one, many] = NOUNS[type];
  return `${n} ${n === 1 ? one : many}`;
}

const KEEP: Record<NonNullable<RecordChange['why']>, string> = {
  here_newer: 'kept: changed here since the package was made',
  changed_here: 'kept: changed here since it was imported',
  both_changed: 'kept: changed here and there since it was imported (ours is kept)',
  append_only: 'kept: never changed once recorded',
  not_merging: 'kept as here (merge to bring the change in)',
  not_in_package: 'only here, kept',
  withheld: 'only here: the partner package withheld it; kept',
};

function changeLine(c: RecordChange): string {
  const [one] = NOUNS[c.type];
  if (c.change === 'new')
    return `  + ${one} ${c.label}: new${c.renumber ? ' (its number is taken here: it gets the next free one)' : ''}`;
  if (c.change === 'only_here') return `  = ${one} ${c.label}: ${KEEP[c.why ?? 'not_in_package']}`;
  const fields = c.fields.map(
    (f) => `      ${f.field}: ${JSON.stringify(f.here)} here, ${JSON.stringify(f.package)} in the package`,
  );
  return [
    `  ~ ${one} ${c.label}: ${c.action === 'update' ? 'changed, brought in' : KEEP[c.why ?? 'here_newer']}`,
    ...fields,
  ].join('\n');
}

export function inspectionText(i: PackageInspection): string {
  const lines = [
    `Package ${i.packageId} (${i.profile}) of case ${i.fileNumber} "${i.title}", exported ${i.exportedAt}` +
      `${i.sourceOrganization ? ` by ${i.sourceOrganization}` : ''}${i.contactName ? ` (${i.contactName})` : ''}`,
  ];
  if (i.status === 'already_imported' && i.imported) {
    lines.push(`Already imported on ${i.imported.at} by ${i.imported.by}: nothing to do`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    i.status === 'new'
      ? 'A new case here.'
      : `Case ${i.here?.fileNumber ?? i.fileNumber} is already here: what differs, record by record (+ new, ~ changed, = only here):`,
  );
  for (const t of i.counts) {
    const parts = [
      t.add && `${t.add} new`,
      t.update && `${t.update} changed`,
      t.keep && `${t.keep} changed, kept as here`,
      t.same && `${t.same} the same`,
      t.onlyHere && `${t.onlyHere} only here`,
    ].filter(Boolean);
    lines.push(`  ${noun(t.type, t.inPackage)} in the package: ${parts.join(', ')}`);
  }
  for (const c of i.changes) lines.push(changeLine(c));
  if (i.changesTotal > i.changes.length) lines.push(`  ... and ${i.changesTotal - i.changes.length} more`);
  if (i.withheld.length) {
    lines.push(`Withheld by the ${i.profile} profile (${i.withheld.length}), imported without it:`);
    for (const w of i.withheld.slice(0, 50)) lines.push(`  - ${w.what}`);
    if (i.withheld.length > 50) lines.push(`  ... and ${i.withheld.length - 50} more`);
  }
  return `${lines.join('\n')}\n`;
}

export function resultText(r: ImportResult, copied: number): string {
  if (r.outcome === 'already_imported') {
    return `Already imported on ${r.importedAt} by ${r.importedBy} (import ${r.importId}): nothing changed\n`;
  }
  const added = r.byType.filter((t) => t.added).map((t) => noun(t.type, t.added));
  const updated = r.byType.filter((t) => t.updated).map((t) => noun(t.type, t.updated));
  const lines = [
    `${r.outcome === 'merged' ? 'Merged into' : 'Imported'} case ${r.fileNumber}: ` +
      `${added.length ? `added ${added.join(', ')}` : 'nothing new'}` +
      `${updated.length ? `; updated ${updated.join(', ')}` : ''}${r.kept ? `; ${r.kept} changed records kept as here` : ''}; ` +
      `${copied} evidence file${copied === 1 ? '' : 's'} in the store, each checked against its SHA-256`,
  ];
  for (const n of r.renumbered) lines.push(`  ${NOUNS[n.type][0]} ${n.from} is another record's number here: now ${n.to}`);
  if (r.withheld) lines.push(`  ${r.withheld} items withheld by the package are marked as such on the import record`);
  lines.push(
    `Every write is in the audit trail as packages.import by ${r.importedBy} at ${r.importedAt} (import ${r.importId}); ` +
      "the package's own audit extract is kept as it came on the import record",
  );
  return `${lines.join('\n')}\n`;
}

export function problemsText(file: string, job: PackageJobResult): string {
  const p = job.verify.problems;
  return `${file}: NOT a valid bag, ${p.length} problem${p.length === 1 ? '' : 's'}; nothing was imported:\n${p
    .map((x) => `  ${x.message}\n`)
    .join('')}`;
}
