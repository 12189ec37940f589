import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import type { AuditDetail } from '../../../../db/api.ts';
import { FINDING_SEVERITIES, type FindingSeverity } from '../../../../db/shared/domain.ts';
import { auditAddFindingInput } from '../../../../db/shared/inputs/compliance-audits.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { useQuery } from '../../lib/useQuery.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';

interface FindingForm {
  severity: FindingSeverity | '';
  provision: string;
  description: string;
  evidenceId: string;
}

const emptyForm = (): FindingForm => ({ severity: '', provision: '', description: '', evidenceId: '' });

/** "Add a finding": what the audit found, its severity, the provision concerned and the evidence file behind it. */
export function FindingDialog(props: { isOpen: boolean; audit: AuditDetail; onClose(): void; onAdded(a: AuditDetail): void }) {
  const t = useT();
  const a = props.audit;
  const form = useForm({
    schema: auditAddFindingInput,
    initial: emptyForm,
    input: (v) => ({
      auditId: a.id,
      ...(v.severity ? { severity: v.severity } : {}),
      provision: v.provision,
      description: v.description,
      evidenceId: v.evidenceId || null,
    }),
    save: async (data) => {
      const next = await call('complianceAudits.addFinding', data);
      toast({ message: t('compliance.finding.added'), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onAdded(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const files = useQuery(() => call('evidence.list', { caseId: a.caseId, limit: 500 }), a.caseId, { enabled: props.isOpen });
  const evidence = files.load.state === 'ready' ? files.load.data.rows : [];
  const { errors, values } = form;
  const title = t('compliance.finding.title');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="search-template" className="enf-small-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('compliance.finding.newHint', { number: a.auditNumber })}</p>
          <FormRefusal refusal={form.refusal} />
          <div className="two-columns">
            <Field id="finding-severity" label={t('compliance.finding.severity')} error={errors.severity} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  autoFocus
                  value={values.severity}
                  onChange={(e) => form.set({ severity: e.currentTarget.value as FindingSeverity | '' })}
                  options={[
                    { value: '', label: t('compliance.finding.chooseSeverity') },
                    ...FINDING_SEVERITIES.map((s) => ({ value: s, label: t(`compliance.severity.${s}`) })),
                  ]}
                />
              )}
            </Field>
            <Field
              id="finding-provision"
              label={t('compliance.finding.provision')}
              error={errors.provision}
              help={t('compliance.finding.provision.help')}
            >
              {(input) => (
                <InputGroup {...input} value={values.provision} onValueChange={(provision) => form.set({ provision })} />
              )}
            </Field>
          </div>
          <Field id="finding-description" label={t('compliance.finding.description')} error={errors.description} required>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={3}
                value={values.description}
                onChange={(e) => form.set({ description: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field
            id="finding-evidenceId"
            label={t('compliance.finding.evidence')}
            error={errors.evidenceId}
            help={evidence.length === 0 ? t('compliance.finding.evidence.none') : t('compliance.finding.evidence.help')}
          >
            {(input) => (
              <HTMLSelect
                {...input}
                fill
                value={values.evidenceId}
                disabled={evidence.length === 0}
                onChange={(e) => form.set({ evidenceId: e.currentTarget.value })}
                options={[
                  { value: '', label: t('compliance.finding.noEvidence') },
                  ...evidence.map((e) => ({ value: e.id, label: e.originalName })),
                ]}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="add" text={t('compliance.finding.add')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
