import { HTMLSelect, InputGroup } from '@blueprintjs/core';
import type { EntitySummary } from '../../../../db/api.ts';
import {
  CHECK_CONDUCTORS,
  CHECK_METHODS,
  CHECK_PARTY_ROLES,
  CHECK_TYPES,
  type CheckConductor,
  type CheckMethod,
  type CheckPartyRole,
  type CheckType,
} from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';

const PARTY_KINDS = ['person', 'organization'] as const;

/** A check's own fields as typed, kept as is until the contract accepts them. */
export interface CheckForm {
  checkType: CheckType;
  party: EntitySummary | null;
  partyRole: CheckPartyRole;
  licenceNumber: string;
  country: string;
  conductedBy: CheckConductor;
  conductor: string;
  method: CheckMethod;
  requestedOn: string;
  scheduledOn: string;
  notes: string;
}

/** The fields of a check request (the goods lines and the case are the dialog's). */
export function CheckFields(props: {
  form: CheckForm;
  errors: FieldErrors;
  onChange(patch: Partial<CheckForm>): void;
  autoFocus: boolean;
}) {
  const t = useT();
  const { form, errors, onChange } = props;
  const id = (name: string) => `new-check-${name}`;
  const select = <V extends string>(
    name: 'checkType' | 'partyRole' | 'conductedBy' | 'method',
    values: readonly V[],
    label: (v: V) => string,
    autoFocus = false,
  ) => (
    <Field id={id(name)} label={t(`check.field.${name}`)} error={errors[name]} required>
      {(input) => (
        <HTMLSelect
          {...input}
          fill
          autoFocus={autoFocus}
          value={form[name]}
          onChange={(e) => onChange({ [name]: e.currentTarget.value as V })}
          options={values.map((v) => ({ value: v, label: label(v) }))}
        />
      )}
    </Field>
  );
  return (
    <div className="enf-fields">
      {select('checkType', CHECK_TYPES, (v) => t(`check.type.${v}`), props.autoFocus)}
      {select('partyRole', CHECK_PARTY_ROLES, (v) => t(`check.partyRole.${v}`))}
      <Field id={id('partyId')} label={t('check.field.party')} error={errors.partyId} required help={t('check.field.party.help')}>
        {(input) => (
          <EntityPicker
            input={input}
            kinds={PARTY_KINDS}
            value={form.party}
            onChange={(party) =>
              // The party's country is the check's, unless one was typed already.
              onChange({ party, ...(form.country === '' && party?.country ? { country: party.country } : {}) })
            }
          />
        )}
      </Field>
      <Field
        id={id('country')}
        label={t('check.field.country')}
        error={errors.country}
        required
        help={t('check.field.country.help')}
      >
        {(input) => (
          <InputGroup
            {...input}
            value={form.country}
            maxLength={2}
            className="mono-input"
            intent={errors.country ? 'danger' : 'none'}
            onValueChange={(v) => onChange({ country: v.toUpperCase() })}
          />
        )}
      </Field>
      <Field id={id('licenceNumber')} label={t('check.field.licenceNumber')} error={errors.licenceNumber}>
        {(input) => (
          <InputGroup
            {...input}
            value={form.licenceNumber}
            className="mono-input"
            onValueChange={(licenceNumber) => onChange({ licenceNumber })}
          />
        )}
      </Field>
      {select('method', CHECK_METHODS, (v) => t(`check.method.${v}`))}
      {select('conductedBy', CHECK_CONDUCTORS, (v) => t(`check.conductedBy.${v}`))}
      <Field
        id={id('conductor')}
        label={t('check.field.conductor')}
        error={errors.conductor}
        help={t('check.field.conductor.help')}
      >
        {(input) => <InputGroup {...input} value={form.conductor} onValueChange={(conductor) => onChange({ conductor })} />}
      </Field>
      <Field id={id('requestedOn')} label={t('check.field.requestedOn')} error={errors.requestedOn} required>
        {(input) => (
          <InputGroup
            {...input}
            type="date"
            value={form.requestedOn}
            intent={errors.requestedOn ? 'danger' : 'none'}
            onValueChange={(requestedOn) => onChange({ requestedOn })}
          />
        )}
      </Field>
      <Field
        id={id('scheduledOn')}
        label={t('check.field.scheduledOn')}
        error={errors.scheduledOn}
        help={t('check.field.scheduledOn.help')}
      >
        {(input) => (
          <InputGroup
            {...input}
            type="date"
            value={form.scheduledOn}
            intent={errors.scheduledOn ? 'danger' : 'none'}
            onValueChange={(scheduledOn) => onChange({ scheduledOn })}
          />
        )}
      </Field>
    </div>
  );
}
