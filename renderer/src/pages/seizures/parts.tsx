import { useIntl } from 'react-intl';
import { HTMLSelect, Tag, type Intent } from '@blueprintjs/core';
import type { MoneyTotal } from '../../../../db/api.ts';
import type { Disposition } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { DateText } from '../../components/DateText.tsx';
import { formatMoney } from '../../lib/money.ts';
import { reviewState } from './util.ts';
import { amountOf, CURRENCIES } from '../../lib/money.ts';
import './seizures.css';

const dispositionIntent: Record<Disposition, Intent> = {
  held: 'primary',
  released_on_terms: 'warning',
  forfeited: 'danger',
  returned: 'success',
  sold: 'none',
  destroyed: 'none',
  transferred: 'none',
};

/** What became of the goods: a word on a colored tag. */
export function DispositionTag({ disposition }: { disposition: Disposition }) {
  const t = useT();
  return (
    <Tag minimal intent={dispositionIntent[disposition]} className="status-tag">
      {t(`seizure.disposition.${disposition}`)}
    </Tag>
  );
}

/** The review window's last day, and a tag when the goods are still held and it is near or past. */
export function ReviewWindow({ endsOn, disposition, long }: { endsOn: string; disposition: Disposition; long?: boolean }) {
  const t = useT();
  const r = reviewState(endsOn, disposition);
  const tag =
    r.state === 'overdue' ? (
      <Tag minimal intent="danger" className="status-tag" title={t('seizure.review.overdueHint', { days: -r.daysLeft })}>
        {t('seizure.review.overdue')}
      </Tag>
    ) : r.state === 'soon' ? (
      <Tag minimal intent="warning" className="status-tag" title={t('seizure.review.daysLeft', { days: r.daysLeft })}>
        {t('seizure.review.soon')}
      </Tag>
    ) : null;
  return (
    <span className="review-window">
      {tag}
      <DateText value={endsOn} />
      {long && (
        <span className="muted">
          {r.daysLeft >= 0
            ? t('seizure.review.daysLeft', { days: r.daysLeft })
            : t('seizure.review.endedAgo', { days: -r.daysLeft })}
        </span>
      )}
    </span>
  );
}

/** Totals per currency, each exact, side by side. */
export function MoneyTotals({ totals }: { totals: readonly MoneyTotal[] }) {
  const t = useT();
  if (totals.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="money-totals">
      {totals.map((m) => (
        <MoneyText key={m.currency} amountMinor={m.amountMinor} currency={m.currency} />
      ))}
    </span>
  );
}

/** An ISO 4217 currency, the common ones first. */
export function CurrencySelect(props: {
  id: string;
  value: string;
  onChange(currency: string): void;
  label: string;
  invalid?: boolean;
}) {
  return (
    <HTMLSelect
      id={props.id}
      aria-label={props.label}
      aria-invalid={props.invalid || undefined}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      options={CURRENCIES.includes(props.value) || props.value === '' ? CURRENCIES : [props.value, ...CURRENCIES]}
      className="currency-select"
    />
  );
}

/** How an amount as typed is read ("Read as CAD 12,345.67"), so a misplaced separator shows at once. */
export function useAmountReading(): (text: string, currency: string) => string | undefined {
  const intl = useIntl();
  const t = useT();
  return (text, currency) => {
    const amount = amountOf(text, currency);
    return typeof amount === 'number'
      ? t('seizure.amount.readAs', { amount: formatMoney(intl.locale, amount, currency) })
      : undefined;
  };
}
