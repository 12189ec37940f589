import { useFormat, useT } from '../i18n/index.tsx';

/** A calendar date in the user's locale. */
export function DateText({ value }: { value: string | null | undefined }) {
  const f = useFormat();
  if (!value) return null;
  return <time dateTime={value}>{f.date(value)}</time>;
}

/** An instant in local time, with its UTC time on hover. */
export function DateTimeText({ value }: { value: string | null | undefined }) {
  const f = useFormat();
  const t = useT();
  if (!value) return null;
  const utc = value.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
  return (
    <time dateTime={value} title={t('date.utcTitle', { utc })}>
      {f.dateTime(value)}
    </time>
  );
}
