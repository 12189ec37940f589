import { useState } from 'react';
import { Button, DialogBody, DialogFooter, SegmentedControl } from '@blueprintjs/core';
import type { Entity } from '../../../../db/api.ts';
import { ENTITY_KINDS, type EntityKind } from '../../../../db/shared/domain.ts';
import { entityData } from '../../../../db/shared/inputs/entities.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { EntityFields } from './EntityFields.tsx';
import { KIND_ICONS } from './EntityTags.tsx';
import { CONVEYANCE_KEYS, emptyEntityForm, kindOfKey, valueFromForm, type EntityForm, type FormKey } from './entityForm.ts';

/** The create form: what was typed for every kind, and the kind (a conveyance: its type) it is for. */
type CreatorForm = EntityForm & { formKey: FormKey };

/** The error keys that are problems of their own: a field's, not its top field's copy of it. */
function problemCount(errors: Record<string, string>): number {
  const keys = Object.keys(errors);
  return keys.filter((k) => !keys.some((o) => o.startsWith(`${k}.`))).length;
}

/**
 * The create form of an entity: its kind (and a conveyance's type), then the kind's fields,
 * validated as typed with the contract's own schema. Used by the New entity dialog and, inline,
 * by the Add to case dialog.
 */
export function EntityCreator(props: {
  idPrefix: string;
  initialKey?: FormKey;
  cancelText: string;
  onCancel(): void;
  onCreated(entity: Entity): void;
  submitText: string;
}) {
  const t = useT();
  const notAmount = (currency: string) => t('entity.reason.notAmount', { currency });
  const form = useForm({
    schema: entityData,
    initial: (): CreatorForm => ({ ...emptyEntityForm, formKey: props.initialKey ?? 'organization' }),
    input: (v) => valueFromForm(v.formKey, v, notAmount).value,
    local: (v) => valueFromForm(v.formKey, v, notAmount).local,
    fieldOf: { declaredValueAmount: 'declaredValue', declaredValueCurrency: 'declaredValue' },
    save: async (data) => {
      props.onCreated(await call('entities.create', data));
    },
  });
  // The count of problems stands in the footer once a save was tried (by the button, Enter or Ctrl+S).
  const [tried, setTried] = useState(false);

  const key = form.values.formKey;
  const kind = kindOfKey(key).kind;
  const setKind = (k: EntityKind) => form.set({ formKey: k === 'conveyance' ? 'vessel' : k });
  const errorCount = form.check.ok ? 0 : problemCount(form.check.errors);

  return (
    <form
      aria-label={t('entity.new.title')}
      {...form.formProps}
      onSubmitCapture={() => setTried(true)}
      onKeyDownCapture={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') setTried(true);
      }}
    >
      <DialogBody className="ent-entity-creator-body">
        <div className="ent-kind-picker">
          <div role="group" aria-label={t('entity.field.kind')} className="ent-kind-picker-row">
            <span className="ent-kind-picker-label">{t('entity.field.kind')}</span>
            <SegmentedControl
              size="small"
              value={kind}
              onValueChange={(v) => setKind(v as EntityKind)}
              options={ENTITY_KINDS.map((k) => ({
                value: k,
                label: t(`entity.kind.${k}`),
                icon: k === 'conveyance' ? 'drive-time' : KIND_ICONS[k],
              }))}
            />
          </div>
          {kind === 'conveyance' && (
            <div role="group" aria-label={t('entity.field.subtype')} className="ent-kind-picker-row">
              <span className="ent-kind-picker-label">{t('entity.field.subtype')}</span>
              <SegmentedControl
                size="small"
                value={key}
                onValueChange={(v) => form.set({ formKey: v as FormKey })}
                options={CONVEYANCE_KEYS.map((k) => ({ value: k, label: t(`entity.kind.${k}`), icon: KIND_ICONS[k] }))}
              />
            </div>
          )}
        </div>
        <FormRefusal refusal={form.refusal} />
        <EntityFields
          key={key}
          idPrefix={props.idPrefix}
          formKey={key}
          form={form.values}
          errors={form.errors}
          onChange={form.set}
          autoFocus
        />
      </DialogBody>
      <DialogFooter
        actions={
          <>
            {tried && errorCount > 0 && (
              <span className="ent-footer-problems" role="status">
                {t('entity.problems', { count: errorCount })}
              </span>
            )}
            <Button text={props.cancelText} onClick={props.onCancel} />
            <Button
              type="submit"
              intent="primary"
              text={form.saving ? t('common.saving') : props.submitText}
              loading={form.saving}
            />
          </>
        }
      />
    </form>
  );
}
