import { useEffect, useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
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
import { useFormat, useT } from '../../i18n/index.tsx';
import { useIntl } from 'react-intl';
import { call } from '../../lib/client.ts';
import { decimalString, formatMoney } from '../../lib/money.ts';
import { toast } from '../../lib/toaster.ts';
import { Field } from '../../components/Field.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import { addDays, describedBy, shownErrors, today, validateInput } from '../detentions/common.tsx';
import { amountProblem, MoneyInput, parseAmount } from './money.tsx';

const PARTY_KINDS = ['person', 'organization'] as const;

interface PenaltyForm {
  noticeNumber: string;
  contraventionCode: string;
  entity: EntitySummary | null;
  /** The amount as typed ("12 500,00", "12,500.00"): parsed into minor units, never a float. */
  amount: string;
  currency: string;
  level: PenaltyLevel;
  assessedOn: string;
  dueOn: string;
  notes: string;
}

const emptyForm = (): PenaltyForm => ({
  noticeNumber: '',
  contraventionCode: '',
  entity: null,
  amount: '',
  currency: 'CAD',
  level: 'first',
  assessedOn: today(),
  dueOn: '',
  notes: '',
});

function formFromPenalty(p: PenaltyDetail): PenaltyForm {
  return {
    noticeNumber: p.noticeNumber,
    contraventionCode: p.contraventionCode,
    entity: p.entity,
    amount: decimalString(p.amountMinor, p.currency),
    currency: p.currency,
    level: p.level,
    assessedOn: p.assessedOn,
    dueOn: p.dueOn,
    notes: p.notes,
  };
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
  const editing = props.penalty !== undefined;
  const [form, setForm] = useState<PenaltyForm>(emptyForm);
  const [caseRef, setCaseRef] = useState<CaseRef | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const [parties, setParties] = useState<EntitySummary[]>([]);
  const [partyRole, setPartyRole] = useState<CaseRole>('subject');

  const caseId = props.caseId ?? caseRef?.id;
  // The case's own persons and organizations are offered first.
  useEffect(() => {
    if (!props.isOpen || !caseId) {
      setParties([]);
      return;
    }
    let live = true;
    call('cases.entities', { caseId })
      .then((r) => {
        if (!live) return;
        const seen = new Set<string>();
        setParties(
          r.rows
            .map((row) => row.entity)
            .filter((e) => (e.kind === 'person' || e.kind === 'organization') && !seen.has(e.id) && Boolean(seen.add(e.id))),
        );
      })
      .catch(() => live && setParties([]));
    return () => {
      live = false;
    };
  }, [props.isOpen, caseId]);
  const outsider = !editing && form.entity !== null && !parties.some((p) => p.id === form.entity?.id);
  const roles = form.entity ? CASE_ROLES.filter((r) => CASE_ROLE_KINDS[r].includes(form.entity?.kind ?? 'person')) : [];

  useEffect(() => {
    if (props.isOpen && props.penalty) {
      setForm(formFromPenalty(props.penalty));
      setServer(null);
      setSubmitted(false);
    }
  }, [props.isOpen, props.penalty]);

  const amountMinor = parseAmount(form.amount, form.currency);
  const fields = useMemo(
    () => ({
      ...(form.noticeNumber.trim() === '' && !editing ? {} : { noticeNumber: form.noticeNumber }),
      contraventionCode: form.contraventionCode,
      ...(form.entity ? { entityId: form.entity.id } : {}),
      ...(outsider ? { partyRole } : {}),
      ...(amountMinor !== null ? { amountMinor } : {}),
      currency: form.currency,
      level: form.level,
      ...(form.assessedOn ? { assessedOn: form.assessedOn } : {}),
      ...(form.dueOn ? { dueOn: form.dueOn } : {}),
      notes: form.notes,
    }),
    [form, amountMinor, editing, outsider, partyRole],
  );
  const createCheck = useMemo(
    () => validateInput(penaltyCreateInput, { caseId: caseId ?? '', ...fields }, t, f),
    [fields, caseId, t, f],
  );
  const updateCheck = useMemo(
    () =>
      props.penalty
        ? validateInput(penaltyUpdateInput, { id: props.penalty.id, version: props.penalty.version, ...fields }, t, f)
        : null,
    // (an update never carries partyRole: `outsider` is false while editing)
    [fields, props.penalty, t, f],
  );
  const check = updateCheck ?? createCheck;

  const errors = shownErrors(check, submitted ? 'all' : touched, server);
  const amountError = amountProblem(form.amount, form.currency, t);
  if (amountError && (submitted || touched.has('amountMinor'))) errors.amountMinor = amountError;
  if (editing && !form.entity && (submitted || touched.has('entityId'))) errors.entityId = t('validation.required');
  if (!editing && !props.caseId && !caseRef && (submitted || touched.has('caseId'))) errors.caseId = t('validation.required');
  const ok = check.ok && !amountError && (editing ? form.entity !== null : true);

  const fieldOf: Record<string, string> = { entity: 'entityId', amount: 'amountMinor' };
  const change = (patch: Partial<PenaltyForm>) => {
    setForm((x) => ({ ...x, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch).map((k) => fieldOf[k] ?? k)]));
    setServer(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!ok || !check.ok) return;
    setSaving(true);
    try {
      const saved = updateCheck
        ? updateCheck.ok
          ? await call('penalties.update', updateCheck.data)
          : null
        : createCheck.ok
          ? await call('penalties.create', createCheck.data)
          : null;
      if (!saved) return;
      toast({
        message: editing ? t('common.saved') : t('penalty.issued', { number: saved.noticeNumber }),
        intent: 'success',
        icon: 'tick',
      });
      if (!editing) {
        setForm(emptyForm());
        setCaseRef(null);
      }
      setTouched(new Set());
      setSubmitted(false);
      props.onClose();
      props.onIssued(saved);
    } catch (err) {
      setServer(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

  const title = editing ? t('penalty.correct') : t('penalties.new');
  const defaultDue = /^\d{4}-\d{2}-\d{2}$/.test(form.assessedOn) ? addDays(form.assessedOn, PENALTY_PAYMENT_DAYS) : null;
  // What the typed text reads as, formatted back exactly (from a decimal string, never a float).
  const parsedHint =
    amountMinor !== null && !amountError
      ? t('enf.money.reads', { amount: formatMoney(intl.locale, amountMinor, form.currency) })
      : undefined;
  const aria = (name: string) => describedBy(`penalty-${name}`, errors[name]);
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="bank-account" className="enf-dialog">
      <form
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          <p className="muted">{editing ? t('penalty.correctHint') : t('penalty.newHint')}</p>
          {server && (!server.field || server.field === 'version') && (
            <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
              {server.code === 'conflict' ? server.message : t('error.generic', { message: server.message })}
            </Callout>
          )}
          {!editing && !props.caseId && (
            <Field id="penalty-caseId" label={t('enf.field.case')} error={errors.caseId} required>
              <CasePicker
                id="penalty-caseId"
                value={caseRef}
                autoFocus
                invalid={Boolean(errors.caseId)}
                describedBy={errors.caseId ? 'penalty-caseId-help' : undefined}
                onChange={(c) => {
                  setCaseRef(c);
                  setTouched((s) => new Set([...s, 'caseId']));
                  setServer(null);
                }}
              />
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
              <InputGroup
                id="penalty-contraventionCode"
                value={form.contraventionCode}
                autoFocus={Boolean(props.caseId) || editing}
                onValueChange={(contraventionCode) => change({ contraventionCode })}
                intent={errors.contraventionCode ? 'danger' : 'none'}
                {...aria('contraventionCode')}
              />
            </Field>
            <Field id="penalty-level" label={t('penalty.field.level')} error={errors.level} required>
              <HTMLSelect
                id="penalty-level"
                fill
                value={form.level}
                onChange={(e) => change({ level: e.currentTarget.value as PenaltyLevel })}
                options={PENALTY_LEVELS.map((l) => ({ value: l, label: t(`penalty.level.${l}`) }))}
              />
            </Field>
            <Field
              id="penalty-entityId"
              label={t('penalty.field.entity')}
              error={errors.entityId}
              required
              help={t('penalty.field.entity.help')}
            >
              <EntityPicker
                id="penalty-entityId"
                value={form.entity}
                onChange={(entity) => change({ entity })}
                kinds={PARTY_KINDS}
                preferred={parties}
                invalid={Boolean(errors.entityId)}
                describedBy={errors.entityId ? 'penalty-entityId-help' : undefined}
              />
            </Field>
            {outsider && (
              <Field
                id="penalty-partyRole"
                label={t('penalty.field.partyRole')}
                help={t('penalty.field.partyRole.help')}
                error={errors.partyRole}
              >
                <HTMLSelect
                  id="penalty-partyRole"
                  fill
                  value={partyRole}
                  onChange={(e) => {
                    setPartyRole(e.currentTarget.value as CaseRole);
                    setServer(null);
                  }}
                  options={roles.map((r) => ({ value: r, label: t(`entity.role.${r}`) }))}
                />
              </Field>
            )}
            <Field
              id="penalty-noticeNumber"
              label={t('penalty.field.noticeNumber')}
              error={errors.noticeNumber}
              help={editing ? undefined : t('penalty.field.noticeNumber.help')}
            >
              <InputGroup
                id="penalty-noticeNumber"
                value={form.noticeNumber}
                className="mono-input"
                onValueChange={(noticeNumber) => change({ noticeNumber })}
                intent={errors.noticeNumber ? 'danger' : 'none'}
                {...aria('noticeNumber')}
              />
            </Field>
            <Field
              id="penalty-amountMinor"
              label={t('penalty.field.amount')}
              error={errors.amountMinor}
              required
              help={parsedHint}
            >
              <MoneyInput
                id="penalty-amountMinor"
                value={form.amount}
                currency={form.currency}
                onChange={(amount) => change({ amount })}
                error={errors.amountMinor}
              />
            </Field>
            <Field id="penalty-currency" label={t('penalty.field.currency')} error={errors.currency} required>
              <InputGroup
                id="penalty-currency"
                value={form.currency}
                maxLength={3}
                className="mono-input"
                onValueChange={(v) => change({ currency: v.toUpperCase() })}
                intent={errors.currency ? 'danger' : 'none'}
                {...aria('currency')}
              />
            </Field>
            <Field id="penalty-assessedOn" label={t('penalty.field.assessedOn')} error={errors.assessedOn} required>
              <InputGroup
                id="penalty-assessedOn"
                type="date"
                value={form.assessedOn}
                onValueChange={(assessedOn) => change({ assessedOn })}
                intent={errors.assessedOn ? 'danger' : 'none'}
                {...aria('assessedOn')}
              />
            </Field>
            <Field
              id="penalty-dueOn"
              label={t('penalty.field.dueOn')}
              error={errors.dueOn}
              help={
                !form.dueOn && defaultDue
                  ? t('penalty.field.dueOn.help', { date: f.date(defaultDue), days: PENALTY_PAYMENT_DAYS })
                  : undefined
              }
            >
              <InputGroup
                id="penalty-dueOn"
                type="date"
                value={form.dueOn}
                onValueChange={(dueOn) => change({ dueOn })}
                intent={errors.dueOn ? 'danger' : 'none'}
                {...aria('dueOn')}
              />
            </Field>
            <Field id="penalty-notes" label={t('penalty.field.notes')} error={errors.notes} className="span-2">
              <TextArea
                id="penalty-notes"
                fill
                rows={2}
                value={form.notes}
                onChange={(e) => change({ notes: e.currentTarget.value })}
              />
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
                text={saving ? t('common.saving') : editing ? t('common.save') : t('penalty.issue')}
                loading={saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
