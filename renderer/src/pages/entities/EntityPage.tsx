import { useMemo } from 'react';
import { Button, Card } from '@blueprintjs/core';
import type { Entity, EntityCaseRole, MethodInput } from '../../../../db/api.ts';
import { entityFormSchemas } from '../../../../db/shared/inputs/entities.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { DateTimeText } from '../../components/DateText.tsx';
import { StatusTag } from '../../components/Tags.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { EntityFields } from './EntityFields.tsx';
import { CountryText, KindTag, RoleTag } from './EntityTags.tsx';
import { LinksPanel } from './LinksPanel.tsx';
import { WhereElsePanel } from '../analysis/WhereElsePanel.tsx';
import { formFromEntity, formKeyOf, valueFromForm, type EntityForm } from './entityForm.ts';
import './entities.css';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { highestMarking, useShowMarking } from '../../lib/marking.tsx';
import { MergedNotice } from '../duplicates/MergedNotice.tsx';
import { ScreeningBadge } from '../screening/ScreeningBadge.tsx';

/** One entity: its fields (editable), its links both ways, and the cases it is in with its roles. */
export function EntityPage({ id }: { id: string }) {
  const t = useT();
  const { load, set, reload } = useQuery(() => call('entities.get', { id }), id);
  useShowMarking(load.state === 'ready' ? highestMarking(load.data.cases.map((c) => c.securityMarking)) : null);

  if (load.state !== 'ready')
    return (
      <RecordFallback load={load} icon="person" backLabel={t('entity.back')} onBack={() => navigate({ page: 'entities' })} />
    );
  const view = load.data;
  const e = view.entity;
  return (
    <div className="page ent-page-entity">
      <header className="page-header ent-entity-header">
        <div className="ent-entity-heading">
          <a href="#/entities" className="back-link">
            {t('entity.back')}
          </a>
          <div className="ent-entity-title-row">
            <KindTag kind={e.kind} subtype={'subtype' in e ? e.subtype : null} />
            <h1>{e.name}</h1>
            <ScreeningBadge entityId={e.id} version={e.version} />
            {e.country && <CountryText code={e.country} />}
          </div>
        </div>
        <Button icon="graph" text={t('chart.open')} onClick={() => navigate({ page: 'chart', entityId: e.id })} />
      </header>
      {e.mergedInto && <MergedNotice entityId={e.id} onUndone={() => void reload()} />}
      <div className="ent-entity-layout">
        <div className="ent-entity-main">
          <EntityDetails
            key={`${e.id}:${e.version}`}
            entity={e}
            onSaved={(next) => set({ ...view, entity: next })}
            onReload={() => void reload()}
          />
          <LinksPanel view={view} onChanged={() => void reload()} />
          <WhereElsePanel entityId={e.id} />
        </div>
        <aside className="ent-entity-side">
          <CasesPanel cases={view.cases} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('entity.section.record')}</h2>
            <dl className="facts">
              <dt>{t('entity.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={e.createdAt} />
              </dd>
              <dt>{t('entity.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={e.updatedAt} />
              </dd>
              <dt>{t('entity.field.version')}</dt>
              <dd className="num">{e.version}</dd>
            </dl>
          </Card>
        </aside>
      </div>
    </div>
  );
}

function EntityDetails({ entity, onSaved, onReload }: { entity: Entity; onSaved(e: Entity): void; onReload(): void }) {
  const t = useT();
  const key = formKeyOf({ kind: entity.kind, subtype: 'subtype' in entity ? entity.subtype : null });
  const notAmount = (currency: string) => t('entity.reason.notAmount', { currency });
  const form = useForm({
    schema: entityFormSchemas[key],
    initial: () => formFromEntity(entity),
    input: (v: EntityForm) => valueFromForm(key, v, notAmount).value,
    local: (v) => valueFromForm(key, v, notAmount).local,
    fieldOf: { declaredValueAmount: 'declaredValue', declaredValueCurrency: 'declaredValue' },
    guardUnsaved: true,
    save: async (data, values) => {
      if (same(values, formFromEntity(entity))) return;
      const next = await call('entities.update', {
        id: entity.id,
        version: entity.version,
        ...data,
      } as MethodInput<'entities.update'>);
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      onSaved(next);
    },
  });

  return (
    <form className="ent-entity-form" aria-label={t('entity.section.details')} {...form.formProps}>
      <Card compact className="panel">
        <h2 className="panel-title">{t('entity.section.details')}</h2>
        <FormRefusal refusal={form.refusal} />
        {form.refusal?.code === 'conflict' && <Button small icon="refresh" text={t('entity.reload')} onClick={onReload} />}
        <EntityFields idPrefix="entity" formKey={key} form={form.values} errors={form.errors} onChange={form.set} />
        <FormActions dirty={form.dirty} saving={form.saving} valid={form.check.ok} onDiscard={() => form.reset()} />
      </Card>
    </form>
  );
}

/** The same entity form, the rows' React keys aside. */
function same(a: EntityForm, b: EntityForm): boolean {
  const strip = (f: EntityForm) => ({
    ...f,
    goods: f.goods.map(({ key: _k, ...g }) => g),
    identityDocuments: f.identityDocuments.map(({ key: _k, ...d }) => d),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function CasesPanel({ cases }: { cases: EntityCaseRole[] }) {
  const t = useT();
  const grouped = useMemo(() => {
    const byCase = new Map<string, { first: EntityCaseRole; roles: EntityCaseRole[] }>();
    for (const c of cases) {
      const g = byCase.get(c.caseId);
      if (g) g.roles.push(c);
      else byCase.set(c.caseId, { first: c, roles: [c] });
    }
    return [...byCase.values()];
  }, [cases]);
  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('entity.section.cases', { count: grouped.length })}</h2>
      {grouped.length === 0 ? (
        <p className="muted">{t('entity.cases.none')}</p>
      ) : (
        <ul className="ent-entity-cases">
          {grouped.map(({ first, roles }) => (
            <li key={first.caseId}>
              <div className="ent-entity-case-head">
                <a href={routeHref({ page: 'case', id: first.caseId, tab: 'subjects' })} className="mono">
                  {first.fileNumber}
                </a>
                <StatusTag status={first.status} />
              </div>
              <div className="ent-entity-case-title">{first.title}</div>
              <div className="ent-role-tags">
                {roles.map((r) => (
                  <RoleTag key={r.id} role={r.role} />
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
