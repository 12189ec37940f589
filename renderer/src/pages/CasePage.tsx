import { useMemo, useState } from 'react';
import { Button, Callout, Card, InputGroup, Tab, Tabs } from '@blueprintjs/core';
import type { Case } from '../../../db/api.ts';
import { CASE_TRANSITIONS, type CaseStatus } from '../../../db/shared/domain.ts';
import { caseUpdateInput } from '../../../db/shared/inputs/cases.ts';
import { useT } from '../i18n/index.tsx';
import { ApiError, call } from '../lib/client.ts';
import { navigate, type CaseTab } from '../lib/router.ts';
import { toast } from '../lib/toaster.ts';
import { useShowMarking } from '../lib/marking.tsx';
import { validate, type FieldErrors } from '../lib/validation.ts';
import { PriorityTag, StatusTag } from '../components/Tags.tsx';
import { DateText, DateTimeText } from '../components/DateText.tsx';
import { Field } from '../components/Field.tsx';
import { CaseFields } from './CaseFields.tsx';
import { EvidenceTab } from './evidence/EvidenceTab.tsx';
import { AuditTab } from './audit/AuditTab.tsx';
import { SubjectsTab } from './entities/SubjectsTab.tsx';
import { SeizuresTab } from './seizures/SeizuresTab.tsx';
import { DetentionsTab } from './detentions/DetentionsTab.tsx';
import { PenaltiesTab } from './penalties/PenaltiesTab.tsx';
import { CaseSummary } from './overview/CaseSummary.tsx';
import { formFromCase, inputFromForm, type CaseForm } from './caseForm.ts';
import { RecordFallback, useRecord } from '../lib/useRecord.tsx';
import { saveFormProps } from '../lib/saveForm.ts';
import { useUnsavedChanges } from '../lib/unsaved.tsx';

export function CasePage({ id, tab }: { id: string; tab: CaseTab }) {
  const t = useT();
  const { load, set } = useRecord(() => call('cases.get', { id }), id);
  useShowMarking(load.state === 'ready' ? load.data.securityMarking : null);

  if (load.state !== 'ready')
    return (
      <RecordFallback load={load} icon="folder-close" backLabel={t('case.back')} onBack={() => navigate({ page: 'cases' })} />
    );
  const c = load.data;
  return (
    <div className="page page-case">
      <header className="page-header case-header">
        <div className="case-heading">
          <a href="#/cases" className="back-link">
            {t('case.back')}
          </a>
          <div className="case-title-row">
            <span className="mono case-file-number">{c.fileNumber}</span>
            <h1>{c.title}</h1>
            <StatusTag status={c.status} />
            <PriorityTag priority={c.priority} />
          </div>
        </div>
      </header>
      {/* disabled={false} on each tab: Blueprint's arrow-key handling only moves between tabs
          that carry aria-disabled="false", which it renders only when `disabled` is given. */}
      <Tabs
        id="case-tabs"
        selectedTabId={tab}
        onChange={(next) => navigate({ page: 'case', id, tab: next as CaseTab })}
        aria-label={t('case.tabs.label')}
        className="case-tabs"
        renderActiveTabPanelOnly
      >
        <Tab
          disabled={false}
          id="overview"
          title={t('case.tab.overview')}
          panel={<CaseOverview key={c.id} data={c} onChanged={(next) => set(next)} />}
        />
        <Tab disabled={false} id="subjects" title={t('case.tab.subjects')} panel={<SubjectsTab caseId={c.id} />} />
        <Tab disabled={false} id="seizures" title={t('case.tab.seizures')} panel={<SeizuresTab caseId={c.id} />} />
        <Tab disabled={false} id="detentions" title={t('case.tab.detentions')} panel={<DetentionsTab caseId={c.id} />} />
        <Tab disabled={false} id="penalties" title={t('case.tab.penalties')} panel={<PenaltiesTab caseId={c.id} />} />
        <Tab disabled={false} id="evidence" title={t('case.tab.evidence')} panel={<EvidenceTab caseId={c.id} />} />
        <Tab disabled={false} id="audit" title={t('case.tab.audit')} panel={<AuditTab caseId={c.id} />} />
      </Tabs>
    </div>
  );
}

function CaseOverview({ data, onChanged }: { data: Case; onChanged(c: Case): void }) {
  const t = useT();
  const [form, setForm] = useState<CaseForm>(() => formFromCase(data));
  const [base, setBase] = useState<CaseForm>(() => formFromCase(data));
  const [serverError, setServerError] = useState<{ field?: string | undefined; message: string; code: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(base);

  const check = useMemo(
    () => validate(caseUpdateInput, { id: data.id, version: data.version, ...inputFromForm(form) }, t),
    [form, data, t],
  );
  const errors: FieldErrors = check.ok ? {} : { ...check.errors };
  if (serverError?.field && !errors[serverError.field]) errors[serverError.field] = serverError.message;

  const save = async (): Promise<boolean> => {
    if (!check.ok || !dirty) return false;
    setSaving(true);
    try {
      const next = await call('cases.update', check.data);
      const nextForm = formFromCase(next);
      setForm(nextForm);
      setBase(nextForm);
      setServerError(null);
      onChanged(next);
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      return true;
    } catch (err) {
      setServerError(
        err instanceof ApiError
          ? { field: err.field, message: err.message, code: err.code }
          : { message: String(err), code: 'internal' },
      );
      return false;
    } finally {
      setSaving(false);
    }
  };
  useUnsavedChanges(dirty, save);

  return (
    <div className="case-overview">
      <form
        className="case-form"
        aria-label={t('case.section.details')}

        {...saveFormProps(save)}
      >
        <Card compact className="panel">
          <h2 className="panel-title">{t('case.section.details')}</h2>
          {serverError && (serverError.code === 'conflict' || !serverError.field) && (
            <Callout intent={serverError.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
              {serverError.code === 'conflict' ? t('error.conflict') : t('error.generic', { message: serverError.message })}
            </Callout>
          )}
          <CaseFields
            idPrefix="case"
            variant="full"
            form={form}
            errors={errors}
            onChange={(patch) => {
              setForm((f) => ({ ...f, ...patch }));
              setServerError(null);
            }}
          />
          <div className="form-actions">
            {dirty && <span className="muted">{t('common.unsavedChanges')}</span>}
            <Button text={t('common.discard')} disabled={!dirty || saving} onClick={() => setForm(base)} />
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
      <aside className="case-side">
        <Workflow data={data} onChanged={onChanged} />
        <CaseSummary caseId={data.id} />
        <Card compact className="panel">
          <h2 className="panel-title">{t('case.section.record')}</h2>
          <dl className="facts">
            <dt>{t('case.field.fileNumber')}</dt>
            <dd className="mono">{data.fileNumber}</dd>
            <dt>{t('case.field.openedOn')}</dt>
            <dd>
              <DateText value={data.openedOn} />
            </dd>
            {data.closedOn && (
              <>
                <dt>{t('case.field.closedOn')}</dt>
                <dd>
                  <DateText value={data.closedOn} />
                </dd>
              </>
            )}
            <dt>{t('case.field.createdAt')}</dt>
            <dd>
              <DateTimeText value={data.createdAt} />
            </dd>
            <dt>{t('case.field.updatedAt')}</dt>
            <dd>
              <DateTimeText value={data.updatedAt} />
            </dd>
            <dt>{t('case.field.version')}</dt>
            <dd className="num">{data.version}</dd>
          </dl>
        </Card>
      </aside>
    </div>
  );
}

function Workflow({ data, onChanged }: { data: Case; onChanged(c: Case): void }) {
  const t = useT();
  const [closedOn, setClosedOn] = useState('');
  const [error, setError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const [busy, setBusy] = useState<CaseStatus | null>(null);
  const move = async (status: CaseStatus) => {
    setBusy(status);
    try {
      const next = await call('cases.setStatus', {
        id: data.id,
        status,
        version: data.version,
        ...(status === 'closed' && closedOn ? { closedOn } : {}),
      });
      setError(null);
      onChanged(next);
      toast({ message: t('case.statusChanged', { status: t(`status.${status}`) }), intent: 'primary' });
    } catch (err) {
      setError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: String(err) });
    } finally {
      setBusy(null);
    }
  };
  const allowed = CASE_TRANSITIONS[data.status];
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('case.section.workflow')}</h2>
      <div className="workflow-status">
        <StatusTag status={data.status} />
      </div>
      {allowed.includes('closed') && (
        <Field id="close-on" label={t('case.status.closeOn')} error={error?.field === 'closedOn' ? error.message : undefined}>
          <InputGroup id="close-on" type="date" value={closedOn} onValueChange={setClosedOn} small />
        </Field>
      )}
      {error && error.field !== 'closedOn' && (
        <Callout intent="danger" role="alert">
          {error.message}
        </Callout>
      )}
      <div className="workflow-actions">
        {allowed.map((status) => (
          <Button
            key={status}
            text={status === 'open' && data.status !== 'closed' ? t('case.action.backToOpen') : t(`case.action.${status}`)}
            intent={status === 'closed' ? 'none' : status === 'referred_for_prosecution' ? 'danger' : 'primary'}
            variant={status === 'closed' || status === 'open' ? 'outlined' : 'solid'}
            loading={busy === status}
            onClick={() => void move(status)}
            fill
          />
        ))}
      </div>
    </Card>
  );
}
