import { ControlGroup, InputGroup, TextArea } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { Field } from '../../components/Field.tsx';
import { errorUnder, type FieldErrors } from '../../lib/validation.ts';
import { CurrencySelect, useAmountReading } from './parts.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import type { HeaderForm, HeaderTextField } from './seizureForm.ts';

const PARTY_KINDS = ['person', 'organization'] as const;

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
  const text = (
    name: Exclude<HeaderTextField, 'notes'>,
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
      {(input) => (
        <InputGroup
          {...input}
          value={form[name]}
          placeholder={opts.placeholder}
          intent={errors[name] ? 'danger' : 'none'}
          onValueChange={(v) => onChange({ [name]: v })}
        />
      )}
    </Field>
  );
  // The terms' own rule (an amount, a security or both) stands under the amount; the security's errors under the security.
  const securityError = errorUnder(errors, 'termsOfRelease.security');
  const amountError = errorUnder(errors, 'termsOfRelease.amount') ?? (securityError ? undefined : errors.termsOfRelease);
  return (
    <div className={`seizure-fields seizure-fields-${props.variant}`}>
      <Field
        id={id('seizedAt')}
        label={t('seizure.field.seizedAt')}
        error={errors.seizedAt}
        required
        help={t('seizure.field.seizedAt.help')}
      >
        {(input) => (
          <InputGroup
            {...input}
            type="datetime-local"
            value={form.seizedAt}
            intent={errors.seizedAt ? 'danger' : 'none'}
            onValueChange={(seizedAt) => onChange({ seizedAt })}
            autoFocus={props.autoFocus}
          />
        )}
      </Field>
      {text('place', { required: true, className: 'span-2' })}
      {text('seizingOfficer', { required: props.variant === 'edit' })}
      <Field id={id('seizedFrom')} label={t('seizure.field.seizedFrom')} error={errors.seizedFromEntityId}>
        {(input) => (
          <EntityPicker
            input={input}
            kinds={PARTY_KINDS}
            value={form.seizedFrom}
            onChange={(seizedFrom) => onChange({ seizedFrom })}
          />
        )}
      </Field>
      <Field id={id('owner')} label={t('seizure.field.owner')} error={errors.ownerEntityId}>
        {(input) => (
          <EntityPicker input={input} kinds={PARTY_KINDS} value={form.owner} onChange={(owner) => onChange({ owner })} />
        )}
      </Field>
      {text('legalProvision', { className: 'span-2', placeholder: t('seizure.field.legalProvision.placeholder') })}
      <Field
        id={id('seizureNumber')}
        label={t('seizure.field.seizureNumber')}
        error={errors.seizureNumber}
        required={props.variant === 'edit'}
      >
        {(input) => (
          <InputGroup
            {...input}
            className="mono-input"
            value={form.seizureNumber}
            placeholder={props.variant === 'create' ? t('seizure.field.seizureNumber.auto') : undefined}
            intent={errors.seizureNumber ? 'danger' : 'none'}
            onValueChange={(seizureNumber) => onChange({ seizureNumber })}
          />
        )}
      </Field>
      {text('storageLocation', { className: 'span-2' })}
      {text('custodian', { placeholder: props.variant === 'create' ? t('seizure.field.custodian.default') : undefined })}
      <Field
        id={id('releaseAmount')}
        label={t('seizure.field.releaseAmount')}
        error={amountError}
        help={reading(form.releaseAmount, form.releaseCurrency)}
      >
        {(input) => (
          <ControlGroup fill>
            <InputGroup
              {...input}
              className="num-input"
              inputMode="decimal"
              value={form.releaseAmount}
              intent={amountError ? 'danger' : 'none'}
              onValueChange={(releaseAmount) => onChange({ releaseAmount })}
            />
            <CurrencySelect
              id={id('releaseCurrency')}
              label={t('seizure.field.releaseCurrency')}
              value={form.releaseCurrency}
              onChange={(releaseCurrency) => onChange({ releaseCurrency })}
            />
          </ControlGroup>
        )}
      </Field>
      <Field
        id={id('releaseSecurity')}
        label={t('seizure.field.releaseSecurity')}
        error={securityError}
        className="span-2"
        help={t('seizure.field.terms.help')}
      >
        {(input) => (
          <InputGroup
            {...input}
            value={form.releaseSecurity}
            onValueChange={(releaseSecurity) => onChange({ releaseSecurity })}
          />
        )}
      </Field>
      {props.variant === 'edit' && (
        <Field id={id('notes')} label={t('seizure.field.notes')} error={errors.notes} className="span-3">
          {(input) => (
            <TextArea {...input} fill rows={3} value={form.notes} onChange={(e) => onChange({ notes: e.currentTarget.value })} />
          )}
        </Field>
      )}
    </div>
  );
}
