import { useEffect, useRef, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, ProgressBar, TextArea } from '@blueprintjs/core';
import { z } from 'zod';
import type { InspectionDetail } from '../../../../db/api.ts';
import { evidenceFields } from '../../../../db/shared/inputs/evidence.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { mediaTypeOf, storeEvidenceFile, type Transfer } from '../../lib/evidence.ts';
import { useForm } from '../../lib/form.ts';
import { useSettings } from '../../lib/settings.tsx';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

const metadataSchema = z.strictObject({ description: evidenceFields.description });

interface AttachForm {
  files: File[];
  description: string;
}

interface Progress {
  name: string;
  done: number;
  total: number;
}

/**
 * "Attach a file" to an inspection: each file is copied into the evidence store of the
 * inspection's case (progress, cancel), recorded as evidence of the case, then linked to the
 * inspection (inspections.attachEvidence).
 */
export function AttachFileDialog(props: {
  isOpen: boolean;
  inspection: InspectionDetail;
  onClose(): void;
  onAttached(i: InspectionDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const { settings } = useSettings();
  const i = props.inspection;
  const [progress, setProgress] = useState<Progress | null>(null);
  const transfer = useRef<Transfer | null>(null);
  const form = useForm({
    schema: metadataSchema,
    initial: (): AttachForm => ({ files: [], description: '' }),
    input: (v) => ({ description: v.description }),
    local: (v): FieldErrors => (v.files.length === 0 ? { files: t('evidence.noFiles') } : {}),
    save: async (data, values): Promise<void> => {
      let attached = 0;
      const ids: string[] = [];
      let latest: InspectionDetail | null = null;
      try {
        for (const file of values.files) {
          setProgress({ name: file.name, done: 0, total: file.size });
          transfer.current = storeEvidenceFile(file, (done, total) => setProgress({ name: file.name, done, total }));
          const stored = await transfer.current.done;
          transfer.current = null;
          const record = await call('evidence.attach', {
            caseId: i.caseId,
            subjectType: 'case',
            sha256: stored.sha256,
            size: stored.size,
            originalName: file.name,
            mediaType: mediaTypeOf(file),
            acquiredBy: settings?.profile?.name ?? '',
            acquiredFrom: t('inspection.file.acquiredFrom', { number: i.inspectionNumber }),
            description: data.description,
          });
          ids.push(record.id);
          latest = await call('inspections.attachEvidence', { inspectionId: i.id, evidenceId: record.id });
          attached += 1;
        }
      } catch (err) {
        // The files attached before the failure stay attached: only the others are left to attach.
        if (latest) {
          props.onAttached(latest);
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
      if (latest) props.onAttached(latest);
      props.onClose();
    },
  });
  const { reset, values, errors } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const busy = progress !== null;
  const title = t('inspection.file.title');

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={busy ? undefined : props.onClose}
      canEscapeKeyClose={!busy}
      title={title}
      icon="paperclip"
      className="attach-dialog"
    >
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('inspection.file.hint', { case: i.caseFileNumber })}</p>
          <Field id="insp-files" label={t('evidence.chooseFiles')} error={errors.files} required>
            {(input) => (
              <div
                className="drop-zone"
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  form.set({ files: [...values.files, ...Array.from(e.dataTransfer.files)] });
                }}
              >
                <input
                  {...input}
                  type="file"
                  multiple
                  autoFocus
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
          <Field id="insp-file-description" label={t('evidence.field.description')} error={errors.description}>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={2}
                value={values.description}
                disabled={busy}
                placeholder={t('inspection.file.descriptionPlaceholder')}
                onChange={(e) => form.set({ description: e.currentTarget.value })}
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
                <Button type="submit" intent="primary" icon="paperclip" text={t('inspection.file.submit')} />
              </>
            )
          }
        />
      </form>
    </Dialog>
  );
}
