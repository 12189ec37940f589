import { useEffect, useRef, useState } from 'react';
import { Button, Callout, Card, HTMLSelect, HTMLTable, InputGroup, NonIdealState, Tag } from '@blueprintjs/core';
import type { DetentionDetail, DetentionOverdue, InfoRequest } from '../../../../db/api.ts';
import { DETENTION_OUTCOMES, type DetentionOutcome } from '../../../../db/shared/domain.ts';
import { detentionEndInput, detentionUpdateInput } from '../../../../db/shared/inputs/detentions.ts';
import { useFormat, useT, type Format, type Translate } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { daysFromToday, instantFromInput } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { DueDate } from '../../components/DueDate.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { OutcomeTag } from './DetentionTags.tsx';
import { DetentionFields, formFromDetention, inputFromForm } from './DetentionFields.tsx';
import { RequestDialog } from './RequestDialog.tsx';
import { ReferralDialog } from './ReferralDialog.tsx';
import { DateDialog } from './DateDialog.tsx';
import { OriginCard } from '../verifications/OriginCard.tsx';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One detention (#/detentions/:id): what is overdue, its details, the technical assessment, requests to the exporter, its end. */
export function DetentionPage({ id }: { id: string }) {
  const t = useT();
  const { load, set, reload } = useQuery(() => call('detentions.get', { id }), id);
  useShowMarking(load.state === 'ready' ? load.data.caseSecurityMarking : null);

  if (load.state !== 'ready')
    return (
      <RecordFallback load={load} icon="hand" backLabel={t('detentions.back')} onBack={() => navigate({ page: 'detentions' })} />
    );
  const d = load.data;
  return (
    <div className="page page-record">
      <header className="page-header record-header">
        <div>
          <a href="#/detentions" className="back-link">
            {t('detentions.back')}
          </a>
          <div className="record-title-row">
            <span className="mono record-number">{d.detentionNumber}</span>
            <h1>{t(`detention.heading.${d.subject}`)}</h1>
            <OutcomeTag outcome={d.outcome} />
            {d.overdue.length > 0 && (
              <Tag intent="danger" icon="warning-sign" className="status-tag">
                {t('enf.overdue')}
              </Tag>
            )}
          </div>
          <div className="record-sub">
            <span>{t('enf.field.case')} </span>
            <a href={`#/cases/${encodeURIComponent(d.caseId)}/detentions`} className="mono">
              {d.caseFileNumber}
            </a>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <span>{t('detention.startedOn')} </span>
            <DateTimeText value={d.startedAt} />
            {d.place && (
              <>
                <span className="sep" aria-hidden="true">
                  ·
                </span>
                <span>{d.place}</span>
              </>
            )}
          </div>
        </div>
      </header>
      {d.overdue.length > 0 && <OverdueCallout items={d.overdue} detention={d} />}
      <div className="record-layout">
        <div className="record-main">
          <RequestsCard detention={d} onChanged={() => void reload()} />
          <DetailsCard key={d.id} detention={d} onSaved={set} />
        </div>
        <aside className="record-side">
          <AssessmentCard detention={d} onSaved={set} />
          <EndCard detention={d} onEnded={set} />
          <OriginCard recordType="detention" id={d.id} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('case.section.record')}</h2>
            <dl className="facts">
              <dt>{t('case.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={d.createdAt} />
              </dd>
              <dt>{t('case.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={d.updatedAt} />
              </dd>
              <dt>{t('case.field.version')}</dt>
              <dd className="num">{d.version}</dd>
            </dl>
          </Card>
        </aside>
      </div>
    </div>
  );
}

function overdueLine(item: DetentionOverdue, d: DetentionDetail, t: Translate, f: Format): string {
  const values = { date: f.date(item.dueOn), days: -daysFromToday(item.dueOn) };
  switch (item.what) {
    case 'review':
      return t('detention.overdue.review', values);
    case 'technical_assessment':
      return t('detention.overdue.assessment', { ...values, office: d.assessmentOffice ?? '' });
    case 'info_request':
      return t('detention.overdue.request', { ...values, what: t(`infoRequest.kind.${item.requestKind ?? 'other'}`) });
  }
}

/** What is late stands out above everything else. */
function OverdueCallout({ items, detention }: { items: DetentionOverdue[]; detention: DetentionDetail }) {
  const t = useT();
  const f = useFormat();
  return (
    <Callout
      intent="danger"
      icon="warning-sign"
      title={t('detention.overdue.title', { count: items.length })}
      className="overdue-callout"
      role="alert"
    >
      <ul>
        {items.map((item) => (
          <li key={`${item.what}:${item.recordId}`}>{overdueLine(item, detention, t, f)}</li>
        ))}
      </ul>
    </Callout>
  );
}

function DetailsCard({ detention, onSaved }: { detention: DetentionDetail; onSaved(d: DetentionDetail): void }) {
  const t = useT();
  const form = useForm({
    schema: detentionUpdateInput,
    initial: () => formFromDetention(detention),
    input: (v) => ({ id: detention.id, ...inputFromForm(v, 'update') }),
    fieldOf: { exporter: 'exporterId', consignee: 'consigneeId' },
    guardUnsaved: true,
    save: async (data, values) => {
      if (same(values, formFromDetention(detention))) return;
      // The version is the record's as it stands now: another card may have saved it since the last keystroke.
      const next = await call('detentions.update', { ...data, version: detention.version });
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      onSaved(next);
      return formFromDetention(next);
    },
  });
  // Another card changed the detention (a referral, an answer, its end): take the new values,
  // unless the officer is editing here.
  const { reset, dirty } = form;
  const editing = useRef(dirty);
  editing.current = dirty;
  const seen = useRef(formFromDetention(detention));
  useEffect(() => {
    const next = formFromDetention(detention);
    if (same(next, seen.current)) return;
    seen.current = next;
    if (!editing.current) reset(next);
  }, [detention, reset]);

  return (
    <form aria-label={t('detention.section.details')} {...form.formProps}>
      <Card compact className="panel">
        <h2 className="panel-title">{t('detention.section.details')}</h2>
        <FormRefusal refusal={form.refusal} />
        <DetentionFields idPrefix="detention" variant="edit" form={form.values} errors={form.errors} onChange={form.set} />
        <FormActions dirty={dirty} saving={form.saving} valid={form.check.ok} onDiscard={() => reset()} />
      </Card>
    </form>
  );
}

function RequestState({ request }: { request: InfoRequest }) {
  const t = useT();
  const f = useFormat();
  if (request.receivedOn)
    return (
      <Tag minimal intent="success" className="status-tag">
        {t('infoRequest.state.received', { date: f.date(request.receivedOn) })}
      </Tag>
    );
  if (request.closedOn)
    return (
      <Tag minimal className="status-tag" title={t('infoRequest.state.closedHint')}>
        {t('infoRequest.state.closed', { date: f.date(request.closedOn) })}
      </Tag>
    );
  if (request.overdue)
    return (
      <Tag minimal intent="danger" icon="warning-sign" className="status-tag">
        {t('enf.overdue')}
      </Tag>
    );
  return (
    <Tag minimal intent="primary" className="status-tag">
      {t('infoRequest.state.awaited')}
    </Tag>
  );
}

function RequestsCard({ detention, onChanged }: { detention: DetentionDetail; onChanged(): void }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [receiving, setReceiving] = useState<InfoRequest | null>(null);
  const ended = detention.outcome !== null;
  const add = (
    <Button
      icon="envelope"
      text={t('infoRequest.new')}
      onClick={() => setAdding(true)}
      disabled={ended}
      title={ended ? t('infoRequest.endedHint') : undefined}
    />
  );
  return (
    <Card compact className="panel">
      <div className="panel-head">
        <h2 className="panel-title">{t('detention.section.requests')}</h2>
        {detention.requests.length > 0 && add}
      </div>
      {detention.requests.length === 0 ? (
        <NonIdealState
          className="compact-empty"
          icon="envelope"
          title={t('infoRequest.empty.title')}
          description={ended ? t('infoRequest.endedHint') : t('infoRequest.empty.body')}
          action={ended ? undefined : add}
        />
      ) : (
        <HTMLTable compact striped className="enf-table" aria-label={t('detention.section.requests')}>
          <thead>
            <tr>
              <th scope="col">{t('infoRequest.field.kind')}</th>
              <th scope="col">{t('infoRequest.field.description')}</th>
              <th scope="col" className="num">
                {t('infoRequest.field.requestedOn')}
              </th>
              <th scope="col" className="num">
                {t('infoRequest.field.dueOn')}
              </th>
              <th scope="col">{t('infoRequest.field.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('infoRequest.field.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detention.requests.map((r) => (
              <tr key={r.id} className={r.overdue ? 'is-overdue' : undefined}>
                <td>{t(`infoRequest.kind.${r.kind}`)}</td>
                <td className="prewrap">{r.description}</td>
                <td className="num">
                  <DateText value={r.requestedOn} />
                </td>
                <td className="num">
                  <DateText value={r.dueOn} />
                </td>
                <td>
                  <RequestState request={r} />
                </td>
                <td className="num">
                  {r.receivedOn === null && (
                    <Button small icon="tick" text={t('infoRequest.markReceived')} onClick={() => setReceiving(r)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <RequestDialog isOpen={adding} detentionId={detention.id} onClose={() => setAdding(false)} onAdded={onChanged} />
      <DateDialog
        isOpen={receiving !== null}
        title={t('infoRequest.receiveTitle')}
        icon="tick"
        label={t('infoRequest.field.receivedOn')}
        hint={receiving ? t('infoRequest.receiveHint', { what: t(`infoRequest.kind.${receiving.kind}`) }) : undefined}
        confirm={t('infoRequest.markReceived')}
        field="receivedOn"
        onClose={() => setReceiving(null)}
        onSubmit={async (receivedOn) => {
          if (!receiving) return;
          await call('detentions.receiveRequest', { id: receiving.id, receivedOn, version: receiving.version });
          toast({ message: t('infoRequest.received'), intent: 'success', icon: 'tick' });
          onChanged();
        }}
      />
    </Card>
  );
}

function AssessmentCard({ detention, onSaved }: { detention: DetentionDetail; onSaved(d: DetentionDetail): void }) {
  const t = useT();
  const [referring, setReferring] = useState(false);
  const [answering, setAnswering] = useState(false);
  const d = detention;
  const answerOverdue = d.overdue.some((o) => o.what === 'technical_assessment');
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('assessment.title')}</h2>
      {d.assessmentOffice === null ? (
        <>
          <p className="muted">{t('assessment.none')}</p>
          <Button icon="lab-test" text={t('assessment.refer')} onClick={() => setReferring(true)} fill />
        </>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('assessment.field.office')}</dt>
            <dd>{d.assessmentOffice}</dd>
            <dt>{t('assessment.field.referredOn')}</dt>
            <dd>
              <DateText value={d.referredOn} />
            </dd>
            <dt>{t('assessment.field.dueOn')}</dt>
            <dd>
              <DueDate value={d.assessmentDueOn} overdue={answerOverdue} />
            </dd>
            <dt>{t('assessment.field.answeredOn')}</dt>
            <dd>
              {d.assessmentAnsweredOn ? (
                <DateText value={d.assessmentAnsweredOn} />
              ) : (
                <span className="muted">{t('assessment.awaited')}</span>
              )}
            </dd>
          </dl>
          <div className="card-actions">
            {d.assessmentAnsweredOn === null && (
              <Button
                icon="tick"
                intent={answerOverdue ? 'primary' : 'none'}
                text={t('assessment.recordAnswer')}
                onClick={() => setAnswering(true)}
              />
            )}
            <Button variant="minimal" icon="edit" text={t('assessment.change')} onClick={() => setReferring(true)} />
          </div>
        </>
      )}
      <ReferralDialog isOpen={referring} detention={d} onClose={() => setReferring(false)} onSaved={onSaved} />
      <DateDialog
        isOpen={answering}
        title={t('assessment.recordAnswer')}
        icon="tick"
        label={t('assessment.field.answeredOn')}
        hint={t('assessment.answerHint', { office: d.assessmentOffice ?? '' })}
        confirm={t('assessment.recordAnswer')}
        field="assessmentAnsweredOn"
        onClose={() => setAnswering(false)}
        onSubmit={async (assessmentAnsweredOn) => {
          const next = await call('detentions.update', { id: d.id, version: d.version, assessmentAnsweredOn });
          toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
          onSaved(next);
        }}
      />
    </Card>
  );
}

interface EndForm {
  outcome: DetentionOutcome | '';
  /** A datetime-local value, in the laptop's time zone; empty for now. */
  endedAt: string;
}

function EndCard({ detention, onEnded }: { detention: DetentionDetail; onEnded(d: DetentionDetail): void }) {
  const t = useT();
  const d = detention;
  const form = useForm({
    schema: detentionEndInput,
    initial: (): EndForm => ({ outcome: '', endedAt: '' }),
    input: (v) => ({ id: d.id, outcome: v.outcome, ...(v.endedAt ? { endedAt: instantFromInput(v.endedAt) } : {}) }),
    save: async (data) => {
      const next = await call('detentions.end', { ...data, version: d.version });
      toast({ message: t('detention.ended', { number: next.detentionNumber }), intent: 'primary' });
      onEnded(next);
    },
  });

  if (d.outcome !== null) {
    return (
      <Card compact className="panel">
        <h2 className="panel-title">{t('detention.section.end')}</h2>
        <dl className="facts">
          <dt>{t('detention.field.outcome')}</dt>
          <dd>
            <OutcomeTag outcome={d.outcome} />
          </dd>
          <dt>{t('detention.field.endedAt')}</dt>
          <dd>
            <DateTimeText value={d.endedAt} />
          </dd>
        </dl>
      </Card>
    );
  }
  const { errors, values } = form;
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('detention.section.end')}</h2>
      <form aria-label={t('detention.section.end')} {...form.formProps}>
        <FormRefusal refusal={form.refusal} />
        <Field id="end-outcome" label={t('detention.field.outcome')} error={errors.outcome} required>
          {(input) => (
            <HTMLSelect
              {...input}
              fill
              value={values.outcome}
              onChange={(e) => form.set({ outcome: e.currentTarget.value as DetentionOutcome | '' })}
              options={[
                { value: '', label: t('detention.outcome.choose') },
                ...DETENTION_OUTCOMES.map((o) => ({ value: o, label: t(`detention.outcome.${o}`) })),
              ]}
            />
          )}
        </Field>
        <Field
          id="end-endedAt"
          label={t('detention.field.endedAt')}
          error={errors.endedAt}
          help={t('detention.field.endedAt.help')}
        >
          {(input) => (
            <InputGroup
              {...input}
              type="datetime-local"
              value={values.endedAt}
              onValueChange={(endedAt) => form.set({ endedAt })}
              intent={errors.endedAt ? 'danger' : 'none'}
            />
          )}
        </Field>
        <Button type="submit" intent="warning" icon="endorsed" text={t('detention.end')} loading={form.saving} fill />
      </form>
    </Card>
  );
}
