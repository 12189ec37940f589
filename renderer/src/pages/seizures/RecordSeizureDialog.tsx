import { useEffect, useMemo } from 'react';
import { Button, Callout, ControlGroup, DialogBody, DialogFooter, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { SeizureDetail } from '../../../../db/api.ts';
import { QUANTITY_UNITS, type QuantityUnit } from '../../../../db/shared/domain.ts';
import { seizureCreateInput } from '../../../../db/shared/inputs/seizures.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { useSettings } from '../../lib/settings.tsx';
import { errorUnder, type FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { MoneyTotals, CurrencySelect, useAmountReading } from './parts.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import {
  emptyHeader,
  emptyLine,
  headerFieldOf,
  headerInput,
  headerLocal,
  lineInput,
  lineLocal,
  linePaths,
  type HeaderForm,
  type LineForm,
} from './seizureForm.ts';
import { amountOf } from '../../lib/money.ts';

type SeizureForm = HeaderForm & { lines: LineForm[] };

/** Record a seizure: its header and one or more goods lines, validated as typed with the contract's schema. */
export function RecordSeizureDialog(props: {
  caseId: string;
  isOpen: boolean;
  onClose(): void;
  onRecorded(s: SeizureDetail): void;
}) {
  const t = useT();
  const { settings } = useSettings();
  const officer = settings?.profile?.name ?? '';
  const form = useForm({
    schema: seizureCreateInput,
    initial: (): SeizureForm => ({ ...emptyHeader(officer), lines: [emptyLine()] }),
    input: (v) => ({ caseId: props.caseId, ...headerInput(v), items: v.lines.map((line) => lineInput(line)) }),
    local: (v) => v.lines.reduce((local, line, i) => ({ ...local, ...lineLocal(line, i, t) }), headerLocal(v, t)),
    fieldOf: headerFieldOf,
    save: async (data) => {
      const created = await call('seizures.create', data);
      toast({ message: t('seizure.recorded', { number: created.seizureNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onRecorded(created);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  const { lines } = form.values;
  // A line's errors show field by field as it is typed (all of them after a submit).
  const changeLine = (index: number, patch: Partial<LineForm>) => {
    const next = lines.map((l, i) => (i === index ? { ...l, ...patch } : l));
    form.set({ lines: next });
    const line = next[index];
    if (!line) return;
    for (const field of Object.keys(patch) as (keyof LineForm)[])
      for (const path of linePaths(line, index, field)) form.touch(path);
  };
  const addLine = () => form.set({ lines: [...lines, emptyLine(lines[lines.length - 1]?.currency ?? 'CAD')] });
  const removeLine = (key: number) => form.set({ lines: lines.filter((l) => l.key !== key) });

  // A refusal about a line stands under its field; one about the list itself, above the lines.
  const onLines = Object.keys(form.errors)
    .concat(form.check.ok ? [] : Object.keys(form.check.errors))
    .some((path) => path.startsWith('items.'));
  const listError = onLines ? undefined : form.errors.items;
  const refusal = form.refusal?.field?.split('.')[0] === 'items' ? null : form.refusal;

  // The seizure's value as typed, per currency: exact integer sums.
  const totals = useMemo(() => {
    const sums = new Map<string, number>();
    for (const l of lines) {
      const amount = amountOf(l.value, l.currency);
      if (typeof amount === 'number') sums.set(l.currency, (sums.get(l.currency) ?? 0) + amount);
    }
    return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
  }, [lines]);

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={t('seizure.record.title')}
      icon="box"
      className="record-seizure-dialog"
    >
      <form aria-label={t('seizure.record.title')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('seizure.record.hint')}</p>
          <FormRefusal refusal={refusal} />
          <HeaderFields
            idPrefix="new-seizure"
            variant="create"
            form={form.values}
            errors={form.errors}
            onChange={form.set}
            autoFocus
          />
          <h3 className="panel-title goods-lines-title">{t('seizure.lines.title')}</h3>
          {listError && (
            <Callout intent="danger" role="alert" className="form-callout">
              {listError}
            </Callout>
          )}
          {lines.map((line, i) => (
            <GoodsLine
              key={line.key}
              index={i}
              line={line}
              errors={form.errors}
              removable={lines.length > 1}
              onChange={(patch) => changeLine(i, patch)}
              onRemove={() => removeLine(line.key)}
            />
          ))}
          <Button icon="add" variant="outlined" text={t('seizure.lines.add')} onClick={addLine} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <span className="dialog-summary muted">
                {t('seizure.lines.summary', { count: lines.length })} <MoneyTotals totals={totals} />
              </span>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="tick"
                text={form.saving ? t('common.saving') : t('seizure.record.submit')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}

/** One goods line; its errors are the form's, under `items.<index>.`. */
function GoodsLine(props: {
  index: number;
  line: LineForm;
  errors: FieldErrors;
  removable: boolean;
  onChange(patch: Partial<LineForm>): void;
  onRemove(): void;
}) {
  const t = useT();
  const reading = useAmountReading();
  const { line, onChange } = props;
  const n = props.index + 1;
  const id = (name: string) => `line-${line.key}-${name}`;
  const error = (path: string) => errorUnder(props.errors, `items.${props.index}.${path}`);
  const text = (
    name: 'description' | 'hsCode' | 'eccn' | 'originCountry',
    opts: { className?: string; placeholder?: string; required?: boolean; mono?: boolean } = {},
  ) => (
    <Field
      id={id(name)}
      label={t(`seizure.item.${name}`)}
      error={error(name)}
      className={opts.className}
      required={opts.required}
    >
      {(input) => (
        <InputGroup
          {...input}
          className={opts.mono ? 'mono-input' : undefined}
          value={line[name]}
          placeholder={opts.placeholder}
          intent={error(name) ? 'danger' : 'none'}
          onValueChange={(v) => onChange({ [name]: v })}
        />
      )}
    </Field>
  );
  const quantityError = error('quantity');
  const valueError = error('value');
  return (
    <fieldset className="goods-line" aria-label={t('seizure.lines.line', { n })}>
      <legend className="goods-line-legend">
        <span>{t('seizure.lines.line', { n })}</span>
        <Button
          variant="minimal"
          size="small"
          icon="trash"
          text={t('seizure.lines.remove')}
          aria-label={t('seizure.lines.removeLine', { n })}
          disabled={!props.removable}
          onClick={props.onRemove}
        />
      </legend>
      <div className="goods-line-fields">
        {text('description', { className: 'span-4', required: true })}
        <Field id={id('quantity')} label={t('seizure.item.quantity')} error={quantityError} required>
          {(input) => (
            <InputGroup
              {...input}
              className="num-input"
              inputMode="numeric"
              value={line.quantity}
              intent={quantityError ? 'danger' : 'none'}
              onValueChange={(quantity) => onChange({ quantity })}
            />
          )}
        </Field>
        <Field id={id('unit')} label={t('seizure.item.unit')} error={error('unit')}>
          {(input) => (
            <HTMLSelect
              {...input}
              fill
              value={line.unit}
              onChange={(e) => onChange({ unit: e.currentTarget.value as QuantityUnit })}
              options={QUANTITY_UNITS.map((u) => ({ value: u, label: t(`seizure.unit.${u}`) }))}
            />
          )}
        </Field>
        {text('hsCode', { placeholder: t('seizure.item.hsCode.placeholder'), mono: true })}
        {text('eccn', { placeholder: t('seizure.item.eccn.placeholder'), mono: true })}
        {text('originCountry', { placeholder: t('seizure.item.originCountry.placeholder'), mono: true })}
        <Field
          id={id('value')}
          label={t('seizure.item.value')}
          error={valueError}
          help={reading(line.value, line.currency)}
          required
          className="span-2"
        >
          {(input) => (
            <ControlGroup fill>
              <InputGroup
                {...input}
                className="num-input"
                inputMode="decimal"
                value={line.value}
                intent={valueError ? 'danger' : 'none'}
                onValueChange={(value) => onChange({ value })}
              />
              <CurrencySelect
                id={id('currency')}
                label={t('seizure.item.currency')}
                value={line.currency}
                onChange={(currency) => onChange({ currency })}
              />
            </ControlGroup>
          )}
        </Field>
        <Field
          id={id('seals')}
          label={t('seizure.item.sealNumbers')}
          error={error('sealNumbers')}
          help={t('seizure.item.sealNumbers.help')}
        >
          {(input) => (
            <InputGroup {...input} className="mono-input" value={line.seals} onValueChange={(seals) => onChange({ seals })} />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
