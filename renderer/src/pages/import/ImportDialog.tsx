import { useEffect, useRef, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, ProgressBar } from '@blueprintjs/core';
import type { SecurityMarking } from '../../../../db/shared/domain.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useFormat, useT } from '../../i18n/index.tsx';
import { useJob } from '../../lib/useJob.ts';
import { storeEvidenceFile, type StoredFile, type Transfer } from '../../lib/evidence.ts';
import { refusalText } from '../../lib/refusals.ts';
import { navigate } from '../../lib/router.ts';
import { Inspection } from './Inspection.tsx';
import './import.css';

type Purpose = 'import' | 'verify';
type Upload = { name: string; done: number; total: number; transfer: Transfer } | null;

/**
 * File > Import package: the ZIP is copied into the evidence store (as an evidence upload is), a
 * job verifies the bag and says what an import would do, record by record; Import (a new case) or
 * Merge (a case already here) then runs the import job: the evidence files copied and checked,
 * the records written, each audited.
 */
export function ImportDialog(props: {
  isOpen: boolean;
  onClose(): void;
  onImported?: () => void;
  /** File > Verify package: the same flow, stopping at the verdict (with Import… to go on). */
  purpose?: Purpose;
}) {
  const t = useT();
  const [purpose, setPurpose] = useState<Purpose>(props.purpose ?? 'import');
  // "Choose another package" starts over with a fresh flow (its own upload and jobs).
  const [round, setRound] = useState(0);
  // Escape and the close button stop what the flow has under way (the upload, a job), as Cancel does.
  const closeFlow = useRef<() => void>(props.onClose);
  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={() => closeFlow.current()}
      title={t(purpose === 'verify' ? 'imp.verifyTitle' : 'imp.title')}
      icon={purpose === 'verify' ? 'endorsed' : 'import'}
      className="import-dialog"
    >
      <ImportFlow
        key={round}
        purpose={purpose}
        onImportInstead={() => setPurpose('import')}
        onClose={props.onClose}
        onRestart={() => setRound((r) => r + 1)}
        closeRef={closeFlow}
        onImported={() => props.onImported?.()}
      />
    </Dialog>
  );
}

function ImportFlow(props: {
  purpose: Purpose;
  onImportInstead(): void;
  onClose(): void;
  onRestart(): void;
  onImported(): void;
  closeRef: { current: () => void };
}) {
  const verifying = props.purpose === 'verify';
  const t = useT();
  const f = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [stored, setStored] = useState<StoredFile | null>(null);
  const inspecting = useJob('inspectPackage');
  const importing = useJob('importPackage');
  const inspected = inspecting.job?.status === 'done' ? inspecting.job.result : null;
  const imported = importing.job?.status === 'done' ? importing.job.result : null;
  const inspection = inspected?.inspection ?? null;
  const busy = upload !== null || inspecting.job?.status === 'running' || importing.job?.status === 'running';

  const choose = (file: File) => {
    setUploadError(null);
    setStored(null);
    const transfer = storeEvidenceFile(file, (done, total) => setUpload((u) => (u ? { ...u, done, total } : u)));
    setUpload({ name: file.name, done: 0, total: file.size, transfer });
    transfer.done
      .then((s) => {
        setUpload(null);
        setStored(s);
        inspecting.start({ sha256: s.sha256, size: s.size });
      })
      .catch((err: unknown) => {
        setUpload(null);
        if ((err as { code?: string }).code !== 'cancelled')
          setUploadError(t('imp.uploadFailed', { message: err instanceof Error ? err.message : String(err) }));
      });
  };
  const close = () => {
    upload?.transfer.cancel();
    if (inspecting.job?.status === 'running') inspecting.cancel();
    if (importing.job?.status === 'running') importing.cancel();
    props.onClose();
  };
  useEffect(() => {
    props.closeRef.current = close;
  });
  const result = imported?.imported ?? null;
  const { onImported } = props;
  const written = result !== null && result.outcome !== 'already_imported';
  // Told once, when the import has written: the list behind the dialog shows the case.
  const told = useRef(false);
  useEffect(() => {
    if (!written || told.current) return;
    told.current = true;
    onImported();
  }, [written, onImported]);
  const refusal = imported?.refusal ?? inspected?.refusal ?? null;
  const problems = inspected && !inspected.verify.valid ? inspected.verify.problems : [];
  const canImport = !verifying && inspection && inspection.status !== 'already_imported' && !importing.job && stored;

  return (
    <>
      {/* The body scrolls with a long list of differences: a region reachable by keyboard, the footer always in view. */}
      <DialogBody role="region" aria-label={t('imp.title')} tabIndex={0}>
        {!inspecting.job && !upload && (
          <>
            <p className="muted">{t(verifying ? 'imp.verifyIntro' : 'imp.intro')}</p>
            <label className="bp6-label" htmlFor="import-file">
              {t('imp.choose')}
            </label>
            <input
              ref={input}
              id="import-file"
              className="imp-file"
              type="file"
              accept=".zip,application/zip"
              aria-describedby="import-file-hint"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) choose(file);
              }}
            />
            <Button icon="folder-open" intent="primary" text={t('imp.chooseButton')} onClick={() => input.current?.click()} />
            <p id="import-file-hint" className="muted imp-hint">
              {t('imp.chooseHint')}
            </p>
          </>
        )}
        {upload && (
          <div className="job-progress" role="status" aria-live="polite">
            <div className="job-progress-step">
              {t('imp.uploading', { name: upload.name })}
              <span className="muted num"> {f.percent(upload.total ? upload.done / upload.total : 0)}</span>
            </div>
            <ProgressBar value={upload.total ? upload.done / upload.total : 0} intent="primary" aria-label={t('job.progress')} />
            <div className="job-progress-actions">
              <Button icon="stop" text={t('imp.cancel')} onClick={() => upload.transfer.cancel()} />
            </div>
          </div>
        )}
        {uploadError && (
          <Callout intent="danger" role="alert">
            {uploadError}
          </Callout>
        )}
        {inspecting.job?.status === 'running' && <JobProgress job={inspecting.job} onCancel={inspecting.cancel} />}
        {importing.job?.status === 'running' && <JobProgress job={importing.job} onCancel={importing.cancel} />}
        {[inspecting, importing].map((j, i) =>
          j.error ? (
            <Callout key={i} intent="danger" role="alert">
              {j.error}
            </Callout>
          ) : j.job?.status === 'failed' ? (
            <Callout key={i} intent="danger" role="alert">
              {t('job.failed', { message: j.job.error ?? '' })}
            </Callout>
          ) : null,
        )}
        {(inspecting.job?.status === 'cancelled' || importing.job?.status === 'cancelled') && (
          <Callout intent="warning" role="status">
            {t('imp.cancelled')}
          </Callout>
        )}
        {problems.length > 0 && (
          <Callout intent="danger" icon="error" role="alert" className="imp-problems">
            <p>{t(verifying ? 'imp.verifyInvalid' : 'imp.invalid', { count: problems.length })}</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i} className="mono">
                  {p.message}
                </li>
              ))}
            </ul>
          </Callout>
        )}
        {verifying && inspected?.verify.valid && (
          <Callout intent="success" icon="endorsed" role="status" className="imp-verified">
            <p>
              {t('imp.verified', {
                files: inspected.verify.payloadFiles,
                size: f.bytes(inspected.verify.payloadBytes),
              })}
            </p>
            <BagInfo info={inspected.verify.info} />
          </Callout>
        )}
        {refusal && !verifying && (
          <Callout intent="danger" icon="error" role="alert">
            {t('imp.refused', { message: refusalText(refusal, t, f) })}
          </Callout>
        )}
        {result && (
          <Callout intent="success" icon="tick-circle" role="status" className="imp-done">
            <p>
              {result.outcome === 'already_imported'
                ? t('imp.doneAlready', { at: f.dateTime(result.importedAt), by: result.importedBy })
                : t('imp.done', {
                    outcome: result.outcome,
                    fileNumber: result.fileNumber,
                    added: result.added,
                    updated: result.updated,
                    kept: result.kept,
                  })}
            </p>
            {result.renumbered.map((r) => (
              <p key={r.id} className="muted">
                {t('imp.renumbered', { from: r.from, to: r.to })}
              </p>
            ))}
            <Button
              icon="folder-open"
              intent="primary"
              text={t('imp.open')}
              onClick={() => {
                props.onClose();
                navigate({ page: 'case', id: result.caseId, tab: 'overview' });
              }}
            />
          </Callout>
        )}
        {inspection && !result && !verifying && (
          <Inspection inspection={inspection} marking={inspection.securityMarking as SecurityMarking} />
        )}
      </DialogBody>
      <DialogFooter
        actions={
          <>
            {(inspected || uploadError) && !busy && !result && (
              <Button icon="refresh" text={t('imp.another')} onClick={props.onRestart} />
            )}
            <Button text={result || (verifying && inspected) ? t('common.close') : t('common.cancel')} onClick={close} />
            {verifying && inspection && inspection.status !== 'already_imported' && (
              <Button intent="primary" icon="import" text={t('imp.importInstead')} onClick={props.onImportInstead} />
            )}
            {canImport && (
              <Button
                intent="primary"
                icon={inspection.status === 'exists' ? 'git-merge' : 'import'}
                text={inspection.status === 'exists' ? t('imp.merge') : t('imp.import')}
                onClick={() => importing.start({ ...stored, mode: inspection.status === 'exists' ? 'merge' : 'new' })}
              />
            )}
          </>
        }
      />
    </>
  );
}

/** The bag's own description (bag-info.txt), as a recipient checks it against the covering letter. */
function BagInfo({ info }: { info: [string, string][] }) {
  const shown = info.filter(([label]) => BAG_INFO_SHOWN.includes(label));
  if (shown.length === 0) return null;
  return (
    <dl className="imp-bag-info">
      {shown.map(([label, value], i) => (
        <div key={i}>
          <dt className="mono">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const BAG_INFO_SHOWN = [
  'Source-Organization',
  'Contact-Name',
  'External-Identifier',
  'External-Description',
  'Bagging-Date',
  'Payload-Oxum',
  'Dossier-Package-Id',
  'Dossier-Profile',
  'Dossier-Audit-Head',
  'Dossier-Withheld',
];
