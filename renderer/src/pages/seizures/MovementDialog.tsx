import { useEffect, useMemo, useRef, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, Checkbox, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CustodyChain, CustodyEntryView } from '../../../../db/api.ts';
import { CUSTODY_PURPOSES, type CustodyPurpose } from '../../../../db/shared/domain.ts';
import { custodyCorrectInput, custodyRecordInput } from '../../../../db/shared/inputs/seizures.ts';
import { sameName } from '../../../../db/shared/custody-chain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { errorUnder } from './HeaderFields.tsx';
import { checkInput, useFocusFirstInvalid, fromLocalInput, parseSeals, toLocalInput } from './util.ts';

interface MovementForm {
  at: string;
  releasedBy: string;
  receivedBy: string;
  fromLocation: string;
  toLocation: string;
  purpose: CustodyPurpose;
  seals: string;
  condition: string;
  notes: string;
}

function initialForm(chain: CustodyChain, correcting: CustodyEntryView | null): MovementForm {
  if (correcting) {
    return {
      at: toLocalInput(correcting.at, true),
      releasedBy: correcting.releasedBy,
      receivedBy: correcting.receivedBy,
      fromLocation: correcting.fromLocation,
      toLocation: correcting.toLocation,
      purpose: correcting.purpose,
      seals: correcting.sealNumbers.join(', '),
      condition: correcting.condition,
      notes: correcting.notes,
    };
  }
  // A movement starts from where the chain stands: the current custodian, at the current place.
  return {
    at: toLocalInput(new Date(), true),
    releasedBy: chain.current.custodian,
    receivedBy: '',
    fromLocation: chain.current.location,
    toLocation: '',
    purpose: 'storage',
    seals: '',
    condition: '',
    notes: '',
  };
}

const FIELD_PATHS: Record<keyof MovementForm, string> = {
  at: 'at',
  releasedBy: 'releasedBy',
  receivedBy: 'receivedBy',
  fromLocation: 'fromLocation',
  toLocation: 'toLocation',
  purpose: 'purpose',
  seals: 'sealNumbers',
  condition: 'condition',
  notes: 'notes',
};

/**
 * Record a movement of a seized item, or a correction of an entry (a new entry naming the one it
 * replaces). The contract refuses a releaser who is not the current custodian, a place the item is
 * not at, and a time before the previous entry: its reason shows under the field, values kept.
 */
export function MovementDialog(props: {
  chain: CustodyChain;
  correcting: CustodyEntryView | null;
  isOpen: boolean;
  onClose(): void;
  onRecorded(chain: CustodyChain): void;
}) {
  const t = useT();
  const f = useFormat();
  const { chain, correcting } = props;
  const [form, setForm] = useState<MovementForm>(() => initialForm(chain, correcting));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const focusInvalid = useFocusFirstInvalid('.movement-dialog');
  const [carry, setCarry] = useState(true);

  // A correction of who received the item, or where it went, must carry into the next entry
  // (its releaser and its starting place): both are corrected together, in one call.
  const next = useMemo(() => {
    if (!correcting) return null;
    const effective = chain.entries.filter((e) => e.effective);
    const index = effective.findIndex((e) => e.id === correcting.id);
    return index >= 0 ? (effective[index + 1] ?? null) : null;
  }, [chain, correcting]);
  const needsCarry =
    next !== null && (!sameName(form.receivedBy, next.releasedBy) || !sameName(form.toLocation, next.fromLocation));
  const carrying = needsCarry && carry;

  // Each opening starts from the chain as it stands (or from the entry being corrected); a chain
  // that reloads while the dialog is open does not reset what is being typed.
  const opening = useRef({ chain, correcting });
  opening.current = { chain, correcting };
  const correctingId = correcting?.id;
  useEffect(() => {
    if (!props.isOpen) return;
    setForm(initialForm(opening.current.chain, opening.current.correcting));
    setTouched(new Set());
    setSubmitted(false);
    setServer(null);
    setCarry(true);
  }, [props.isOpen, correctingId]);

  const movement = useMemo(
    () => ({
      at: fromLocalInput(form.at),
      releasedBy: form.releasedBy,
      receivedBy: form.receivedBy,
      fromLocation: form.fromLocation,
      toLocation: form.toLocation,
      purpose: form.purpose,
      condition: form.condition,
      sealNumbers: parseSeals(form.seals),
      notes: form.notes,
    }),
    [form],
  );
  const check = useMemo(
    () => checkInput(custodyRecordInput, { itemId: chain.item.id, ...movement, correctsEntryId: correcting?.id ?? null }, t),
    [movement, chain.item.id, correcting, t],
  );

  const errors: FieldErrors = {};
  if (!check.ok) {
    for (const [name, path] of Object.entries(FIELD_PATHS) as [keyof MovementForm, string][]) {
      const message = errorUnder(check.errors, path);
      if (message && (submitted || touched.has(name))) errors[path] = message;
    }
  }
  // The contract's refusal stands under its field (from custody.correct, `corrections.0.` is this entry).
  const paths: string[] = Object.values(FIELD_PATHS);
  const serverField = server?.field?.replace(/^corrections\.0\./, '');
  const onField = serverField !== undefined && paths.includes(serverField);
  if (server && serverField && onField) errors[serverField] = server.message;
  const general = server && !onField ? server.message : null;

  const change = (patch: Partial<MovementForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch)]));
    setServer(null);
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) {
      focusInvalid();
      return;
    }
    setSaving(true);
    try {
      const result =
        carrying && correcting && next ? await correctBoth(correcting, next) : await call('custody.record', check.data);
      toast({
        message: correcting
          ? t('custody.correct.done', { n: correcting.slot ?? '?' })
          : t('custody.record.done', { receivedBy: form.receivedBy }),
        intent: 'success',
        icon: 'tick',
      });
      props.onClose();
      props.onRecorded(result.chain);
    } catch (err) {
      setServer(refusalOf(err, t, f));
      focusInvalid();
    } finally {
      setSaving(false);
    }
  };

  /** This entry and the next one, corrected together so that the chain stays unbroken. */
  const correctBoth = async (entry: CustodyEntryView, following: CustodyEntryView) => {
    const input = checkInput(
      custodyCorrectInput,
      {
        itemId: chain.item.id,
        corrections: [
          { correctsEntryId: entry.id, ...movement },
          {
            correctsEntryId: following.id,
            at: following.at,
            releasedBy: form.receivedBy,
            receivedBy: following.receivedBy,
            fromLocation: form.toLocation,
            toLocation: following.toLocation,
            purpose: following.purpose,
            condition: following.condition,
            sealNumbers: following.sealNumbers,
            notes: following.notes,
          },
        ],
      },
      t,
    );
    if (!input.ok) throw new Error(Object.values(input.errors).join('; '));
    return call('custody.correct', input.data);
  };

  const id = (name: string) => `movement-${name}`;
  const described = (path: string) => (errors[path] ? { 'aria-invalid': true, 'aria-describedby': `${id(path)}-help` } : {});
  const text = (name: 'releasedBy' | 'receivedBy' | 'fromLocation' | 'toLocation', autoFocus = false) => (
    <Field id={id(name)} label={t(`custody.field.${name}`)} error={errors[name]} required>
      <InputGroup
        id={id(name)}
        value={form[name]}
        intent={errors[name] ? 'danger' : 'none'}
        autoFocus={autoFocus}
        onValueChange={(v) => change({ [name]: v })}
        {...described(name)}
      />
    </Field>
  );
  const title = correcting
    ? t('custody.correct.title', { n: correcting.slot ?? '?' })
    : t('custody.record.title', { n: chain.item.itemNumber });

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={title}
      icon={correcting ? 'edit' : 'exchange'}
      className="movement-dialog"
    >
      <form
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          {correcting ? (
            <Callout intent="primary" icon="info-sign" className="form-callout">
              {t('custody.correct.hint', { n: correcting.slot ?? '?' })}
            </Callout>
          ) : (
            <p className="muted">
              {t('custody.record.hint', { custodian: chain.current.custodian, location: chain.current.location })}{' '}
              <DateTimeText value={chain.current.since} />
            </p>
          )}
          {general && (
            <Callout intent="danger" role="alert" className="form-callout">
              {t('error.generic', { message: general })}
            </Callout>
          )}
          <div className="movement-fields">
            {text('releasedBy')}
            {text('receivedBy', !correcting)}
            {text('fromLocation')}
            {text('toLocation')}
            <Field id={id('purpose')} label={t('custody.field.purpose')} error={errors.purpose} required>
              <HTMLSelect
                id={id('purpose')}
                fill
                value={form.purpose}
                onChange={(e) => change({ purpose: e.currentTarget.value as CustodyPurpose })}
                options={CUSTODY_PURPOSES.map((p) => ({ value: p, label: t(`custody.purpose.${p}`) }))}
              />
            </Field>
            <Field id={id('at')} label={t('custody.field.at')} error={errors.at} required help={t('custody.field.at.help')}>
              <InputGroup
                id={id('at')}
                type="datetime-local"
                step={1}
                value={form.at}
                intent={errors.at ? 'danger' : 'none'}
                onValueChange={(at) => change({ at })}
                {...described('at')}
              />
            </Field>
            <Field
              id={id('sealNumbers')}
              label={t('custody.field.sealNumbers')}
              error={errors.sealNumbers}
              help={t('seizure.item.sealNumbers.help')}
            >
              <InputGroup
                id={id('sealNumbers')}
                className="mono-input"
                value={form.seals}
                onValueChange={(seals) => change({ seals })}
                {...described('sealNumbers')}
              />
            </Field>
            <Field id={id('condition')} label={t('custody.field.condition')} error={errors.condition}>
              <InputGroup
                id={id('condition')}
                value={form.condition}
                placeholder={t('custody.field.condition.placeholder')}
                onValueChange={(condition) => change({ condition })}
                {...described('condition')}
              />
            </Field>
            <Field id={id('notes')} label={t('custody.field.notes')} error={errors.notes} className="span-2">
              <TextArea
                id={id('notes')}
                fill
                rows={2}
                value={form.notes}
                onChange={(e) => change({ notes: e.currentTarget.value })}
              />
            </Field>
          </div>
          {needsCarry && next && (
            <Checkbox
              className="carry-check"
              checked={carry}
              onChange={(e) => setCarry(e.currentTarget.checked)}
              label={t('custody.correct.carry', {
                n: next.slot ?? '?',
                receivedBy: form.receivedBy,
                toLocation: form.toLocation,
              })}
            />
          )}
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="tick"
                loading={saving}
                text={saving ? t('common.saving') : correcting ? t('custody.correct.submit') : t('custody.record.submit')}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
