import { useEffect } from 'react';
import { Button, Callout, Classes, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from './Dialog.tsx';
import { JobProgress } from './JobProgress.tsx';
import { useFormat, useT } from '../i18n/index.tsx';
import { useJob } from '../lib/useJob.ts';

/**
 * Help > Check database: the same checks as `dossier check`, run as a job in a worker (the app
 * keeps answering), with its progress and Cancel; each problem names its record.
 */
export function CheckDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const t = useT();
  const f = useFormat();
  const { job, error, start, cancel } = useJob('check');
  useEffect(() => {
    if (isOpen) start();
  }, [isOpen, start]);
  const report = job?.status === 'done' ? job.result : null;
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={t('audit.checkTitle')} icon="shield" className="check-dialog">
      <DialogBody>
        {error ? (
          <Callout intent="danger" role="alert">
            {error}
          </Callout>
        ) : job?.status === 'cancelled' ? (
          <Callout intent="warning" role="status">
            {t('job.cancelled')}
          </Callout>
        ) : job?.status === 'failed' ? (
          <Callout intent="danger" role="alert">
            {t('job.failed', { message: job.error ?? '' })}
          </Callout>
        ) : !report ? (
          <>
            <p className="muted">{t('audit.checkRunning')}</p>
            {job && <JobProgress job={job} onCancel={cancel} />}
          </>
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
        {report && (
          <div className="check-chain">
            <p>
              {report.chain.head
                ? t('audit.checkHead', {
                    records: f.number(report.chain.records),
                    seq: f.number(report.chain.head.seq),
                    when: f.dateTime(report.chain.head.signed_at),
                    key: (report.chain.head.fingerprint.slice(0, 16).match(/.{4}/g) ?? []).join(' '),
                  })
                : t('audit.checkNoHead', { records: f.number(report.chain.records) })}
            </p>
            {report.notes.length > 0 && (
              <ul className={Classes.LIST}>
                {report.notes.map((n) => (
                  <li key={n} className="muted">
                    {n}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </DialogBody>
      {job && job.status !== 'running' && (
        <DialogFooter actions={<Button icon="refresh" text={t('audit.checkAgain')} onClick={() => start()} />} />
      )}
    </Dialog>
  );
}
