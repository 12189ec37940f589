import { useEffect, useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { useIntl } from 'react-intl';
import type { PenaltyDetail } from '../../../../db/api.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../../db/shared/domain.ts';
import { penaltyRecordPaymentInput } from '../../../../db/shared/inputs/penalties.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ApiError, call } from '../../lib/client.ts';
import { formatMoney } from '../../lib/money.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { describedBy, shownErrors, today, validateInput } from '../detentions/common.tsx';
import { amountProblem, MoneyInput, parseAmount } from './money.tsx';

interface PaymentForm {
  amount: string;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
}

const emptyForm = (): PaymentForm => ({ amount: '', paidOn: today(), method: 'wire', reference: '' });

/** The balance named in the contract's overpayment refusal ("..., 250000 (2500.00 CAD): an overpayment is refused"). */
function refusedBalance(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.field !== 'amountMinor' || !/overpayment/.test(err.message)) return null;
  const m = /the balance of penalty [^,]+, (\d+) \(/.exec(err.message);
  return m?.[1] ? Number(m[1]) : -1;
}

/** Records a full or partial payment in the penalty's currency; more than the balance is refused, and says so. */
export function PaymentDialog(props: {
  isOpen: boolean;
  penalty: PenaltyDetail;
  onClose(): void;
  onRecorded(p: PenaltyDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const intl = useIntl();
  const p = props.penalty;
  const [form, setForm] = useState<PaymentForm>(emptyForm);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (props.isOpen) {
      setForm(emptyForm());
      setTouched(new Set());
      setSubmitted(false);
      setServer(null);
    }
  }, [props.isOpen]);

  const amountMinor = parseAmount(form.amount, p.currency);
  const check = useMemo(
    () =>
      validateInput(
        penaltyRecordPaymentInput,
        {
          penaltyId: p.id,
          ...(amountMinor !== null ? { amountMinor } : {}),
          currency: p.currency,
          ...(form.paidOn ? { paidOn: form.paidOn } : {}),
          method: form.method,
          reference: form.reference,
          version: p.version,
        },
        t,
        f,
      ),
    [p, amountMinor, form, t, f],
  );
  const money = (minor: number) => formatMoney(intl.locale, minor, p.currency);
  const overpayment = (balance: number) => t('payment.overpayment', { balance: money(balance) });
  const errors = shownErrors(check, submitted ? 'all' : touched, server);
  // The amount: typed as money text, then no more than the balance (checked as you type, and again by the contract).
  const amountError =
    amountProblem(form.amount, p.currency, t) ??
    (amountMinor !== null && amountMinor > p.balanceMinor ? overpayment(p.balanceMinor) : undefined);
  if (amountError && (submitted || touched.has('amountMinor'))) errors.amountMinor = amountError;
  const ok = check.ok && !amountError;

  const change = (patch: Partial<PaymentForm>) => {
    setForm((x) => ({ ...x, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch).map((k) => (k === 'amount' ? 'amountMinor' : k))]));
    setServer(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!ok || !check.ok) return;
    setSaving(true);
    try {
      const next = await call('penalties.recordPayment', check.data);
      toast({ message: t('payment.recorded', { amount: money(check.data.amountMinor) }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onRecorded(next);
    } catch (err) {
      const balance = refusedBalance(err);
      const refusal = refusalOf(err, t, f);
      // The typed values stay; an overpayment refusal names the balance under the amount.
      setServer(balance === null ? refusal : { ...refusal, message: overpayment(balance >= 0 ? balance : p.balanceMinor) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('payment.new')} icon="dollar" className="enf-small-dialog">
      <form
        noValidate
        aria-label={t('payment.new')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
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
          {server && (!server.field || !['amountMinor', 'paidOn', 'method', 'reference'].includes(server.field)) && (
            <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
              {server.message}
            </Callout>
          )}
          <div className="two-columns">
            <Field id="payment-amountMinor" label={t('payment.field.amount')} error={errors.amountMinor} required>
              <MoneyInput
                id="payment-amountMinor"
                value={form.amount}
                currency={p.currency}
                autoFocus
                onChange={(amount) => change({ amount })}
                error={errors.amountMinor}
              />
            </Field>
            <Field id="payment-paidOn" label={t('payment.field.paidOn')} error={errors.paidOn} required>
              <InputGroup
                id="payment-paidOn"
                type="date"
                value={form.paidOn}
                onValueChange={(paidOn) => change({ paidOn })}
                intent={errors.paidOn ? 'danger' : 'none'}
                {...describedBy('payment-paidOn', errors.paidOn)}
              />
            </Field>
            <Field id="payment-method" label={t('payment.field.method')} error={errors.method} required>
              <HTMLSelect
                id="payment-method"
                fill
                value={form.method}
                onChange={(e) => change({ method: e.currentTarget.value as PaymentMethod })}
                options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payment.method.${m}`) }))}
              />
            </Field>
            <Field id="payment-reference" label={t('payment.field.reference')} error={errors.reference}>
              <InputGroup
                id="payment-reference"
                value={form.reference}
                onValueChange={(reference) => change({ reference })}
                {...describedBy('payment-reference', errors.reference)}
              />
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="dollar" text={t('payment.record')} loading={saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
