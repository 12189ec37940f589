import { useEffect, useMemo, useState } from 'react';
import { Button, Callout, Checkbox, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CustodyChain, CustodyEntryView } from '../../../../db/api.ts';
import { CUSTODY_PURPOSES, type CustodyPurpose } from '../../../../db/shared/domain.ts';
import { custodyCorrectInput, custodyRecordInput } from '../../../../db/shared/inputs/seizures.ts';
import { sameName } from '../../../../db/shared/custody-chain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ApiError, call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { validate } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { parseSeals } from './util.ts';
import { instantFromInput, localInput } from '../../lib/dates.ts';

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

/** custody.correct's path of the entry being corrected: its refusals stand under the same fields. */
const THIS_ENTRY = 'corrections.0.';

/** Whether the corrected receiver or destination no longer joins the entry after it. */
function needsCarry(form: MovementForm, following: CustodyEntryView): boolean {
  return !sameName(form.receivedBy, following.releasedBy) || !sameName(form.toLocation, following.fromLocation);
}

function initialForm(chain: CustodyChain, correcting: CustodyEntryView | null): MovementForm {
  if (correcting) {
    return {
      at: localInput(correcting.at, true),
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
    at: localInput(new Date(), true),
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

/** The movement as custody.record takes it (and custody.correct, for the entry corrected). */
function movementOf(form: MovementForm) {
  return {
    at: instantFromInput(form.at),
    releasedBy: form.releasedBy,
    receivedBy: form.receivedBy,
    fromLocation: form.fromLocation,
    toLocation: form.toLocation,
    purpose: form.purpose,
    condition: form.condition,
    sealNumbers: parseSeals(form.seals),
    notes: form.notes,
  };
}

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
  const [carry, setCarry] = useState(true);

  // A correction of who received the item, or where it went, must carry into the next entry
  // (its releaser and its starting place): both are corrected together, in one call.
  const next = useMemo(() => {
    if (!correcting) return null;
    const effective = chain.entries.filter((e) => e.effective);
    const index = effective.findIndex((e) => e.id === correcting.id);
    return index >= 0 ? (effective[index + 1] ?? null) : null;
  }, [chain, correcting]);

  /** This entry and the next one, corrected together so that the chain stays unbroken. */
  const correctBoth = async (entry: CustodyEntryView, following: CustodyEntryView, values: MovementForm) => {
    const input = validate(
      custodyCorrectInput,
      {
        itemId: chain.item.id,
        corrections: [
          { correctsEntryId: entry.id, ...movementOf(values) },
          {
            correctsEntryId: following.id,
            at: following.at,
            releasedBy: values.receivedBy,
            receivedBy: following.receivedBy,
            fromLocation: values.toLocation,
            toLocation: following.toLocation,
            purpose: following.purpose,
            condition: following.condition,
            sealNumbers: following.sealNumbers,
            notes: following.notes,
          },
        ],
      },
      t,
      f,
    );
    if (!input.ok) throw new Error([...new Set(Object.values(input.errors))].join('; '));
    try {
      return await call('custody.correct', input.data);
    } catch (err) {
      // What is refused about this entry stands under its field, as for custody.record.
      if (!(err instanceof ApiError) || !err.field?.startsWith(THIS_ENTRY)) throw err;
      const message = err.message.startsWith(`${err.field}: `) ? err.message.slice(err.field.length + 2) : err.message;
      throw new ApiError(err.code, message, err.field.slice(THIS_ENTRY.length), err.reason, err.params);
    }
  };

  const form = useForm({
    schema: custodyRecordInput,
    initial: () => initialForm(chain, correcting),
    input: (v) => ({ itemId: chain.item.id, ...movementOf(v), correctsEntryId: correcting?.id ?? null }),
    fieldOf: { seals: 'sealNumbers' },
    save: async (data, values) => {
      const carrying = carry && next !== null && needsCarry(values, next);
      const result =
        carrying && correcting && next ? await correctBoth(correcting, next, values) : await call('custody.record', data);
      toast({
        message: correcting
          ? t('custody.correct.done', { n: correcting.slot ?? '?' })
          : t('custody.record.done', { receivedBy: values.receivedBy }),
        intent: 'success',
        icon: 'tick',
      });
      props.onClose();
      props.onRecorded(result.chain);
    },
  });

  // Each opening starts from the chain as it stands (or from the entry being corrected); a chain
  // that reloads while the dialog is open does not reset what is being typed.
  const { reset } = form;
  const correctingId = correcting?.id;
  useEffect(() => {
    if (!props.isOpen) return;
    reset();
    setCarry(true);
  }, [props.isOpen, correctingId, reset]);

  const { values, errors } = form;
  const id = (name: string) => `movement-${name}`;
  const text = (name: 'releasedBy' | 'receivedBy' | 'fromLocation' | 'toLocation', autoFocus = false) => (
    <Field id={id(name)} label={t(`custody.field.${name}`)} error={errors[name]} required>
      {(input) => (
        <InputGroup
          {...input}
          value={values[name]}
          intent={errors[name] ? 'danger' : 'none'}
          autoFocus={autoFocus}
          onValueChange={(v) => form.set({ [name]: v })}
        />
      )}
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
      <form aria-label={title} {...form.formProps}>
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
          <FormRefusal refusal={form.refusal} />
          <div className="movement-fields">
            {text('releasedBy')}
            {text('receivedBy', !correcting)}
            {text('fromLocation')}
            {text('toLocation')}
            <Field id={id('purpose')} label={t('custody.field.purpose')} error={errors.purpose} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.purpose}
                  onChange={(e) => form.set({ purpose: e.currentTarget.value as CustodyPurpose })}
                  options={CUSTODY_PURPOSES.map((p) => ({ value: p, label: t(`custody.purpose.${p}`) }))}
                />
              )}
            </Field>
            <Field id={id('at')} label={t('custody.field.at')} error={errors.at} required help={t('custody.field.at.help')}>
              {(input) => (
                <InputGroup
                  {...input}
                  type="datetime-local"
                  step={1}
                  value={values.at}
                  intent={errors.at ? 'danger' : 'none'}
                  onValueChange={(at) => form.set({ at })}
                />
              )}
            </Field>
            <Field
              id={id('sealNumbers')}
              label={t('custody.field.sealNumbers')}
              error={errors.sealNumbers}
              help={t('seizure.item.sealNumbers.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.seals}
                  onValueChange={(seals) => form.set({ seals })}
                />
              )}
            </Field>
            <Field id={id('condition')} label={t('custody.field.condition')} error={errors.condition}>
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.condition}
                  placeholder={t('custody.field.condition.placeholder')}
                  onValueChange={(condition) => form.set({ condition })}
                />
              )}
            </Field>
            <Field id={id('notes')} label={t('custody.field.notes')} error={errors.notes} className="span-2">
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
          {next && needsCarry(values, next) && (
            <Checkbox
              className="carry-check"
              checked={carry}
              onChange={(e) => setCarry(e.currentTarget.checked)}
              label={t('custody.correct.carry', {
                n: next.slot ?? '?',
                receivedBy: values.receivedBy,
                toLocation: values.toLocation,
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
                loading={form.saving}
                text={form.saving ? t('common.saving') : correcting ? t('custody.correct.submit') : t('custody.record.submit')}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
