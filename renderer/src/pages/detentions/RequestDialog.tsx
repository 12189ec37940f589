import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { detentionAddRequestInput } from '../../../../db/shared/inputs/detentions.ts';
import { INFO_REQUEST_KINDS, type InfoRequestKind } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

interface RequestForm {
  kind: InfoRequestKind;
  description: string;
  requestedOn: string;
  dueOn: string;
}

const empty = (): RequestForm => ({ kind: 'item_list', description: '', requestedOn: today(), dueOn: '' });

/** Asks the exporter for information (item list, specifications, end-use certificate) by a due date. */
export function RequestDialog(props: { isOpen: boolean; detentionId: string; onClose(): void; onAdded(): void }) {
  const t = useT();
  const form = useForm({
    schema: detentionAddRequestInput,
    initial: empty,
    input: (v) => ({
      detentionId: props.detentionId,
      kind: v.kind,
      description: v.description,
      ...(v.requestedOn ? { requestedOn: v.requestedOn } : {}),
      dueOn: v.dueOn,
    }),
    save: async (data) => {
      await call('detentions.addRequest', data);
      toast({ message: t('infoRequest.added'), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onAdded();
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  const { errors, values } = form;
  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={t('infoRequest.new')}
      icon="envelope"
      className="enf-small-dialog"
    >
      <form aria-label={t('infoRequest.new')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('infoRequest.newHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="request-kind" label={t('infoRequest.field.kind')} error={errors.kind} required>
            {(input) => (
              <HTMLSelect
                {...input}
                fill
                autoFocus
                value={values.kind}
                onChange={(e) => form.set({ kind: e.currentTarget.value as InfoRequestKind })}
                options={INFO_REQUEST_KINDS.map((k) => ({ value: k, label: t(`infoRequest.kind.${k}`) }))}
              />
            )}
          </Field>
          <Field id="request-description" label={t('infoRequest.field.description')} error={errors.description}>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                value={values.description}
                onChange={(e) => form.set({ description: e.currentTarget.value })}
              />
            )}
          </Field>
          <div className="two-columns">
            <Field id="request-requestedOn" label={t('infoRequest.field.requestedOn')} error={errors.requestedOn}>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.requestedOn}
                  onValueChange={(requestedOn) => form.set({ requestedOn })}
                  intent={errors.requestedOn ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="request-dueOn" label={t('infoRequest.field.dueOn')} error={errors.dueOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.dueOn}
                  onValueChange={(dueOn) => form.set({ dueOn })}
                  intent={errors.dueOn ? 'danger' : 'none'}
                />
              )}
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="envelope" text={t('infoRequest.add')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
