import { useMemo, useRef, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, SegmentedControl } from '@blueprintjs/core';
import type { Entity, MethodInput } from '../../../../db/api.ts';
import { ENTITY_KINDS, type EntityKind } from '../../../../db/shared/domain.ts';
import { entityFormSchemas } from '../../../../db/shared/inputs/entities.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { EntityFields } from './EntityFields.tsx';
import { KIND_ICONS } from './EntityTags.tsx';
import { CONVEYANCE_KEYS, emptyEntityForm, kindOfKey, valueFromForm, type EntityForm, type FormKey } from './entityForm.ts';
import { validateAt } from './reasons.ts';
import { refusalOf } from '../../lib/refusals.ts';

type ServerError = { field?: string | undefined; message: string; code: string };

/** The path a form key's errors live under (the money field's two inputs are one contract field). */
function pathOf(key: string): string {
  return key === 'declaredValueAmount' || key === 'declaredValueCurrency' ? 'declaredValue' : key;
}

/** Shows an error once its field (or a field it depends on) was touched, or after a save was tried. */
export function visibleErrors(errors: FieldErrors, touched: ReadonlySet<string>, submitted: boolean): FieldErrors {
  if (submitted) return errors;
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    for (const t of touched) {
      if (path === t || path.startsWith(`${t}.`)) {
        out[path] = message;
        break;
      }
    }
  }
  return out;
}

/** The touched paths of a patch: the form's keys, or the rows' own paths when an editor names them. */
export function touchedPaths(patch: Partial<EntityForm>, paths?: string[]): string[] {
  return paths ?? Object.keys(patch).map(pathOf);
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
  const f = useFormat();
  const [key, setKey] = useState<FormKey>(props.initialKey ?? 'organization');
  const [form, setForm] = useState<EntityForm>(emptyEntityForm);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ServerError | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const check = useMemo(() => {
    const { value, local } = valueFromForm(key, form, (currency) => t('entity.reason.notAmount', { currency }));
    return validateAt(entityFormSchemas[key], value, t, local);
  }, [key, form, t]);

  const errors = visibleErrors(check.ok ? {} : check.errors, touched, submitted);
  if (serverError?.field && !errors[serverError.field]) errors[serverError.field] = serverError.message;

  const change = (patch: Partial<EntityForm>, paths?: string[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((s) => new Set([...s, ...touchedPaths(patch, paths)]));
    setServerError(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) {
      // Take the keyboard to the first field to correct, once its reason is shown.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setSaving(true);
    try {
      const created = await call('entities.create', check.data as MethodInput<'entities.create'>);
      setForm(emptyEntityForm);
      setTouched(new Set());
      setSubmitted(false);
      props.onCreated(created);
    } catch (err) {
      // What was typed stays in the form: nothing is lost when the contract refuses.
      setServerError(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

  const kind = kindOfKey(key).kind;
  const setKind = (k: EntityKind) => {
    setKey(k === 'conveyance' ? 'vessel' : k);
    setServerError(null);
  };
  const errorCount = check.ok ? 0 : Object.keys(check.errors).length;

  return (
    <form
      ref={formRef}
      aria-label={t('entity.new.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
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
                onValueChange={(v) => setKey(v as FormKey)}
                options={CONVEYANCE_KEYS.map((k) => ({ value: k, label: t(`entity.kind.${k}`), icon: KIND_ICONS[k] }))}
              />
            </div>
          )}
        </div>
        {serverError && !serverError.field && (
          <Callout intent={serverError.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
            {t('error.generic', { message: serverError.message })}
          </Callout>
        )}
        <EntityFields key={key} idPrefix={props.idPrefix} formKey={key} form={form} errors={errors} onChange={change} autoFocus />
      </DialogBody>
      <DialogFooter
        actions={
          <>
            {submitted && errorCount > 0 && (
              <span className="ent-footer-problems" role="status">
                {t('entity.problems', { count: errorCount })}
              </span>
            )}
            <Button text={props.cancelText} onClick={props.onCancel} />
            <Button type="submit" intent="primary" text={saving ? t('common.saving') : props.submitText} loading={saving} />
          </>
        }
      />
    </form>
  );
}
