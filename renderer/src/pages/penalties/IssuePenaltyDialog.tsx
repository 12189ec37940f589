import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { EntitySummary, PenaltyDetail } from '../../../../db/api.ts';
import {
  CASE_ROLE_KINDS,
  CASE_ROLES,
  PENALTY_LEVELS,
  PENALTY_PAYMENT_DAYS,
  type CaseRole,
  type PenaltyLevel,
} from '../../../../db/shared/domain.ts';
import { penaltyCreateInput, penaltyUpdateInput } from '../../../../db/shared/inputs/penalties.ts';
import { addDays } from '../../../../db/shared/time.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { useForm } from '../../lib/form.ts';
import { amountOf, decimalString, formatMoney } from '../../lib/money.ts';
import { toast } from '../../lib/toaster.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import { amountProblem, MoneyInput } from '../../components/MoneyInput.tsx';

const PARTY_KINDS = ['person', 'organization'] as const;
const NO_PARTIES: readonly EntitySummary[] = [];

interface PenaltyForm {
  /** The case, chosen here when the dialog is not opened from one. */
  case: CaseRef | null;
  noticeNumber: string;
  contraventionCode: string;
  entity: EntitySummary | null;
  /** The role a party from outside the case joins it with. */
  partyRole: CaseRole;
  /** The amount as typed ("12 500,00", "12,500.00"): parsed into minor units, never a float. */
  amount: string;
  currency: string;
  level: PenaltyLevel;
  assessedOn: string;
  dueOn: string;
  notes: string;
}

const emptyForm = (): PenaltyForm => ({
  case: null,
  noticeNumber: '',
  contraventionCode: '',
  entity: null,
  partyRole: 'subject',
  amount: '',
  currency: 'CAD',
  level: 'first',
  assessedOn: today(),
  dueOn: '',
  notes: '',
});

function formFromPenalty(p: PenaltyDetail): PenaltyForm {
  return {
    case: null,
    noticeNumber: p.noticeNumber,
    contraventionCode: p.contraventionCode,
    entity: p.entity,
    partyRole: 'subject',
    amount: decimalString(p.amountMinor, p.currency),
    currency: p.currency,
    level: p.level,
    assessedOn: p.assessedOn,
    dueOn: p.dueOn,
    notes: p.notes,
  };
}

/** The case's own persons and organizations, each once: offered first in the party picker. */
async function partiesOf(caseId: string): Promise<EntitySummary[]> {
  const { rows } = await call('cases.entities', { caseId });
  const seen = new Set<string>();
  return rows
    .map((row) => row.entity)
    .filter((e) => (e.kind === 'person' || e.kind === 'organization') && !seen.has(e.id) && Boolean(seen.add(e.id)));
}

/**
 * "Issue penalty" (a new notice in a case), or the correction of a notice before any payment
 * (`penalty` given). The amount is typed as text in its currency and kept as integer minor units.
 */
export function IssuePenaltyDialog(props: {
  isOpen: boolean;
  caseId?: string | undefined;
  penalty?: PenaltyDetail;
  onClose(): void;
  onIssued(p: PenaltyDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const intl = useIntl();
  const penalty = props.penalty;
  const editing = penalty !== undefined;
  const form = useForm({
    schema: penalty ? penaltyUpdateInput : penaltyCreateInput,
    initial: () => (penalty ? formFromPenalty(penalty) : emptyForm()),
    input: (v) => {
      const amountMinor = amountOf(v.amount, v.currency);
      const fields = {
        ...(v.noticeNumber.trim() === '' && !penalty ? {} : { noticeNumber: v.noticeNumber }),
        contraventionCode: v.contraventionCode,
        ...(v.entity ? { entityId: v.entity.id } : {}),
        ...(typeof amountMinor === 'number' ? { amountMinor } : {}),
        currency: v.currency,
        level: v.level,
        ...(v.assessedOn ? { assessedOn: v.assessedOn } : {}),
        ...(v.dueOn ? { dueOn: v.dueOn } : {}),
        notes: v.notes,
      };
      // The contract takes the party's role only when the party is not in the case yet.
      return penalty
        ? { id: penalty.id, version: penalty.version, ...fields }
        : { caseId: props.caseId ?? v.case?.id, partyRole: v.partyRole, ...fields };
    },
    local: (v) => {
      const amountError = amountProblem(v.amount, v.currency, t);
      return {
        ...(amountError ? { amountMinor: amountError } : {}),
        ...(penalty && !v.entity ? { entityId: t('validation.required') } : {}),
      };
    },
    fieldOf: { case: 'caseId', entity: 'entityId', amount: 'amountMinor' },
    save: async (data) => {
      const saved = 'caseId' in data ? await call('penalties.create', data) : await call('penalties.update', data);
      toast({
        message: editing ? t('common.saved') : t('penalty.issued', { number: saved.noticeNumber }),
        intent: 'success',
        icon: 'tick',
      });
      props.onClose();
      props.onIssued(saved);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { errors, values } = form;

  const caseId = props.caseId ?? values.case?.id;
  const partiesQuery = useQuery(() => partiesOf(caseId ?? ''), caseId ?? '', { enabled: props.isOpen && Boolean(caseId) });
  const parties = caseId && partiesQuery.load.state === 'ready' ? partiesQuery.load.data : NO_PARTIES;
  const outsider = !editing && values.entity !== null && !parties.some((p) => p.id === values.entity?.id);
  const roles = values.entity ? CASE_ROLES.filter((r) => CASE_ROLE_KINDS[r].includes(values.entity?.kind ?? 'person')) : [];

  const title = editing ? t('penalty.correct') : t('penalties.new');
  const defaultDue = /^\d{4}-\d{2}-\d{2}$/.test(values.assessedOn) ? addDays(values.assessedOn, PENALTY_PAYMENT_DAYS) : null;
  const amountMinor = amountOf(values.amount, values.currency);
  // What the typed text reads as, formatted back exactly (from a decimal string, never a float).
  const parsedHint =
    typeof amountMinor === 'number' && !amountProblem(values.amount, values.currency, t)
      ? t('enf.money.reads', { amount: formatMoney(intl.locale, amountMinor, values.currency) })
      : undefined;
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="bank-account" className="enf-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{editing ? t('penalty.correctHint') : t('penalty.newHint')}</p>
          <FormRefusal refusal={form.refusal} />
          {!editing && !props.caseId && (
            <Field id="penalty-caseId" label={t('enf.field.case')} error={errors.caseId} required>
              {(input) => <CasePicker input={input} value={values.case} autoFocus onChange={(c) => form.set({ case: c })} />}
            </Field>
          )}
          <div className="enf-fields">
            <Field
              id="penalty-contraventionCode"
              label={t('penalty.field.contraventionCode')}
              error={errors.contraventionCode}
              required
              help={t('penalty.field.contraventionCode.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.contraventionCode}
                  autoFocus={Boolean(props.caseId) || editing}
                  onValueChange={(contraventionCode) => form.set({ contraventionCode })}
                  intent={errors.contraventionCode ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="penalty-level" label={t('penalty.field.level')} error={errors.level} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.level}
                  onChange={(e) => form.set({ level: e.currentTarget.value as PenaltyLevel })}
                  options={PENALTY_LEVELS.map((l) => ({ value: l, label: t(`penalty.level.${l}`) }))}
                />
              )}
            </Field>
            <Field
              id="penalty-entityId"
              label={t('penalty.field.entity')}
              error={errors.entityId}
              required
              help={t('penalty.field.entity.help')}
            >
              {(input) => (
                <EntityPicker
                  input={input}
                  value={values.entity}
                  onChange={(entity) => form.set({ entity })}
                  kinds={PARTY_KINDS}
                  preferred={parties}
                />
              )}
            </Field>
            {outsider && (
              <Field
                id="penalty-partyRole"
                label={t('penalty.field.partyRole')}
                help={t('penalty.field.partyRole.help')}
                error={errors.partyRole}
              >
                {(input) => (
                  <HTMLSelect
                    {...input}
                    fill
                    value={values.partyRole}
                    onChange={(e) => form.set({ partyRole: e.currentTarget.value as CaseRole })}
                    options={roles.map((r) => ({ value: r, label: t(`entity.role.${r}`) }))}
                  />
                )}
              </Field>
            )}
            <Field
              id="penalty-noticeNumber"
              label={t('penalty.field.noticeNumber')}
              error={errors.noticeNumber}
              help={editing ? undefined : t('penalty.field.noticeNumber.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.noticeNumber}
                  className="mono-input"
                  onValueChange={(noticeNumber) => form.set({ noticeNumber })}
                  intent={errors.noticeNumber ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field
              id="penalty-amountMinor"
              label={t('penalty.field.amount')}
              error={errors.amountMinor}
              required
              help={parsedHint}
            >
              {(input) => (
                <MoneyInput
                  input={input}
                  value={values.amount}
                  currency={values.currency}
                  onChange={(amount) => form.set({ amount })}
                />
              )}
            </Field>
            <Field id="penalty-currency" label={t('penalty.field.currency')} error={errors.currency} required>
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.currency}
                  maxLength={3}
                  className="mono-input"
                  onValueChange={(v) => form.set({ currency: v.toUpperCase() })}
                  intent={errors.currency ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="penalty-assessedOn" label={t('penalty.field.assessedOn')} error={errors.assessedOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.assessedOn}
                  onValueChange={(assessedOn) => form.set({ assessedOn })}
                  intent={errors.assessedOn ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field
              id="penalty-dueOn"
              label={t('penalty.field.dueOn')}
              error={errors.dueOn}
              help={
                !values.dueOn && defaultDue
                  ? t('penalty.field.dueOn.help', { date: f.date(defaultDue), days: PENALTY_PAYMENT_DAYS })
                  : undefined
              }
            >
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
            <Field id="penalty-notes" label={t('penalty.field.notes')} error={errors.notes} className="span-2">
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
                icon={editing ? 'floppy-disk' : 'bank-account'}
                text={form.saving ? t('common.saving') : editing ? t('common.save') : t('penalty.issue')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
