import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, InputGroup } from '@blueprintjs/core';
import type { AuditDetail } from '../../../../db/api.ts';
import {
  AUDIT_CONSEQUENCES,
  AUDIT_OUTCOMES,
  PENALTY_LEVELS,
  PENALTY_PAYMENT_DAYS,
  type AuditConsequence,
  type AuditOutcome,
  type PenaltyLevel,
} from '../../../../db/shared/domain.ts';
import { auditReportInput } from '../../../../db/shared/inputs/compliance-audits.ts';
import { addDays } from '../../../../db/shared/time.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ApiError, call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { amountOf, formatMoney } from '../../lib/money.ts';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { amountProblem, MoneyInput } from '../../components/MoneyInput.tsx';
import { AuditStatusTag } from './AuditTags.tsx';

interface ReportForm {
  reportedOn: string;
  outcome: AuditOutcome | '';
  consequence: AuditConsequence | '';
  contraventionCode: string;
  /** As typed, in the currency: parsed into minor units, never a float. */
  amount: string;
  currency: string;
  level: PenaltyLevel;
  assessedOn: string;
  dueOn: string;
}

const emptyForm = (): ReportForm => ({
  reportedOn: today(),
  outcome: '',
  consequence: '',
  contraventionCode: '',
  amount: '',
  currency: 'CAD',
  level: 'first',
  assessedOn: today(),
  dueOn: '',
});

/** The penalty's own fields, which the contract names without the `penalty.` its input nests them in. */
const PENALTY_FIELDS = ['noticeNumber', 'contraventionCode', 'amountMinor', 'currency', 'level', 'assessedOn', 'dueOn'];

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * "Report": the audit's outcome on a date. A non-compliant audit leads to a penalty of the
 * audited party (issued with the report, linked to it) or to the case's referral for prosecution.
 */
export function ReportDialog(props: { isOpen: boolean; audit: AuditDetail; onClose(): void; onReported(a: AuditDetail): void }) {
  const t = useT();
  const f = useFormat();
  const intl = useIntl();
  const a = props.audit;
  const form = useForm({
    schema: auditReportInput,
    initial: emptyForm,
    input: (v) => {
      const consequence = v.outcome === 'non_compliant' && v.consequence ? v.consequence : null;
      const amountMinor = amountOf(v.amount, v.currency);
      return {
        id: a.id,
        version: a.version,
        ...(v.reportedOn ? { reportedOn: v.reportedOn } : {}),
        ...(v.outcome ? { outcome: v.outcome } : {}),
        consequence: v.outcome === 'non_compliant' ? consequence : null,
        ...(consequence === 'penalty'
          ? {
              penalty: {
                contraventionCode: v.contraventionCode,
                ...(typeof amountMinor === 'number' ? { amountMinor } : {}),
                currency: v.currency,
                level: v.level,
                ...(v.assessedOn ? { assessedOn: v.assessedOn } : {}),
                ...(v.dueOn ? { dueOn: v.dueOn } : {}),
              },
            }
          : {}),
      };
    },
    local: (v) => {
      const errors: Record<string, string> = {};
      if (v.outcome === 'non_compliant' && !v.consequence) errors.consequence = t('validation.required');
      if (v.outcome === 'non_compliant' && v.consequence === 'penalty') {
        const amountError = amountProblem(v.amount, v.currency, t);
        if (amountError) errors['penalty.amountMinor'] = amountError;
      }
      return errors;
    },
    fieldOf: {
      contraventionCode: 'penalty.contraventionCode',
      amount: 'penalty.amountMinor',
      currency: 'penalty.currency',
      level: 'penalty.level',
      assessedOn: 'penalty.assessedOn',
      dueOn: 'penalty.dueOn',
    },
    save: async (data) => {
      let next: AuditDetail;
      try {
        next = await call('complianceAudits.report', data);
      } catch (err) {
        // The penalty's own refusals name its fields as the penalty does: put them under the penalty's fields here.
        if (err instanceof ApiError && err.field && PENALTY_FIELDS.includes(err.field) && data.consequence === 'penalty') {
          const message = err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message;
          throw new ApiError(err.code, `penalty.${err.field}: ${message}`, `penalty.${err.field}`, err.reason, err.params);
        }
        throw err;
      }
      toast({ message: t('compliance.reported', { number: next.auditNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onReported(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { errors, values } = form;
  const title = t('compliance.reportTitle');
  const nonCompliant = values.outcome === 'non_compliant';
  const penalty = nonCompliant && values.consequence === 'penalty';
  const defaultDue = isDate(values.assessedOn) ? addDays(values.assessedOn, PENALTY_PAYMENT_DAYS) : null;
  const amountMinor = amountOf(values.amount, values.currency);
  const parsedHint =
    typeof amountMinor === 'number' && !amountProblem(values.amount, values.currency, t)
      ? t('enf.money.reads', { amount: formatMoney(intl.locale, amountMinor, values.currency) })
      : undefined;
  const openActions = a.actions.filter((x) => x.completedOn === null).length;

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={title}
      icon="endorsed"
      className={penalty ? 'enf-dialog' : 'enf-small-dialog'}
    >
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="status-move">
            <AuditStatusTag status={a.status} />
            <span aria-hidden="true">→</span>
            <AuditStatusTag status="reported" />
          </p>
          <p className="muted">
            {t('compliance.reportHint', { findings: a.findings.length, actions: a.actions.length, open: openActions })}
          </p>
          <FormRefusal refusal={form.refusal} />
          <div className="two-columns">
            <Field id="report-outcome" label={t('compliance.field.outcome')} error={errors.outcome} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  autoFocus
                  value={values.outcome}
                  onChange={(e) => form.set({ outcome: e.currentTarget.value as AuditOutcome | '' })}
                  options={[
                    { value: '', label: t('compliance.outcome.choose') },
                    ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`compliance.outcome.${o}`) })),
                  ]}
                />
              )}
            </Field>
            <Field id="report-reportedOn" label={t('compliance.field.reportedOn')} error={errors.reportedOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.reportedOn}
                  onValueChange={(reportedOn) => form.set({ reportedOn })}
                  intent={errors.reportedOn ? 'danger' : 'none'}
                />
              )}
            </Field>
          </div>
          {nonCompliant && (
            <Field
              id="report-consequence"
              label={t('compliance.field.consequence')}
              error={errors.consequence}
              required
              help={t('compliance.field.consequence.help')}
            >
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.consequence}
                  onChange={(e) => form.set({ consequence: e.currentTarget.value as AuditConsequence | '' })}
                  options={[
                    { value: '', label: t('compliance.consequence.choose') },
                    ...AUDIT_CONSEQUENCES.map((c) => ({ value: c, label: t(`compliance.consequence.${c}`) })),
                  ]}
                />
              )}
            </Field>
          )}
          {nonCompliant && values.consequence === 'referral' && (
            <Callout intent="warning" icon="take-action" className="report-callout">
              {t('compliance.referralHint', { case: a.caseFileNumber })}
            </Callout>
          )}
          {penalty && (
            <fieldset className="report-penalty">
              <legend>{t('compliance.penalty.legend', { party: a.party?.name ?? '' })}</legend>
              <div className="enf-fields">
                <Field
                  id="report-contraventionCode"
                  label={t('penalty.field.contraventionCode')}
                  error={errors['penalty.contraventionCode']}
                  required
                  help={t('penalty.field.contraventionCode.help')}
                >
                  {(input) => (
                    <InputGroup
                      {...input}
                      value={values.contraventionCode}
                      onValueChange={(contraventionCode) => form.set({ contraventionCode })}
                      intent={errors['penalty.contraventionCode'] ? 'danger' : 'none'}
                    />
                  )}
                </Field>
                <Field id="report-level" label={t('penalty.field.level')} error={errors['penalty.level']} required>
                  {(input) => (
                    <HTMLSelect
                      {...input}
                      fill
                      value={values.level}
                      onChange={(e) => form.set({ level: e.currentTarget.value as PenaltyLevel })}
                      options={PENALTY_LEVELS.map((l) => ({ value: l, label: t(`penalty.level.${l}`) }))}
                    />
                  )}
                </Field>
                <Field
                  id="report-amount"
                  label={t('penalty.field.amount')}
                  error={errors['penalty.amountMinor']}
                  required
                  help={parsedHint}
                >
                  {(input) => (
                    <MoneyInput
                      input={input}
                      value={values.amount}
                      currency={values.currency}
                      onChange={(amount) => form.set({ amount })}
                    />
                  )}
                </Field>
                <Field id="report-currency" label={t('penalty.field.currency')} error={errors['penalty.currency']} required>
                  {(input) => (
                    <InputGroup
                      {...input}
                      value={values.currency}
                      maxLength={3}
                      className="mono-input"
                      onValueChange={(v) => form.set({ currency: v.toUpperCase() })}
                      intent={errors['penalty.currency'] ? 'danger' : 'none'}
                    />
                  )}
                </Field>
                <Field id="report-assessedOn" label={t('penalty.field.assessedOn')} error={errors['penalty.assessedOn']} required>
                  {(input) => (
                    <InputGroup
                      {...input}
                      type="date"
                      value={values.assessedOn}
                      onValueChange={(assessedOn) => form.set({ assessedOn })}
                      intent={errors['penalty.assessedOn'] ? 'danger' : 'none'}
                    />
                  )}
                </Field>
                <Field
                  id="report-dueOn"
                  label={t('penalty.field.dueOn')}
                  error={errors['penalty.dueOn']}
                  help={
                    !values.dueOn && defaultDue
                      ? t('penalty.field.dueOn.help', { date: f.date(defaultDue), days: PENALTY_PAYMENT_DAYS })
                      : undefined
                  }
                >
                  {(input) => (
                    <InputGroup
                      {...input}
                      type="date"
                      value={values.dueOn}
                      onValueChange={(dueOn) => form.set({ dueOn })}
                      intent={errors['penalty.dueOn'] ? 'danger' : 'none'}
                    />
                  )}
                </Field>
              </div>
            </fieldset>
          )}
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent={nonCompliant ? 'danger' : 'primary'}
                icon="endorsed"
                text={
                  form.saving
                    ? t('common.saving')
                    : penalty
                      ? t('compliance.reportAndIssue')
                      : nonCompliant && values.consequence === 'referral'
                        ? t('compliance.reportAndRefer')
                        : t('compliance.reportConfirm')
                }
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
