import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { DetentionDetail } from '../../../../db/api.ts';
import { detentionCreateInput } from '../../../../db/shared/inputs/detentions.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { DetentionFields, emptyDetentionForm, inputFromForm, type DetentionForm } from './DetentionFields.tsx';

type DetainForm = DetentionForm & { case: CaseRef | null };

/** "Detain goods": a new detention in a case (the case is chosen here when the list spans every case). */
export function DetainDialog(props: {
  isOpen: boolean;
  caseId?: string | undefined;
  onClose(): void;
  onCreated(d: DetentionDetail): void;
}) {
  const t = useT();
  const form = useForm({
    schema: detentionCreateInput,
    initial: (): DetainForm => ({ ...emptyDetentionForm, case: null }),
    input: (v) => ({ caseId: props.caseId ?? v.case?.id, ...inputFromForm(v, 'create') }),
    fieldOf: { case: 'caseId', exporter: 'exporterId', consignee: 'consigneeId' },
    save: async (data) => {
      const created = await call('detentions.create', data);
      toast({ message: t('detention.created', { number: created.detentionNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onCreated(created);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('detentions.new')} icon="hand" className="enf-dialog">
      <form aria-label={t('detentions.new')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('detention.newHint')}</p>
          <FormRefusal refusal={form.refusal} />
          {!props.caseId && (
            <Field id="detain-caseId" label={t('enf.field.case')} error={form.errors.caseId} required>
              {(input) => <CasePicker input={input} value={form.values.case} autoFocus onChange={(c) => form.set({ case: c })} />}
            </Field>
          )}
          <DetentionFields idPrefix="detain" variant="create" form={form.values} errors={form.errors} onChange={form.set} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="hand"
                text={form.saving ? t('common.saving') : t('detention.detain')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
