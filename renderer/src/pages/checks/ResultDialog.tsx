import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, Radio, RadioGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CheckDetail } from '../../../../db/api.ts';
import {
  CHECK_OUTCOMES,
  CHECK_POINTS,
  UNVERIFIED_REASONS,
  type CheckOutcome,
  type CheckPoint,
  type CheckPointAnswer,
  type UnverifiedReason,
} from '../../../../db/shared/domain.ts';
import { checkCompleteInput } from '../../../../db/shared/inputs/checks.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

type Answer = CheckPointAnswer | '';

type ResultForm = Record<CheckPoint, Answer> & {
  conductedOn: string;
  outcome: CheckOutcome | '';
  unverifiedReason: UnverifiedReason | '';
  findings: string;
};

const ANSWERS: readonly Answer[] = ['confirmed', 'not_confirmed', ''];

/** Records that a check was conducted: when, what was verified, the findings and the outcome. */
export function ResultDialog(props: { isOpen: boolean; check: CheckDetail; onClose(): void; onSaved(c: CheckDetail): void }) {
  const t = useT();
  const c = props.check;
  const form = useForm({
    schema: checkCompleteInput,
    initial: (): ResultForm => ({
      conductedOn: today(),
      outcome: '',
      unverifiedReason: '',
      goodsPresent: '',
      usedAsDeclared: '',
      atDeclaredPlace: '',
      byDeclaredEndUser: '',
      findings: '',
    }),
    input: (v) => ({
      id: c.id,
      version: c.version,
      conductedOn: v.conductedOn,
      outcome: v.outcome,
      unverifiedReason: v.outcome === 'unable_to_verify' && v.unverifiedReason !== '' ? v.unverifiedReason : null,
      ...Object.fromEntries(CHECK_POINTS.map((p) => [p, v[p] === '' ? null : v[p]])),
      findings: v.findings,
    }),
    save: async (data) => {
      const next = await call('checks.complete', data);
      toast({
        message: t('check.completed', { number: next.checkNumber, outcome: t(`check.outcome.${next.outcome ?? 'favorable'}`) }),
        intent: next.outcome === 'favorable' ? 'success' : 'warning',
        icon: 'tick',
      });
      props.onClose();
      props.onSaved(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { values, errors } = form;
  const title = t('check.dialog.complete');
  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={title}
      icon="clipboard"
      className="enf-dialog check-result-dialog"
    >
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('check.result.hint')}</p>
          <FormRefusal refusal={form.refusal} />
          <div className="enf-fields">
            <Field id="result-conductedOn" label={t('check.field.conductedOn')} error={errors.conductedOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  autoFocus
                  value={values.conductedOn}
                  intent={errors.conductedOn ? 'danger' : 'none'}
                  onValueChange={(conductedOn) => form.set({ conductedOn })}
                />
              )}
            </Field>
            <Field id="result-outcome" label={t('check.field.outcome')} error={errors.outcome} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.outcome}
                  onChange={(e) => form.set({ outcome: e.currentTarget.value as CheckOutcome | '' })}
                  options={[
                    { value: '', label: t('check.outcome.choose') },
                    ...CHECK_OUTCOMES.map((o) => ({ value: o, label: t(`check.outcome.${o}`) })),
                  ]}
                />
              )}
            </Field>
            {values.outcome === 'unable_to_verify' && (
              <Field
                id="result-unverifiedReason"
                label={t('check.field.unverifiedReason')}
                error={errors.unverifiedReason}
                required
                className="span-2"
              >
                {(input) => (
                  <HTMLSelect
                    {...input}
                    fill
                    value={values.unverifiedReason}
                    onChange={(e) => form.set({ unverifiedReason: e.currentTarget.value as UnverifiedReason | '' })}
                    options={[
                      { value: '', label: t('check.unverified.choose') },
                      ...UNVERIFIED_REASONS.map((r) => ({ value: r, label: t(`check.unverified.${r}`) })),
                    ]}
                  />
                )}
              </Field>
            )}
          </div>
          <h3 className="panel-title check-goods-title">{t('check.section.verified')}</h3>
          <div className="check-points">
            {CHECK_POINTS.map((point) => (
              <RadioGroup
                key={point}
                inline
                className="check-point"
                label={t(`check.point.${point}`)}
                name={`result-${point}`}
                selectedValue={values[point]}
                onChange={(e) => form.set({ [point]: e.currentTarget.value as Answer })}
              >
                {ANSWERS.map((a) => (
                  <Radio key={a || 'none'} value={a} label={t(`check.answer.${a || 'not_checked'}`)} />
                ))}
              </RadioGroup>
            ))}
          </div>
          <Field id="result-findings" label={t('check.field.findings')} error={errors.findings}>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                value={values.findings}
                onChange={(e) => form.set({ findings: e.currentTarget.value })}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="clipboard" text={t('check.result.submit')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
