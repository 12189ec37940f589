import { Tag, type Intent } from '@blueprintjs/core';
import type { InspectionResult, InspectionStatus } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';

const statusIntent: Record<InspectionStatus, Intent> = {
  in_progress: 'primary',
  completed: 'success',
  cancelled: 'none',
};

const resultIntent: Record<InspectionResult, Intent> = {
  no_discrepancy: 'success',
  discrepancy_noted: 'warning',
  goods_detained: 'danger',
  goods_seized: 'danger',
};

/** Where an inspection stands, in words on a colored tag. */
export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const t = useT();
  return (
    <Tag minimal intent={statusIntent[status]} className="status-tag">
      {t(`inspection.status.${status}`)}
    </Tag>
  );
}

/** What the examination found; nothing while there is no result. */
export function InspectionResultTag({ result }: { result: InspectionResult | null }) {
  const t = useT();
  if (result === null) return null;
  return (
    <Tag minimal intent={resultIntent[result]} className="status-tag">
      {t(`inspection.result.${result}`)}
    </Tag>
  );
}
