import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CheckDetail } from '../../../../db/api.ts';
import { checkScheduleInput } from '../../../../db/shared/inputs/checks.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

/** Schedules (or reschedules) a requested check: the date it is to be conducted. */
export function ScheduleDialog(props: { isOpen: boolean; check: CheckDetail; onClose(): void; onSaved(c: CheckDetail): void }) {
  const t = useT();
  const f = useFormat();
  const c = props.check;
  const form = useForm({
    schema: checkScheduleInput,
    initial: () => ({ scheduledOn: c.scheduledOn ?? '' }),
    input: (v) => ({ id: c.id, version: c.version, scheduledOn: v.scheduledOn }),
    save: async (data) => {
      const next = await call('checks.schedule', data);
      toast({ message: t('check.scheduled', { date: f.date(next.scheduledOn) }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onSaved(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const title = c.status === 'scheduled' ? t('check.dialog.reschedule') : t('check.dialog.schedule');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="calendar" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('check.schedule.hint', { date: f.date(c.requestedOn) })}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="check-scheduledOn" label={t('check.field.scheduledOn')} error={form.errors.scheduledOn} required>
            {(input) => (
              <InputGroup
                {...input}
                type="date"
                autoFocus
                value={form.values.scheduledOn}
                intent={form.errors.scheduledOn ? 'danger' : 'none'}
                onValueChange={(scheduledOn) => form.set({ scheduledOn })}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="calendar" text={t('check.schedule.submit')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
