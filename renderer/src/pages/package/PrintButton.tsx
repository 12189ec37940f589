import { useEffect, useRef } from 'react';
import { Button } from '@blueprintjs/core';
import { useLocale, useT } from '../../i18n/index.tsx';
import { useJob } from '../../lib/useJob.ts';
import { toast } from '../../lib/toaster.ts';
import { useMenuCommand } from '../../lib/menuCommands.ts';
import { downloadExport } from './download.ts';

/**
 * File > Print or Save as PDF: a seizure's chain-of-custody record or a case's one-page summary,
 * printed by the same code as `dossier report` (a job), then saved as a PDF to open or print.
 */
export function PrintButton({ record, id }: { record: 'custody' | 'summary'; id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const { job, error, start } = useJob('printRecord');
  const saved = useRef<string | null>(null);
  const print = () => {
    if (job?.status !== 'running') start({ record, id, locale });
  };
  useMenuCommand('print', print);
  useEffect(() => {
    if (job?.status === 'done' && saved.current !== job.id) {
      saved.current = job.id;
      downloadExport(job.result?.name ?? '').catch((err: unknown) =>
        toast({ message: t('error.generic', { message: err instanceof Error ? err.message : String(err) }), intent: 'danger' }),
      );
    }
    if (job?.status === 'failed') toast({ message: t('job.failed', { message: job.error ?? '' }), intent: 'danger' });
  }, [job, t]);
  useEffect(() => {
    if (error) toast({ message: t('error.generic', { message: error }), intent: 'danger' });
  }, [error, t]);
  return (
    <Button
      icon="print"
      text={t(record === 'custody' ? 'pkg.printCustody' : 'pkg.printSummary')}
      loading={job?.status === 'running'}
      onClick={print}
    />
  );
}
