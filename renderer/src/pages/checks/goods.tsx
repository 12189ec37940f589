import { useEffect, useRef } from 'react';
import { Button, HTMLSelect, InputGroup } from '@blueprintjs/core';
import { QUANTITY_UNITS, type QuantityUnit } from '../../../../db/shared/domain.ts';
import { useT, type Translate } from '../../i18n/index.tsx';
import { errorUnder, type FieldErrors } from '../../lib/validation.ts';
import { orNull } from '../../lib/form.ts';
import { Field } from '../../components/Field.tsx';
import { parseQuantity } from '../seizures/util.ts';

/** One goods line of a check as typed; `key` names the row while rows are added and removed. */
export interface GoodsForm {
  key: number;
  description: string;
  quantity: string;
  unit: QuantityUnit | '';
  eccn: string;
  hsCode: string;
}

let nextKey = 1;
export function emptyGoods(): GoodsForm {
  return { key: nextKey++, description: '', quantity: '', unit: '', eccn: '', hsCode: '' };
}

/** A goods line as checks.create and checks.addGoods take it; a quantity that does not parse is reported by goodsLocal. */
export function goodsInput(line: GoodsForm) {
  const quantity = parseQuantity(line.quantity);
  return {
    description: line.description,
    quantity: quantity === undefined || Number.isNaN(quantity) ? null : quantity,
    unit: line.unit === '' ? null : line.unit,
    eccn: orNull(line.eccn),
    hsCode: orNull(line.hsCode),
  };
}

/** What the schema cannot see in a goods line: a quantity that is not a whole number. */
export function goodsLocal(line: GoodsForm, at: string, t: Translate): FieldErrors {
  return Number.isNaN(parseQuantity(line.quantity)) ? { [`${at}quantity`]: t('seizure.validation.wholeNumber') } : {};
}

/**
 * The fields of one goods line; `at` is the contract path its errors are under (`goods.0.` in a
 * new check, `` for checks.addGoods). A line just added takes the focus.
 */
export function GoodsFields(props: {
  line: GoodsForm;
  at: string;
  errors: FieldErrors;
  onChange(patch: Partial<GoodsForm>): void;
  focus?: boolean;
}) {
  const t = useT();
  const { line, onChange } = props;
  const id = (name: string) => `goods-${line.key}-${name}`;
  const error = (name: string) => errorUnder(props.errors, `${props.at}${name}`);
  const first = useRef<HTMLInputElement>(null);
  const focus = props.focus ?? false;
  useEffect(() => {
    if (focus) first.current?.focus();
  }, [focus]);
  return (
    <div className="check-goods-fields">
      <Field id={id('description')} label={t('check.goods.description')} error={error('description')} required className="span-2">
        {(input) => (
          <InputGroup
            {...input}
            inputRef={first}
            value={line.description}
            intent={error('description') ? 'danger' : 'none'}
            onValueChange={(description) => onChange({ description })}
          />
        )}
      </Field>
      <Field id={id('quantity')} label={t('check.goods.quantity')} error={error('quantity')}>
        {(input) => (
          <InputGroup
            {...input}
            className="num-input"
            inputMode="numeric"
            value={line.quantity}
            intent={error('quantity') ? 'danger' : 'none'}
            onValueChange={(quantity) => onChange({ quantity })}
          />
        )}
      </Field>
      <Field id={id('unit')} label={t('check.goods.unit')} error={error('unit')}>
        {(input) => (
          <HTMLSelect
            {...input}
            fill
            value={line.unit}
            onChange={(e) => onChange({ unit: e.currentTarget.value as QuantityUnit | '' })}
            options={[
              { value: '', label: t('common.none') },
              ...QUANTITY_UNITS.map((u) => ({ value: u, label: t(`seizure.unit.${u}`) })),
            ]}
          />
        )}
      </Field>
      <Field id={id('eccn')} label={t('check.goods.eccn')} error={error('eccn')}>
        {(input) => (
          <InputGroup
            {...input}
            className="mono-input"
            placeholder={t('seizure.item.eccn.placeholder')}
            value={line.eccn}
            intent={error('eccn') ? 'danger' : 'none'}
            onValueChange={(eccn) => onChange({ eccn })}
          />
        )}
      </Field>
      <Field id={id('hsCode')} label={t('check.goods.hsCode')} error={error('hsCode')}>
        {(input) => (
          <InputGroup
            {...input}
            className="mono-input"
            placeholder={t('seizure.item.hsCode.placeholder')}
            value={line.hsCode}
            intent={error('hsCode') ? 'danger' : 'none'}
            onValueChange={(hsCode) => onChange({ hsCode })}
          />
        )}
      </Field>
    </div>
  );
}

/** The goods lines of a new check: add and remove lines; a line just added takes the focus. */
export function GoodsLines(props: {
  lines: GoodsForm[];
  errors: FieldErrors;
  focusKey: number | null;
  onChange(index: number, patch: Partial<GoodsForm>): void;
  onAdd(): void;
  onRemove(key: number): void;
}) {
  const t = useT();
  return (
    <div className="check-goods">
      <h3 className="panel-title check-goods-title">{t('check.section.goods')}</h3>
      {props.lines.length === 0 && <p className="muted check-goods-empty">{t('check.goods.none')}</p>}
      {props.lines.map((line, i) => {
        const n = i + 1;
        return (
          <fieldset key={line.key} className="check-goods-line" aria-label={t('check.goods.line', { n })}>
            <legend className="check-goods-legend">
              <span>{t('check.goods.line', { n })}</span>
              <Button
                variant="minimal"
                size="small"
                icon="trash"
                text={t('check.goods.remove')}
                aria-label={t('check.goods.removeLine', { n })}
                onClick={() => props.onRemove(line.key)}
              />
            </legend>
            <GoodsFields
              line={line}
              at={`goods.${i}.`}
              errors={props.errors}
              focus={props.focusKey === line.key}
              onChange={(patch) => props.onChange(i, patch)}
            />
          </fieldset>
        );
      })}
      <Button icon="add" variant="outlined" text={t('check.goods.add')} onClick={props.onAdd} />
    </div>
  );
}
