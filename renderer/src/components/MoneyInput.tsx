import { InputGroup, Tag } from '@blueprintjs/core';
import type { Translate } from '../i18n/index.tsx';
import { amountOf, decimalString } from '../lib/money.ts';
import type { FieldInput } from './Field.tsx';

/** Why a typed amount is not one, in the catalog's words; undefined when it parses. */
export function amountProblem(text: string, currency: string, t: Translate): string | undefined {
  const amount = amountOf(text, currency);
  if (amount === undefined) return t('validation.required');
  if (amount !== null) return undefined;
  let example = '1234.50';
  try {
    example = decimalString(123450, currency);
  } catch {
    // Not a currency: the currency field says so.
  }
  return t('enf.money.invalid', { currency, example });
}

/** An amount typed as text in its currency (never a float): parsed with parseMoney into minor units. */
export function MoneyInput(props: {
  input: FieldInput;
  value: string;
  currency: string;
  onChange(value: string): void;
  autoFocus?: boolean;
}) {
  return (
    <InputGroup
      {...props.input}
      value={props.value}
      inputMode="decimal"
      autoComplete="off"
      autoFocus={props.autoFocus}
      className="money-input"
      onValueChange={props.onChange}
      intent={props.input['aria-invalid'] ? 'danger' : 'none'}
      rightElement={
        <Tag minimal className="currency-tag">
          {props.currency}
        </Tag>
      }
    />
  );
}
