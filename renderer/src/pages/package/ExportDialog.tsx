import { useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, Radio, RadioGroup } from '@blueprintjs/core';
import type { Case } from '../../../../db/api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useFormat, useT, type Locale } from '../../i18n/index.tsx';
import { useJob } from '../../lib/useJob.ts';
import { downloadExport } from './download.ts';

type Profile = 'prosecution' | 'partner';

/**
 * File > Export case: the case as an evidence package (a BagIt bag in a ZIP), built by a job in a
 * worker with the file being packed and Cancel; then saved, and checked as any BagIt tool would.
 */
export function ExportDialog(props: { kase: Case; isOpen: boolean; onClose(): void }) {
  const t = useT();
  const f = useFormat();
  const [profile, setProfile] = useState<Profile>('prosecution');
  const [locale, setLocale] = useState<Locale>('en');
  const exporting = useJob('export');
  const verifying = useJob('verifyPackage');
  const [saveError, setSaveError] = useState<string | null>(null);
  const job = exporting.job;
  const running = job?.status === 'running';
  const done = job?.status === 'done' ? job.result : null;
  const report = verifying.job?.status === 'done' ? verifying.job.result : null;
  const close = () => {
    if (running) exporting.cancel();
    props.onClose();
  };
  return (
    <Dialog isOpen={props.isOpen} onClose={close} title={t('pkg.exportTitle')} icon="export" className="export-dialog">
      <DialogBody>
        <p className="muted">{t('pkg.exportIntro', { fileNumber: props.kase.fileNumber })}</p>
        <RadioGroup
          label={t('pkg.profile')}
          selectedValue={profile}
          disabled={running}
          onChange={(e) => setProfile(e.currentTarget.value === 'partner' ? 'partner' : 'prosecution')}
        >
          <Radio
            value="prosecution"
            labelElement={<ProfileLabel name={t('pkg.profile.prosecution')} hint={t('pkg.profile.prosecution.hint')} />}
          />
          <Radio
            value="partner"
            labelElement={<ProfileLabel name={t('pkg.profile.partner')} hint={t('pkg.profile.partner.hint')} />}
          />
        </RadioGroup>
        <label className="bp6-label pkg-locale">
          {t('pkg.reportLanguage')}
          <HTMLSelect
            value={locale}
            disabled={running}
            onChange={(e) => setLocale(e.currentTarget.value === 'fr' ? 'fr' : 'en')}
            options={[
              { value: 'en', label: t('language.en') },
              { value: 'fr', label: t('language.fr') },
            ]}
          />
        </label>
        {running && job && <JobProgress job={job} onCancel={exporting.cancel} />}
        {exporting.error && (
          <Callout intent="danger" role="alert">
            {exporting.error}
          </Callout>
        )}
        {job?.status === 'cancelled' && (
          <Callout intent="warning" role="status">
            {t('pkg.cancelled')}
          </Callout>
        )}
        {job?.status === 'failed' && (
          <Callout intent="danger" role="alert">
            {t('job.failed', { message: job.error ?? '' })}
          </Callout>
        )}
        {done && (
          <Callout intent="success" icon="tick-circle" role="status" className="pkg-done">
            <p>
              {t('pkg.done', {
                name: done.name,
                files: f.number(done.payloadFiles),
                size: f.bytes(done.payloadBytes),
                evidence: done.evidenceFiles,
                seconds: (done.ms / 1000).toFixed(1),
              })}
            </p>
            {done.withheld > 0 && <p>{t('pkg.withheld', { count: done.withheld })}</p>}
            <p className="mono muted break">{done.file}</p>
            <div className="pkg-actions">
              <Button
                icon="download"
                intent="primary"
                text={t('pkg.save')}
                onClick={() => {
                  setSaveError(null);
                  downloadExport(done.name).catch((err: unknown) =>
                    setSaveError(err instanceof Error ? err.message : String(err)),
                  );
                }}
              />
              <Button
                icon="shield"
                text={t('pkg.verify')}
                loading={verifying.job?.status === 'running'}
                onClick={() => verifying.start({ name: done.name })}
              />
            </div>
            {saveError && <p className="danger-text">{saveError}</p>}
          </Callout>
        )}
        {report &&
          (report.valid ? (
            <Callout intent="success" icon="shield" role="status">
              {t('pkg.valid', { files: f.number(report.payloadFiles) })}
            </Callout>
          ) : (
            <Callout intent="danger" icon="error" role="alert">
              <p>{t('pkg.invalid', { count: report.problems.length })}</p>
              <ul>
                {report.problems.map((p, i) => (
                  <li key={i} className="mono">
                    {p.message}
                  </li>
                ))}
              </ul>
            </Callout>
          ))}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            <Button text={done ? t('common.close') : t('common.cancel')} onClick={close} />
            {!done && (
              <Button
                intent="primary"
                icon="export"
                text={t('pkg.export')}
                loading={running}
                onClick={() => exporting.start({ caseId: props.kase.id, profile, locale })}
              />
            )}
          </>
        }
      />
    </Dialog>
  );
}

function ProfileLabel({ name, hint }: { name: string; hint: string }) {
  return (
    <span>
      <strong>{name}</strong> <span className="muted">— {hint}</span>
    </span>
  );
}
