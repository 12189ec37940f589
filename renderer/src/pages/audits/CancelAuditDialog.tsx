import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, TextArea } from '@blueprintjs/core';
import type { AuditDetail } from '../../../../db/api.ts';
import { auditCancelInput } from '../../../../db/shared/inputs/compliance-audits.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { AuditStatusTag } from './AuditTags.tsx';

/** Cancels an audit not yet reported, with the reason. */
export function CancelAuditDialog(props: {
  isOpen: boolean;
  audit: AuditDetail;
  onClose(): void;
  onCancelled(a: AuditDetail): void;
}) {
  const t = useT();
  const a = props.audit;
  const form = useForm({
    schema: auditCancelInput,
    initial: () => ({ reason: '' }),
    input: (v) => ({ id: a.id, version: a.version, reason: v.reason }),
    save: async (data) => {
      const next = await call('complianceAudits.cancel', data);
      toast({ message: t('compliance.cancelled', { number: next.auditNumber }), intent: 'primary' });
      props.onClose();
      props.onCancelled(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const title = t('compliance.cancelTitle');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="disable" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="status-move">
            <AuditStatusTag status={a.status} />
            <span aria-hidden="true">→</span>
            <AuditStatusTag status="cancelled" />
          </p>
          <p className="muted">{t('compliance.cancelHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="cancel-reason" label={t('compliance.field.reason')} error={form.errors.reason} required>
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
              <Button text={t('common.close')} onClick={props.onClose} />
              <Button type="submit" intent="danger" icon="disable" text={t('compliance.cancelConfirm')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
