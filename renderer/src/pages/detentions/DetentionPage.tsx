import { useEffect, useMemo, useRef, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, Card, HTMLSelect, HTMLTable, InputGroup, NonIdealState, Tag } from '@blueprintjs/core';
import type { DetentionDetail, DetentionOverdue, InfoRequest } from '../../../../db/api.ts';
import { DETENTION_OUTCOMES, type DetentionOutcome } from '../../../../db/shared/domain.ts';
import { detentionEndInput, detentionUpdateInput } from '../../../../db/shared/inputs/detentions.ts';
import { useFormat, useT, type Translate } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { Field } from '../../components/Field.tsx';
import { OutcomeTag } from './DetentionTags.tsx';
import { DetentionFields, formFromDetention, inputFromForm, type DetentionForm } from './DetentionFields.tsx';
import { RequestDialog } from './RequestDialog.tsx';
import { ReferralDialog } from './ReferralDialog.tsx';
import { DateDialog } from './DateDialog.tsx';
import { daysFromToday, describedBy, DueDate, instantFromInput, shownErrors, validateInput, type Format } from './common.tsx';
import { RecordFallback, useRecord } from '../../lib/useRecord.tsx';
import { useShowMarking } from '../../lib/marking.tsx';
import { saveFormProps } from '../../lib/saveForm.ts';
import { useUnsavedChanges } from '../../lib/unsaved.tsx';

/** One detention (#/detentions/:id): what is overdue, its details, the technical assessment, requests to the exporter, its end. */
export function DetentionPage({ id }: { id: string }) {
  const t = useT();
  const { load, set, reload } = useRecord(() => call('detentions.get', { id }), id);
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
  const f = useFormat();
  const [base, setBase] = useState<DetentionForm>(() => formFromDetention(detention));
  const [form, setForm] = useState<DetentionForm>(base);
  // Another card changed the detention (a referral, an answer, its end): take the new values,
  // unless the officer is editing here.
  const seen = useRef(base);
  useEffect(() => {
    const next = formFromDetention(detention);
    if (JSON.stringify(next) === JSON.stringify(seen.current)) return;
    setForm((current) => (JSON.stringify(current) === JSON.stringify(seen.current) ? next : current));
    seen.current = next;
    setBase(next);
  }, [detention]);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(base);
  const check = useMemo(
    () =>
      validateInput(
        detentionUpdateInput,
        { id: detention.id, version: detention.version, ...inputFromForm(form, 'update') },
        t,
        f,
      ),
    [form, detention, t, f],
  );
  const errors = shownErrors(check, 'all', server);

  const save = async (): Promise<boolean> => {
    if (!check.ok || !dirty) return false;
    setSaving(true);
    try {
      const next = await call('detentions.update', check.data);
      setServer(null);
      setForm(formFromDetention(next));
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      onSaved(next);
      return true;
    } catch (err) {
      setServer(refusalOf(err, t, f));
      return false;
    } finally {
      setSaving(false);
    }
  };
  useUnsavedChanges(dirty, save);
  return (
    <form aria-label={t('detention.section.details')} {...saveFormProps(save)}>
      <Card compact className="panel">
        <h2 className="panel-title">{t('detention.section.details')}</h2>
        {server && !server.field && (
          <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
            {server.code === 'conflict' ? server.message : t('error.generic', { message: server.message })}
          </Callout>
        )}
        <DetentionFields
          idPrefix="detention"
          variant="edit"
          form={form}
          errors={errors}
          onChange={(patch) => {
            setForm((x) => ({ ...x, ...patch }));
            setServer(null);
          }}
        />
        <div className="form-actions">
          {dirty && <span className="muted">{t('common.unsavedChanges')}</span>}
          <Button
            text={t('common.discard')}
            disabled={!dirty || saving}
            onClick={() => {
              setForm(base);
              setServer(null);
            }}
          />
          <Button
            type="submit"
            intent="primary"
            icon="floppy-disk"
            text={saving ? t('common.saving') : t('common.save')}
            disabled={!dirty || !check.ok}
            loading={saving}
            title={`${t('common.save')} (Ctrl+S)`}
          />
        </div>
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

function EndCard({ detention, onEnded }: { detention: DetentionDetail; onEnded(d: DetentionDetail): void }) {
  const t = useT();
  const f = useFormat();
  const [outcome, setOutcome] = useState<DetentionOutcome | ''>('');
  const [endedAt, setEndedAt] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const d = detention;
  const check = useMemo(
    () =>
      validateInput(
        detentionEndInput,
        { id: d.id, version: d.version, outcome, ...(endedAt ? { endedAt: instantFromInput(endedAt) } : {}) },
        t,
        f,
      ),
    [d, outcome, endedAt, t, f],
  );
  const errors = shownErrors(check, submitted ? 'all' : new Set(['endedAt']), server);

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
  const end = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setBusy(true);
    try {
      const next = await call('detentions.end', check.data);
      toast({ message: t('detention.ended', { number: next.detentionNumber }), intent: 'primary' });
      onEnded(next);
    } catch (err) {
      setServer(refusalOf(err, t, f));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('detention.section.end')}</h2>
      <form
        aria-label={t('detention.section.end')}
        onSubmit={(e) => {
          e.preventDefault();
          void end();
        }}
      >
        {server && server.field !== 'outcome' && server.field !== 'endedAt' && (
          <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
            {server.message}
          </Callout>
        )}
        <Field id="end-outcome" label={t('detention.field.outcome')} error={errors.outcome} required>
          <HTMLSelect
            id="end-outcome"
            fill
            value={outcome}
            onChange={(e) => {
              setOutcome(e.currentTarget.value as DetentionOutcome | '');
              setServer(null);
            }}
            options={[
              { value: '', label: t('detention.outcome.choose') },
              ...DETENTION_OUTCOMES.map((o) => ({ value: o, label: t(`detention.outcome.${o}`) })),
            ]}
            {...describedBy('end-outcome', errors.outcome)}
          />
        </Field>
        <Field
          id="end-endedAt"
          label={t('detention.field.endedAt')}
          error={errors.endedAt}
          help={t('detention.field.endedAt.help')}
        >
          <InputGroup
            id="end-endedAt"
            type="datetime-local"
            value={endedAt}
            onValueChange={(v) => {
              setEndedAt(v);
              setServer(null);
            }}
            intent={errors.endedAt ? 'danger' : 'none'}
            {...describedBy('end-endedAt', errors.endedAt)}
          />
        </Field>
        <Button type="submit" intent="warning" icon="endorsed" text={t('detention.end')} loading={busy} fill />
      </form>
    </Card>
  );
}
