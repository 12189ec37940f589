import { Tag, type Intent } from '@blueprintjs/core';
import type { AuditOutcome, AuditStatus, FindingSeverity } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';

const statusIntent: Record<AuditStatus, Intent> = {
  notified: 'primary',
  on_site: 'warning',
  reported: 'success',
  cancelled: 'none',
};

/** A compliance audit's status in words. */
export function AuditStatusTag({ status }: { status: AuditStatus }) {
  const t = useT();
  return (
    <Tag minimal intent={statusIntent[status]} className="status-tag">
      {t(`compliance.status.${status}`)}
    </Tag>
  );
}

const outcomeIntent: Record<AuditOutcome, Intent> = {
  compliant: 'success',
  compliant_with_actions: 'warning',
  non_compliant: 'danger',
};

/** What the audit found, once reported. */
export function AuditOutcomeTag({ outcome }: { outcome: AuditOutcome }) {
  const t = useT();
  return (
    <Tag minimal intent={outcomeIntent[outcome]} className="status-tag">
      {t(`compliance.outcome.${outcome}`)}
    </Tag>
  );
}

const severityIntent: Record<FindingSeverity, Intent> = {
  minor: 'none',
  moderate: 'primary',
  major: 'warning',
  critical: 'danger',
};

/** A finding's severity in words. */
export function SeverityTag({ severity }: { severity: FindingSeverity }) {
  const t = useT();
  return (
    <Tag minimal={severity !== 'critical'} intent={severityIntent[severity]} className="status-tag">
      {t(`compliance.severity.${severity}`)}
    </Tag>
  );
}
