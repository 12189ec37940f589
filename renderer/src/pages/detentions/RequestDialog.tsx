import { useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { detentionAddRequestInput } from '../../../../db/shared/inputs/detentions.ts';
import { INFO_REQUEST_KINDS, type InfoRequestKind } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { describedBy, shownErrors, today, validateInput } from './common.tsx';

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
  const f = useFormat();
  const [form, setForm] = useState<RequestForm>(empty);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);

  const check = useMemo(
    () =>
      validateInput(
        detentionAddRequestInput,
        {
          detentionId: props.detentionId,
          kind: form.kind,
          description: form.description,
          ...(form.requestedOn ? { requestedOn: form.requestedOn } : {}),
          dueOn: form.dueOn,
        },
        t,
        f,
      ),
    [form, props.detentionId, t, f],
  );
  const errors = shownErrors(check, submitted ? 'all' : touched, server);
  const change = (patch: Partial<RequestForm>) => {
    setForm((x) => ({ ...x, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch)]));
    setServer(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      await call('detentions.addRequest', check.data);
      toast({ message: t('infoRequest.added'), intent: 'success', icon: 'tick' });
      setForm(empty());
      setTouched(new Set());
      setSubmitted(false);
      props.onClose();
      props.onAdded();
    } catch (err) {
      setServer(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={t('infoRequest.new')}
      icon="envelope"
      className="enf-small-dialog"
    >
      <form
        noValidate
        aria-label={t('infoRequest.new')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          <p className="muted">{t('infoRequest.newHint')}</p>
          {server && (!server.field || server.field === 'detentionId') && (
            <Callout intent="danger" role="alert" className="form-callout">
              {server.message}
            </Callout>
          )}
          <Field id="request-kind" label={t('infoRequest.field.kind')} error={errors.kind} required>
            <HTMLSelect
              id="request-kind"
              fill
              autoFocus
              value={form.kind}
              onChange={(e) => change({ kind: e.currentTarget.value as InfoRequestKind })}
              options={INFO_REQUEST_KINDS.map((k) => ({ value: k, label: t(`infoRequest.kind.${k}`) }))}
            />
          </Field>
          <Field id="request-description" label={t('infoRequest.field.description')} error={errors.description}>
            <TextArea
              id="request-description"
              fill
              rows={3}
              value={form.description}
              onChange={(e) => change({ description: e.currentTarget.value })}
            />
          </Field>
          <div className="two-columns">
            <Field id="request-requestedOn" label={t('infoRequest.field.requestedOn')} error={errors.requestedOn}>
              <InputGroup
                id="request-requestedOn"
                type="date"
                value={form.requestedOn}
                onValueChange={(requestedOn) => change({ requestedOn })}
                intent={errors.requestedOn ? 'danger' : 'none'}
                {...describedBy('request-requestedOn', errors.requestedOn)}
              />
            </Field>
            <Field id="request-dueOn" label={t('infoRequest.field.dueOn')} error={errors.dueOn} required>
              <InputGroup
                id="request-dueOn"
                type="date"
                value={form.dueOn}
                onValueChange={(dueOn) => change({ dueOn })}
                intent={errors.dueOn ? 'danger' : 'none'}
                {...describedBy('request-dueOn', errors.dueOn)}
              />
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="envelope" text={t('infoRequest.add')} loading={saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
