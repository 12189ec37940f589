import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, InputGroup, ProgressBar, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { z } from 'zod';
import { evidenceFields } from '../../../../db/shared/inputs/evidence.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { ApiError, call } from '../../lib/client.ts';
import { mediaTypeOf, storeEvidenceFile, type Transfer } from '../../lib/evidence.ts';
import { toast } from '../../lib/toaster.ts';
import { validate } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';

const metadataSchema = z.strictObject({
  description: evidenceFields.description,
  acquiredBy: evidenceFields.acquiredBy,
  acquiredFrom: evidenceFields.acquiredFrom,
  acquiredAt: evidenceFields.acquiredAt.optional(),
});

interface Progress {
  name: string;
  done: number;
  total: number;
}

/** Copies files into the evidence store (progress, cancel), then records them with their metadata. */
export function AttachDialog(props: { caseId: string; files: File[]; isOpen: boolean; onClose(): void; onAttached(): void }) {
  const t = useT();
  const f = useFormat();
  const [files, setFiles] = useState<File[]>(props.files);
  const [meta, setMeta] = useState({ description: '', acquiredBy: '', acquiredFrom: '', acquiredAt: '' });
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<{ field?: string | undefined; message: string; cancelled?: boolean } | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const transfer = useRef<Transfer | null>(null);
  useEffect(() => setFiles(props.files), [props.files]);

  const acquiredAtIso = meta.acquiredAt ? new Date(meta.acquiredAt).toISOString() : undefined;
  const check = useMemo(
    () =>
      validate(
        metadataSchema,
        {
          description: meta.description,
          acquiredBy: meta.acquiredBy,
          acquiredFrom: meta.acquiredFrom,
          ...(acquiredAtIso ? { acquiredAt: acquiredAtIso } : {}),
        },
        t,
      ),
    [meta, acquiredAtIso, t],
  );
  const errors: Record<string, string> = check.ok ? {} : { ...check.errors };
  if (submitted && files.length === 0) errors.files = t('evidence.noFiles');
  if (error?.field && !errors[error.field]) errors[error.field] = error.message;
  const busy = progress !== null;

  const attach = async () => {
    setSubmitted(true);
    if (!check.ok || files.length === 0) return;
    setError(null);
    let attached = 0;
    try {
      for (const file of files) {
        setProgress({ name: file.name, done: 0, total: file.size });
        transfer.current = storeEvidenceFile(file, (done, total) => setProgress({ name: file.name, done, total }));
        const stored = await transfer.current.done;
        transfer.current = null;
        await call('evidence.attach', {
          caseId: props.caseId,
          subjectType: 'case',
          sha256: stored.sha256,
          size: stored.size,
          originalName: file.name,
          mediaType: mediaTypeOf(file),
          ...check.data,
        });
        attached += 1;
      }
      toast({ message: t('evidence.attached', { count: attached }), intent: 'success', icon: 'paperclip' });
      setFiles([]);
      setMeta({ description: '', acquiredBy: '', acquiredFrom: '', acquiredAt: '' });
      setSubmitted(false);
      props.onAttached();
      props.onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'cancelled') setError({ message: t('evidence.cancelled'), cancelled: true });
      else setError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: String(err) });
      if (attached > 0) props.onAttached();
      setFiles((all) => all.slice(attached));
    } finally {
      setProgress(null);
      transfer.current = null;
    }
  };

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={busy ? undefined : props.onClose}
      title={t('evidence.attachTitle')}
      icon="paperclip"
      className="attach-dialog"
      canEscapeKeyClose={!busy}
    >
      <form
        noValidate
        aria-label={t('evidence.attachTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          void attach();
        }}
      >
        <DialogBody>
          <p className="muted">{t('evidence.attachHint')}</p>
          <Field id="evidence-files" label={t('evidence.chooseFiles')} error={errors.files} required>
            <div
              className="drop-zone"
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                setFiles((all) => [...all, ...Array.from(e.dataTransfer.files)]);
              }}
            >
              <input
                id="evidence-files"
                type="file"
                multiple
                disabled={busy}
                onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))}
              />
              <span className="muted">{t('evidence.dropZone')}</span>
            </div>
          </Field>
          {files.length > 0 && (
            <ul className="file-list" aria-label={t('evidence.filesChosen', { count: files.length })}>
              {files.map((file) => (
                <li key={`${file.name}-${file.size}-${file.lastModified}`}>
                  <span className="file-name">{file.name}</span> <span className="muted num">{f.bytes(file.size)}</span>
                </li>
              ))}
            </ul>
          )}
          <Field id="evidence-description" label={t('evidence.field.description')} error={errors.description}>
            <TextArea
              id="evidence-description"
              fill
              rows={2}
              value={meta.description}
              disabled={busy}
              onChange={(e) => {
                // Read the value now: the updater runs later, when React has released the event.
                const description = e.currentTarget.value;
                setMeta((m) => ({ ...m, description }));
              }}
            />
          </Field>
          <div className="two-columns">
            <Field id="evidence-acquired-at" label={t('evidence.field.acquiredAt')} error={errors.acquiredAt}>
              <InputGroup
                id="evidence-acquired-at"
                type="datetime-local"
                value={meta.acquiredAt}
                disabled={busy}
                onValueChange={(acquiredAt) => setMeta((m) => ({ ...m, acquiredAt }))}
              />
            </Field>
            <Field id="evidence-acquired-by" label={t('evidence.field.acquiredBy')} error={errors.acquiredBy}>
              <InputGroup
                id="evidence-acquired-by"
                value={meta.acquiredBy}
                disabled={busy}
                onValueChange={(acquiredBy) => setMeta((m) => ({ ...m, acquiredBy }))}
              />
            </Field>
          </div>
          <Field id="evidence-acquired-from" label={t('evidence.field.acquiredFrom')} error={errors.acquiredFrom}>
            <InputGroup
              id="evidence-acquired-from"
              value={meta.acquiredFrom}
              disabled={busy}
              onValueChange={(acquiredFrom) => setMeta((m) => ({ ...m, acquiredFrom }))}
            />
          </Field>
          {progress && (
            <div className="transfer" role="status" aria-live="polite">
              <div>
                {t('evidence.copying', { name: progress.name, done: f.bytes(progress.done), total: f.bytes(progress.total) })}
              </div>
              <ProgressBar
                value={progress.total ? progress.done / progress.total : undefined}
                intent="primary"
                stripes={false}
                aria-label={progress.name}
              />
            </div>
          )}
          {error && !error.field && (
            <Callout intent={error.cancelled ? 'warning' : 'danger'} role="alert">
              {error.message}
            </Callout>
          )}
        </DialogBody>
        <DialogFooter
          actions={
            busy ? (
              <Button icon="stop" text={t('evidence.cancel')} onClick={() => transfer.current?.cancel()} />
            ) : (
              <>
                <Button text={t('common.cancel')} onClick={props.onClose} />
                <Button type="submit" intent="primary" icon="paperclip" text={t('evidence.attach')} />
              </>
            )
          }
        />
      </form>
    </Dialog>
  );
}
