import { Tag, type Intent } from '@blueprintjs/core';
import type { CaseStatus, Priority, SecurityMarking } from '../../../db/shared/domain.ts';
import { useT } from '../i18n/index.tsx';

const statusIntent: Record<CaseStatus, Intent> = {
  open: 'primary',
  under_review: 'warning',
  referred_for_prosecution: 'danger',
  closed: 'none',
};

/** Statuses are words on a colored tag, never color alone. */
export function StatusTag({ status }: { status: CaseStatus }) {
  const t = useT();
  return (
    <Tag minimal intent={statusIntent[status]} className="status-tag">
      {t(`status.${status}`)}
    </Tag>
  );
}

const priorityIntent: Record<Priority, Intent> = { low: 'none', medium: 'none', high: 'warning', critical: 'danger' };

export function PriorityTag({ priority }: { priority: Priority }) {
  const t = useT();
  return (
    <Tag minimal={priority !== 'critical'} intent={priorityIntent[priority]} className="priority-tag">
      {t(`priority.${priority}`)}
    </Tag>
  );
}

export function MarkingBanner({ marking }: { marking: SecurityMarking }) {
  const t = useT();
  const label = t(`marking.${marking}`).toUpperCase();
  return (
    <span className={`marking marking-${marking}`} role="note" aria-label={t('header.marking', { marking: label })}>
      {label}
    </span>
  );
}
