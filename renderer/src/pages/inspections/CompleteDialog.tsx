import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, InputGroup, TextArea } from '@blueprintjs/core';
import type { InspectionDetail } from '../../../../db/api.ts';
import { inspectionCompleteInput } from '../../../../db/shared/inputs/inspections.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { instantFromInput } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { emptyResult, resultFieldOf, resultInput, resultLocal, type ResultForm } from './inspectionForm.ts';
import { ResultFields } from './ResultFields.tsx';

type CompleteForm = ResultForm & {
  /** A datetime-local value; blank for now. */
  completedAt: string;
  findings: string;
  sealsFound: string;
  sealsApplied: string;
};

/** "Record the result": completes an inspection in progress; detained or seized goods make the detention or seizure with it. */
export function CompleteDialog(props: {
  isOpen: boolean;
  inspection: InspectionDetail;
  onClose(): void;
  onCompleted(i: InspectionDetail): void;
}) {
  const t = useT();
  const i = props.inspection;
  const form = useForm({
    schema: inspectionCompleteInput,
    initial: (): CompleteForm => ({
      ...emptyResult(),
      completedAt: '',
      findings: i.findings,
      sealsFound: i.sealsFound,
      sealsApplied: i.sealsApplied,
    }),
    input: (v) => ({
      id: i.id,
      version: i.version,
      ...resultInput(v),
      ...(v.completedAt ? { completedAt: instantFromInput(v.completedAt) } : {}),
      findings: v.findings,
      sealsFound: v.sealsFound,
      sealsApplied: v.sealsApplied,
    }),
    local: (v) => ({ ...(v.result === '' ? { result: t('validation.required') } : {}), ...resultLocal(v, t) }),
    fieldOf: resultFieldOf,
    save: async (data) => {
      const next = await call('inspections.complete', data);
      toast({ message: t('inspection.completed', { number: next.inspectionNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onCompleted(next);
    },
  });
  const { reset, values, errors } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const title = t('inspection.action.complete');

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="tick" className="insp-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('inspection.completeHint', { number: i.inspectionNumber })}</p>
          <FormRefusal refusal={form.refusal} />
          <ResultFields
            idPrefix="complete"
            form={values}
            errors={errors}
            onChange={form.set}
            touch={form.touch}
            required
            autoFocus
          />
          <div className="insp-fields">
            <Field
              id="complete-completedAt"
              label={t('inspection.field.completedAt')}
              error={errors.completedAt}
              help={t('inspection.field.completedAt.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  type="datetime-local"
                  value={values.completedAt}
                  intent={errors.completedAt ? 'danger' : 'none'}
                  onValueChange={(completedAt) => form.set({ completedAt })}
                />
              )}
            </Field>
            <Field id="complete-sealsFound" label={t('inspection.field.sealsFound')} error={errors.sealsFound}>
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.sealsFound}
                  onValueChange={(sealsFound) => form.set({ sealsFound })}
                />
              )}
            </Field>
            <Field id="complete-sealsApplied" label={t('inspection.field.sealsApplied')} error={errors.sealsApplied}>
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.sealsApplied}
                  onValueChange={(sealsApplied) => form.set({ sealsApplied })}
                />
              )}
            </Field>
            <span aria-hidden="true" />
            <Field id="complete-findings" label={t('inspection.field.findings')} error={errors.findings} className="span-4">
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
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="tick"
                text={form.saving ? t('common.saving') : t('inspection.complete.submit')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
