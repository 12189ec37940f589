import { useEffect, type ReactNode } from 'react';
import { z } from 'zod';
import { Button, DialogBody, DialogFooter, InputGroup, type IconName } from '@blueprintjs/core';
import { pastDate } from '../../../../db/shared/schemas.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { useT } from '../../i18n/index.tsx';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';

/** Asks for the date something happened (today unless changed) and runs an action with it; the contract's refusal shows under the date. */
export function DateDialog(props: {
  isOpen: boolean;
  title: string;
  icon: IconName;
  label: string;
  hint?: ReactNode;
  confirm: string;
  /** The contract's name of the date field, to place its refusal. */
  field: string;
  onClose(): void;
  onSubmit(date: string): Promise<void>;
}) {
  const t = useT();
  const schema = z.object({ [props.field]: pastDate });
  const form = useForm({
    schema,
    initial: () => ({ [props.field]: today() }),
    input: (v) => v,
    save: async (data) => {
      await props.onSubmit(String(data[props.field]));
      props.onClose();
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const id = `date-dialog-${props.field}`;
  const error = form.errors[props.field];
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={props.title} icon={props.icon} className="enf-small-dialog">
      <form aria-label={props.title} {...form.formProps}>
        <DialogBody>
          {props.hint && <p className="muted">{props.hint}</p>}
          <FormRefusal refusal={form.refusal} />
          <Field id={id} label={props.label} error={error} required>
            {(input) => (
              <InputGroup
                {...input}
                type="date"
                autoFocus
                value={form.values[props.field] ?? ''}
                onValueChange={(v) => form.set({ [props.field]: v })}
                intent={error ? 'danger' : 'none'}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" text={props.confirm} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
