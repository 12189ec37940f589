import { Tag } from '@blueprintjs/core';
import { useT } from '../i18n/index.tsx';
import { DateText } from './DateText.tsx';

/** A due date, with a red "Overdue" tag when it is past and still owed. */
export function DueDate({ value, overdue, done }: { value: string | null | undefined; overdue: boolean; done?: boolean }) {
  const t = useT();
  if (!value) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className="due-date">
      {overdue && (
        <Tag minimal intent="danger" className="overdue-tag" icon="warning-sign">
          {t('enf.overdue')}
        </Tag>
      )}
      {done && (
        <Tag minimal className="done-tag">
          {t('enf.done')}
        </Tag>
      )}
      <DateText value={value} />
    </span>
  );
}
