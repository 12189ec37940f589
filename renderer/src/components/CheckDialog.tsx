import { useEffect, useState } from 'react';
import { Callout, Classes, DialogBody, Spinner } from '@blueprintjs/core';
import { Dialog } from './Dialog.tsx';
import type { MethodResult } from '../../../db/api.ts';
import { useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';

type Report = MethodResult<'system.check'>;

/** Help > Check database: the same checks as `dossier check`, each problem naming its record. */
export function CheckDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const t = useT();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!isOpen) return;
    setReport(null);
    setError(null);
    call('system.check', {})
      .then(setReport)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, [isOpen]);
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('audit.checkTitle')} icon="shield" className="check-dialog">
      <DialogBody>
        {error ? (
          <Callout intent="danger" role="alert">
            {error}
          </Callout>
        ) : !report ? (
          <div className="check-running" role="status">
            <Spinner size={20} aria-hidden="true" /> {t('audit.checkRunning')}
          </div>
        ) : report.problems.length === 0 ? (
          <Callout intent="success" icon="tick-circle" role="status">
            {t('audit.checkOk', { checked: report.checked.join(', ') })}
          </Callout>
        ) : (
          <>
            <Callout intent="danger" icon="error" role="alert">
              {t('audit.checkProblems', { count: report.problems.length })}
            </Callout>
            <ul className={`check-problems ${Classes.LIST}`}>
              {report.problems.map((p, i) => (
                <li key={`${p.kind}-${i}`}>
                  <span className="mono">{p.kind}</span> {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </DialogBody>
    </Dialog>
  );
}
