import { useMemo } from 'react';
import { Button, ControlGroup, HTMLSelect, InputGroup } from '@blueprintjs/core';
import {
  DETENTION_REVIEW_DAYS,
  DETENTION_SUBJECTS,
  INSPECTION_RESULTS,
  QUANTITY_UNITS,
  type DetentionSubject,
  type InspectionResult,
  type QuantityUnit,
} from '../../../../db/shared/domain.ts';
import { addDays } from '../../../../db/shared/time.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { today } from '../../lib/dates.ts';
import { amountOf } from '../../lib/money.ts';
import { errorUnder, type FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { CurrencySelect, MoneyTotals, useAmountReading } from '../seizures/parts.tsx';
import { emptyLine, type LineForm } from '../seizures/seizureForm.ts';
import { goodsPaths, type ResultForm } from './inspectionForm.ts';

/**
 * The result of an inspection: the result, and what "goods detained" (the detention's few
 * fields) or "goods seized" (the seizure's goods lines) needs. Shared by the "Record an
 * inspection" dialog (result optional) and "Record the result" (result required).
 */
export function ResultFields(props: {
  idPrefix: string;
  form: ResultForm;
  errors: FieldErrors;
  onChange(patch: Partial<ResultForm>): void;
  /** Marks a contract path touched, so its error shows as it is typed (a goods line's field). */
  touch(path: string): void;
  /** The dialog that records the result: a result must be chosen. */
  required?: boolean;
  autoFocus?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const { form, errors, onChange } = props;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const defaultReview = addDays(today(), DETENTION_REVIEW_DAYS);
  return (
    <>
      <div className="insp-fields">
        <Field
          id={id('result')}
          label={t('inspection.field.result')}
          error={errors.result}
          required={props.required}
          help={form.result === '' ? undefined : t(`inspection.resultHint.${form.result}`)}
          className="span-2"
        >
          {(input) => (
            <HTMLSelect
              {...input}
              fill
              autoFocus={props.autoFocus}
              value={form.result}
              onChange={(e) => onChange({ result: e.currentTarget.value as InspectionResult | '' })}
              options={[
                { value: '', label: props.required ? t('inspection.result.choose') : t('inspection.result.none') },
                ...INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`inspection.result.${r}`) })),
              ]}
            />
          )}
        </Field>
      </div>
      {form.result === 'goods_detained' && (
        <fieldset className="insp-subform" aria-label={t('inspection.detention.legend')}>
          <legend>{t('inspection.detention.legend')}</legend>
          <div className="insp-fields">
            <Field id={id('detSubject')} label={t('detention.field.subject')} error={errors['detention.subject']}>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={form.detSubject}
                  onChange={(e) => onChange({ detSubject: e.currentTarget.value as DetentionSubject })}
                  options={DETENTION_SUBJECTS.map((s) => ({ value: s, label: t(`detention.subject.${s}`) }))}
                />
              )}
            </Field>
            <Field
              id={id('detEccn')}
              label={t('detention.field.declaredEccn')}
              error={errors['detention.declaredEccn']}
              help={t('detention.field.declaredEccn.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={form.detEccn}
                  intent={errors['detention.declaredEccn'] ? 'danger' : 'none'}
                  onValueChange={(detEccn) => onChange({ detEccn })}
                />
              )}
            </Field>
            <Field
              id={id('detReviewDueOn')}
              label={t('detention.field.reviewDueOn')}
              error={errors['detention.reviewDueOn']}
              help={t('detention.field.reviewDueOn.help', { date: f.date(defaultReview), days: DETENTION_REVIEW_DAYS })}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={form.detReviewDueOn}
                  intent={errors['detention.reviewDueOn'] ? 'danger' : 'none'}
                  onValueChange={(detReviewDueOn) => onChange({ detReviewDueOn })}
                />
              )}
            </Field>
            <Field
              id={id('detLegalAuthority')}
              label={t('detention.field.legalAuthority')}
              error={errors['detention.legalAuthority']}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  value={form.detLegalAuthority}
                  onValueChange={(detLegalAuthority) => onChange({ detLegalAuthority })}
                />
              )}
            </Field>
          </div>
          <p className="muted insp-subform-note">{t('inspection.detention.note')}</p>
        </fieldset>
      )}
      {form.result === 'goods_seized' && (
        <SeizureFields idPrefix={props.idPrefix} form={form} errors={errors} onChange={onChange} touch={props.touch} />
      )}
    </>
  );
}

function SeizureFields(props: {
  idPrefix: string;
  form: ResultForm;
  errors: FieldErrors;
  onChange(patch: Partial<ResultForm>): void;
  touch(path: string): void;
}) {
  const t = useT();
  const { form, errors, onChange } = props;
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const { lines } = form;
  const changeLine = (index: number, patch: Partial<LineForm>) => {
    const next = lines.map((l, i) => (i === index ? { ...l, ...patch } : l));
    onChange({ lines: next });
    const line = next[index];
    if (!line) return;
    for (const field of Object.keys(patch) as (keyof LineForm)[])
      for (const path of goodsPaths(line, index, field)) props.touch(path);
  };
  const addLine = () => onChange({ lines: [...lines, emptyLine(lines[lines.length - 1]?.currency ?? 'CAD')] });
  const removeLine = (key: number) => onChange({ lines: lines.filter((l) => l.key !== key) });
  const totals = useMemo(() => {
    const sums = new Map<string, number>();
    for (const l of lines) {
      const amount = amountOf(l.value, l.currency);
      if (typeof amount === 'number') sums.set(l.currency, (sums.get(l.currency) ?? 0) + amount);
    }
    return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
  }, [lines]);
  const onLines = Object.keys(errors).some((p) => p.startsWith('seizure.items.'));
  const listError = onLines ? undefined : errors['seizure.items'];
  return (
    <fieldset className="insp-subform" aria-label={t('inspection.seizure.legend')}>
      <legend>{t('inspection.seizure.legend')}</legend>
      <div className="insp-fields">
        <Field
          id={id('szLegalProvision')}
          label={t('seizure.field.legalProvision')}
          error={errors['seizure.legalProvision']}
          className="span-2"
        >
          {(input) => (
            <InputGroup
              {...input}
              placeholder={t('seizure.field.legalProvision.placeholder')}
              value={form.szLegalProvision}
              onValueChange={(szLegalProvision) => onChange({ szLegalProvision })}
            />
          )}
        </Field>
        <Field
          id={id('szStorageLocation')}
          label={t('seizure.field.storageLocation')}
          error={errors['seizure.storageLocation']}
          className="span-2"
        >
          {(input) => (
            <InputGroup
              {...input}
              value={form.szStorageLocation}
              onValueChange={(szStorageLocation) => onChange({ szStorageLocation })}
            />
          )}
        </Field>
      </div>
      <div className="insp-lines-head">
        <h3 className="panel-title">{t('seizure.lines.title')}</h3>
        <span className="muted">
          {t('seizure.lines.summary', { count: lines.length })} <MoneyTotals totals={totals} />
        </span>
      </div>
      {listError && (
        <p className="insp-list-error" role="alert">
          {listError}
        </p>
      )}
      {lines.map((line, i) => (
        <GoodsLine
          key={line.key}
          index={i}
          line={line}
          errors={errors}
          removable={lines.length > 1}
          onChange={(patch) => changeLine(i, patch)}
          onRemove={() => removeLine(line.key)}
        />
      ))}
      <Button icon="add" variant="outlined" text={t('seizure.lines.add')} onClick={addLine} />
      <p className="muted insp-subform-note">{t('inspection.seizure.note')}</p>
    </fieldset>
  );
}

/** One goods line, as in the seizure form; its errors are the form's, under `seizure.items.<index>.`. */
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
  const id = (name: string) => `insp-line-${line.key}-${name}`;
  const error = (path: string) => errorUnder(props.errors, `seizure.items.${props.index}.${path}`);
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
                autoComplete="off"
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
