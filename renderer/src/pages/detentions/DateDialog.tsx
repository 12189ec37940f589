import { useEffect, useState, type ReactNode } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter, InputGroup, type IconName } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { useFormat, useT } from '../../i18n/index.tsx';
import { Field } from '../../components/Field.tsx';
import { describedBy, today } from './common.tsx';

/** Asks for one date (today unless changed) and runs an action with it; the contract's refusal shows under the date. */
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
  const f = useFormat();
  const [date, setDate] = useState(today());
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.isOpen) {
      setDate(today());
      setError(null);
    }
  }, [props.isOpen]);
  const localError = /^\d{4}-\d{2}-\d{2}$/.test(date) ? undefined : t('validation.date');
  const fieldError = localError ?? (error && (error.field === props.field || !error.field) ? error.message : undefined);
  const submit = async () => {
    if (localError) return;
    setBusy(true);
    try {
      await props.onSubmit(date);
      props.onClose();
    } catch (err) {
      setError(refusalOf(err, t, f));
    } finally {
      setBusy(false);
    }
  };
  const id = `date-dialog-${props.field}`;
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={props.title} icon={props.icon} className="enf-small-dialog">
      <form
        noValidate
        aria-label={props.title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          {props.hint && <p className="muted">{props.hint}</p>}
          {error && error.field && error.field !== props.field && (
            <Callout intent="danger" role="alert" className="form-callout">
              {error.message}
            </Callout>
          )}
          <Field id={id} label={props.label} error={fieldError} required>
            <InputGroup
              id={id}
              type="date"
              autoFocus
              value={date}
              onValueChange={(v) => {
                setDate(v);
                setError(null);
              }}
              intent={fieldError ? 'danger' : 'none'}
              {...describedBy(id, fieldError)}
            />
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" text={props.confirm} loading={busy} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
