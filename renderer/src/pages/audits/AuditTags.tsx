import { Tag, type Intent } from '@blueprintjs/core';
import type { AuditOutcome, AuditStatus, FindingSeverity } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';

// Not 'primary' for a notified audit: a primary minimal tag on a table's active row fails
// contrast in the dark theme (app.css --row-active).
const statusIntent: Record<AuditStatus, Intent> = {
  notified: 'none',
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

/** What the audit found, once reported (`short`: in a list column, the full words on hover). */
export function AuditOutcomeTag({ outcome, short }: { outcome: AuditOutcome; short?: boolean }) {
  const t = useT();
  const label = t(`compliance.outcome.${outcome}`);
  return (
    <Tag minimal intent={outcomeIntent[outcome]} className="status-tag" title={short ? label : undefined}>
      {short ? t(`compliance.outcomeShort.${outcome}`) : label}
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
