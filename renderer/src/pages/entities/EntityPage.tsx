import { useMemo, useState } from 'react';
import { Button, Callout, Card } from '@blueprintjs/core';
import type { Entity, EntityCaseRole, MethodInput } from '../../../../db/api.ts';
import { entityFormSchemas } from '../../../../db/shared/inputs/entities.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { DateTimeText } from '../../components/DateText.tsx';
import { StatusTag } from '../../components/Tags.tsx';
import { EntityFields } from './EntityFields.tsx';
import { CountryText, KindTag, RoleTag } from './EntityTags.tsx';
import { LinksPanel } from './LinksPanel.tsx';
import { formFromEntity, formKeyOf, valueFromForm, type EntityForm } from './entityForm.ts';
import { validateAt } from './reasons.ts';
import { refusalOf } from '../../lib/refusals.ts';
import './entities.css';
import { RecordFallback, useRecord } from '../../lib/useRecord.tsx';
import { highestMarking, useShowMarking } from '../../lib/marking.tsx';
import { saveFormProps } from '../../lib/saveForm.ts';
import { useUnsavedChanges } from '../../lib/unsaved.tsx';

/** One entity: its fields (editable), its links both ways, and the cases it is in with its roles. */
export function EntityPage({ id }: { id: string }) {
  const t = useT();
  const { load, set, reload } = useRecord(() => call('entities.get', { id }), id);
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
            {e.country && <CountryText code={e.country} />}
          </div>
        </div>
      </header>
      <div className="ent-entity-layout">
        <div className="ent-entity-main">
          <EntityDetails
            key={`${e.id}:${e.version}`}
            entity={e}
            onSaved={(next) => set({ ...view, entity: next })}
            onReload={() => void reload()}
          />
          <LinksPanel view={view} onChanged={() => void reload()} />
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

type ServerError = { field?: string | undefined; message: string; code: string };

function EntityDetails({ entity, onSaved, onReload }: { entity: Entity; onSaved(e: Entity): void; onReload(): void }) {
  const t = useT();
  const f = useFormat();
  const key = formKeyOf({ kind: entity.kind, subtype: 'subtype' in entity ? entity.subtype : null });
  const [base] = useState<EntityForm>(() => formFromEntity(entity));
  const [form, setForm] = useState<EntityForm>(base);
  const [serverError, setServerError] = useState<ServerError | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(strip(form)) !== JSON.stringify(strip(base));

  const check = useMemo(() => {
    const { value, local } = valueFromForm(key, form, (currency) => t('entity.reason.notAmount', { currency }));
    return validateAt(entityFormSchemas[key], value, t, local);
  }, [key, form, t]);
  const errors: FieldErrors = check.ok ? {} : { ...check.errors };
  if (serverError?.field && serverError.code !== 'conflict' && !errors[serverError.field]) {
    errors[serverError.field] = serverError.message;
  }

  const save = async (): Promise<boolean> => {
    if (!check.ok || !dirty || saving) return false;
    setSaving(true);
    try {
      const next = await call('entities.update', {
        id: entity.id,
        version: entity.version,
        ...check.data,
      } as MethodInput<'entities.update'>);
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      onSaved(next);
      return true;
    } catch (err) {
      // The typed values stay: a refusal never loses them.
      setServerError(refusalOf(err, t, f));
      return false;
    } finally {
      setSaving(false);
    }
  };
  useUnsavedChanges(dirty, save);

  return (
    <form
      className="ent-entity-form"
      aria-label={t('entity.section.details')}

      {...saveFormProps(save)}
    >
      <Card compact className="panel">
        <h2 className="panel-title">{t('entity.section.details')}</h2>
        {serverError && (serverError.code === 'conflict' || !serverError.field) && (
          <Callout intent={serverError.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
            <p>{serverError.code === 'conflict' ? t('error.conflict') : t('error.generic', { message: serverError.message })}</p>
            {serverError.code === 'conflict' && <Button small icon="refresh" text={t('entity.reload')} onClick={onReload} />}
          </Callout>
        )}
        <EntityFields
          idPrefix="entity"
          formKey={key}
          form={form}
          errors={errors}
          onChange={(patch) => {
            setForm((f) => ({ ...f, ...patch }));
            setServerError((s) => (s?.code === 'conflict' ? s : null));
          }}
        />
        <div className="form-actions">
          {dirty && <span className="muted">{t('common.unsavedChanges')}</span>}
          <Button
            text={t('common.discard')}
            disabled={!dirty || saving}
            onClick={() => {
              setForm(base);
              setServerError(null);
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

/** The form without the rows' React keys, to compare what was typed with what is stored. */
function strip(f: EntityForm) {
  return {
    ...f,
    goods: f.goods.map(({ key: _k, ...g }) => g),
    identityDocuments: f.identityDocuments.map(({ key: _k, ...d }) => d),
  };
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
