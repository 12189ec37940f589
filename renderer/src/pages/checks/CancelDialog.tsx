import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CheckDetail } from '../../../../db/api.ts';
import { checkCancelInput } from '../../../../db/shared/inputs/checks.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { CheckStatusTag } from './CheckTags.tsx';

/** Cancels a check not yet conducted, with the reason. */
export function CancelDialog(props: { isOpen: boolean; check: CheckDetail; onClose(): void; onSaved(c: CheckDetail): void }) {
  const t = useT();
  const c = props.check;
  const form = useForm({
    schema: checkCancelInput,
    initial: () => ({ reason: '' }),
    input: (v) => ({ id: c.id, version: c.version, reason: v.reason }),
    save: async (data) => {
      const next = await call('checks.cancel', data);
      toast({ message: t('check.cancelled', { number: next.checkNumber }), intent: 'primary' });
      props.onClose();
      props.onSaved(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const title = t('check.dialog.cancel');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="disable" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="status-move">
            <CheckStatusTag status={c.status} />
            <span aria-hidden="true">→</span>
            <CheckStatusTag status="cancelled" />
          </p>
          <p className="muted">{t('check.cancel.hint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="check-cancel-reason" label={t('check.field.cancelReason')} error={form.errors.reason} required>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                autoFocus
                value={form.values.reason}
                onChange={(e) => form.set({ reason: e.currentTarget.value })}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('check.cancel.keep')} onClick={props.onClose} />
              <Button type="submit" intent="danger" icon="disable" text={t('check.cancel.submit')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
