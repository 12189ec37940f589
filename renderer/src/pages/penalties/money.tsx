import { InputGroup, Tag } from '@blueprintjs/core';
import { decimalString, parseMoney } from '../../lib/money.ts';
import type { Translate } from '../../i18n/index.tsx';
import { describedBy } from '../detentions/common.tsx';

/** Minor units for what was typed in a currency, or null (also when the currency is not one). */
export function parseAmount(text: string, currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    return parseMoney(text, currency);
  } catch {
    return null;
  }
}

/** Why a typed amount is not one, in the catalog's words; undefined when it parses. */
export function amountProblem(text: string, currency: string, t: Translate): string | undefined {
  if (text.trim() === '') return t('validation.required');
  if (parseAmount(text, currency) !== null) return undefined;
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
  id: string;
  value: string;
  currency: string;
  onChange(value: string): void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  return (
    <InputGroup
      id={props.id}
      value={props.value}
      inputMode="decimal"
      autoComplete="off"
      autoFocus={props.autoFocus}
      className="money-input"
      onValueChange={props.onChange}
      intent={props.error ? 'danger' : 'none'}
      rightElement={
        <Tag minimal className="currency-tag">
          {props.currency}
        </Tag>
      }
      {...describedBy(props.id, props.error)}
    />
  );
}
