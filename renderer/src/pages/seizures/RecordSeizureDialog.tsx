import { useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, ControlGroup, DialogBody, DialogFooter, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { SeizureDetail } from '../../../../db/api.ts';
import { QUANTITY_UNITS, type QuantityUnit } from '../../../../db/shared/domain.ts';
import { seizureCreateInput } from '../../../../db/shared/inputs/seizures.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import { useSettings } from '../../lib/settings.tsx';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { MoneyTotals, CurrencySelect, useAmountReading } from './parts.tsx';
import { HeaderFields, errorUnder } from './HeaderFields.tsx';
import { emptyHeader, emptyLine, headerInput, lineInput, type HeaderForm, type LineForm } from './seizureForm.ts';
import { amountOf, checkInput, useFocusFirstInvalid } from './util.ts';

/** Header fields and their contract names, to know which errors the user has touched. */
const HEADER_PATHS: Record<keyof HeaderForm, string[]> = {
  seizureNumber: ['seizureNumber'],
  seizedAt: ['seizedAt'],
  place: ['place'],
  seizingOfficer: ['seizingOfficer'],
  seizedFrom: ['seizedFromEntityId'],
  owner: ['ownerEntityId'],
  legalProvision: ['legalProvision'],
  storageLocation: ['storageLocation'],
  custodian: ['custodian'],
  releaseAmount: ['termsOfRelease'],
  releaseCurrency: ['termsOfRelease'],
  releaseSecurity: ['termsOfRelease'],
  notes: ['notes'],
};

const LINE_PATHS: Record<Exclude<keyof LineForm, 'key'>, string> = {
  description: 'description',
  quantity: 'quantity',
  unit: 'unit',
  hsCode: 'hsCode',
  eccn: 'eccn',
  originCountry: 'originCountry',
  value: 'value',
  currency: 'value',
  seals: 'sealNumbers',
};

/** Record a seizure: its header and one or more goods lines, validated as typed with the contract's schema. */
export function RecordSeizureDialog(props: {
  caseId: string;
  isOpen: boolean;
  onClose(): void;
  onRecorded(s: SeizureDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const { settings } = useSettings();
  const officer = settings?.profile?.name ?? '';
  const [header, setHeader] = useState<HeaderForm>(() => emptyHeader(officer));
  const [lines, setLines] = useState<LineForm[]>(() => [emptyLine()]);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const focusInvalid = useFocusFirstInvalid('.record-seizure-dialog');

  const reset = () => {
    setHeader(emptyHeader(officer));
    setLines([emptyLine()]);
    setTouched(new Set());
    setSubmitted(false);
    setServer(null);
  };

  const check = useMemo(() => {
    const local: FieldErrors = {};
    const input = {
      caseId: props.caseId,
      ...(header.seizureNumber.trim() ? { seizureNumber: header.seizureNumber } : {}),
      ...headerInput(header, local, t),
      items: lines.map((line, i) => lineInput(line, i, local, t)),
    };
    const result = checkInput(seizureCreateInput, input, t);
    const errors = { ...(result.ok ? {} : result.errors), ...local };
    return { result, errors, ok: result.ok && Object.keys(local).length === 0 };
  }, [header, lines, props.caseId, t]);

  // Errors show once a field was touched (or on submit); the contract's refusal shows under its field.
  const shown = (path: string, touchKey: string): boolean => submitted || touched.has(touchKey) || path === '_';
  const headerErrors: FieldErrors = {};
  for (const [name, paths] of Object.entries(HEADER_PATHS) as [keyof HeaderForm, string[]][]) {
    for (const [path, message] of Object.entries(check.errors)) {
      if (paths.some((p) => path === p || path.startsWith(`${p}.`)) && shown(path, name)) headerErrors[path] ??= message;
    }
  }
  const lineErrors = (line: LineForm, index: number): FieldErrors => {
    const out: FieldErrors = {};
    const prefix = `items.${index}.`;
    for (const [path, message] of Object.entries(check.errors)) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const field = (Object.keys(LINE_PATHS) as (keyof typeof LINE_PATHS)[]).filter(
        (f) => rest === LINE_PATHS[f] || rest.startsWith(`${LINE_PATHS[f]}.`),
      );
      if (field.some((f) => shown(path, `${line.key}.${f}`))) out[rest] ??= message;
    }
    return out;
  };
  if (server?.field) {
    const m = /^items\.(\d+)\.(.*)$/.exec(server.field);
    if (!m) headerErrors[server.field] = server.message;
  }
  const serverLineError = (index: number): FieldErrors => {
    const m = server?.field ? /^items\.(\d+)\.(.*)$/.exec(server.field) : null;
    return m && Number(m[1]) === index && m[2] && server ? { [m[2]]: server.message } : {};
  };
  const listError =
    submitted || touched.has('lines')
      ? (check.errors.items ?? (server?.field === 'items' ? server.message : undefined))
      : undefined;
  const generalError = server && (!server.field || server.field === 'caseId') ? server.message : null;

  const changeHeader = (patch: Partial<HeaderForm>) => {
    setHeader((h) => ({ ...h, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch)]));
    setServer(null);
  };
  const changeLine = (key: number, patch: Partial<LineForm>) => {
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setTouched((s) => new Set([...s, ...Object.keys(patch).map((f) => `${key}.${f}`)]));
    setServer(null);
  };
  const addLine = () => {
    setLines((ls) => [...ls, emptyLine(ls[ls.length - 1]?.currency ?? 'CAD')]);
    setServer(null);
  };
  const removeLine = (key: number) => {
    setLines((ls) => ls.filter((l) => l.key !== key));
    setTouched((s) => new Set([...s, 'lines']));
    setServer(null);
  };

  // The seizure's value as typed, per currency: exact integer sums.
  const totals = useMemo(() => {
    const sums = new Map<string, number>();
    for (const l of lines) {
      const amount = amountOf(l.value, l.currency);
      if (typeof amount === 'number') sums.set(l.currency, (sums.get(l.currency) ?? 0) + amount);
    }
    return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
  }, [lines]);

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok || !check.result.ok) {
      focusInvalid();
      return;
    }
    setSaving(true);
    try {
      const created = await call('seizures.create', check.result.data);
      toast({ message: t('seizure.recorded', { number: created.seizureNumber }), intent: 'success', icon: 'tick' });
      reset();
      props.onClose();
      props.onRecorded(created);
    } catch (err) {
      // The typed values stay in the form: nothing is lost when the contract refuses.
      setServer(refusalOf(err, t, f));
      focusInvalid();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      title={t('seizure.record.title')}
      icon="box"
      className="record-seizure-dialog"
    >
      <form
        noValidate
        aria-label={t('seizure.record.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          <p className="muted">{t('seizure.record.hint')}</p>
          {generalError && (
            <Callout intent="danger" role="alert" className="form-callout">
              {t('error.generic', { message: generalError })}
            </Callout>
          )}
          <HeaderFields
            idPrefix="new-seizure"
            variant="create"
            form={header}
            errors={headerErrors}
            onChange={changeHeader}
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
              errors={{ ...lineErrors(line, i), ...serverLineError(i) }}
              removable={lines.length > 1}
              onChange={(patch) => changeLine(line.key, patch)}
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
                text={saving ? t('common.saving') : t('seizure.record.submit')}
                loading={saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}

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
  const { line, errors, onChange } = props;
  const n = props.index + 1;
  const id = (name: string) => `line-${line.key}-${name}`;
  const described = (name: string, error: string | undefined) =>
    error ? { 'aria-invalid': true, 'aria-describedby': `${id(name)}-help` } : {};
  const valueError = errorUnder(errors, 'value');
  const sealsError = errorUnder(errors, 'sealNumbers');
  const text = (
    name: 'description' | 'hsCode' | 'eccn' | 'originCountry',
    error: string | undefined,
    opts: { className?: string; placeholder?: string; required?: boolean; mono?: boolean } = {},
  ) => (
    <Field id={id(name)} label={t(`seizure.item.${name}`)} error={error} className={opts.className} required={opts.required}>
      <InputGroup
        id={id(name)}
        className={opts.mono ? 'mono-input' : undefined}
        value={line[name]}
        placeholder={opts.placeholder}
        intent={error ? 'danger' : 'none'}
        onValueChange={(v) => onChange({ [name]: v })}
        {...described(name, error)}
      />
    </Field>
  );
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
        {text('description', errors.description, { className: 'span-4', required: true })}
        <Field id={id('quantity')} label={t('seizure.item.quantity')} error={errors.quantity} required>
          <InputGroup
            id={id('quantity')}
            className="num-input"
            inputMode="numeric"
            value={line.quantity}
            intent={errors.quantity ? 'danger' : 'none'}
            onValueChange={(quantity) => onChange({ quantity })}
            {...described('quantity', errors.quantity)}
          />
        </Field>
        <Field id={id('unit')} label={t('seizure.item.unit')} error={errors.unit}>
          <HTMLSelect
            id={id('unit')}
            fill
            value={line.unit}
            onChange={(e) => onChange({ unit: e.currentTarget.value as QuantityUnit })}
            options={QUANTITY_UNITS.map((u) => ({ value: u, label: t(`seizure.unit.${u}`) }))}
          />
        </Field>
        {text('hsCode', errors.hsCode, { placeholder: t('seizure.item.hsCode.placeholder'), mono: true })}
        {text('eccn', errors.eccn, { placeholder: t('seizure.item.eccn.placeholder'), mono: true })}
        {text('originCountry', errors.originCountry, { placeholder: t('seizure.item.originCountry.placeholder'), mono: true })}
        <Field
          id={id('value')}
          label={t('seizure.item.value')}
          error={valueError}
          help={reading(line.value, line.currency)}
          required
          className="span-2"
        >
          <ControlGroup fill>
            <InputGroup
              id={id('value')}
              className="num-input"
              inputMode="decimal"
              value={line.value}
              intent={valueError ? 'danger' : 'none'}
              onValueChange={(value) => onChange({ value })}
              {...described('value', valueError)}
            />
            <CurrencySelect
              id={id('currency')}
              label={t('seizure.item.currency')}
              value={line.currency}
              onChange={(currency) => onChange({ currency })}
            />
          </ControlGroup>
        </Field>
        <Field
          id={id('seals')}
          label={t('seizure.item.sealNumbers')}
          error={sealsError}
          help={t('seizure.item.sealNumbers.help')}
        >
          <InputGroup
            id={id('seals')}
            className="mono-input"
            value={line.seals}
            onValueChange={(seals) => onChange({ seals })}
            {...described('seals', sealsError)}
          />
        </Field>
      </div>
    </fieldset>
  );
}
