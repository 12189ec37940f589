import { useEffect, useState } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CaseEntity, Entity, EntitySummary } from '../../../../db/api.ts';
import { CASE_ROLES, CASE_ROLE_KINDS, type CaseRole } from '../../../../db/shared/domain.ts';
import { caseAddEntityInput } from '../../../../db/shared/inputs/entities.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { EntityCreator } from './EntityCreator.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import { CountryText, KindTag } from './EntityTags.tsx';

function rowOf(e: Entity): EntitySummary {
  return { id: e.id, kind: e.kind, subtype: 'subtype' in e ? e.subtype : null, name: e.name, country: e.country };
}

interface SubjectForm {
  entity: EntitySummary | null;
  role: CaseRole;
  notes: string;
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
  const [mode, setMode] = useState<'pick' | 'create'>('pick');
  /** Back from creating an entity: the next thing to choose is its role. */
  const [created, setCreated] = useState(false);
  const form = useForm({
    schema: caseAddEntityInput,
    initial: (): SubjectForm => ({ entity: null, role: 'subject', notes: '' }),
    input: (v) => ({ caseId: props.caseId, entityId: v.entity?.id ?? '', role: v.role, notes: v.notes }),
    local: (v) => {
      const local: FieldErrors = {};
      if (!v.entity) local.entityId = t('subjects.pickEntity');
      else if (props.existing.some((x) => x.entityId === v.entity?.id && x.role === v.role))
        local.role = t('subjects.alreadyRole', { name: v.entity.name, role: t(`entity.role.${v.role}`) });
      return local;
    },
    fieldOf: { entity: 'entityId' },
    save: async (data, v) => {
      await call('cases.addEntity', data);
      toast({
        message: t('subjects.added', { name: v.entity?.name ?? '', role: t(`entity.role.${v.role}`) }),
        intent: 'success',
        icon: 'tick',
      });
      props.onAdded();
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) {
      reset();
      setMode('pick');
      setCreated(false);
    }
  }, [props.isOpen, reset]);

  const { entity, role, notes } = form.values;
  const roles = entity ? CASE_ROLES.filter((r) => CASE_ROLE_KINDS[r].includes(entity.kind)) : CASE_ROLES;
  // The role's reason (the entity already holds it) depends on the entity: picking one shows it.
  const pick = (next: EntitySummary | null) =>
    form.set({ entity: next, role: next && !CASE_ROLE_KINDS[role].includes(next.kind) ? 'subject' : role });

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
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
        <form aria-label={t('subjects.addTitle')} {...form.formProps}>
          <DialogBody>
            <FormRefusal refusal={form.refusal} />
            <Field
              id="subject-entity"
              label={t('subjects.entity')}
              error={form.errors.entityId}
              help={t('subjects.entityHelp')}
              required
            >
              {(input) => (
                <div className="ent-picker-row">
                  <EntityPicker input={input} value={entity} onChange={pick} autoFocus={!created} />
                  <Button icon="new-person" text={t('subjects.newEntity')} onClick={() => setMode('create')} />
                </div>
              )}
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
              error={form.errors.role}
              help={entity ? undefined : t('subjects.roleHelp')}
            >
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  autoFocus={created}
                  value={role}
                  onChange={(e) => form.set({ role: e.currentTarget.value as CaseRole })}
                  options={roles.map((r) => ({ value: r, label: t(`entity.role.${r}`) }))}
                />
              )}
            </Field>
            <Field id="subject-notes" label={t('subjects.notes')} error={form.errors.notes}>
              {(input) => (
                <TextArea {...input} fill rows={3} value={notes} onChange={(e) => form.set({ notes: e.currentTarget.value })} />
              )}
            </Field>
          </DialogBody>
          <DialogFooter
            actions={
              <>
                <Button text={t('common.cancel')} onClick={props.onClose} />
                <Button
                  type="submit"
                  intent="primary"
                  icon="add"
                  text={form.saving ? t('common.saving') : t('subjects.addSubmit')}
                  loading={form.saving}
                />
              </>
            }
          />
        </form>
      )}
    </Dialog>
  );
}
