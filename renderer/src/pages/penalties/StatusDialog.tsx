import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { PenaltyDetail } from '../../../../db/api.ts';
import { PENALTY_REASON_REQUIRED, type PenaltyStatus } from '../../../../db/shared/domain.ts';
import { penaltySetStatusInput } from '../../../../db/shared/inputs/penalties.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { amountOf } from '../../lib/money.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { amountProblem, MoneyInput } from '../../components/MoneyInput.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { PenaltyStatusTag } from './PenaltyTags.tsx';

interface StatusForm {
  reason: string;
  /** The reduced amount as typed, in the penalty's currency. */
  amount: string;
  on: string;
}

/** Moves a penalty to one of the statuses the contract allows now, with the reason, new amount and date it needs. */
export function StatusDialog(props: {
  status: PenaltyStatus | null;
  penalty: PenaltyDetail;
  onClose(): void;
  onChanged(p: PenaltyDetail): void;
}) {
  const t = useT();
  const p = props.penalty;
  const status = props.status;
  const needsReason = status !== null && PENALTY_REASON_REQUIRED.includes(status);
  const reducing = status === 'reduced';
  const form = useForm({
    schema: penaltySetStatusInput,
    initial: (): StatusForm => ({ reason: '', amount: '', on: today() }),
    input: (v) => {
      const reducedAmountMinor = reducing ? amountOf(v.amount, p.currency) : undefined;
      return {
        id: p.id,
        status: status ?? 'issued',
        version: p.version,
        ...(typeof reducedAmountMinor === 'number' ? { reducedAmountMinor } : {}),
        ...(v.reason.trim() ? { reason: v.reason } : {}),
        ...(v.on ? { on: v.on } : {}),
      };
    },
    local: (v) => {
      const amountError = reducing ? amountProblem(v.amount, p.currency, t) : undefined;
      return {
        ...(needsReason && !v.reason.trim() ? { reason: t('validation.required') } : {}),
        ...(amountError ? { reducedAmountMinor: amountError } : {}),
      };
    },
    fieldOf: { amount: 'reducedAmountMinor' },
    save: async (data) => {
      const next = await call('penalties.setStatus', data);
      toast({ message: t('penalty.statusChanged', { status: t(`penalty.status.${next.status}`) }), intent: 'primary' });
      props.onClose();
      props.onChanged(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (status) reset();
  }, [status, reset]);
  const { errors, values } = form;

  const title = status ? t(`penalty.action.${status}`) : '';
  return (
    <Dialog isOpen={status !== null} onClose={props.onClose} title={title} icon="exchange" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          {status && (
            <p className="status-move">
              <PenaltyStatusTag status={p.status} />
              <span aria-hidden="true">→</span>
              <PenaltyStatusTag status={status} />
            </p>
          )}
          {status && <p className="muted">{t(`penalty.actionHint.${status}`)}</p>}
          <FormRefusal refusal={form.refusal} />
          {reducing && (
            <Field
              id="status-reducedAmountMinor"
              label={t('penalty.field.reducedAmount')}
              error={errors.reducedAmountMinor}
              required
              help={t('penalty.field.reducedAmount.help')}
            >
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
          )}
          {reducing && (
            <dl className="facts payment-balance">
              <dt>{t('penalty.field.effectiveAmount')}</dt>
              <dd>
                <MoneyText amountMinor={p.effectiveAmountMinor} currency={p.currency} />
              </dd>
              <dt>{t('penalty.field.paid')}</dt>
              <dd>
                <MoneyText amountMinor={p.paidMinor} currency={p.currency} />
              </dd>
            </dl>
          )}
          <Field id="status-reason" label={t('penalty.field.reason')} error={errors.reason} required={needsReason}>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                value={values.reason}
                autoFocus={!reducing}
                onChange={(e) => form.set({ reason: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="status-on" label={t('penalty.field.statusOn')} error={errors.on} required>
            {(input) => (
              <InputGroup
                {...input}
                type="date"
                value={values.on}
                onValueChange={(on) => form.set({ on })}
                intent={errors.on ? 'danger' : 'none'}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent={status === 'cancelled' || status === 'written_off' ? 'danger' : 'primary'}
                text={title}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
