import { useIntl } from 'react-intl';
import { formatMoney } from '../lib/money.ts';

/** An amount with its currency code, right-aligned in tabular figures by its container. */
export function MoneyText({ amountMinor, currency }: { amountMinor: number; currency: string }) {
  const intl = useIntl();
  return <span className="money">{formatMoney(intl.locale, amountMinor, currency)}</span>;
}
