import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { useIntl } from 'react-intl';
import type { PenaltyDetail } from '../../../../db/api.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../db/shared/domain.ts';
import { penaltyRecordPaymentInput } from '../../../../db/shared/inputs/penalties.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { amountOf, formatMoney } from '../../lib/money.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { amountProblem, MoneyInput } from '../../components/MoneyInput.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';

interface PaymentForm {
  /** The amount as typed, in the penalty's currency. */
  amount: string;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
}

const emptyForm = (): PaymentForm => ({ amount: '', paidOn: today(), method: 'wire', reference: '' });

/** Records a full or partial payment in the penalty's currency; more than the balance is refused, and says so. */
export function PaymentDialog(props: {
  isOpen: boolean;
  penalty: PenaltyDetail;
  onClose(): void;
  onRecorded(p: PenaltyDetail): void;
}) {
  const t = useT();
  const intl = useIntl();
  const p = props.penalty;
  const money = (minor: number) => formatMoney(intl.locale, minor, p.currency);
  const form = useForm({
    schema: penaltyRecordPaymentInput,
    initial: emptyForm,
    input: (v) => {
      const amountMinor = amountOf(v.amount, p.currency);
      return {
        penaltyId: p.id,
        ...(typeof amountMinor === 'number' ? { amountMinor } : {}),
        currency: p.currency,
        ...(v.paidOn ? { paidOn: v.paidOn } : {}),
        method: v.method,
        reference: v.reference,
        version: p.version,
      };
    },
    // The amount: money text in the penalty's currency, and no more than the balance (the contract checks it again).
    local: (v): FieldErrors => {
      const amountMinor = amountOf(v.amount, p.currency);
      const problem =
        amountProblem(v.amount, p.currency, t) ??
        (typeof amountMinor === 'number' && amountMinor > p.balanceMinor
          ? t('payment.overpayment', { balance: money(p.balanceMinor) })
          : undefined);
      return problem ? { amountMinor: problem } : {};
    },
    fieldOf: { amount: 'amountMinor' },
    save: async (data) => {
      const next = await call('penalties.recordPayment', data);
      toast({ message: t('payment.recorded', { amount: money(data.amountMinor) }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onRecorded(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  const { errors, values } = form;
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('payment.new')} icon="dollar" className="enf-small-dialog">
      <form aria-label={t('payment.new')} {...form.formProps}>
        <DialogBody>
          <dl className="facts payment-balance">
            <dt>{t('penalty.field.noticeNumber')}</dt>
            <dd className="mono">{p.noticeNumber}</dd>
            <dt>{t('penalty.field.balance')}</dt>
            <dd>
              <strong>
                <MoneyText amountMinor={p.balanceMinor} currency={p.currency} />
              </strong>
            </dd>
          </dl>
          <FormRefusal refusal={form.refusal} />
          <div className="two-columns">
            <Field id="payment-amountMinor" label={t('payment.field.amount')} error={errors.amountMinor} required>
              {(input) => (
                <MoneyInput
                  input={input}
                  value={values.amount}
                  currency={p.currency}
                  autoFocus
                  onChange={(amount) => form.set({ amount })}
                />
              )}
            </Field>
            <Field id="payment-paidOn" label={t('payment.field.paidOn')} error={errors.paidOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.paidOn}
                  onValueChange={(paidOn) => form.set({ paidOn })}
                  intent={errors.paidOn ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="payment-method" label={t('payment.field.method')} error={errors.method} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.method}
                  onChange={(e) => form.set({ method: e.currentTarget.value as PaymentMethod })}
                  options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payment.method.${m}`) }))}
                />
              )}
            </Field>
            <Field id="payment-reference" label={t('payment.field.reference')} error={errors.reference}>
              {(input) => (
                <InputGroup {...input} value={values.reference} onValueChange={(reference) => form.set({ reference })} />
              )}
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="dollar" text={t('payment.record')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
