import { useState, type ReactNode } from 'react';
import { Button, Callout, Card, HTMLTable, Icon, Tag } from '@blueprintjs/core';
import type { Evidence, EntitySummary, InspectionDetail } from '../../../../db/api.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { navigate, routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { useFormat } from '../../i18n/index.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { AuditTab } from '../audit/AuditTab.tsx';
import { EvidenceDrawer } from '../evidence/EvidenceDrawer.tsx';
import { InspectionResultTag, InspectionStatusTag } from './InspectionTags.tsx';
import { CompleteDialog } from './CompleteDialog.tsx';
import { CancelDialog } from './CancelDialog.tsx';
import { AttachFileDialog } from './AttachFileDialog.tsx';
import '../detentions/enforcement.css';
import './inspections.css';

/** One inspection (#/inspections/:id): where and why, what was examined and found, what it made, its files and audit trail. */
export function InspectionPage({ id }: { id: string }) {
  const t = useT();
  const { load, set } = useQuery(() => call('inspections.get', { id }), id);
  useShowMarking(load.state === 'ready' ? load.data.caseSecurityMarking : null);
  const [completing, setCompleting] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  if (load.state !== 'ready')
    return (
      <RecordFallback
        load={load}
        icon="search-template"
        backLabel={t('inspections.back')}
        onBack={() => navigate({ page: 'inspections' })}
      />
    );
  const i = load.data;
  const canComplete = i.allowed.includes('completed');
  const canCancel = i.allowed.includes('cancelled');
  return (
    <div className="page page-record">
      <header className="page-header record-header">
        <div>
          <a href="#/inspections" className="back-link">
            {t('inspections.back')}
          </a>
          <div className="record-title-row">
            <span className="mono record-number">{i.inspectionNumber}</span>
            <h1>{t('inspection.heading', { place: i.place })}</h1>
            <InspectionStatusTag status={i.status} />
            <InspectionResultTag result={i.result} />
          </div>
          <div className="record-sub">
            <span>{t('enf.field.case')} </span>
            <a href={routeHref({ page: 'case', id: i.caseId, tab: 'verifications' })} className="mono">
              {i.caseFileNumber}
            </a>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>{t(`inspection.placeKind.${i.placeKind}`)}</span>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <DateTimeText value={i.inspectedAt} />
            {i.shipmentReference && (
              <>
                <span className="sep" aria-hidden="true">
                  ·
                </span>
                <span>{t('inspection.field.shipmentReference')}</span> <span className="mono">{i.shipmentReference}</span>
              </>
            )}
          </div>
        </div>
        {(canComplete || canCancel) && (
          <div className="card-actions">
            {canComplete && (
              <Button
                intent="primary"
                icon="tick"
                text={t('inspection.action.completeMenu')}
                onClick={() => setCompleting(true)}
              />
            )}
            {canCancel && <Button icon="disable" text={t('inspection.action.cancelMenu')} onClick={() => setCancelling(true)} />}
          </div>
        )}
      </header>
      <div className="record-layout">
        <div className="record-main">
          <OutcomeCard inspection={i} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('inspection.section.examination')}</h2>
            <dl className="facts facts-wide">
              <dt>{t('inspection.field.place')}</dt>
              <dd>
                <span className="insp-place-kind">{t(`inspection.placeKind.${i.placeKind}`)}</span>
                {i.place}
              </dd>
              <dt>{t('inspection.field.inspectedAt')}</dt>
              <dd>
                <DateTimeText value={i.inspectedAt} />
              </dd>
              <dt>{t('inspection.field.shipmentReference')}</dt>
              <dd>{i.shipmentReference ? <span className="mono">{i.shipmentReference}</span> : <None />}</dd>
              <dt>{t('inspection.field.officer')}</dt>
              <dd>{i.officer}</dd>
              <dt>{t('inspection.field.selection')}</dt>
              <dd>
                {t(`inspection.selection.${i.selection}`)}
                {i.selectionDetail && <span className="muted"> · {i.selectionDetail}</span>}
              </dd>
              <dt>{t('inspection.field.examined')}</dt>
              <dd>
                {i.examined.length === 0 ? (
                  <None />
                ) : (
                  <span className="insp-examined-list">
                    {i.examined.map((w) => (
                      <Tag key={w} minimal icon="tick">
                        {t(`inspection.examined.${w}`)}
                      </Tag>
                    ))}
                  </span>
                )}
              </dd>
              <dt>{t('inspection.field.sealsFound')}</dt>
              <dd>{i.sealsFound ? <span className="mono">{i.sealsFound}</span> : <None />}</dd>
              <dt>{t('inspection.field.sealsApplied')}</dt>
              <dd>{i.sealsApplied ? <span className="mono">{i.sealsApplied}</span> : <None />}</dd>
            </dl>
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('inspection.field.findings')}</h2>
            {i.findings ? <p className="prewrap">{i.findings}</p> : <p className="muted">{t('inspection.findings.none')}</p>}
            {i.notes && (
              <>
                <h3 className="panel-title">{t('inspection.field.notes')}</h3>
                <p className="prewrap">{i.notes}</p>
              </>
            )}
          </Card>
          <FilesCard inspection={i} onChanged={set} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('inspection.section.audit')}</h2>
            <div className="insp-audit">
              <AuditTab recordType="inspection" recordId={i.id} />
            </div>
          </Card>
        </div>
        <aside className="record-side">
          <Card compact className="panel">
            <h2 className="panel-title">{t('inspection.section.parties')}</h2>
            <dl className="facts">
              <dt>{t('inspection.field.exporter')}</dt>
              <dd>
                <Party entity={i.exporter} />
              </dd>
              <dt>{t('inspection.field.consignee')}</dt>
              <dd>
                <Party entity={i.consignee} />
              </dd>
              <dt>{t('inspection.field.conveyance')}</dt>
              <dd>
                <Party entity={i.conveyance} />
              </dd>
            </dl>
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('case.section.record')}</h2>
            <dl className="facts">
              <dt>{t('case.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={i.createdAt} />
              </dd>
              <dt>{t('case.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={i.updatedAt} />
              </dd>
              <dt>{t('case.field.version')}</dt>
              <dd className="num">{i.version}</dd>
            </dl>
          </Card>
        </aside>
      </div>
      <CompleteDialog isOpen={completing} inspection={i} onClose={() => setCompleting(false)} onCompleted={set} />
      <CancelDialog isOpen={cancelling} inspection={i} onClose={() => setCancelling(false)} onCancelled={set} />
    </div>
  );
}

function None() {
  const t = useT();
  return <span className="muted">{t('common.none')}</span>;
}

function Party({ entity }: { entity: EntitySummary | null }) {
  if (!entity) return <None />;
  return <a href={routeHref({ page: 'entity', id: entity.id })}>{entity.name}</a>;
}

/** The result, and the detention or seizure it made; or the reason it was cancelled; or what is still to do. */
function OutcomeCard({ inspection: i }: { inspection: InspectionDetail }) {
  const t = useT();
  let body: ReactNode;
  if (i.status === 'cancelled') {
    body = (
      <Callout intent="none" icon="disable" className="status-reason">
        <strong>{t('inspection.cancelledBecause')}</strong> <span className="prewrap">{i.statusReason}</span>
      </Callout>
    );
  } else if (i.status === 'in_progress') {
    body = <p className="muted">{t('inspection.inProgressHint')}</p>;
  } else {
    body = (
      <>
        <dl className="facts facts-wide">
          <dt>{t('inspection.field.result')}</dt>
          <dd>
            <InspectionResultTag result={i.result} />
          </dd>
          <dt>{t('inspection.field.completedAt')}</dt>
          <dd>
            <DateTimeText value={i.completedAt} />
          </dd>
          {i.detentionId && (
            <>
              <dt>{t('inspection.made.detention')}</dt>
              <dd className="insp-made">
                <Icon icon="hand" aria-hidden="true" />
                <a href={routeHref({ page: 'detention', id: i.detentionId })} className="mono">
                  {i.detentionNumber ?? i.detentionId}
                </a>
              </dd>
            </>
          )}
          {i.seizureId && (
            <>
              <dt>{t('inspection.made.seizure')}</dt>
              <dd className="insp-made">
                <Icon icon="box" aria-hidden="true" />
                <a href={routeHref({ page: 'seizure', id: i.seizureId })} className="mono">
                  {i.seizureNumber ?? i.seizureId}
                </a>
              </dd>
            </>
          )}
        </dl>
      </>
    );
  }
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('inspection.section.result')}</h2>
      {body}
    </Card>
  );
}

/** Photos and documents of the inspection: evidence files of its case, linked to it. */
function FilesCard({ inspection: i, onChanged }: { inspection: InspectionDetail; onChanged(i: InspectionDetail): void }) {
  const t = useT();
  const f = useFormat();
  const [attaching, setAttaching] = useState(false);
  const [open, setOpen] = useState<Evidence | null>(null);
  const show = async (evidenceId: string) => {
    try {
      setOpen(await call('evidence.get', { id: evidenceId }));
    } catch (err) {
      toast({ message: refusalOf(err, t, f).message, intent: 'danger' });
    }
  };
  const attach = <Button icon="paperclip" text={t('inspection.file.attach')} onClick={() => setAttaching(true)} />;
  return (
    <Card compact className="panel">
      <div className="panel-head">
        <h2 className="panel-title">{t('inspection.section.files')}</h2>
        {i.evidence.length > 0 && attach}
      </div>
      {i.evidence.length === 0 ? (
        <div className="insp-files-empty">
          <p className="muted">{t('inspection.files.empty')}</p>
          {attach}
        </div>
      ) : (
        <HTMLTable compact striped className="enf-table insp-files" aria-label={t('inspection.section.files')}>
          <thead>
            <tr>
              <th scope="col">{t('evidence.field.originalName')}</th>
              <th scope="col">{t('evidence.field.mediaType')}</th>
              <th scope="col">{t('evidence.field.sha256')}</th>
            </tr>
          </thead>
          <tbody>
            {i.evidence.map((e) => (
              <tr key={e.evidenceId}>
                <td>
                  <Button
                    variant="minimal"
                    size="small"
                    icon="document-open"
                    text={e.originalName}
                    onClick={() => void show(e.evidenceId)}
                  />
                  {e.retired && (
                    <Tag minimal className="status-tag">
                      {t('evidence.state.retired')}
                    </Tag>
                  )}
                </td>
                <td className="muted">{e.mediaType}</td>
                <td>
                  <span className="mono hash" title={e.sha256}>
                    {e.sha256.slice(0, 16)}…
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <AttachFileDialog isOpen={attaching} inspection={i} onClose={() => setAttaching(false)} onAttached={onChanged} />
      <EvidenceDrawer evidence={open} onClose={() => setOpen(null)} onChanged={setOpen} />
    </Card>
  );
}
