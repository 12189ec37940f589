import { ControlGroup, InputGroup, TextArea } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { Field } from '../../components/Field.tsx';
import type { FieldErrors } from '../../lib/validation.ts';
import { CurrencySelect, useAmountReading } from './parts.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';

const PARTY_KINDS = ['person', 'organization'] as const;
import type { HeaderForm } from './seizureForm.ts';

/** The first error at a path or under it (a field whose schema nests, such as money or a list). */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  return Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
}

/** A seizure's header fields: in the record-seizure dialog and on the seizure page. */
export function HeaderFields(props: {
  idPrefix: string;
  form: HeaderForm;
  errors: FieldErrors;
  onChange(patch: Partial<HeaderForm>): void;
  variant: 'create' | 'edit';
  autoFocus?: boolean;
}) {
  const t = useT();
  const reading = useAmountReading();
  const { form, errors, onChange } = props;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const described = (name: string, error: string | undefined) =>
    error ? { 'aria-invalid': true, 'aria-describedby': `${id(name)}-help` } : {};
  const text = (
    name: 'place' | 'seizingOfficer' | 'legalProvision' | 'storageLocation' | 'custodian',
    opts: { required?: boolean; className?: string; placeholder?: string; help?: string } = {},
  ) => (
    <Field
      id={id(name)}
      label={t(`seizure.field.${name}`)}
      error={errors[name]}
      required={opts.required}
      className={opts.className}
      help={opts.help}
    >
      <InputGroup
        id={id(name)}
        value={form[name]}
        placeholder={opts.placeholder}
        intent={errors[name] ? 'danger' : 'none'}
        onValueChange={(v) => onChange({ [name]: v })}
        {...described(name, errors[name])}
      />
    </Field>
  );
  const amountError = errorUnder(errors, 'termsOfRelease.amount') ?? errors.termsOfRelease;
  return (
    <div className={`seizure-fields seizure-fields-${props.variant}`}>
      <Field
        id={id('seizedAt')}
        label={t('seizure.field.seizedAt')}
        error={errors.seizedAt}
        required
        help={t('seizure.field.seizedAt.help')}
      >
        <InputGroup
          id={id('seizedAt')}
          type="datetime-local"
          value={form.seizedAt}
          intent={errors.seizedAt ? 'danger' : 'none'}
          onValueChange={(seizedAt) => onChange({ seizedAt })}
          autoFocus={props.autoFocus}
          {...described('seizedAt', errors.seizedAt)}
        />
      </Field>
      {text('place', { required: true, className: 'span-2' })}
      {text('seizingOfficer', { required: props.variant === 'edit' })}
      <Field id={id('seizedFrom')} label={t('seizure.field.seizedFrom')} error={errors.seizedFromEntityId}>
        <EntityPicker
          kinds={PARTY_KINDS}
          id={id('seizedFrom')}
          value={form.seizedFrom}
          onChange={(seizedFrom) => onChange({ seizedFrom })}
          invalid={Boolean(errors.seizedFromEntityId)}
          describedBy={errors.seizedFromEntityId ? `${id('seizedFrom')}-help` : undefined}
        />
      </Field>
      <Field id={id('owner')} label={t('seizure.field.owner')} error={errors.ownerEntityId}>
        <EntityPicker
          kinds={PARTY_KINDS}
          id={id('owner')}
          value={form.owner}
          onChange={(owner) => onChange({ owner })}
          invalid={Boolean(errors.ownerEntityId)}
          describedBy={errors.ownerEntityId ? `${id('owner')}-help` : undefined}
        />
      </Field>
      {text('legalProvision', { className: 'span-2', placeholder: t('seizure.field.legalProvision.placeholder') })}
      <Field
        id={id('seizureNumber')}
        label={t('seizure.field.seizureNumber')}
        error={errors.seizureNumber}
        required={props.variant === 'edit'}
      >
        <InputGroup
          id={id('seizureNumber')}
          className="mono-input"
          value={form.seizureNumber}
          placeholder={props.variant === 'create' ? t('seizure.field.seizureNumber.auto') : undefined}
          intent={errors.seizureNumber ? 'danger' : 'none'}
          onValueChange={(seizureNumber) => onChange({ seizureNumber })}
          {...described('seizureNumber', errors.seizureNumber)}
        />
      </Field>
      {text('storageLocation', { className: 'span-2' })}
      {text('custodian', { placeholder: props.variant === 'create' ? t('seizure.field.custodian.default') : undefined })}
      <Field
        id={id('releaseAmount')}
        label={t('seizure.field.releaseAmount')}
        error={amountError}
        help={reading(form.releaseAmount, form.releaseCurrency)}
      >
        <ControlGroup fill>
          <InputGroup
            id={id('releaseAmount')}
            className="num-input"
            inputMode="decimal"
            value={form.releaseAmount}
            intent={amountError ? 'danger' : 'none'}
            onValueChange={(releaseAmount) => onChange({ releaseAmount })}
            {...described('releaseAmount', amountError)}
          />
          <CurrencySelect
            id={id('releaseCurrency')}
            label={t('seizure.field.releaseCurrency')}
            value={form.releaseCurrency}
            onChange={(releaseCurrency) => onChange({ releaseCurrency })}
          />
        </ControlGroup>
      </Field>
      <Field
        id={id('releaseSecurity')}
        label={t('seizure.field.releaseSecurity')}
        error={errors['termsOfRelease.security']}
        className="span-2"
        help={t('seizure.field.terms.help')}
      >
        <InputGroup
          id={id('releaseSecurity')}
          value={form.releaseSecurity}
          onValueChange={(releaseSecurity) => onChange({ releaseSecurity })}
          {...described('releaseSecurity', errors['termsOfRelease.security'])}
        />
      </Field>
      {props.variant === 'edit' && (
        <Field id={id('notes')} label={t('seizure.field.notes')} error={errors.notes} className="span-3">
          <TextArea
            id={id('notes')}
            fill
            rows={3}
            value={form.notes}
            onChange={(e) => onChange({ notes: e.currentTarget.value })}
          />
        </Field>
      )}
    </div>
  );
}
