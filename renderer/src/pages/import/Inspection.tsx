import { Callout, HTMLTable, Tag, type Intent } from '@blueprintjs/core';
import type { PackageInspection, RecordChange } from '../../../../db/package/import.ts';
import type { SecurityMarking } from '../../../../db/shared/domain.ts';
import { auditedTables, type RecordType } from '../../../../db/shared/records.ts';
import { DateTimeText } from '../../components/DateText.tsx';
import { useFormat, useT, type Translate } from '../../i18n/index.tsx';

const CHANGE_INTENT: Record<RecordChange['change'], Intent> = { new: 'success', changed: 'warning', only_here: 'none' };

function actionText(c: RecordChange, t: Translate): string {
  if (c.action === 'add') return c.renumber ? t('imp.action.add.renumber') : t('imp.action.add');
  if (c.action === 'update') return t('imp.action.update');
  return t(`imp.why.${c.why ?? 'not_in_package'}`);
}

/** What a package holds and what importing it would do here: the package, the counts, the differences record by record. */
export function Inspection({ inspection: i, marking }: { inspection: PackageInspection; marking: SecurityMarking }) {
  const t = useT();
  const f = useFormat();
  const toAdd = i.counts.reduce((n, c) => n + c.add, 0);
  const status =
    i.status === 'already_imported' && i.imported ? (
      <Callout intent="success" icon="tick-circle" role="status">
        {t('imp.status.already', { at: f.dateTime(i.imported.at), by: i.imported.by })}
      </Callout>
    ) : i.status === 'exists' ? (
      <Callout intent="warning" icon="git-merge" role="status">
        {i.changesTotal === 0
          ? t('imp.status.same', { fileNumber: i.here?.fileNumber ?? i.fileNumber })
          : t('imp.status.exists', { fileNumber: i.here?.fileNumber ?? i.fileNumber })}
      </Callout>
    ) : (
      <Callout intent="primary" icon="import" role="status">
        {t('imp.status.new', { count: toAdd })}
      </Callout>
    );
  return (
    <div className="imp-inspection">
      <dl className="imp-facts">
        <dt>{t('imp.field.case')}</dt>
        <dd>
          <span className="mono">{i.fileNumber}</span> {i.title}
        </dd>
        <dt>{t('imp.field.package')}</dt>
        <dd>
          <Tag minimal intent={i.profile === 'partner' ? 'warning' : 'none'}>
            {t(`imp.profile.${i.profile}`)}
          </Tag>{' '}
          <span className="mono muted">{i.packageId}</span>
        </dd>
        <dt>{t('imp.field.exported')}</dt>
        <dd>
          <DateTimeText value={i.exportedAt} /> <span className="muted">· Dossier {i.dossierVersion}</span>
        </dd>
        <dt>{t('imp.field.from')}</dt>
        <dd>{[i.sourceOrganization, i.contactName].filter(Boolean).join(' · ')}</dd>
        <dt>{t('imp.field.marking')}</dt>
        <dd>{t(`marking.${marking}`)}</dd>
        <dt>{t('imp.field.evidence')}</dt>
        <dd>{t('imp.evidence', { files: i.evidence.files, size: f.bytes(i.evidence.bytes) })}</dd>
      </dl>
      {status}
      {i.counts.length > 0 && (
        <HTMLTable compact className="imp-counts" aria-label={t('imp.counts')}>
          <thead>
            <tr>
              <th scope="col">{t('imp.col.record')}</th>
              <th scope="col" className="num">
                {t('imp.col.inPackage')}
              </th>
              <th scope="col" className="num">
                {t('imp.col.add')}
              </th>
              <th scope="col" className="num">
                {t('imp.col.update')}
              </th>
              <th scope="col" className="num">
                {t('imp.col.keep')}
              </th>
              <th scope="col" className="num">
                {t('imp.col.same')}
              </th>
              <th scope="col" className="num">
                {t('imp.col.onlyHere')}
              </th>
            </tr>
          </thead>
          <tbody>
            {i.counts.map((c) => (
              <tr key={c.type}>
                <th scope="row">{t(`record.${c.type}`)}</th>
                {[c.inPackage, c.add, c.update, c.keep, c.same, c.onlyHere].map((n, k) => (
                  <td key={k} className={n === 0 ? 'num muted' : 'num'}>
                    {f.number(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      {i.changes.length > 0 && (
        <>
          <h3 className="imp-heading">{t('imp.differences')}</h3>
          <div className="imp-changes-scroll">
            <HTMLTable compact className="imp-changes" aria-label={t('imp.differences')}>
              <thead>
                <tr>
                  <th scope="col">{t('imp.col.change')}</th>
                  <th scope="col">{t('imp.col.record')}</th>
                  <th scope="col">{t('imp.col.fields')}</th>
                  <th scope="col">{t('imp.col.action')}</th>
                </tr>
              </thead>
              <tbody>
                {i.changes.map((c) => (
                  <tr key={`${c.type} ${c.id}`}>
                    <td>
                      <Tag intent={CHANGE_INTENT[c.change]}>{t(`imp.change.${c.change}`)}</Tag>
                    </td>
                    <td>
                      <span className="muted">{t(`record.${c.type}`)}</span> {c.label}
                    </td>
                    <td>
                      {c.fields.map((x) => (
                        <div key={x.field} className="imp-field">
                          <span className="mono">{x.field}</span>: <span className="imp-here">{x.here || t('imp.empty')}</span>
                          {' → '}
                          <span className="imp-theirs">{x.package || t('imp.empty')}</span>
                          {c.action === 'update' && !x.take && (
                            <span className="muted"> ({t(`imp.why.${x.why ?? 'here_newer'}`)})</span>
                          )}
                        </div>
                      ))}
                    </td>
                    <td className={c.action === 'keep' ? 'muted' : undefined}>{actionText(c, t)}</td>
                  </tr>
                ))}
              </tbody>
            </HTMLTable>
          </div>
          {i.changesTotal > i.changes.length && (
            <p className="muted">{t('imp.differences.more', { count: i.changesTotal - i.changes.length })}</p>
          )}
        </>
      )}
      {i.withheld.length > 0 && (
        <Callout intent="warning" icon="eye-off" className="imp-withheld">
          <p>{t('imp.withheld', { count: i.withheld.length })}</p>
          <ul>
            {i.withheld.slice(0, 50).map((w) => (
              <li key={`${w.recordId} ${w.field ?? ''}`}>
                {t(`imp.withheld.${w.reason}`, {
                  record: Object.hasOwn(auditedTables, w.recordType) ? t(`record.${w.recordType as RecordType}`) : w.recordType,
                  label: w.label,
                })}
              </li>
            ))}
          </ul>
        </Callout>
      )}
      {i.status !== 'already_imported' && <p className="muted imp-audit">{t('imp.audit')}</p>}
    </div>
  );
}
