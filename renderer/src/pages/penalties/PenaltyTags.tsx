import { Tag, type Intent } from '@blueprintjs/core';
import type { PenaltyLevel, PenaltyStatus } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';

const statusIntent: Record<PenaltyStatus, Intent> = {
  issued: 'primary',
  partly_paid: 'warning',
  under_review: 'warning',
  reduced: 'primary',
  paid: 'success',
  cancelled: 'none',
  written_off: 'none',
};

export function PenaltyStatusTag({ status }: { status: PenaltyStatus }) {
  const t = useT();
  return (
    <Tag minimal intent={statusIntent[status]} className="status-tag">
      {t(`penalty.status.${status}`)}
    </Tag>
  );
}

const levelIntent: Record<PenaltyLevel, Intent> = { first: 'none', second: 'warning', third_or_later: 'danger' };

export function LevelTag({ level }: { level: PenaltyLevel }) {
  const t = useT();
  return (
    <Tag minimal intent={levelIntent[level]} className="status-tag">
      {t(`penalty.level.${level}`)}
    </Tag>
  );
}
