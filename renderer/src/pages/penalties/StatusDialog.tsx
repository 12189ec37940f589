import { useEffect, useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { PenaltyDetail } from '../../../../db/api.ts';
import { PENALTY_REASON_REQUIRED, type PenaltyStatus } from '../../../../db/shared/domain.ts';
import { penaltySetStatusInput } from '../../../../db/shared/inputs/penalties.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { describedBy, shownErrors, today, validateInput } from '../detentions/common.tsx';
import { amountProblem, MoneyInput, parseAmount } from './money.tsx';
import { PenaltyStatusTag } from './PenaltyTags.tsx';

/** Moves a penalty to one of the statuses the contract allows now, with the reason, new amount and date it needs. */
export function StatusDialog(props: {
  status: PenaltyStatus | null;
  penalty: PenaltyDetail;
  onClose(): void;
  onChanged(p: PenaltyDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const p = props.penalty;
  const status = props.status;
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [on, setOn] = useState(today());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (status) {
      setReason('');
      setAmount('');
      setOn(today());
      setSubmitted(false);
      setServer(null);
    }
  }, [status]);

  const needsReason = status !== null && PENALTY_REASON_REQUIRED.includes(status);
  const reducing = status === 'reduced';
  const reducedAmountMinor = reducing ? parseAmount(amount, p.currency) : null;
  const check = useMemo(
    () =>
      validateInput(
        penaltySetStatusInput,
        {
          id: p.id,
          status: status ?? 'issued',
          version: p.version,
          ...(reducedAmountMinor !== null ? { reducedAmountMinor } : {}),
          ...(reason.trim() ? { reason } : {}),
          ...(on ? { on } : {}),
        },
        t,
        f,
      ),
    [p, status, reducedAmountMinor, reason, on, t, f],
  );
  const errors = shownErrors(check, submitted ? 'all' : new Set(['on']), server);
  if (needsReason && !reason.trim() && submitted) errors.reason = t('validation.required');
  const amountError = reducing ? amountProblem(amount, p.currency, t) : undefined;
  if (amountError && (submitted || amount !== '')) errors.reducedAmountMinor = amountError;
  const ok = check.ok && !(needsReason && !reason.trim()) && !amountError;

  const submit = async () => {
    setSubmitted(true);
    if (!ok || !check.ok || !status) return;
    setBusy(true);
    try {
      const next = await call('penalties.setStatus', check.data);
      toast({ message: t('penalty.statusChanged', { status: t(`penalty.status.${next.status}`) }), intent: 'primary' });
      props.onClose();
      props.onChanged(next);
    } catch (err) {
      setServer(refusalOf(err, t, f));
    } finally {
      setBusy(false);
    }
  };

  const title = status ? t(`penalty.action.${status}`) : '';
  return (
    <Dialog isOpen={status !== null} onClose={props.onClose} title={title} icon="exchange" className="enf-small-dialog">
      <form
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          {status && (
            <p className="status-move">
              <PenaltyStatusTag status={p.status} />
              <span aria-hidden="true">→</span>
              <PenaltyStatusTag status={status} />
            </p>
          )}
          {status && <p className="muted">{t(`penalty.actionHint.${status}`)}</p>}
          {server && (!server.field || !['reason', 'reducedAmountMinor', 'on'].includes(server.field)) && (
            <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
              {server.message}
            </Callout>
          )}
          {reducing && (
            <Field
              id="status-reducedAmountMinor"
              label={t('penalty.field.reducedAmount')}
              error={errors.reducedAmountMinor}
              required
              help={t('penalty.field.reducedAmount.help')}
            >
              <MoneyInput
                id="status-reducedAmountMinor"
                value={amount}
                currency={p.currency}
                autoFocus
                onChange={(v) => {
                  setAmount(v);
                  setServer(null);
                }}
                error={errors.reducedAmountMinor}
              />
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
            <TextArea
              id="status-reason"
              fill
              rows={3}
              value={reason}
              autoFocus={!reducing}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setServer(null);
              }}
              {...describedBy('status-reason', errors.reason)}
            />
          </Field>
          <Field id="status-on" label={t('penalty.field.statusOn')} error={errors.on} required>
            <InputGroup
              id="status-on"
              type="date"
              value={on}
              onValueChange={(v) => {
                setOn(v);
                setServer(null);
              }}
              intent={errors.on ? 'danger' : 'none'}
              {...describedBy('status-on', errors.on)}
            />
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
                loading={busy}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
