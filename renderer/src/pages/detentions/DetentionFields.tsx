import { HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import type { DetentionDetail, EntitySummary } from '../../../../db/api.ts';
import { DETENTION_REVIEW_DAYS, DETENTION_SUBJECTS, type DetentionSubject } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';

import { addDays } from '../../../../db/shared/time.ts';
import { instantFromInput, localInput, today } from '../../lib/dates.ts';
import { orNull } from '../../lib/form.ts';

const PARTY_KINDS = ['person', 'organization'] as const;

/** What the officer typed, kept as is until the contract accepts it. */
export interface DetentionForm {
  detentionNumber: string;
  subject: DetentionSubject;
  /** A datetime-local value, in the laptop's time zone. */
  startedAt: string;
  place: string;
  legalAuthority: string;
  exporter: EntitySummary | null;
  consignee: EntitySummary | null;
  destinationCountry: string;
  declaredPermit: string;
  declaredEccn: string;
  reason: string;
  reviewDueOn: string;
  notes: string;
}

export const emptyDetentionForm: DetentionForm = {
  detentionNumber: '',
  subject: 'shipment',
  startedAt: '',
  place: '',
  legalAuthority: '',
  exporter: null,
  consignee: null,
  destinationCountry: '',
  declaredPermit: '',
  declaredEccn: '',
  reason: '',
  reviewDueOn: '',
  notes: '',
};

export function formFromDetention(d: DetentionDetail): DetentionForm {
  return {
    detentionNumber: d.detentionNumber,
    subject: d.subject,
    startedAt: localInput(d.startedAt),
    place: d.place,
    legalAuthority: d.legalAuthority,
    exporter: d.exporter,
    consignee: d.consignee,
    destinationCountry: d.destinationCountry ?? '',
    declaredPermit: d.declaredPermit ?? '',
    declaredEccn: d.declaredEccn ?? '',
    reason: d.reason,
    reviewDueOn: d.reviewDueOn,
    notes: d.notes,
  };
}

/** The contract's fields for the form; blank optional fields of a new detention are left to its defaults. */
export function inputFromForm(form: DetentionForm, mode: 'create' | 'update') {
  const creating = mode === 'create';
  return {
    ...(creating && form.detentionNumber.trim() === '' ? {} : { detentionNumber: form.detentionNumber }),
    subject: form.subject,
    ...(creating && form.startedAt === '' ? {} : { startedAt: instantFromInput(form.startedAt) }),
    place: form.place,
    legalAuthority: form.legalAuthority,
    exporterId: form.exporter?.id ?? null,
    consigneeId: form.consignee?.id ?? null,
    destinationCountry: orNull(form.destinationCountry),
    declaredPermit: orNull(form.declaredPermit),
    declaredEccn: orNull(form.declaredEccn),
    reason: form.reason,
    ...(creating && form.reviewDueOn === '' ? {} : { reviewDueOn: form.reviewDueOn }),
    ...(creating ? {} : { notes: form.notes }),
  };
}

/** The fields of a detention, for the "Detain goods" dialog and the detention page. */
export function DetentionFields(props: {
  idPrefix: string;
  form: DetentionForm;
  errors: FieldErrors;
  onChange(patch: Partial<DetentionForm>): void;
  variant: 'create' | 'edit';
}) {
  const t = useT();
  const f = useFormat();
  const { form, errors, onChange, variant } = props;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const startedOn = form.startedAt ? form.startedAt.slice(0, 10) : today();
  const defaultReview = /^\d{4}-\d{2}-\d{2}$/.test(startedOn) ? addDays(startedOn, DETENTION_REVIEW_DAYS) : null;
  return (
    <div className="enf-fields">
      <Field
        id={id('detentionNumber')}
        label={t('detention.field.number')}
        error={errors.detentionNumber}
        help={variant === 'create' ? t('detention.field.number.help') : undefined}
      >
        {(input) => (
          <InputGroup
            {...input}
            value={form.detentionNumber}
            className="mono-input"
            onValueChange={(detentionNumber) => onChange({ detentionNumber })}
            intent={errors.detentionNumber ? 'danger' : 'none'}
          />
        )}
      </Field>
      <Field id={id('subject')} label={t('detention.field.subject')} error={errors.subject} required>
        {(input) => (
          <HTMLSelect
            {...input}
            fill
            value={form.subject}
            onChange={(e) => onChange({ subject: e.currentTarget.value as DetentionSubject })}
            options={DETENTION_SUBJECTS.map((s) => ({ value: s, label: t(`detention.subject.${s}`) }))}
          />
        )}
      </Field>
      <Field
        id={id('startedAt')}
        label={t('detention.field.startedAt')}
        error={errors.startedAt}
        help={variant === 'create' ? t('detention.field.startedAt.help') : undefined}
      >
        {(input) => (
          <InputGroup
            {...input}
            type="datetime-local"
            value={form.startedAt}
            onValueChange={(startedAt) => onChange({ startedAt })}
            intent={errors.startedAt ? 'danger' : 'none'}
          />
        )}
      </Field>
      <Field
        id={id('reviewDueOn')}
        label={t('detention.field.reviewDueOn')}
        error={errors.reviewDueOn}
        help={
          variant === 'create' && defaultReview
            ? t('detention.field.reviewDueOn.help', { date: f.date(defaultReview), days: DETENTION_REVIEW_DAYS })
            : undefined
        }
      >
        {(input) => (
          <InputGroup
            {...input}
            type="date"
            value={form.reviewDueOn}
            onValueChange={(reviewDueOn) => onChange({ reviewDueOn })}
            intent={errors.reviewDueOn ? 'danger' : 'none'}
          />
        )}
      </Field>
      <Field id={id('place')} label={t('detention.field.place')} error={errors.place} className="span-2">
        {(input) => <InputGroup {...input} value={form.place} onValueChange={(place) => onChange({ place })} />}
      </Field>
      <Field id={id('exporterId')} label={t('detention.field.exporter')} error={errors.exporterId}>
        {(input) => (
          <EntityPicker input={input} kinds={PARTY_KINDS} value={form.exporter} onChange={(exporter) => onChange({ exporter })} />
        )}
      </Field>
      <Field id={id('consigneeId')} label={t('detention.field.consignee')} error={errors.consigneeId}>
        {(input) => (
          <EntityPicker
            input={input}
            kinds={PARTY_KINDS}
            value={form.consignee}
            onChange={(consignee) => onChange({ consignee })}
          />
        )}
      </Field>
      <Field
        id={id('destinationCountry')}
        label={t('detention.field.destination')}
        error={errors.destinationCountry}
        help={t('detention.field.destination.help')}
      >
        {(input) => (
          <InputGroup
            {...input}
            value={form.destinationCountry}
            maxLength={2}
            className="mono-input"
            onValueChange={(v) => onChange({ destinationCountry: v.toUpperCase() })}
            intent={errors.destinationCountry ? 'danger' : 'none'}
          />
        )}
      </Field>
      <Field id={id('declaredPermit')} label={t('detention.field.declaredPermit')} error={errors.declaredPermit}>
        {(input) => (
          <InputGroup
            {...input}
            value={form.declaredPermit}
            className="mono-input"
            onValueChange={(declaredPermit) => onChange({ declaredPermit })}
          />
        )}
      </Field>
      <Field
        id={id('declaredEccn')}
        label={t('detention.field.declaredEccn')}
        error={errors.declaredEccn}
        help={t('detention.field.declaredEccn.help')}
      >
        {(input) => (
          <InputGroup
            {...input}
            value={form.declaredEccn}
            className="mono-input"
            onValueChange={(declaredEccn) => onChange({ declaredEccn })}
            intent={errors.declaredEccn ? 'danger' : 'none'}
          />
        )}
      </Field>
      <Field id={id('legalAuthority')} label={t('detention.field.legalAuthority')} error={errors.legalAuthority}>
        {(input) => (
          <InputGroup {...input} value={form.legalAuthority} onValueChange={(legalAuthority) => onChange({ legalAuthority })} />
        )}
      </Field>
      <Field id={id('reason')} label={t('detention.field.reason')} error={errors.reason} className="span-2">
        {(input) => (
          <TextArea
            {...input}
            fill
            rows={variant === 'create' ? 2 : 3}
            value={form.reason}
            onChange={(e) => onChange({ reason: e.currentTarget.value })}
          />
        )}
      </Field>
      {variant === 'edit' && (
        <Field id={id('notes')} label={t('detention.field.notes')} error={errors.notes} className="span-2">
          {(input) => (
            <TextArea {...input} fill rows={4} value={form.notes} onChange={(e) => onChange({ notes: e.currentTarget.value })} />
          )}
        </Field>
      )}
    </div>
  );
}
