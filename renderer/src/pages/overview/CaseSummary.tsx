import { Fragment, type ReactNode } from 'react';
import { Callout, Card, Spinner, Tag } from '@blueprintjs/core';
import type { CaseOverview } from '../../../../db/api.ts';
import { CASE_ROLES } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { routeHref, type CaseTab } from '../../lib/router.ts';
import { DateText } from '../../components/DateText.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { DaysLeft, DeadlineRecordLink, deadlineLabel } from '../deadlines/deadlineText.tsx';

/** How many deadlines the summary lists before "and N more". */
const DEADLINES_SHOWN = 6;

/**
 * The case at a glance, in the Overview tab's side column (from cases.overview): its parties by
 * role, what was seized and its value per currency, detentions, penalties with their balances,
 * and what is due next (overdue first). Each part links to its tab.
 */
export function CaseSummary({ caseId }: { caseId: string }) {
  const t = useT();
  const f = useFormat();
  const { load } = useQuery(() => call('cases.overview', { caseId }), caseId);

  if (load.state === 'loading') {
    return (
      <Card compact className="panel case-summary">
        <Spinner size={20} aria-label={t('common.loading')} />
      </Card>
    );
  }
  if (load.state === 'error') {
    return (
      <Callout intent="danger" role="alert">
        {t('summary.error', { message: refusalOf(load.error, t, f).message })}
      </Callout>
    );
  }
  const o = load.data;
  return (
    <>
      <Records overview={o} caseId={caseId} />
      <Penalties overview={o} caseId={caseId} />
      <Deadlines overview={o} />
      <LimitationPeriod overview={o} />
    </>
  );
}

function TabLink({ caseId, tab, children }: { caseId: string; tab: CaseTab; children: ReactNode }) {
  return <a href={routeHref({ page: 'case', id: caseId, tab })}>{children}</a>;
}

function Records({ overview: o, caseId }: { overview: CaseOverview; caseId: string }) {
  const t = useT();
  const roles = CASE_ROLES.map((role) => ({ role, count: o.subjects.filter((s) => s.role === role).length })).filter(
    (r) => r.count > 0,
  );
  const entities = new Set(o.subjects.map((s) => s.entityId)).size;
  const held = o.detentions.rows.filter((d) => d.outcome === null).length;
  const overdue = o.detentions.rows.filter((d) => d.overdue).length;
  return (
    <Card compact className="panel case-summary" aria-labelledby="summary-records">
      <h2 className="panel-title" id="summary-records">
        {t('summary.title')}
      </h2>
      <section className="summary-part" aria-label={t('case.tab.subjects')}>
        <div className="summary-line">
          <TabLink caseId={caseId} tab="subjects">
            {t('case.tab.subjects')}
          </TabLink>
          <span className="num">{t('summary.entities', { count: entities })}</span>
        </div>
        {roles.length > 0 && (
          <div className="summary-roles">
            {roles.map((r) => (
              <Tag key={r.role} minimal className="status-tag">
                {t('summary.roleCount', { role: t(`summary.role.${r.role}`), count: r.count })}
              </Tag>
            ))}
          </div>
        )}
      </section>
      <section className="summary-part" aria-label={t('case.tab.seizures')}>
        <div className="summary-line">
          <TabLink caseId={caseId} tab="seizures">
            {t('case.tab.seizures')}
          </TabLink>
          <span className="num">{t('summary.seizures', { count: o.seizures.count, items: o.seizures.itemCount })}</span>
        </div>
        {o.seizures.totalsByCurrency.length > 0 && (
          <dl className="facts summary-money">
            {o.seizures.totalsByCurrency.map((m) => (
              <Fragment key={m.currency}>
                <dt>{t('summary.seizedValue', { count: m.itemCount })}</dt>
                <dd>
                  <MoneyText amountMinor={m.amountMinor} currency={m.currency} />
                </dd>
              </Fragment>
            ))}
          </dl>
        )}
      </section>
      <section className="summary-part" aria-label={t('case.tab.detentions')}>
        <div className="summary-line">
          <TabLink caseId={caseId} tab="detentions">
            {t('case.tab.detentions')}
          </TabLink>
          <span className="num">{t('summary.detentions', { count: o.detentions.total })}</span>
        </div>
        {o.detentions.total > 0 && (
          <div className="summary-roles">
            <Tag minimal intent={held ? 'primary' : 'none'} className="status-tag">
              {t('summary.held', { count: held })}
            </Tag>
            {overdue > 0 && (
              <Tag minimal intent="danger" icon="warning-sign" className="status-tag">
                {t('summary.overdue', { count: overdue })}
              </Tag>
            )}
          </div>
        )}
      </section>
      <Verifications overview={o} caseId={caseId} />
    </Card>
  );
}

/** End-use checks, inspections and audits: how many, and what needs attention (failed checks, goods stopped, late reports). */
function Verifications({ overview: o, caseId }: { overview: CaseOverview; caseId: string }) {
  const t = useT();
  const failed = o.checks.rows.filter((k) => k.outcome === 'unfavorable' || k.outcome === 'unable_to_verify').length;
  const stopped = o.inspections.rows.filter((i) => i.result === 'goods_detained' || i.result === 'goods_seized').length;
  const late = o.checks.rows.filter((k) => k.overdue).length + o.audits.rows.filter((a) => a.overdue).length;
  const total = o.checks.total + o.inspections.total + o.audits.total;
  return (
    <section className="summary-part" aria-label={t('case.tab.verifications')}>
      <div className="summary-line">
        <TabLink caseId={caseId} tab="verifications">
          {t('case.tab.verifications')}
        </TabLink>
        <span className="num">
          {total === 0
            ? t('summary.verifications.none')
            : [
                o.checks.total > 0 && t('summary.verifications.checks', { count: o.checks.total }),
                o.inspections.total > 0 && t('summary.verifications.inspections', { count: o.inspections.total }),
                o.audits.total > 0 && t('summary.verifications.audits', { count: o.audits.total }),
              ]
                .filter(Boolean)
                .join(' · ')}
        </span>
      </div>
      {(failed > 0 || stopped > 0 || late > 0) && (
        <div className="summary-roles">
          {failed > 0 && (
            <Tag minimal intent="warning" className="status-tag">
              {t('summary.verifications.failed', { count: failed })}
            </Tag>
          )}
          {stopped > 0 && (
            <Tag minimal intent="primary" className="status-tag">
              {t('summary.verifications.stopped', { count: stopped })}
            </Tag>
          )}
          {late > 0 && (
            <Tag minimal intent="danger" icon="warning-sign" className="status-tag">
              {t('summary.overdue', { count: late })}
            </Tag>
          )}
        </div>
      )}
    </section>
  );
}

function Penalties({ overview: o, caseId }: { overview: CaseOverview; caseId: string }) {
  const t = useT();
  const overdue = o.penalties.rows.filter((p) => p.overdue).length;
  return (
    <Card compact className="panel case-summary" aria-labelledby="summary-penalties">
      <div className="panel-head">
        <h2 className="panel-title" id="summary-penalties">
          {t('case.tab.penalties')}
        </h2>
        <TabLink caseId={caseId} tab="penalties">
          {t('summary.penalties', { count: o.penalties.total })}
        </TabLink>
      </div>
      {overdue > 0 && (
        <Tag minimal intent="danger" icon="warning-sign" className="status-tag summary-flag">
          {t('summary.penaltiesOverdue', { count: overdue })}
        </Tag>
      )}
      {o.penalties.totals.length === 0 ? (
        <p className="muted">{t('summary.noPenalties')}</p>
      ) : (
        o.penalties.totals.map((m) => (
          <dl
            key={m.currency}
            className="facts summary-money"
            aria-label={t('summary.inCurrency', { currency: m.currency })}
            data-testid={`penalty-totals-${m.currency}`}
          >
            <dt>{t('summary.amount')}</dt>
            <dd>
              <MoneyText amountMinor={m.amountMinor} currency={m.currency} />
            </dd>
            <dt>{t('summary.paid')}</dt>
            <dd>
              <MoneyText amountMinor={m.paidMinor} currency={m.currency} />
            </dd>
            <dt>{t('summary.balance')}</dt>
            <dd className="summary-balance">
              <MoneyText amountMinor={m.balanceMinor} currency={m.currency} />
            </dd>
          </dl>
        ))
      )}
    </Card>
  );
}

function Deadlines({ overview: o }: { overview: CaseOverview }) {
  const t = useT();
  const rows = o.deadlines.rows.slice(0, DEADLINES_SHOWN);
  const more = o.deadlines.total - rows.length;
  return (
    <Card compact className="panel case-summary" aria-labelledby="summary-deadlines">
      <div className="panel-head">
        <h2 className="panel-title" id="summary-deadlines">
          {t('summary.deadlines')}
        </h2>
        {o.deadlines.overdueTotal > 0 && (
          <Tag minimal intent="danger" icon="warning-sign" className="status-tag">
            {t('summary.overdue', { count: o.deadlines.overdueTotal })}
          </Tag>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('summary.noDeadlines')}</p>
      ) : (
        <ol className="summary-deadlines" aria-label={t('summary.deadlines')}>
          {rows.map((d) => (
            <li key={`${d.kind}:${d.recordId}`} className={d.overdue ? 'is-overdue' : undefined}>
              <div className="summary-line">
                <DateText value={d.dueOn} />
                <DaysLeft deadline={d} verbose />
              </div>
              <DeadlineRecordLink deadline={d}>{deadlineLabel(d, t)}</DeadlineRecordLink>
            </li>
          ))}
        </ol>
      )}
      {more > 0 && <p className="muted summary-more">{t('summary.moreDeadlines', { count: more })}</p>}
    </Card>
  );
}

/** Where the limitation period runs from, and what it ends on: from the opening date it overstates the time left. */
function LimitationPeriod({ overview: o }: { overview: CaseOverview }) {
  const t = useT();
  const l = o.limitation;
  return (
    <Card compact className="panel case-summary" aria-labelledby="summary-limitation" data-testid="summary-limitation">
      <div className="panel-head">
        <h2 className="panel-title" id="summary-limitation">
          {t('summary.limitation')}
        </h2>
        {l.met && (
          <Tag minimal intent="success" icon="tick" className="status-tag">
            {t('summary.limitation.met')}
          </Tag>
        )}
      </div>
      <dl className="facts">
        <dt>{t('summary.limitation.years')}</dt>
        <dd className="num">{t('summary.limitation.yearsValue', { years: l.years })}</dd>
        <dt>{l.basis === 'contravention' ? t('summary.limitation.fromContravention') : t('summary.limitation.fromOpening')}</dt>
        <dd>
          <DateText value={l.from} />
        </dd>
        <dt>{t('summary.limitation.ends')}</dt>
        <dd>
          <DateText value={l.endsOn} />
        </dd>
      </dl>
      {l.basis === 'opening' && (
        <Callout intent="warning" compact className="summary-flag">
          {t('summary.limitation.noContravention')}
          {l.earliestExportOn && (
            <>
              {' '}
              {t('summary.limitation.earliestExport')} <DateText value={l.earliestExportOn} />
            </>
          )}
        </Callout>
      )}
    </Card>
  );
}
