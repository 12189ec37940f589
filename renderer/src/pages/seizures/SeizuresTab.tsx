import { useState } from 'react';
import { Button } from '@blueprintjs/core';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { refusalOf } from '../../lib/refusals.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { navigate } from '../../lib/router.ts';
import { MoneyText } from '../../components/MoneyText.tsx';
import { SeizureTable } from './SeizureTable.tsx';
import { RecordSeizureDialog } from './RecordSeizureDialog.tsx';

/** A case's seizures: the value seized per currency, the list, and "Record seizure". */
export function SeizuresTab({ caseId }: { caseId: string }) {
  const t = useT();
  const [recording, setRecording] = useState(false);
  const [refresh, setRefresh] = useState(0);

  const record = <Button intent="primary" icon="add" text={t('seizure.record.action')} onClick={() => setRecording(true)} />;
  return (
    <div className="tab-panel seizures-tab">
      <CaseTotals caseId={caseId} refreshKey={refresh} />
      <SeizureTable
        caseId={caseId}
        reloadKey={refresh}
        actions={record}
        empty={{ icon: 'box', title: t('seizures.caseEmpty.title'), body: t('seizures.caseEmpty.body'), action: record }}
      />
      <RecordSeizureDialog
        caseId={caseId}
        isOpen={recording}
        onClose={() => setRecording(false)}
        onRecorded={(s) => {
          setRefresh((n) => n + 1);
          navigate({ page: 'seizure', id: s.id, itemId: s.items[0]?.id });
        }}
      />
    </div>
  );
}

/** The value seized in the case per currency: exact sums of integer minor units, from SQL. */
function CaseTotals({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const t = useT();
  const f = useFormat();
  const { load, data: totals } = useQuery(() => call('seizures.totalsByCase', { caseId }), `${caseId}:${refreshKey}`);
  if (load.state === 'error')
    return (
      <div className="seizure-totals muted" role="alert">
        {t('error.generic', { message: refusalOf(load.error, t, f).message })}
      </div>
    );
  if (!totals || totals.seizureCount === 0) return null;
  return (
    <section className="seizure-totals" aria-label={t('seizures.caseTotals.label')}>
      <span className="seizure-totals-label">{t('seizures.caseTotals.label')}</span>
      <ul className="seizure-totals-list">
        {totals.totals.map((m) => (
          <li key={m.currency} data-currency={m.currency}>
            <strong className="num">
              <MoneyText amountMinor={m.amountMinor} currency={m.currency} />
            </strong>
            <span className="muted">{t('seizures.caseTotals.items', { count: m.itemCount })}</span>
          </li>
        ))}
      </ul>
      <span className="muted">
        {t('seizures.caseTotals.summary', { seizures: totals.seizureCount, items: totals.itemCount })}
      </span>
    </section>
  );
}
