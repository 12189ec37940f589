import { useEffect, useRef, useState } from 'react';
import { Button, Callout, Card, FormGroup, HTMLTable, NonIdealState, Tag, TextArea } from '@blueprintjs/core';
import type { PenaltyDetail } from '../../../../db/api.ts';
import { PENALTY_FINAL_STATUSES, type PenaltyStatus } from '../../../../db/shared/domain.ts';
import { penaltyUpdateInput } from '../../../../db/shared/inputs/penalties.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { daysFromToday } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { navigate, routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { fieldInput } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { LevelTag, PenaltyStatusTag } from './PenaltyTags.tsx';
import { PaymentDialog } from './PaymentDialog.tsx';
import { StatusDialog } from './StatusDialog.tsx';
import { IssuePenaltyDialog } from './IssuePenaltyDialog.tsx';
import { OriginCard } from '../verifications/OriginCard.tsx';

/** One monetary penalty (#/penalties/:id): amounts and balance, its windows, payments, and the status moves it allows. */
export function PenaltyPage({ id }: { id: string }) {
  const t = useT();
  const { load, set } = useQuery(() => call('penalties.get', { id }), id);
  useShowMarking(load.state === 'ready' ? load.data.caseSecurityMarking : null);
  const f = useFormat();
  const [paying, setPaying] = useState(false);
  const [moving, setMoving] = useState<PenaltyStatus | null>(null);
  const [correcting, setCorrecting] = useState(false);

  if (load.state !== 'ready')
    return (
      <RecordFallback
        load={load}
        icon="bank-account"
        backLabel={t('penalties.back')}
        onBack={() => navigate({ page: 'penalties' })}
      />
    );
  const p = load.data;
  const final = PENALTY_FINAL_STATUSES.includes(p.status);
  const canPay = !final && p.balanceMinor > 0;
  const correctable = p.status === 'issued' && p.paidMinor === 0;
  const pay = (
    <Button
      intent="primary"
      icon="dollar"
      text={t('payment.new')}
      onClick={() => setPaying(true)}
      disabled={!canPay}
      title={canPay ? undefined : t('payment.closedHint')}
    />
  );
  return (
    <div className="page page-record">
      <header className="page-header record-header">
        <div>
          <a href="#/penalties" className="back-link">
            {t('penalties.back')}
          </a>
          <div className="record-title-row">
            <span className="mono record-number">{p.noticeNumber}</span>
            <h1>{t('penalty.heading', { name: p.entity.name })}</h1>
            <PenaltyStatusTag status={p.status} />
            <LevelTag level={p.level} />
            {p.overdue && (
              <Tag intent="danger" icon="warning-sign" className="status-tag">
                {t('enf.overdue')}
              </Tag>
            )}
          </div>
          <div className="record-sub">
            <span>{t('enf.field.case')} </span>
            <a href={routeHref({ page: 'case', id: p.caseId, tab: 'penalties' })} className="mono">
              {p.caseFileNumber}
            </a>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>{t('penalty.field.contraventionCode')} </span>
            <span className="mono">{p.contraventionCode}</span>
          </div>
        </div>
      </header>
      {p.overdue && (
        <Callout intent="danger" icon="warning-sign" role="alert" className="overdue-callout" title={t('penalty.overdue.title')}>
          {t('penalty.overdue.body', { date: f.date(p.dueOn), days: -daysFromToday(p.dueOn) })}{' '}
          <strong>
            <MoneyText amountMinor={p.balanceMinor} currency={p.currency} />
          </strong>
        </Callout>
      )}
      <div className="record-layout">
        <div className="record-main">
          <Card compact className="panel">
            <h2 className="panel-title">{t('penalty.section.amounts')}</h2>
            <div className="money-grid" role="group" aria-label={t('penalty.section.amounts')}>
              <div>
                <div className="money-label">{t('penalty.field.amountAssessed')}</div>
                <div className={`money-figure${p.reducedAmountMinor !== null ? ' struck' : ''}`}>
                  <MoneyText amountMinor={p.amountMinor} currency={p.currency} />
                </div>
              </div>
              {p.reducedAmountMinor !== null && (
                <div>
                  <div className="money-label">{t('penalty.field.reducedTo')}</div>
                  <div className="money-figure">
                    <MoneyText amountMinor={p.reducedAmountMinor} currency={p.currency} />
                  </div>
                </div>
              )}
              <div>
                <div className="money-label">{t('penalty.field.paid')}</div>
                <div className="money-figure">
                  <MoneyText amountMinor={p.paidMinor} currency={p.currency} />
                </div>
              </div>
              <div className="money-balance">
                <div className="money-label">{t('penalty.field.balance')}</div>
                <div className="money-figure" data-testid="penalty-balance">
                  <MoneyText amountMinor={p.balanceMinor} currency={p.currency} />
                </div>
              </div>
            </div>
            {p.reductionReason && (
              <p className="muted reduction">
                {t('penalty.reducedOn', { date: f.date(p.reducedOn), reason: p.reductionReason })}
              </p>
            )}
          </Card>
          <Card compact className="panel">
            <div className="panel-head">
              <h2 className="panel-title">{t('penalty.section.payments')}</h2>
              {p.payments.length > 0 && pay}
            </div>
            {p.payments.length === 0 ? (
              <NonIdealState
                className="compact-empty"
                icon="dollar"
                title={t('payment.empty.title')}
                description={canPay ? t('payment.empty.body') : t('payment.closedHint')}
                action={canPay ? pay : undefined}
              />
            ) : (
              <HTMLTable compact striped className="enf-table" aria-label={t('penalty.section.payments')}>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('payment.field.paidOn')}
                    </th>
                    <th scope="col" className="num">
                      {t('payment.field.amount')}
                    </th>
                    <th scope="col">{t('payment.field.method')}</th>
                    <th scope="col">{t('payment.field.reference')}</th>
                    <th scope="col" className="num">
                      {t('payment.field.recordedAt')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.payments.map((pm) => (
                    <tr key={pm.id}>
                      <td className="num">
                        <DateText value={pm.paidOn} />
                      </td>
                      <td className="num">
                        <MoneyText amountMinor={pm.amountMinor} currency={pm.currency} />
                      </td>
                      <td>{t(`payment.method.${pm.method}`)}</td>
                      <td className="mono">{pm.reference}</td>
                      <td className="num muted">
                        <DateTimeText value={pm.createdAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" className="num">
                      {t('payment.total', { count: p.payments.length })}
                    </th>
                    <td className="num">
                      <strong>
                        <MoneyText amountMinor={p.paidMinor} currency={p.currency} />
                      </strong>
                    </td>
                    <td colSpan={3} />
                  </tr>
                </tfoot>
              </HTMLTable>
            )}
          </Card>
          <NotesCard key={p.id} penalty={p} onSaved={set} />
        </div>
        <aside className="record-side">
          <OriginCard recordType="penalty" id={p.id} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('penalty.section.dates')}</h2>
            <dl className="facts">
              <dt>{t('penalty.field.assessedOn')}</dt>
              <dd>
                <DateText value={p.assessedOn} />
              </dd>
              <dt>{t('penalty.field.dueOn')}</dt>
              <dd>
                <DueDate value={p.dueOn} overdue={p.overdue} />
              </dd>
              <dt>{t('penalty.field.correctionWindow')}</dt>
              <dd>
                <WindowEnd date={p.correctionWindowEndsOn} />
              </dd>
              <dt>{t('penalty.field.reviewWindow')}</dt>
              <dd>
                <WindowEnd date={p.reviewWindowEndsOn} />
              </dd>
            </dl>
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('penalty.section.status')}</h2>
            <dl className="facts">
              <dt>{t('penalty.field.status')}</dt>
              <dd>
                <PenaltyStatusTag status={p.status} />
              </dd>
              <dt>{t('penalty.field.statusOn')}</dt>
              <dd>
                <DateText value={p.statusOn} />
              </dd>
            </dl>
            {p.statusReason && <p className="prewrap status-reason">{p.statusReason}</p>}
            {p.allowedStatuses.length === 0 ? (
              <p className="muted">{final ? t('penalty.final') : t('penalty.noMoves')}</p>
            ) : (
              <div className="workflow-actions">
                {p.allowedStatuses.map((s) => (
                  <Button
                    key={s}
                    fill
                    text={t(`penalty.action.${s}`)}
                    onClick={() => setMoving(s)}
                    intent={s === 'cancelled' || s === 'written_off' ? 'danger' : 'none'}
                    variant={s === 'cancelled' || s === 'written_off' ? 'outlined' : 'solid'}
                  />
                ))}
              </div>
            )}
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('penalty.section.party')}</h2>
            <dl className="facts">
              <dt>{t('penalty.field.entity')}</dt>
              <dd>
                <a href={routeHref({ page: 'entity', id: p.entity.id })}>{p.entity.name}</a>
              </dd>
              <dt>{t('penalty.field.entityKind')}</dt>
              <dd>{t(`enf.entityKind.${p.entity.kind === 'person' ? 'person' : 'organization'}`)}</dd>
              {p.entity.country && (
                <>
                  <dt>{t('penalty.field.country')}</dt>
                  <dd>{p.entity.country}</dd>
                </>
              )}
            </dl>
          </Card>
          <Card compact className="panel">
            <h2 className="panel-title">{t('case.section.record')}</h2>
            <dl className="facts">
              <dt>{t('case.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={p.createdAt} />
              </dd>
              <dt>{t('case.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={p.updatedAt} />
              </dd>
              <dt>{t('case.field.version')}</dt>
              <dd className="num">{p.version}</dd>
            </dl>
            <div className="card-actions">
              <Button
                icon="edit"
                text={t('penalty.correct')}
                disabled={!correctable}
                onClick={() => setCorrecting(true)}
                title={correctable ? undefined : t('penalty.correctLocked')}
              />
            </div>
          </Card>
        </aside>
      </div>
      <PaymentDialog isOpen={paying} penalty={p} onClose={() => setPaying(false)} onRecorded={set} />
      <StatusDialog status={moving} penalty={p} onClose={() => setMoving(null)} onChanged={set} />
      <IssuePenaltyDialog isOpen={correcting} penalty={p} onClose={() => setCorrecting(false)} onIssued={set} />
    </div>
  );
}

/** The last day of a window (correction, review): still open with the days left, or ended. */
function WindowEnd({ date }: { date: string }) {
  const t = useT();
  const days = daysFromToday(date);
  return (
    <span className="due-date">
      {days >= 0 ? (
        <Tag minimal intent="primary" className="status-tag">
          {t('enf.window.open', { count: days })}
        </Tag>
      ) : (
        <Tag minimal className="status-tag">
          {t('enf.window.ended')}
        </Tag>
      )}
      <DateText value={date} />
    </span>
  );
}

function NotesCard({ penalty, onSaved }: { penalty: PenaltyDetail; onSaved(p: PenaltyDetail): void }) {
  const t = useT();
  const form = useForm({
    schema: penaltyUpdateInput,
    initial: () => ({ notes: penalty.notes }),
    input: (v) => ({ id: penalty.id, notes: v.notes }),
    guardUnsaved: true,
    save: async (data, values) => {
      if (values.notes === penalty.notes) return;
      // The version is the penalty's as it stands now: a payment or a status may have changed it since the last keystroke.
      const next = await call('penalties.update', { ...data, version: penalty.version });
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      onSaved(next);
      return { notes: next.notes };
    },
  });
  // The penalty changed elsewhere on the page (a payment, a status): take its notes unless they are being edited.
  const { reset, dirty } = form;
  const editing = useRef(dirty);
  editing.current = dirty;
  const seen = useRef(penalty.notes);
  useEffect(() => {
    if (penalty.notes === seen.current) return;
    seen.current = penalty.notes;
    if (!editing.current) reset({ notes: penalty.notes });
  }, [penalty.notes, reset]);
  const error = form.errors.notes;
  return (
    <form aria-label={t('penalty.field.notes')} {...form.formProps}>
      <Card compact className="panel">
        <h2 className="panel-title" id="penalty-notes-title">
          {t('penalty.field.notes')}
        </h2>
        <FormRefusal refusal={form.refusal} />
        <FormGroup
          intent={error ? 'danger' : 'none'}
          helperText={
            error ? (
              <span id="penalty-notes-text-help" role="alert">
                {error}
              </span>
            ) : undefined
          }
        >
          <TextArea
            {...fieldInput('penalty-notes-text', error)}
            aria-labelledby="penalty-notes-title"
            fill
            rows={3}
            value={form.values.notes}
            intent={error ? 'danger' : 'none'}
            onChange={(e) => form.set({ notes: e.currentTarget.value })}
          />
        </FormGroup>
        <FormActions dirty={dirty} saving={form.saving} valid={true} onDiscard={() => reset()} />
      </Card>
    </form>
  );
}
