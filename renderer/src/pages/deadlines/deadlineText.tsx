import type { MouseEvent, ReactNode } from 'react';
import { Tag } from '@blueprintjs/core';
import type { Deadline } from '../../../../db/api.ts';
import { INFO_REQUEST_KINDS, type InfoRequestKind } from '../../../../db/shared/domain.ts';
import { useFormat, useT, type Translate } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref, type Route } from '../../lib/router.ts';

function requestKind(detail: string | null): InfoRequestKind {
  return (INFO_REQUEST_KINDS as readonly string[]).includes(detail ?? '') ? (detail as InfoRequestKind) : 'other';
}

/** What a deadline is about, in the user's language (the contract's `label` is English). */
export function deadlineLabel(d: Deadline, t: Translate): string {
  const reference = d.reference;
  switch (d.kind) {
    case 'detention_review':
      return t('deadline.what.detention_review', { reference });
    case 'info_request':
      return t('deadline.what.info_request', { reference, what: t(`infoRequest.kind.${requestKind(d.detail)}`) });
    case 'technical_assessment':
      return d.detail
        ? t('deadline.what.technical_assessment', { reference, office: d.detail })
        : t('deadline.what.technical_assessmentNoOffice', { reference });
    case 'penalty_due':
      return t('deadline.what.penalty_due', { reference });
    case 'penalty_correction_window':
      return t('deadline.what.penalty_correction_window', { reference });
    case 'penalty_review_window':
      return t('deadline.what.penalty_review_window', { reference });
    case 'seizure_review_window':
      return t('deadline.what.seizure_review_window', { reference });
    case 'limitation':
      return d.detail === '5'
        ? t('deadline.what.limitationUs', { years: 5 })
        : t('deadline.what.limitationCustoms', { years: Number(d.detail ?? 6) });
    case 'check_scheduled':
      return t('deadline.what.check_scheduled', { reference, type: d.detail ?? 'post_shipment' });
    case 'audit_report':
      return t('deadline.what.audit_report', { reference });
    case 'corrective_action':
      return t('deadline.what.corrective_action', { reference, detail: d.detail ?? '' });
  }
}

/** The page of the record a deadline belongs to; an information request opens its detention (found by number). */
export function deadlineRoute(d: Deadline): Route | null {
  switch (d.recordType) {
    case 'detention':
      return { page: 'detention', id: d.recordId };
    case 'penalty':
      return { page: 'penalty', id: d.recordId };
    case 'seizure':
      return { page: 'seizure', id: d.recordId };
    case 'case':
      return { page: 'case', id: d.caseId, tab: 'overview' };
    case 'detention_info_request':
      return null;
    case 'end_use_check':
      return { page: 'check', id: d.recordId };
    case 'compliance_audit':
      return { page: 'audit', id: d.recordId };
  }
}

async function detentionOf(d: Deadline): Promise<string | null> {
  const page = await call('detentions.list', { caseId: d.caseId, limit: 500 });
  return page.rows.find((r) => r.detentionNumber === d.reference)?.id ?? null;
}

export async function openDeadline(d: Deadline): Promise<void> {
  const route = deadlineRoute(d);
  if (route) return navigate(route);
  const id = await detentionOf(d);
  navigate(id ? { page: 'detention', id } : { page: 'case', id: d.caseId, tab: 'detentions' });
}

/** A link to the deadline's record (the detention for an information request). */
export function DeadlineRecordLink({ deadline, children }: { deadline: Deadline; children: ReactNode }) {
  const route = deadlineRoute(deadline);
  const href = routeHref(route ?? { page: 'case', id: deadline.caseId, tab: 'detentions' });
  return (
    <a
      href={href}
      className="row-link"
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e: MouseEvent) => {
        e.stopPropagation();
        if (!route) {
          e.preventDefault();
          void openDeadline(deadline);
        }
      }}
    >
      {children}
    </a>
  );
}

/** Days left, right-aligned: "today", a count, or how late it is on a red tag. */
export function DaysLeft({ deadline, verbose }: { deadline: Deadline; verbose?: boolean }) {
  const t = useT();
  const f = useFormat();
  if (deadline.done)
    return (
      <Tag minimal className="status-tag">
        {t('enf.done')}
      </Tag>
    );
  if (deadline.overdue) {
    return (
      <Tag minimal intent="danger" icon="warning-sign" className="status-tag">
        {t('deadline.late', { count: -deadline.daysLeft })}
      </Tag>
    );
  }
  if (deadline.daysLeft === 0)
    return (
      <Tag minimal intent="warning" className="status-tag">
        {t('deadline.today')}
      </Tag>
    );
  if (deadline.daysLeft < 0) return <span className="muted">{t('deadline.lapsed')}</span>;
  const text = verbose ? t('deadline.inDays', { count: deadline.daysLeft }) : f.number(deadline.daysLeft);
  return <span className={deadline.daysLeft <= 7 ? 'soon' : undefined}>{text}</span>;
}
