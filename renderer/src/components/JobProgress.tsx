import { Button, ProgressBar } from '@blueprintjs/core';
import type { JobState } from '../../../db/api.ts';
import { useFormat, useT } from '../i18n/index.tsx';

/** Any running job: what is being done, how far it has come, and Cancel. */
export function JobProgress({ job, onCancel }: { job: JobState; onCancel(): void }) {
  const t = useT();
  const f = useFormat();
  const p = job.progress;
  const fraction = p && p.total > 0 ? p.done / p.total : undefined;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <div className="job-progress-step">
        {p ? t(`job.step.${p.step}`) : t('job.starting')}
        {fraction !== undefined && <span className="muted num"> {f.percent(fraction)}</span>}
      </div>
      {p?.detail && <div className="job-progress-detail mono muted">{p.detail}</div>}
      <ProgressBar value={fraction} intent="primary" stripes={fraction === undefined} aria-label={t('job.progress')} />
      <div className="job-progress-actions">
        <Button icon="stop" text={t('job.cancel')} onClick={onCancel} />
      </div>
    </div>
  );
}
