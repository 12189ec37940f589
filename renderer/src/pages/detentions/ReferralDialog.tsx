import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { DetentionDetail } from '../../../../db/api.ts';
import { detentionUpdateInput } from '../../../../db/shared/inputs/detentions.ts';
import { TECHNICAL_ASSESSMENT_DAYS } from '../../../../db/shared/domain.ts';
import { addDays } from '../../../../db/shared/time.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

interface ReferralForm {
  office: string;
  referredOn: string;
  dueOn: string;
}

/** Refers the detained goods to a technical-assessment office, with the date and when its answer is due. */
export function ReferralDialog(props: {
  isOpen: boolean;
  detention: DetentionDetail;
  onClose(): void;
  onSaved(d: DetentionDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const d = props.detention;
  const form = useForm({
    schema: detentionUpdateInput,
    initial: (): ReferralForm => ({
      office: d.assessmentOffice ?? '',
      referredOn: d.referredOn ?? today(),
      dueOn: d.assessmentDueOn ?? '',
    }),
    input: (v) => ({
      id: d.id,
      version: d.version,
      assessmentOffice: v.office,
      referredOn: v.referredOn,
      ...(v.dueOn ? { assessmentDueOn: v.dueOn } : {}),
    }),
    fieldOf: { office: 'assessmentOffice', dueOn: 'assessmentDueOn' },
    save: async (data) => {
      const next = await call('detentions.update', data);
      toast({ message: t('assessment.referred', { office: next.assessmentOffice ?? '' }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onSaved(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  const { errors, values } = form;
  const defaultDue = /^\d{4}-\d{2}-\d{2}$/.test(values.referredOn) ? addDays(values.referredOn, TECHNICAL_ASSESSMENT_DAYS) : null;
  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={t('assessment.refer')}
      icon="lab-test"
      className="enf-small-dialog"
    >
      <form aria-label={t('assessment.refer')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('assessment.referHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="referral-office" label={t('assessment.field.office')} error={errors.assessmentOffice} required>
            {(input) => (
              <InputGroup
                {...input}
                autoFocus
                value={values.office}
                onValueChange={(office) => form.set({ office })}
                intent={errors.assessmentOffice ? 'danger' : 'none'}
              />
            )}
          </Field>
          <div className="two-columns">
            <Field id="referral-referredOn" label={t('assessment.field.referredOn')} error={errors.referredOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.referredOn}
                  onValueChange={(referredOn) => form.set({ referredOn })}
                  intent={errors.referredOn ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field
              id="referral-dueOn"
              label={t('assessment.field.dueOn')}
              error={errors.assessmentDueOn}
              help={
                defaultDue
                  ? t('assessment.field.dueOn.help', { date: f.date(defaultDue), days: TECHNICAL_ASSESSMENT_DAYS })
                  : undefined
              }
            >
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.dueOn}
                  onValueChange={(dueOn) => form.set({ dueOn })}
                  intent={errors.assessmentDueOn ? 'danger' : 'none'}
                />
              )}
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="lab-test" text={t('assessment.referConfirm')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
