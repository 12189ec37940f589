import { Tag, type Intent } from '@blueprintjs/core';
import type { CheckOutcome, CheckPointAnswer, CheckStatus } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';

const statusIntent: Record<CheckStatus, Intent> = {
  requested: 'primary',
  scheduled: 'warning',
  completed: 'success',
  cancelled: 'none',
};

/** A check's status in words on a colored tag. */
export function CheckStatusTag({ status }: { status: CheckStatus }) {
  const t = useT();
  return (
    <Tag minimal intent={statusIntent[status]} className="status-tag">
      {t(`check.status.${status}`)}
    </Tag>
  );
}

const outcomeIntent: Record<CheckOutcome, Intent> = {
  favorable: 'success',
  unfavorable: 'danger',
  unable_to_verify: 'warning',
};

/** A completed check's outcome; nothing (a dash) before it is conducted. */
export function CheckOutcomeTag({ outcome }: { outcome: CheckOutcome | null }) {
  const t = useT();
  if (outcome === null) return <span className="muted">{t('common.none')}</span>;
  return (
    <Tag minimal intent={outcomeIntent[outcome]} className="status-tag">
      {t(`check.outcome.${outcome}`)}
    </Tag>
  );
}

/** One of the four things a check verifies: confirmed, not confirmed, or not checked. */
export function PointTag({ answer }: { answer: CheckPointAnswer | null }) {
  const t = useT();
  if (answer === null)
    return (
      <Tag minimal className="status-tag">
        {t('check.answer.not_checked')}
      </Tag>
    );
  return (
    <Tag
      minimal
      intent={answer === 'confirmed' ? 'success' : 'danger'}
      icon={answer === 'confirmed' ? 'tick' : 'cross'}
      className="status-tag"
    >
      {t(`check.answer.${answer}`)}
    </Tag>
  );
}
