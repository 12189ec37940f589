import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import type { AuditDetail } from '../../../../db/api.ts';
import { auditAddActionInput } from '../../../../db/shared/inputs/compliance-audits.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

interface ActionForm {
  description: string;
  owner: string;
  dueOn: string;
  findingId: string;
}

const emptyForm = (): ActionForm => ({ description: '', owner: '', dueOn: '', findingId: '' });

/** One line of a finding, short enough for a select. */
export function findingLabel(f: { lineNo: number; provision: string; description: string }): string {
  const text = f.description.replace(/\s+/g, ' ');
  const short = text.length > 70 ? `${text.slice(0, 69)}…` : text;
  return `${f.lineNo}. ${f.provision ? `${f.provision} · ` : ''}${short}`;
}

/** "Add a corrective action": what the exporter must do, who owns it and by when (it appears in the deadlines). */
export function ActionDialog(props: { isOpen: boolean; audit: AuditDetail; onClose(): void; onAdded(a: AuditDetail): void }) {
  const t = useT();
  const a = props.audit;
  const form = useForm({
    schema: auditAddActionInput,
    initial: emptyForm,
    input: (v) => ({
      auditId: a.id,
      description: v.description,
      owner: v.owner,
      dueOn: v.dueOn,
      findingId: v.findingId || null,
    }),
    save: async (data) => {
      const next = await call('complianceAudits.addAction', data);
      toast({ message: t('compliance.action.added'), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onAdded(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const { errors, values } = form;
  const title = t('compliance.action.title');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="wrench" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('compliance.action.newHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <Field id="action-description" label={t('compliance.action.description')} error={errors.description} required>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                autoFocus
                value={values.description}
                onChange={(e) => form.set({ description: e.currentTarget.value })}
              />
            )}
          </Field>
          <div className="two-columns">
            <Field
              id="action-owner"
              label={t('compliance.action.owner')}
              error={errors.owner}
              required
              help={t('compliance.action.owner.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.owner}
                  onValueChange={(owner) => form.set({ owner })}
                  intent={errors.owner ? 'danger' : 'none'}
                />
              )}
            </Field>
            <Field id="action-dueOn" label={t('compliance.action.dueOn')} error={errors.dueOn} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.dueOn}
                  onValueChange={(dueOn) => form.set({ dueOn })}
                  intent={errors.dueOn ? 'danger' : 'none'}
                />
              )}
            </Field>
          </div>
          <Field
            id="action-findingId"
            label={t('compliance.action.finding')}
            error={errors.findingId}
            help={a.findings.length === 0 ? t('compliance.action.finding.none') : undefined}
          >
            {(input) => (
              <HTMLSelect
                {...input}
                fill
                value={values.findingId}
                disabled={a.findings.length === 0}
                onChange={(e) => form.set({ findingId: e.currentTarget.value })}
                options={[
                  { value: '', label: t('compliance.action.noFinding') },
                  ...a.findings.map((f) => ({ value: f.id, label: findingLabel(f) })),
                ]}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="add" text={t('compliance.action.add')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
