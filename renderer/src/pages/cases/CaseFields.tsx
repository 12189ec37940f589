import { HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { PRIORITIES, SECURITY_MARKINGS, VIOLATION_TYPES } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { Field } from '../../components/Field.tsx';
import type { FieldErrors } from '../../lib/validation.ts';
import type { CaseForm } from './caseForm.ts';

interface Props {
  idPrefix: string;
  form: CaseForm;
  errors: FieldErrors;
  onChange(patch: Partial<CaseForm>): void;
  /** The full form (case page) or the short one (new-case dialog). */
  variant: 'full' | 'short';
  leadPlaceholder?: string | undefined;
}

export function CaseFields({ idPrefix, form, errors, onChange, variant, leadPlaceholder }: Props) {
  const t = useT();
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className={`case-fields case-fields-${variant}`}>
      <Field id={id('title')} label={t('case.field.title')} error={errors.title} required className="span-2">
        {(input) => (
          <InputGroup
            {...input}
            value={form.title}
            onValueChange={(title) => onChange({ title })}
            intent={errors.title ? 'danger' : 'none'}
            autoFocus={variant === 'short'}
          />
        )}
      </Field>
      <Field id={id('priority')} label={t('case.field.priority')} error={errors.priority}>
        {(input) => (
          <HTMLSelect
            {...input}
            fill
            value={form.priority}
            onChange={(e) => onChange({ priority: e.currentTarget.value as CaseForm['priority'] })}
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
        )}
      </Field>
      <Field id={id('securityMarking')} label={t('case.field.securityMarking')} error={errors.securityMarking}>
        {(input) => (
          <HTMLSelect
            {...input}
            fill
            value={form.securityMarking}
            onChange={(e) => onChange({ securityMarking: e.currentTarget.value as CaseForm['securityMarking'] })}
            options={SECURITY_MARKINGS.map((m) => ({ value: m, label: t(`marking.${m}`) }))}
          />
        )}
      </Field>
      <Field id={id('violationType')} label={t('case.field.violationType')} error={errors.violationType}>
        {(input) => (
          <HTMLSelect
            {...input}
            fill
            value={form.violationType}
            onChange={(e) => onChange({ violationType: e.currentTarget.value as CaseForm['violationType'] })}
            options={[
              { value: '', label: t('violation.none') },
              ...VIOLATION_TYPES.map((v) => ({ value: v, label: t(`violation.${v}`) })),
            ]}
          />
        )}
      </Field>
      <Field id={id('leadInvestigator')} label={t('case.field.leadInvestigator')} error={errors.leadInvestigator}>
        {(input) => (
          <InputGroup
            {...input}
            value={form.leadInvestigator}
            placeholder={leadPlaceholder}
            onValueChange={(leadInvestigator) => onChange({ leadInvestigator })}
          />
        )}
      </Field>
      <Field id={id('openedOn')} label={t('case.field.openedOn')} error={errors.openedOn}>
        {(input) => (
          <InputGroup {...input} type="date" value={form.openedOn} onValueChange={(openedOn) => onChange({ openedOn })} />
        )}
      </Field>
      <Field
        id={id('contraventionOn')}
        label={t('case.field.contraventionOn')}
        help={t('case.field.contraventionOn.help')}
        error={errors.contraventionOn}
      >
        {(input) => (
          <InputGroup
            {...input}
            type="date"
            value={form.contraventionOn}
            onValueChange={(contraventionOn) => onChange({ contraventionOn })}
          />
        )}
      </Field>
      <Field id={id('agency')} label={t('case.field.agency')} error={errors.agency}>
        {(input) => <InputGroup {...input} value={form.agency} onValueChange={(agency) => onChange({ agency })} />}
      </Field>
      {variant === 'full' && (
        <>
          <Field
            id={id('partnerAgencies')}
            label={t('case.field.partnerAgencies')}
            help={t('case.field.partnerAgencies.help')}
            error={errors.partnerAgencies}
          >
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={2}
                value={form.partnerAgencies}
                onChange={(e) => onChange({ partnerAgencies: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field
            id={id('legalAuthorities')}
            label={t('case.field.legalAuthorities')}
            error={errors.legalAuthorities}
            className="span-2"
          >
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={2}
                value={form.legalAuthorities}
                onChange={(e) => onChange({ legalAuthorities: e.currentTarget.value })}
              />
            )}
          </Field>
        </>
      )}
      <Field id={id('summary')} label={t('case.field.summary')} error={errors.summary} className="span-2">
        {(input) => (
          <TextArea
            {...input}
            fill
            rows={variant === 'full' ? 4 : 3}
            value={form.summary}
            onChange={(e) => onChange({ summary: e.currentTarget.value })}
          />
        )}
      </Field>
      {variant === 'full' && (
        <Field id={id('notes')} label={t('case.field.notes')} error={errors.notes} className="span-2">
          {(input) => (
            <TextArea {...input} fill rows={6} value={form.notes} onChange={(e) => onChange({ notes: e.currentTarget.value })} />
          )}
        </Field>
      )}
    </div>
  );
}
