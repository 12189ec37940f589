import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, Radio, RadioGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CheckDetail } from '../../../../db/api.ts';
import { CASE_ROLES, CHECK_FOLLOW_UPS, type CaseRole, type CheckFollowUp } from '../../../../db/shared/domain.ts';
import { checkFollowUpInput } from '../../../../db/shared/inputs/checks.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';

interface FollowUpForm {
  action: CheckFollowUp;
  title: string;
  case: CaseRef | null;
  role: CaseRole;
  reason: string;
}

/**
 * The follow-up of an unfavorable or unverified check, in one step: open a case with the party as
 * a subject (and go to it), add the party to a case, or mark it as a candidate for a list.
 */
export function FollowUpDialog(props: { isOpen: boolean; check: CheckDetail; onClose(): void; onSaved(c: CheckDetail): void }) {
  const t = useT();
  const c = props.check;
  const caseOpened = c.followUpCaseId !== null;
  const party = c.party?.name ?? '';
  const defaultTitle = t('check.followUp.defaultTitle', { name: party, number: c.checkNumber });
  const summary = t('check.followUp.summary', {
    number: c.checkNumber,
    outcome: t(`check.outcome.${c.outcome ?? 'unfavorable'}`),
  });
  const form = useForm({
    schema: checkFollowUpInput,
    initial: (): FollowUpForm => ({
      action: caseOpened ? 'add_to_case' : 'open_case',
      title: '',
      case: null,
      role: 'subject',
      reason: '',
    }),
    input: (v) => ({
      id: c.id,
      action: v.action,
      // The new case's title and summary in the officer's language, unless a title is typed.
      ...(v.action === 'open_case' ? { case: { title: v.title.trim() || defaultTitle, summary } } : {}),
      ...(v.action === 'add_to_case' ? { role: v.role, ...(v.case ? { caseId: v.case.id } : {}) } : {}),
      ...(v.action === 'list_candidate' && v.reason.trim() !== '' ? { reason: v.reason } : {}),
    }),
    fieldOf: { case: 'caseId', title: 'case' },
    save: async (data, v) => {
      const next = await call('checks.followUp', data);
      props.onClose();
      props.onSaved(next);
      if (v.action === 'open_case' && next.followUpCaseId) {
        toast({
          message: t('check.followUp.caseOpened', { fileNumber: next.followUpCaseFileNumber ?? '', name: party }),
          intent: 'success',
          icon: 'folder-new',
        });
        navigate({ page: 'case', id: next.followUpCaseId, tab: 'subjects' });
      } else if (v.action === 'add_to_case') {
        toast({ message: t('check.followUp.added', { name: party, fileNumber: v.case?.fileNumber ?? '' }), intent: 'success' });
      } else {
        toast({ message: t('check.followUp.marked', { name: party }), intent: 'success' });
      }
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { values, errors } = form;
  const title = t('check.dialog.followUp');
  const submit: Record<CheckFollowUp, string> = {
    open_case: t('check.followUp.submit.open_case'),
    add_to_case: t('check.followUp.submit.add_to_case'),
    list_candidate: t('check.followUp.submit.list_candidate'),
  };
  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={title}
      icon="flag"
      className="enf-small-dialog check-follow-dialog"
    >
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">
            {t('check.followUp.hint', { name: party, outcome: t(`check.outcome.${c.outcome ?? 'unfavorable'}`) })}
          </p>
          <FormRefusal refusal={form.refusal} />
          <RadioGroup
            label={t('check.followUp.what')}
            name="follow-up-action"
            selectedValue={values.action}
            onChange={(e) => form.set({ action: e.currentTarget.value as CheckFollowUp })}
          >
            {CHECK_FOLLOW_UPS.map((a) => (
              <Radio
                key={a}
                value={a}
                autoFocus={a === (caseOpened ? 'add_to_case' : 'open_case')}
                disabled={a === 'open_case' && caseOpened}
                label={t(`check.followUp.action.${a}`)}
              />
            ))}
          </RadioGroup>
          {caseOpened && (
            <p className="muted check-follow-note">
              {t('check.followUp.alreadyOpened', { fileNumber: c.followUpCaseFileNumber ?? '' })}
            </p>
          )}
          {values.action === 'open_case' && (
            <Field
              id="follow-up-title"
              label={t('check.followUp.title')}
              error={errors.case}
              help={t('check.followUp.title.help', { title: defaultTitle })}
            >
              {(input) => <InputGroup {...input} value={values.title} onValueChange={(v) => form.set({ title: v })} />}
            </Field>
          )}
          {values.action === 'add_to_case' && (
            <>
              <Field id="follow-up-caseId" label={t('enf.field.case')} error={errors.caseId} required>
                {(input) => <CasePicker input={input} value={values.case} onChange={(k) => form.set({ case: k })} />}
              </Field>
              <Field id="follow-up-role" label={t('check.followUp.role')} error={errors.role} required>
                {(input) => (
                  <HTMLSelect
                    {...input}
                    fill
                    value={values.role}
                    onChange={(e) => form.set({ role: e.currentTarget.value as CaseRole })}
                    options={CASE_ROLES.map((r) => ({ value: r, label: t(`entity.role.${r}`) }))}
                  />
                )}
              </Field>
            </>
          )}
          {values.action === 'list_candidate' && (
            <Field
              id="follow-up-reason"
              label={t('check.followUp.reason')}
              error={errors.reason}
              required
              help={t('check.followUp.reason.help')}
            >
              {(input) => (
                <TextArea
                  {...input}
                  fill
                  rows={3}
                  value={values.reason}
                  onChange={(e) => form.set({ reason: e.currentTarget.value })}
                />
              )}
            </Field>
          )}
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="flag" text={submit[values.action]} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
