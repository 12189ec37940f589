import { useEffect, useRef, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, InputGroup, ProgressBar, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import { z } from 'zod';
import { evidenceFields } from '../../../../db/shared/inputs/evidence.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { instantFromInput } from '../../lib/dates.ts';
import { mediaTypeOf, storeEvidenceFile, type Transfer } from '../../lib/evidence.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

const metadataSchema = z.strictObject({
  description: evidenceFields.description,
  acquiredBy: evidenceFields.acquiredBy,
  acquiredFrom: evidenceFields.acquiredFrom,
  acquiredAt: evidenceFields.acquiredAt.optional(),
});

interface AttachForm {
  files: File[];
  description: string;
  acquiredBy: string;
  acquiredFrom: string;
  acquiredAt: string;
}

interface Progress {
  name: string;
  done: number;
  total: number;
}

/** Copies files into the evidence store (progress, cancel), then records them with their metadata. */
export function AttachDialog(props: { caseId: string; files: File[]; isOpen: boolean; onClose(): void; onAttached(): void }) {
  const t = useT();
  const f = useFormat();
  const [progress, setProgress] = useState<Progress | null>(null);
  const transfer = useRef<Transfer | null>(null);
  const form = useForm({
    schema: metadataSchema,
    initial: (): AttachForm => ({ files: props.files, description: '', acquiredBy: '', acquiredFrom: '', acquiredAt: '' }),
    input: (v) => ({
      description: v.description,
      acquiredBy: v.acquiredBy,
      acquiredFrom: v.acquiredFrom,
      ...(v.acquiredAt ? { acquiredAt: instantFromInput(v.acquiredAt) } : {}),
    }),
    local: (v): FieldErrors => (v.files.length === 0 ? { files: t('evidence.noFiles') } : {}),
    save: async (data, values): Promise<void> => {
      let attached = 0;
      const ids: string[] = [];
      try {
        for (const file of values.files) {
          setProgress({ name: file.name, done: 0, total: file.size });
          transfer.current = storeEvidenceFile(file, (done, total) => setProgress({ name: file.name, done, total }));
          const stored = await transfer.current.done;
          transfer.current = null;
          const record = await call('evidence.attach', {
            caseId: props.caseId,
            subjectType: 'case',
            sha256: stored.sha256,
            size: stored.size,
            originalName: file.name,
            mediaType: mediaTypeOf(file),
            ...data,
          });
          ids.push(record.id);
          attached += 1;
        }
      } catch (err) {
        // The files attached before the failure stay attached: only the others are left to attach.
        if (attached > 0) {
          props.onAttached();
          form.set({ files: values.files.slice(attached) });
        }
        throw err;
      } finally {
        setProgress(null);
        transfer.current = null;
        // Their words become searchable: the text is read in a worker, as long work is.
        if (ids.length) void call('jobs.start', { kind: 'extractText', input: { evidenceIds: ids } }).catch(() => undefined);
      }
      toast({ message: t('evidence.attached', { count: attached }), intent: 'success', icon: 'paperclip' });
      props.onAttached();
      props.onClose();
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { values, errors } = form;
  const busy = progress !== null;

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={busy ? undefined : props.onClose}
      title={t('evidence.attachTitle')}
      icon="paperclip"
      className="attach-dialog"
      canEscapeKeyClose={!busy}
    >
      <form aria-label={t('evidence.attachTitle')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('evidence.attachHint')}</p>
          <Field id="evidence-files" label={t('evidence.chooseFiles')} error={errors.files} required>
            {(input) => (
              <div
                className="drop-zone"
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  // Added to the files chosen: the case tab behind does not take this drop for a new attachment.
                  e.stopPropagation();
                  form.set({ files: [...values.files, ...Array.from(e.dataTransfer.files)] });
                }}
              >
                <input
                  {...input}
                  type="file"
                  multiple
                  disabled={busy}
                  onChange={(e) => form.set({ files: Array.from(e.currentTarget.files ?? []) })}
                />
                <span className="muted">{t('evidence.dropZone')}</span>
              </div>
            )}
          </Field>
          {values.files.length > 0 && (
            <ul className="file-list" aria-label={t('evidence.filesChosen', { count: values.files.length })}>
              {values.files.map((file) => (
                <li key={`${file.name}-${file.size}-${file.lastModified}`}>
                  <span className="file-name">{file.name}</span> <span className="muted num">{f.bytes(file.size)}</span>
                </li>
              ))}
            </ul>
          )}
          <Field id="evidence-description" label={t('evidence.field.description')} error={errors.description}>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={2}
                value={values.description}
                disabled={busy}
                onChange={(e) => form.set({ description: e.currentTarget.value })}
              />
            )}
          </Field>
          <div className="two-columns">
            <Field id="evidence-acquired-at" label={t('evidence.field.acquiredAt')} error={errors.acquiredAt}>
              {(input) => (
                <InputGroup
                  {...input}
                  type="datetime-local"
                  value={values.acquiredAt}
                  disabled={busy}
                  onValueChange={(acquiredAt) => form.set({ acquiredAt })}
                />
              )}
            </Field>
            <Field id="evidence-acquired-by" label={t('evidence.field.acquiredBy')} error={errors.acquiredBy}>
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.acquiredBy}
                  disabled={busy}
                  onValueChange={(acquiredBy) => form.set({ acquiredBy })}
                />
              )}
            </Field>
          </div>
          <Field id="evidence-acquired-from" label={t('evidence.field.acquiredFrom')} error={errors.acquiredFrom}>
            {(input) => (
              <InputGroup
                {...input}
                value={values.acquiredFrom}
                disabled={busy}
                onValueChange={(acquiredFrom) => form.set({ acquiredFrom })}
              />
            )}
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
          {form.refusal?.code === 'cancelled' ? (
            <Callout intent="warning" role="alert">
              {t('evidence.cancelled')}
            </Callout>
          ) : (
            <FormRefusal refusal={form.refusal} />
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
