import { useState } from 'react';
import { Button, Card, InputGroup, Tab, Tabs } from '@blueprintjs/core';
import type { Case } from '../../../../db/api.ts';
import { CASE_TRANSITIONS, type CaseStatus } from '../../../../db/shared/domain.ts';
import { caseUpdateInput } from '../../../../db/shared/inputs/cases.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useForm } from '../../lib/form.ts';
import { navigate, type CaseTab } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { PriorityTag, StatusTag } from '../../components/Tags.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { CaseFields } from './CaseFields.tsx';
import { EvidenceTab } from '../evidence/EvidenceTab.tsx';
import { AuditTab } from '../audit/AuditTab.tsx';
import { SubjectsTab } from '../entities/SubjectsTab.tsx';
import { LazyLinksTab } from '../chart/lazy.tsx';
import { SeizuresTab } from '../seizures/SeizuresTab.tsx';
import { DetentionsTab } from '../detentions/DetentionsTab.tsx';
import { VerificationsTab } from '../verifications/VerificationsTab.tsx';
import { PenaltiesTab } from '../penalties/PenaltiesTab.tsx';
import { CaseSummary } from '../overview/CaseSummary.tsx';
import { TimelineTab } from '../analysis/TimelineTab.tsx';
import { WhereElsePanel } from '../analysis/WhereElsePanel.tsx';
import { formFromCase, inputFromForm, type CaseForm } from './caseForm.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { ExportButton } from '../package/ExportButton.tsx';
import { PrintButton } from '../package/PrintButton.tsx';

export function CasePage({ id, tab }: { id: string; tab: CaseTab }) {
  const t = useT();
  const { load, set } = useQuery(() => call('cases.get', { id }), id);
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
        <span className="header-actions">
          <PrintButton record="summary" id={c.id} />
          <ExportButton kase={c} />
        </span>
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
        <Tab
          disabled={false}
          id="links"
          title={t('case.tab.links')}
          panel={<LazyLinksTab caseId={c.id} fileNumber={c.fileNumber} title={c.title} />}
        />
        <Tab disabled={false} id="seizures" title={t('case.tab.seizures')} panel={<SeizuresTab caseId={c.id} />} />
        <Tab disabled={false} id="detentions" title={t('case.tab.detentions')} panel={<DetentionsTab caseId={c.id} />} />
        <Tab disabled={false} id="penalties" title={t('case.tab.penalties')} panel={<PenaltiesTab caseId={c.id} />} />
        <Tab disabled={false} id="verifications" title={t('case.tab.verifications')} panel={<VerificationsTab caseId={c.id} />} />
        <Tab disabled={false} id="timeline" title={t('case.tab.timeline')} panel={<TimelineTab caseId={c.id} />} />
        <Tab disabled={false} id="evidence" title={t('case.tab.evidence')} panel={<EvidenceTab caseId={c.id} />} />
        <Tab disabled={false} id="audit" title={t('case.tab.audit')} panel={<AuditTab caseId={c.id} />} />
      </Tabs>
    </div>
  );
}

function CaseOverview({ data, onChanged }: { data: Case; onChanged(c: Case): void }) {
  const t = useT();
  const form = useForm({
    schema: caseUpdateInput,
    initial: () => formFromCase(data),
    input: (v: CaseForm) => ({ id: data.id, version: data.version, ...inputFromForm(v) }),
    guardUnsaved: true,
    save: async (input, values) => {
      if (JSON.stringify(values) === JSON.stringify(formFromCase(data))) return;
      const next = await call('cases.update', input);
      onChanged(next);
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      return formFromCase(next);
    },
  });

  return (
    <div className="case-overview">
      <div className="case-main">
        <form className="case-form" aria-label={t('case.section.details')} {...form.formProps}>
          <Card compact className="panel">
            <h2 className="panel-title">{t('case.section.details')}</h2>
            <FormRefusal refusal={form.refusal} />
            <CaseFields idPrefix="case" variant="full" form={form.values} errors={form.errors} onChange={form.set} />
            <FormActions dirty={form.dirty} saving={form.saving} valid={form.check.ok} onDiscard={() => form.reset()} />
          </Card>
        </form>
        <WhereElsePanel caseId={data.id} />
      </div>
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
  const move = useAction(async (status: CaseStatus) => {
    const next = await call('cases.setStatus', {
      id: data.id,
      status,
      version: data.version,
      ...(status === 'closed' && closedOn ? { closedOn } : {}),
    });
    onChanged(next);
    toast({ message: t('case.statusChanged', { status: t(`status.${status}`) }), intent: 'primary' });
  });
  const refusal = move.refusal;
  const allowed = CASE_TRANSITIONS[data.status];
  const closedOnError = refusal?.field === 'closedOn' ? refusal.message : undefined;
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('case.section.workflow')}</h2>
      <div className="workflow-status">
        <StatusTag status={data.status} />
      </div>
      {allowed.includes('closed') && (
        <Field id="close-on" label={t('case.status.closeOn')} error={closedOnError}>
          {(input) => <InputGroup {...input} type="date" value={closedOn} onValueChange={setClosedOn} small />}
        </Field>
      )}
      <FormRefusal refusal={refusal?.field === 'closedOn' ? null : refusal} />
      <div className="workflow-actions">
        {allowed.map((status) => (
          <Button
            key={status}
            text={status === 'open' && data.status !== 'closed' ? t('case.action.backToOpen') : t(`case.action.${status}`)}
            intent={status === 'closed' ? 'none' : status === 'referred_for_prosecution' ? 'danger' : 'primary'}
            variant={status === 'closed' || status === 'open' ? 'outlined' : 'solid'}
            loading={move.pending?.[0] === status}
            onClick={() => void move.act(status)}
            fill
          />
        ))}
      </div>
    </Card>
  );
}
