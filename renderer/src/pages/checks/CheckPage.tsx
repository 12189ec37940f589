import { useState } from 'react';
import { Button, Callout, Card, HTMLTable, NonIdealState, Tag } from '@blueprintjs/core';
import { CHECK_POINTS } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { navigate, routeHref } from '../../lib/router.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { CountryText } from '../../components/CountryText.tsx';
import { AuditTab } from '../audit/AuditTab.tsx';
import { CheckOutcomeTag, CheckStatusTag, PointTag } from './CheckTags.tsx';
import { ScheduleDialog } from './ScheduleDialog.tsx';
import { ResultDialog } from './ResultDialog.tsx';
import { CancelDialog } from './CancelDialog.tsx';
import { AddGoodsDialog } from './AddGoodsDialog.tsx';
import { FollowUpDialog } from './FollowUpDialog.tsx';
import './checks.css';

type Open = 'schedule' | 'complete' | 'cancel' | 'goods' | 'followUp' | null;

/** One end-use check (#/checks/:id): what it is about, its goods, what was verified, its follow-up and its audit trail. */
export function CheckPage({ id }: { id: string }) {
  const t = useT();
  const f = useFormat();
  const { load, set } = useQuery(() => call('checks.get', { id }), id);
  useShowMarking(load.state === 'ready' ? load.data.caseSecurityMarking : null);
  const [open, setOpen] = useState<Open>(null);

  if (load.state !== 'ready')
    return (
      <RecordFallback load={load} icon="endorsed" backLabel={t('checks.back')} onBack={() => navigate({ page: 'checks' })} />
    );
  const c = load.data;
  const closed = c.status === 'completed' || c.status === 'cancelled';
  const failed = c.outcome === 'unfavorable' || c.outcome === 'unable_to_verify';
  const close = () => setOpen(null);
  const addGoods = <Button icon="add" text={t('check.goods.addAction')} onClick={() => setOpen('goods')} />;
  return (
    <div className="page page-record page-check">
      <header className="page-header record-header">
        <div>
          <a href="#/checks" className="back-link">
            {t('checks.back')}
          </a>
          <div className="record-title-row">
            <span className="mono record-number">{c.checkNumber}</span>
            <h1>{t('check.heading', { type: c.checkType, name: c.party?.name ?? '' })}</h1>
            <CheckStatusTag status={c.status} />
            {c.outcome && <CheckOutcomeTag outcome={c.outcome} />}
            {c.overdue && (
              <Tag intent="danger" icon="warning-sign" className="status-tag">
                {t('enf.overdue')}
              </Tag>
            )}
          </div>
          <div className="record-sub">
            <span>{t('enf.field.case')} </span>
            <a href={routeHref({ page: 'case', id: c.caseId, tab: 'verifications' })} className="mono">
              {c.caseFileNumber}
            </a>
            <Tag minimal className="marking-tag">
              {t(`marking.${c.caseSecurityMarking}`).toUpperCase()}
            </Tag>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>{t(`check.partyRole.${c.partyRole}`)} </span>
            {c.party ? (
              <a href={routeHref({ page: 'entity', id: c.party.id })}>{c.party.name}</a>
            ) : (
              <span className="muted">{t('common.none')}</span>
            )}
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <CountryText code={c.country} />
          </div>
        </div>
      </header>
      {c.overdue && (
        <Callout intent="danger" icon="warning-sign" role="alert" className="overdue-callout" title={t('check.overdue.title')}>
          {t('check.overdue.body', { date: f.date(c.scheduledOn) })}
        </Callout>
      )}
      <div className="record-layout">
        <div className="record-main">
          <Card compact className="panel">
            <h2 className="panel-title">{t('check.section.facts')}</h2>
            <dl className="facts check-facts">
              <dt>{t('check.field.type')}</dt>
              <dd>{t(`check.type.${c.checkType}`)}</dd>
              <dt>{t('check.field.licenceNumber')}</dt>
              <dd className="mono">{c.licenceNumber ?? <span className="muted">{t('common.none')}</span>}</dd>
              <dt>{t('check.field.conductedBy')}</dt>
              <dd>
                {c.conductor
                  ? t('check.conductor', { who: t(`check.conductedBy.${c.conductedBy}`), name: c.conductor })
                  : t(`check.conductedBy.${c.conductedBy}`)}
              </dd>
              <dt>{t('check.field.method')}</dt>
              <dd>{t(`check.method.${c.method}`)}</dd>
              <dt>{t('check.field.requestedOn')}</dt>
              <dd>
                <DateText value={c.requestedOn} />
              </dd>
              <dt>{t('check.field.scheduledOn')}</dt>
              <dd>
                {c.scheduledOn ? (
                  <DueDate value={c.scheduledOn} overdue={c.overdue} done={c.status === 'completed'} />
                ) : (
                  <span className="muted">{t('check.notScheduled')}</span>
                )}
              </dd>
              <dt>{t('check.field.conductedOn')}</dt>
              <dd>
                {c.conductedOn ? <DateText value={c.conductedOn} /> : <span className="muted">{t('check.notConducted')}</span>}
              </dd>
              {c.notes && (
                <>
                  <dt className="row-start">{t('check.field.notes')}</dt>
                  <dd className="prewrap span-3">{c.notes}</dd>
                </>
              )}
            </dl>
          </Card>
          <Card compact className="panel">
            <div className="panel-head">
              <h2 className="panel-title">{t('check.section.goods')}</h2>
              {!closed && c.goods.length > 0 && addGoods}
            </div>
            {c.goods.length === 0 ? (
              <NonIdealState
                className="compact-empty"
                icon="box"
                title={t('check.goods.empty.title')}
                description={closed ? t('check.goods.closedHint') : t('check.goods.empty.body')}
                action={closed ? undefined : addGoods}
              />
            ) : (
              <HTMLTable compact striped className="enf-table" aria-label={t('check.section.goods')}>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('check.goods.lineNo')}
                    </th>
                    <th scope="col">{t('check.goods.description')}</th>
                    <th scope="col" className="num">
                      {t('check.goods.quantity')}
                    </th>
                    <th scope="col">{t('check.goods.eccn')}</th>
                    <th scope="col">{t('check.goods.hsCode')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.goods.map((g) => (
                    <tr key={g.id}>
                      <td className="num">{g.lineNo}</td>
                      <td>
                        {g.description}
                        {g.seizedItemLabel && <div className="muted check-seized">{g.seizedItemLabel}</div>}
                      </td>
                      <td className="num">
                        {g.quantity === null ? (
                          <span className="muted">{t('common.none')}</span>
                        ) : (
                          `${f.number(g.quantity)}${g.unit ? ` ${t(`seizure.unit.${g.unit}`)}` : ''}`
                        )}
                      </td>
                      <td className="mono">{g.eccn ?? <span className="muted">{t('common.none')}</span>}</td>
                      <td className="mono">{g.hsCode ?? <span className="muted">{t('common.none')}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </HTMLTable>
            )}
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('check.section.verified')}</h2>
            {c.status !== 'completed' ? (
              <NonIdealState
                className="compact-empty"
                icon="clipboard"
                title={c.status === 'cancelled' ? t('check.result.cancelled') : t('check.result.none')}
                description={c.status === 'cancelled' ? undefined : t('check.result.noneBody')}
                action={
                  c.allowed.includes('completed') ? (
                    <Button icon="clipboard" text={t('check.action.complete')} onClick={() => setOpen('complete')} />
                  ) : undefined
                }
              />
            ) : (
              <>
                <HTMLTable compact className="enf-table check-points-table" aria-label={t('check.section.verified')}>
                  <tbody>
                    {CHECK_POINTS.map((p) => (
                      <tr key={p}>
                        <th scope="row">{t(`check.point.${p}`)}</th>
                        <td>
                          <PointTag answer={c[p]} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </HTMLTable>
                <h3 className="check-subtitle">{t('check.field.findings')}</h3>
                {c.findings ? (
                  <p className="prewrap check-findings">{c.findings}</p>
                ) : (
                  <p className="muted">{t('check.findings.none')}</p>
                )}
              </>
            )}
          </Card>
        </div>
        <aside className="record-side">
          <Card compact className="panel">
            <h2 className="panel-title">{t('check.section.status')}</h2>
            <dl className="facts">
              <dt>{t('check.field.status')}</dt>
              <dd>
                <CheckStatusTag status={c.status} />
              </dd>
              {c.outcome && (
                <>
                  <dt>{t('check.field.outcome')}</dt>
                  <dd>
                    <CheckOutcomeTag outcome={c.outcome} />
                  </dd>
                </>
              )}
              {c.unverifiedReason && (
                <>
                  <dt>{t('check.field.unverifiedShort')}</dt>
                  <dd>{t(`check.unverified.${c.unverifiedReason}`)}</dd>
                </>
              )}
            </dl>
            {c.status === 'cancelled' && c.statusReason && <p className="prewrap status-reason">{c.statusReason}</p>}
            {c.allowed.length === 0 ? (
              <p className="muted final-note">{t(`check.final.${c.status === 'cancelled' ? 'cancelled' : 'completed'}`)}</p>
            ) : (
              <div className="workflow-actions">
                {c.allowed.includes('scheduled') && (
                  <Button
                    fill
                    icon="calendar"
                    text={c.status === 'scheduled' ? t('check.action.reschedule') : t('check.action.schedule')}
                    onClick={() => setOpen('schedule')}
                  />
                )}
                {c.allowed.includes('completed') && (
                  <Button
                    fill
                    intent="primary"
                    icon="clipboard"
                    text={t('check.action.complete')}
                    onClick={() => setOpen('complete')}
                  />
                )}
                {c.allowed.includes('cancelled') && (
                  <Button
                    fill
                    intent="danger"
                    variant="outlined"
                    icon="disable"
                    text={t('check.action.cancel')}
                    onClick={() => setOpen('cancel')}
                  />
                )}
              </div>
            )}
          </Card>
          {failed && (
            <Card compact className="panel">
              <h2 className="panel-title">{t('check.section.followUp')}</h2>
              <dl className="facts">
                <dt>{t('check.followUp.case')}</dt>
                <dd>
                  {c.followUpCaseId ? (
                    <a href={routeHref({ page: 'case', id: c.followUpCaseId, tab: 'subjects' })} className="mono">
                      {c.followUpCaseFileNumber}
                    </a>
                  ) : (
                    <span className="muted">{t('check.followUp.noCase')}</span>
                  )}
                </dd>
                <dt>{t('check.followUp.listCandidate')}</dt>
                <dd>
                  {c.listCandidateOn ? (
                    <>
                      <DateText value={c.listCandidateOn} />
                      {c.listCandidateReason && <div className="prewrap">{c.listCandidateReason}</div>}
                    </>
                  ) : (
                    <span className="muted">{t('check.followUp.notCandidate')}</span>
                  )}
                </dd>
              </dl>
              <div className="workflow-actions">
                <Button fill intent="warning" icon="flag" text={t('check.action.followUp')} onClick={() => setOpen('followUp')} />
              </div>
            </Card>
          )}
          <Card compact className="panel">
            <h2 className="panel-title">{t('case.section.record')}</h2>
            <dl className="facts">
              <dt>{t('case.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={c.createdAt} />
              </dd>
              <dt>{t('case.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={c.updatedAt} />
              </dd>
              <dt>{t('case.field.version')}</dt>
              <dd className="num">{c.version}</dd>
            </dl>
          </Card>
        </aside>
      </div>
      <section className="check-audit" aria-labelledby="check-audit-title">
        <h2 id="check-audit-title" className="panel-title">
          {t('check.section.audit')}
        </h2>
        <AuditTab key={c.version} recordType="end_use_check" recordId={c.id} />
      </section>
      <ScheduleDialog isOpen={open === 'schedule'} check={c} onClose={close} onSaved={set} />
      <ResultDialog isOpen={open === 'complete'} check={c} onClose={close} onSaved={set} />
      <CancelDialog isOpen={open === 'cancel'} check={c} onClose={close} onSaved={set} />
      <AddGoodsDialog isOpen={open === 'goods'} check={c} onClose={close} onSaved={set} />
      <FollowUpDialog isOpen={open === 'followUp'} check={c} onClose={close} onSaved={set} />
    </div>
  );
}
