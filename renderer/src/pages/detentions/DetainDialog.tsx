import { useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { DetentionDetail } from '../../../../db/api.ts';
import { detentionCreateInput } from '../../../../db/shared/inputs/detentions.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { DetentionFields, emptyDetentionForm, inputFromForm, type DetentionForm } from './DetentionFields.tsx';
import { shownErrors, validateInput } from './common.tsx';

/** "Detain goods": a new detention in a case (the case is chosen here when the list spans every case). */
export function DetainDialog(props: {
  isOpen: boolean;
  caseId?: string | undefined;
  onClose(): void;
  onCreated(d: DetentionDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const [form, setForm] = useState<DetentionForm>(emptyDetentionForm);
  const [caseRef, setCaseRef] = useState<CaseRef | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);

  const caseId = props.caseId ?? caseRef?.id;
  const check = useMemo(
    () => validateInput(detentionCreateInput, { caseId: caseId ?? '', ...inputFromForm(form, 'create') }, t, f),
    [form, caseId, t, f],
  );
  const errors = shownErrors(check, submitted ? 'all' : touched, server);
  if (!props.caseId && !caseRef && (submitted || touched.has('caseId'))) errors.caseId = t('validation.required');

  const fieldOf: Record<string, string> = { exporter: 'exporterId', consignee: 'consigneeId' };
  const change = (patch: Partial<DetentionForm>) => {
    setForm((x) => ({ ...x, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch).map((k) => fieldOf[k] ?? k)]));
    setServer(null);
  };

  const reset = () => {
    setForm(emptyDetentionForm);
    setCaseRef(null);
    setTouched(new Set());
    setSubmitted(false);
    setServer(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      const created = await call('detentions.create', check.data);
      toast({ message: t('detention.created', { number: created.detentionNumber }), intent: 'success', icon: 'tick' });
      reset();
      props.onClose();
      props.onCreated(created);
    } catch (err) {
      // What was typed stays in the form.
      setServer(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('detentions.new')} icon="hand" className="enf-dialog">
      <form
        noValidate
        aria-label={t('detentions.new')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          <p className="muted">{t('detention.newHint')}</p>
          {server && !server.field && (
            <Callout intent="danger" role="alert" className="form-callout">
              {t('error.generic', { message: server.message })}
            </Callout>
          )}
          {!props.caseId && (
            <Field id="detain-caseId" label={t('enf.field.case')} error={errors.caseId} required>
              <CasePicker
                id="detain-caseId"
                value={caseRef}
                autoFocus
                invalid={Boolean(errors.caseId)}
                describedBy={errors.caseId ? 'detain-caseId-help' : undefined}
                onChange={(c) => {
                  setCaseRef(c);
                  setTouched((s) => new Set([...s, 'caseId']));
                  setServer(null);
                }}
              />
            </Field>
          )}
          <DetentionFields idPrefix="detain" variant="create" form={form} errors={errors} onChange={change} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="hand"
                text={saving ? t('common.saving') : t('detention.detain')}
                loading={saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
