import { Tag, type Intent } from '@blueprintjs/core';
import type { DetentionOutcome } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';

const outcomeIntent: Record<DetentionOutcome, Intent> = {
  released: 'success',
  seized: 'danger',
  returned_to_exporter: 'none',
};

/** A detention's state in words: held (open), or how it ended. */
export function OutcomeTag({ outcome }: { outcome: DetentionOutcome | null }) {
  const t = useT();
  if (outcome === null) {
    return (
      <Tag minimal intent="primary" className="status-tag">
        {t('detention.state.held')}
      </Tag>
    );
  }
  return (
    <Tag minimal intent={outcomeIntent[outcome]} className="status-tag">
      {t(`detention.outcome.${outcome}`)}
    </Tag>
  );
}
