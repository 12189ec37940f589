import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, InputGroup, TextArea } from '@blueprintjs/core';
import type { AuditDetail, EntitySummary } from '../../../../db/api.ts';
import { AUDIT_REPORT_DAYS } from '../../../../db/shared/domain.ts';
import { auditCreateInput } from '../../../../db/shared/inputs/compliance-audits.ts';
import { addDays } from '../../../../db/shared/time.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';

const PARTY_KINDS = ['person', 'organization'] as const;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

interface NotifyForm {
  case: CaseRef | null;
  party: EntitySummary | null;
  periodFrom: string;
  periodTo: string;
  scope: string;
  auditor: string;
  notifiedOn: string;
  reportDueOn: string;
  notes: string;
}

const emptyForm = (): NotifyForm => ({
  case: null,
  party: null,
  periodFrom: '',
  periodTo: '',
  scope: '',
  auditor: '',
  notifiedOn: today(),
  reportDueOn: '',
  notes: '',
});

/** "Notify an audit": a compliance audit of an exporter's records over a period, in a case (chosen here across cases). */
export function NotifyAuditDialog(props: {
  isOpen: boolean;
  caseId?: string | undefined;
  onClose(): void;
  onCreated(a: AuditDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const form = useForm({
    schema: auditCreateInput,
    initial: emptyForm,
    input: (v) => ({
      caseId: props.caseId ?? v.case?.id,
      partyId: v.party?.id,
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      scope: v.scope,
      auditor: v.auditor,
      ...(v.notifiedOn ? { notifiedOn: v.notifiedOn } : {}),
      ...(v.reportDueOn ? { reportDueOn: v.reportDueOn } : {}),
      notes: v.notes,
    }),
    fieldOf: { case: 'caseId', party: 'partyId' },
    save: async (data) => {
      const created = await call('complianceAudits.create', data);
      toast({ message: t('compliance.created', { number: created.auditNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onCreated(created);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { errors, values } = form;
  const noticeOn = values.notifiedOn || today();
  const defaultDue = isDate(noticeOn) ? addDays(noticeOn, AUDIT_REPORT_DAYS) : null;
  const title = t('compliance.newTitle');

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="clipboard" className="enf-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('compliance.newHint')}</p>
          <FormRefusal refusal={form.refusal} />
          {!props.caseId && (
            <Field id="notify-caseId" label={t('enf.field.case')} error={errors.caseId} required>
              {(input) => <CasePicker input={input} value={values.case} autoFocus onChange={(c) => form.set({ case: c })} />}
            </Field>
          )}
          <div className="enf-fields">
            <Field
              id="notify-partyId"
              label={t('compliance.field.party')}
              error={errors.partyId}
              required
              help={t('compliance.field.party.help')}
            >
              {(input) => (
                <EntityPicker
                  input={input}
                  kinds={PARTY_KINDS}
                  value={values.party}
                  autoFocus={Boolean(props.caseId)}
                  onChange={(party) => form.set({ party })}
                />
              )}
            </Field>
            <Field
              id="notify-auditor"
              label={t('compliance.field.auditor')}
              error={errors.auditor}
              help={t('compliance.field.auditor.help')}
            >
              {(input) => <InputGroup {...input} value={values.auditor} onValueChange={(auditor) => form.set({ auditor })} />}
            </Field>
            <Field id="notify-periodFrom" label={t('compliance.field.periodFrom')} error={errors.periodFrom} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.periodFrom}
                  onValueChange={(periodFrom) => form.set({ periodFrom })}
                  intent={errors.periodFrom ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="notify-periodTo" label={t('compliance.field.periodTo')} error={errors.periodTo} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.periodTo}
                  onValueChange={(periodTo) => form.set({ periodTo })}
                  intent={errors.periodTo ? 'danger' : 'none'}
                />
              )}
            </Field>

            <Field id="notify-notifiedOn" label={t('compliance.field.notifiedOn')} error={errors.notifiedOn}>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.notifiedOn}
                  onValueChange={(notifiedOn) => form.set({ notifiedOn })}
                  intent={errors.notifiedOn ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field
              id="notify-reportDueOn"
              label={t('compliance.field.reportDueOn')}
              error={errors.reportDueOn}
              help={
                !values.reportDueOn && defaultDue
                  ? t('compliance.field.reportDueOn.help', { date: f.date(defaultDue), days: AUDIT_REPORT_DAYS })
                  : undefined
              }
            >
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.reportDueOn}
                  onValueChange={(reportDueOn) => form.set({ reportDueOn })}
                  intent={errors.reportDueOn ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="notify-scope" label={t('compliance.field.scope')} error={errors.scope} className="span-2">
              {(input) => (
                <TextArea
                  {...input}
                  fill
                  rows={2}
                  placeholder={t('compliance.field.scope.placeholder')}
                  value={values.scope}
                  onChange={(e) => form.set({ scope: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field id="notify-notes" label={t('compliance.field.notes')} error={errors.notes} className="span-2">
              {(input) => (
                <TextArea
                  {...input}
                  fill
                  rows={2}
                  value={values.notes}
                  onChange={(e) => form.set({ notes: e.currentTarget.value })}
                />
              )}
            </Field>
          </div>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="clipboard"
                text={form.saving ? t('common.saving') : t('compliance.notify')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
