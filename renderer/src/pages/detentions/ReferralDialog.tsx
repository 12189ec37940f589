import { useEffect, useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { DetentionDetail } from '../../../../db/api.ts';
import { detentionUpdateInput } from '../../../../db/shared/inputs/detentions.ts';
import { TECHNICAL_ASSESSMENT_DAYS } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { addDays, describedBy, shownErrors, today, validateInput } from './common.tsx';

/** Refers the detained goods to a technical-assessment office, with the date and when its answer is due. */
export function ReferralDialog(props: {
  isOpen: boolean;
  detention: DetentionDetail;
  onClose(): void;
  onSaved(d: DetentionDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const d = props.detention;
  const [office, setOffice] = useState('');
  const [referredOn, setReferredOn] = useState(today());
  const [dueOn, setDueOn] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!props.isOpen) return;
    setOffice(d.assessmentOffice ?? '');
    setReferredOn(d.referredOn ?? today());
    setDueOn(d.assessmentDueOn ?? '');
    setSubmitted(false);
    setServer(null);
  }, [props.isOpen, d]);

  const check = useMemo(
    () =>
      validateInput(
        detentionUpdateInput,
        { id: d.id, version: d.version, assessmentOffice: office, referredOn, ...(dueOn ? { assessmentDueOn: dueOn } : {}) },
        t,
        f,
      ),
    [d, office, referredOn, dueOn, t, f],
  );
  const errors = shownErrors(check, submitted ? 'all' : new Set(['referredOn', 'assessmentDueOn']), server);
  const defaultDue = /^\d{4}-\d{2}-\d{2}$/.test(referredOn) ? addDays(referredOn, TECHNICAL_ASSESSMENT_DAYS) : null;

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      const next = await call('detentions.update', check.data);
      toast({ message: t('assessment.referred', { office: next.assessmentOffice ?? '' }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onSaved(next);
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
      title={t('assessment.refer')}
      icon="lab-test"
      className="enf-small-dialog"
    >
      <form
        noValidate
        aria-label={t('assessment.refer')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          <p className="muted">{t('assessment.referHint')}</p>
          {server && !server.field && (
            <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
              {server.message}
            </Callout>
          )}
          <Field id="referral-office" label={t('assessment.field.office')} error={errors.assessmentOffice} required>
            <InputGroup
              id="referral-office"
              autoFocus
              value={office}
              onValueChange={(v) => {
                setOffice(v);
                setServer(null);
              }}
              intent={errors.assessmentOffice ? 'danger' : 'none'}
              {...describedBy('referral-office', errors.assessmentOffice)}
            />
          </Field>
          <div className="two-columns">
            <Field id="referral-referredOn" label={t('assessment.field.referredOn')} error={errors.referredOn} required>
              <InputGroup
                id="referral-referredOn"
                type="date"
                value={referredOn}
                onValueChange={(v) => {
                  setReferredOn(v);
                  setServer(null);
                }}
                intent={errors.referredOn ? 'danger' : 'none'}
                {...describedBy('referral-referredOn', errors.referredOn)}
              />
            </Field>
            <Field
              id="referral-dueOn"
              label={t('assessment.field.dueOn')}
              error={errors.assessmentDueOn}
              help={
                defaultDue
                  ? t('assessment.field.dueOn.help', { date: f.date(defaultDue), days: TECHNICAL_ASSESSMENT_DAYS })
                  : undefined
              }
            >
              <InputGroup
                id="referral-dueOn"
                type="date"
                value={dueOn}
                onValueChange={(v) => {
                  setDueOn(v);
                  setServer(null);
                }}
                intent={errors.assessmentDueOn ? 'danger' : 'none'}
                {...describedBy('referral-dueOn', errors.assessmentDueOn)}
              />
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="lab-test" text={t('assessment.referConfirm')} loading={saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
