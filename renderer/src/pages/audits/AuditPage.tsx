import { useState } from 'react';
import { Button, Card, HTMLTable, NonIdealState, Tag } from '@blueprintjs/core';
import type { AuditDetail, CorrectiveAction } from '../../../../db/api.ts';
import type { AuditStatus } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { daysFromToday } from '../../lib/dates.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { navigate, routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { AuditTab } from '../audit/AuditTab.tsx';
import { DateDialog } from '../detentions/DateDialog.tsx';
import { AuditOutcomeTag, AuditStatusTag, SeverityTag } from './AuditTags.tsx';
import { PeriodText } from './AuditTable.tsx';
import { FindingDialog } from './FindingDialog.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { ReportDialog } from './ReportDialog.tsx';
import { CancelAuditDialog } from './CancelAuditDialog.tsx';
import './audits.css';

type Move = Exclude<AuditStatus, 'notified'>;

/** One compliance audit (#/audits/:id): its findings, corrective actions, the moves it allows, what it led to and its history. */
export function AuditPage({ id }: { id: string }) {
  const t = useT();
  const f = useFormat();
  const { load, set } = useQuery(() => call('complianceAudits.get', { id }), id);
  useShowMarking(load.state === 'ready' ? load.data.caseSecurityMarking : null);
  const [moving, setMoving] = useState<Move | null>(null);

  if (load.state !== 'ready')
    return (
      <RecordFallback load={load} icon="clipboard" backLabel={t('compliance.back')} onBack={() => navigate({ page: 'audits' })} />
    );
  const a = load.data;
  const open = a.status === 'notified' || a.status === 'on_site';
  return (
    <div className="page page-record page-audit">
      <header className="page-header record-header">
        <div>
          <a href="#/audits" className="back-link">
            {t('compliance.back')}
          </a>
          <div className="record-title-row">
            <span className="mono record-number">{a.auditNumber}</span>
            <h1>{t('compliance.heading', { name: a.party?.name ?? '' })}</h1>
            <AuditStatusTag status={a.status} />
            {a.outcome && <AuditOutcomeTag outcome={a.outcome} />}
            {a.overdue && (
              <Tag intent="danger" icon="warning-sign" className="status-tag">
                {t('compliance.reportOverdue', { days: -daysFromToday(a.reportDueOn) })}
              </Tag>
            )}
          </div>
          <div className="record-sub">
            <span>{t('enf.field.case')} </span>
            <a href={routeHref({ page: 'case', id: a.caseId, tab: 'verifications' })} className="mono">
              {a.caseFileNumber}
            </a>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>{t(`marking.${a.caseSecurityMarking}`)}</span>
            {a.party && (
              <>
                <span className="sep" aria-hidden="true">
                  ·
                </span>
                <span>{t('compliance.field.party')} </span>
                <a href={routeHref({ page: 'entity', id: a.party.id })}>{a.party.name}</a>
              </>
            )}
            {a.penaltyId && a.penaltyNumber && (
              <>
                <span className="sep" aria-hidden="true">
                  ·
                </span>
                <span>{t('compliance.penalty')} </span>
                <a href={routeHref({ page: 'penalty', id: a.penaltyId })} className="mono">
                  {a.penaltyNumber}
                </a>
              </>
            )}
          </div>
        </div>
      </header>
      <div className="record-layout">
        <div className="record-main">
          <FindingsCard audit={a} open={open} onChanged={set} />
          <ActionsCard audit={a} open={open} onChanged={set} />
        </div>
        <aside className="record-side">
          <Card compact className="panel">
            <h2 className="panel-title">{t('compliance.section.status')}</h2>
            <dl className="facts">
              <dt>{t('compliance.field.status')}</dt>
              <dd>
                <AuditStatusTag status={a.status} />
              </dd>
              {a.outcome && (
                <>
                  <dt>{t('compliance.field.outcome')}</dt>
                  <dd>
                    <AuditOutcomeTag outcome={a.outcome} />
                  </dd>
                </>
              )}
              {a.consequence && (
                <>
                  <dt>{t('compliance.field.consequence')}</dt>
                  <dd>{t(`compliance.consequenceShort.${a.consequence}`)}</dd>
                </>
              )}
              {a.penaltyId && (
                <>
                  <dt>{t('compliance.penalty')}</dt>
                  <dd>
                    <a href={routeHref({ page: 'penalty', id: a.penaltyId })} className="mono">
                      {a.penaltyNumber}
                    </a>
                  </dd>
                </>
              )}
              {a.consequence === 'referral' && (
                <>
                  <dt>{t('compliance.referredCase')}</dt>
                  <dd>
                    <a href={routeHref({ page: 'case', id: a.caseId, tab: 'overview' })} className="mono">
                      {a.caseFileNumber}
                    </a>
                  </dd>
                </>
              )}
            </dl>
            {a.status === 'cancelled' && a.statusReason && <p className="prewrap status-reason">{a.statusReason}</p>}
            {a.allowed.length === 0 ? (
              <p className="muted">{t(a.status === 'reported' ? 'compliance.final.reported' : 'compliance.final.cancelled')}</p>
            ) : (
              <div className="workflow-actions">
                {a.allowed.map((s) =>
                  s === 'notified' ? null : (
                    <Button
                      key={s}
                      fill
                      icon={s === 'on_site' ? 'office' : s === 'reported' ? 'endorsed' : 'disable'}
                      text={t(`compliance.action.${s === 'on_site' ? 'onSite' : s === 'reported' ? 'report' : 'cancel'}`)}
                      onClick={() => setMoving(s)}
                      intent={s === 'cancelled' ? 'danger' : s === 'reported' ? 'primary' : 'none'}
                      variant={s === 'cancelled' ? 'outlined' : 'solid'}
                    />
                  ),
                )}
              </div>
            )}
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('compliance.section.facts')}</h2>
            <dl className="facts">
              <dt>{t('compliance.field.party')}</dt>
              <dd>
                {a.party ? (
                  <a href={routeHref({ page: 'entity', id: a.party.id })}>{a.party.name}</a>
                ) : (
                  <span className="muted">{t('common.none')}</span>
                )}
              </dd>
              <dt>{t('compliance.field.period')}</dt>
              <dd>
                <PeriodText from={a.periodFrom} to={a.periodTo} />
              </dd>
              <dt>{t('compliance.field.auditor')}</dt>
              <dd>{a.auditor || <span className="muted">{t('common.none')}</span>}</dd>
              <dt>{t('compliance.field.notifiedOn')}</dt>
              <dd>
                <DateText value={a.notifiedOn} />
              </dd>
              <dt>{t('compliance.field.onSiteOn')}</dt>
              <dd>{a.onSiteOn ? <DateText value={a.onSiteOn} /> : <span className="muted">{t('compliance.noVisit')}</span>}</dd>
              <dt>{t('compliance.field.reportDueOn')}</dt>
              <dd>{open ? <DueDate value={a.reportDueOn} overdue={a.overdue} /> : <DateText value={a.reportDueOn} />}</dd>
              {a.reportedOn && (
                <>
                  <dt>{t('compliance.field.reportedOn')}</dt>
                  <dd>
                    <DateText value={a.reportedOn} />
                  </dd>
                </>
              )}
            </dl>
            {a.scope && (
              <>
                <h3 className="facts-subtitle">{t('compliance.field.scope')}</h3>
                <p className="prewrap">{a.scope}</p>
              </>
            )}
            {a.notes && (
              <>
                <h3 className="facts-subtitle">{t('compliance.field.notes')}</h3>
                <p className="prewrap">{a.notes}</p>
              </>
            )}
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('case.section.record')}</h2>
            <dl className="facts">
              <dt>{t('case.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={a.createdAt} />
              </dd>
              <dt>{t('case.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={a.updatedAt} />
              </dd>
              <dt>{t('case.field.version')}</dt>
              <dd className="num">{a.version}</dd>
            </dl>
          </Card>
        </aside>
      </div>
      <section className="record-history" aria-labelledby="audit-history-title">
        <h2 id="audit-history-title" className="section-title">
          {t('compliance.section.history')}
        </h2>
        <div className="record-history-table">
          <AuditTab recordType="compliance_audit" recordId={a.id} />
        </div>
      </section>
      <DateDialog
        isOpen={moving === 'on_site'}
        title={t('compliance.onSiteTitle')}
        icon="office"
        label={t('compliance.field.onSiteOn')}
        hint={t('compliance.onSiteHint', { date: f.date(a.notifiedOn) })}
        confirm={t('compliance.onSiteConfirm')}
        field="onSiteOn"
        onClose={() => setMoving(null)}
        onSubmit={async (onSiteOn) => {
          const next = await call('complianceAudits.onSite', { id: a.id, version: a.version, onSiteOn });
          toast({ message: t('compliance.visited', { number: next.auditNumber }), intent: 'success', icon: 'tick' });
          set(next);
        }}
      />
      <ReportDialog isOpen={moving === 'reported'} audit={a} onClose={() => setMoving(null)} onReported={set} />
      <CancelAuditDialog isOpen={moving === 'cancelled'} audit={a} onClose={() => setMoving(null)} onCancelled={set} />
    </div>
  );
}

function FindingsCard({ audit, open, onChanged }: { audit: AuditDetail; open: boolean; onChanged(a: AuditDetail): void }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const a = audit;
  const add = <Button icon="add" text={t('compliance.finding.new')} onClick={() => setAdding(true)} />;
  const title = t('compliance.section.findings');
  return (
    <Card compact className="panel">
      <div className="panel-head">
        <h2 className="panel-title">
          {title} {a.findings.length > 0 && <span className="muted count">({a.findings.length})</span>}
        </h2>
        {open && a.findings.length > 0 && add}
      </div>
      {a.findings.length === 0 ? (
        <NonIdealState
          className="compact-empty"
          icon="search-template"
          title={t('compliance.finding.empty.title')}
          description={open ? t('compliance.finding.empty.body') : t('compliance.closedHint')}
          action={open ? add : undefined}
        />
      ) : (
        <HTMLTable compact striped className="enf-table audit-findings" aria-label={title}>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('compliance.finding.line')}
              </th>
              <th scope="col">{t('compliance.finding.severity')}</th>
              <th scope="col">{t('compliance.finding.provision')}</th>
              <th scope="col">{t('compliance.finding.description')}</th>
              <th scope="col">{t('compliance.finding.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {a.findings.map((x) => (
              <tr key={x.id}>
                <td className="num">{x.lineNo}</td>
                <td>
                  <SeverityTag severity={x.severity} />
                </td>
                <td>{x.provision || <span className="muted">{t('common.none')}</span>}</td>
                <td className="prewrap">{x.description}</td>
                <td>
                  {x.evidenceId ? (
                    <a href={routeHref({ page: 'case', id: a.caseId, tab: 'evidence' })} title={x.evidenceName ?? undefined}>
                      {x.evidenceName}
                    </a>
                  ) : (
                    <span className="muted">{t('common.none')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <FindingDialog isOpen={adding} audit={a} onClose={() => setAdding(false)} onAdded={onChanged} />
    </Card>
  );
}

function ActionsCard({ audit, open, onChanged }: { audit: AuditDetail; open: boolean; onChanged(a: AuditDetail): void }) {
  const t = useT();
  const f = useFormat();
  const [adding, setAdding] = useState(false);
  const [completing, setCompleting] = useState<CorrectiveAction | null>(null);
  const a = audit;
  const add = <Button icon="add" text={t('compliance.action.new')} onClick={() => setAdding(true)} />;
  const title = t('compliance.section.actions');
  const lineOf = (findingId: string | null) => a.findings.find((x) => x.id === findingId)?.lineNo;
  return (
    <Card compact className="panel">
      <div className="panel-head">
        <h2 className="panel-title">
          {title} {a.actions.length > 0 && <span className="muted count">({a.actions.length})</span>}
        </h2>
        {open && a.actions.length > 0 && add}
      </div>
      {a.actions.length === 0 ? (
        <NonIdealState
          className="compact-empty"
          icon="wrench"
          title={t('compliance.action.empty.title')}
          description={open ? t('compliance.action.empty.body') : t('compliance.closedHint')}
          action={open ? add : undefined}
        />
      ) : (
        <HTMLTable compact striped className="enf-table audit-actions" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{t('compliance.action.description')}</th>
              <th scope="col">{t('compliance.action.owner')}</th>
              <th scope="col" className="num">
                {t('compliance.action.dueOn')}
              </th>
              <th scope="col" className="num">
                {t('compliance.action.completedOn')}
              </th>
              <th scope="col" className="num">
                {t('compliance.action.findingShort')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('compliance.action.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {a.actions.map((x) => {
              const line = lineOf(x.findingId);
              return (
                <tr key={x.id} className={x.overdue ? 'is-overdue' : undefined}>
                  <td className="prewrap">{x.description}</td>
                  <td>{x.owner}</td>
                  <td className="num">
                    <DueDate value={x.dueOn} overdue={x.overdue} />
                  </td>
                  <td className="num">
                    {x.completedOn ? (
                      <DateText value={x.completedOn} />
                    ) : (
                      <span className="muted">{t('compliance.action.open')}</span>
                    )}
                  </td>
                  <td className="num">{line ?? <span className="muted">{t('common.none')}</span>}</td>
                  <td className="num">
                    {x.completedOn === null && (
                      <Button
                        small
                        icon="tick"
                        text={t('compliance.action.markDone')}
                        aria-label={t('compliance.action.markDoneOf', { owner: x.owner, date: f.date(x.dueOn) })}
                        onClick={() => setCompleting(x)}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </HTMLTable>
      )}
      <ActionDialog isOpen={adding} audit={a} onClose={() => setAdding(false)} onAdded={onChanged} />
      <DateDialog
        isOpen={completing !== null}
        title={t('compliance.action.markDoneTitle')}
        icon="tick"
        label={t('compliance.action.completedOn')}
        hint={completing ? t('compliance.action.markDoneHint', { owner: completing.owner }) : undefined}
        confirm={t('compliance.action.markDoneConfirm')}
        field="completedOn"
        onClose={() => setCompleting(null)}
        onSubmit={async (completedOn) => {
          if (!completing) return;
          const next = await call('complianceAudits.completeAction', {
            id: completing.id,
            version: completing.version,
            completedOn,
          });
          toast({ message: t('compliance.action.completed'), intent: 'success', icon: 'tick' });
          onChanged(next);
        }}
      />
    </Card>
  );
}
