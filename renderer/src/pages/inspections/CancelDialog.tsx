import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, TextArea } from '@blueprintjs/core';
import type { InspectionDetail } from '../../../../db/api.ts';
import { inspectionCancelInput } from '../../../../db/shared/inputs/inspections.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { InspectionStatusTag } from './InspectionTags.tsx';

/** "Cancel the inspection": an inspection in progress is cancelled, with the reason. */
export function CancelDialog(props: {
  isOpen: boolean;
  inspection: InspectionDetail;
  onClose(): void;
  onCancelled(i: InspectionDetail): void;
}) {
  const t = useT();
  const i = props.inspection;
  const form = useForm({
    schema: inspectionCancelInput,
    initial: () => ({ reason: '' }),
    input: (v) => ({ id: i.id, version: i.version, reason: v.reason }),
    save: async (data) => {
      const next = await call('inspections.cancel', data);
      toast({ message: t('inspection.cancelled', { number: next.inspectionNumber }), intent: 'primary' });
      props.onClose();
      props.onCancelled(next);
    },
  });
  const { reset, values, errors } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const title = t('inspection.action.cancel');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="disable" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="status-move">
            <InspectionStatusTag status={i.status} />
            <span aria-hidden="true">→</span>
            <InspectionStatusTag status="cancelled" />
          </p>
          <p className="muted">{t('inspection.cancelHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="cancel-reason" label={t('inspection.field.cancelReason')} error={errors.reason} required>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                autoFocus
                value={values.reason}
                onChange={(e) => form.set({ reason: e.currentTarget.value })}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('inspection.keep')} onClick={props.onClose} />
              <Button type="submit" intent="danger" text={title} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
