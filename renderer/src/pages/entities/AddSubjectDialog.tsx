import { useMemo, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CaseEntity, Entity, EntitySummary } from '../../../../db/api.ts';
import { CASE_ROLES, CASE_ROLE_KINDS, type CaseRole } from '../../../../db/shared/domain.ts';
import { caseAddEntityInput } from '../../../../db/shared/inputs/entities.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { EntityCreator } from './EntityCreator.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import { CountryText, KindTag } from './EntityTags.tsx';
import { validateAt } from './reasons.ts';
import { refusalOf } from '../../lib/refusals.ts';

function rowOf(e: Entity): EntitySummary {
  return { id: e.id, kind: e.kind, subtype: 'subtype' in e ? e.subtype : null, name: e.name, country: e.country };
}

/**
 * Gives an entity a role in the case: an existing one found by search, or a new one created here;
 * then its role and notes.
 */
export function AddSubjectDialog(props: {
  caseId: string;
  isOpen: boolean;
  existing: CaseEntity[];
  onClose(): void;
  onAdded(): void;
}) {
  const t = useT();
  const f = useFormat();
  const [mode, setMode] = useState<'pick' | 'create'>('pick');
  const [entity, setEntity] = useState<EntitySummary | null>(null);
  const [role, setRole] = useState<CaseRole>('subject');
  const [notes, setNotes] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  /** Back from creating an entity: the next thing to choose is its role. */
  const [created, setCreated] = useState(false);

  const roles = entity ? CASE_ROLES.filter((r) => CASE_ROLE_KINDS[r].includes(entity.kind)) : CASE_ROLES;
  const check = useMemo(() => {
    const local: FieldErrors = {};
    if (!entity) local.entityId = t('subjects.pickEntity');
    else if (props.existing.some((x) => x.entityId === entity.id && x.role === role)) {
      local.role = t('subjects.alreadyRole', { name: entity.name, role: t(`entity.role.${role}`) });
    }
    return validateAt(caseAddEntityInput, { caseId: props.caseId, entityId: entity?.id ?? '', role, notes }, t, local);
  }, [entity, role, notes, props.caseId, props.existing, t]);
  const errors: FieldErrors = {};
  if (!check.ok) {
    for (const [k, v] of Object.entries(check.errors)) if (submitted || k === 'role') errors[k] = v;
  }
  if (serverError?.field) errors[serverError.field] ??= serverError.message;

  const reset = () => {
    setMode('pick');
    setEntity(null);
    setRole('subject');
    setNotes('');
    setSubmitted(false);
    setServerError(null);
    setCreated(false);
  };
  const close = () => {
    reset();
    props.onClose();
  };

  const pick = (next: EntitySummary | null) => {
    setEntity(next);
    setServerError(null);
    if (next && !CASE_ROLE_KINDS[role].includes(next.kind)) setRole('subject');
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      await call('cases.addEntity', check.data);
      toast({
        message: t('subjects.added', { name: entity?.name ?? '', role: t(`entity.role.${role}`) }),
        intent: 'success',
        icon: 'tick',
      });
      reset();
      props.onAdded();
    } catch (err) {
      setServerError(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={close}
      title={mode === 'create' ? t('subjects.createTitle') : t('subjects.addTitle')}
      icon={mode === 'create' ? 'new-person' : 'add'}
      className={mode === 'create' ? 'ent-entity-dialog' : 'ent-subject-dialog'}
    >
      {mode === 'create' ? (
        <EntityCreator
          idPrefix="subject-entity"
          initialKey="organization"
          cancelText={t('subjects.backToSearch')}
          submitText={t('subjects.createAndContinue')}
          onCancel={() => setMode('pick')}
          onCreated={(e) => {
            toast({ message: t('entity.created', { name: e.name }), intent: 'success', icon: 'tick' });
            pick(rowOf(e));
            setCreated(true);
            setMode('pick');
          }}
        />
      ) : (
        <form
          noValidate
          aria-label={t('subjects.addTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            {serverError && !serverError.field && (
              <Callout intent="danger" role="alert" className="form-callout">
                {t('error.generic', { message: serverError.message })}
              </Callout>
            )}
            <Field
              id="subject-entity"
              label={t('subjects.entity')}
              error={errors.entityId}
              help={t('subjects.entityHelp')}
              required
            >
              <div className="ent-picker-row">
                <EntityPicker
                  id="subject-entity"
                  value={entity}
                  onChange={pick}
                  invalid={Boolean(errors.entityId)}
                  describedBy="subject-entity-help"
                  autoFocus={!created}
                />
                <Button icon="new-person" text={t('subjects.newEntity')} onClick={() => setMode('create')} />
              </div>
            </Field>
            {entity && (
              <div className="ent-picked-entity" aria-live="polite">
                <KindTag kind={entity.kind} subtype={entity.subtype} />
                <span className="cell-title">{entity.name}</span>
                {entity.country && <CountryText code={entity.country} />}
              </div>
            )}
            <Field
              id="subject-role"
              label={t('subjects.role')}
              error={errors.role}
              help={entity ? undefined : t('subjects.roleHelp')}
            >
              <HTMLSelect
                id="subject-role"
                fill
                autoFocus={created}
                value={role}
                onChange={(e) => {
                  setRole(e.currentTarget.value as CaseRole);
                  setServerError(null);
                }}
                options={roles.map((r) => ({ value: r, label: t(`entity.role.${r}`) }))}
                {...(errors.role ? { 'aria-invalid': true, 'aria-describedby': 'subject-role-help' } : {})}
              />
            </Field>
            <Field id="subject-notes" label={t('subjects.notes')} error={errors.notes}>
              <TextArea id="subject-notes" fill rows={3} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
            </Field>
          </DialogBody>
          <DialogFooter
            actions={
              <>
                <Button text={t('common.cancel')} onClick={close} />
                <Button
                  type="submit"
                  intent="primary"
                  icon="add"
                  text={saving ? t('common.saving') : t('subjects.addSubmit')}
                  loading={saving}
                />
              </>
            }
          />
        </form>
      )}
    </Dialog>
  );
}
