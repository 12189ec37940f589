import { useEffect } from 'react';
import { Button, Checkbox, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import type { InspectionDetail } from '../../../../db/api.ts';
import {
  INSPECTION_EXAMINED,
  INSPECTION_PLACE_KINDS,
  INSPECTION_SELECTIONS,
  type InspectionPlaceKind,
  type InspectionSelection,
} from '../../../../db/shared/domain.ts';
import { inspectionCreateInput } from '../../../../db/shared/inputs/inspections.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { useSettings } from '../../lib/settings.tsx';
import { toast } from '../../lib/toaster.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { emptyInspection, inspectionFieldOf, inspectionInput, inspectionLocal, type InspectionForm } from './inspectionForm.ts';
import { ResultFields } from './ResultFields.tsx';
import '../detentions/enforcement.css';
import './inspections.css';

const PARTY_KINDS = ['person', 'organization'] as const;
const CONVEYANCE = ['conveyance'] as const;

type RecordForm = InspectionForm & { case: CaseRef | null };

/** "Record an inspection": where, when and why a shipment was examined, what was looked at, and optionally its result. */
export function RecordInspectionDialog(props: {
  isOpen: boolean;
  caseId?: string | undefined;
  onClose(): void;
  onCreated(i: InspectionDetail): void;
}) {
  const t = useT();
  const { settings } = useSettings();
  const officer = settings?.profile?.name ?? '';
  const form = useForm({
    schema: inspectionCreateInput,
    initial: (): RecordForm => ({ ...emptyInspection(officer), case: null }),
    input: (v) => ({ caseId: props.caseId ?? v.case?.id, ...inspectionInput(v) }),
    local: (v) => inspectionLocal(v, t),
    fieldOf: { ...inspectionFieldOf, case: 'caseId' },
    save: async (data) => {
      const created = await call('inspections.create', data);
      toast({ message: t('inspection.created', { number: created.inspectionNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onCreated(created);
    },
  });
  const { reset, values, errors } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const id = (name: string) => `new-inspection-${name}`;
  const title = t('inspections.new.title');

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="search-template" className="insp-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('inspections.new.hint')}</p>
          <FormRefusal refusal={form.refusal} />
          <div className="insp-fields">
            {!props.caseId && (
              <Field id={id('caseId')} label={t('enf.field.case')} error={errors.caseId} required className="span-2">
                {(input) => <CasePicker input={input} value={values.case} autoFocus onChange={(c) => form.set({ case: c })} />}
              </Field>
            )}
            {!props.caseId && <span className="insp-filler span-2" aria-hidden="true" />}
            <Field id={id('placeKind')} label={t('inspection.field.placeKind')} error={errors.placeKind} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  autoFocus={Boolean(props.caseId)}
                  value={values.placeKind}
                  onChange={(e) => form.set({ placeKind: e.currentTarget.value as InspectionPlaceKind })}
                  options={INSPECTION_PLACE_KINDS.map((k) => ({ value: k, label: t(`inspection.placeKind.${k}`) }))}
                />
              )}
            </Field>
            <Field id={id('place')} label={t('inspection.field.place')} error={errors.place} required className="span-2">
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.place}
                  placeholder={t('inspection.field.place.placeholder')}
                  intent={errors.place ? 'danger' : 'none'}
                  onValueChange={(place) => form.set({ place })}
                />
              )}
            </Field>
            <Field id={id('inspectedAt')} label={t('inspection.field.inspectedAt')} error={errors.inspectedAt} required>
              {(input) => (
                <InputGroup
                  {...input}
                  type="datetime-local"
                  value={values.inspectedAt}
                  intent={errors.inspectedAt ? 'danger' : 'none'}
                  onValueChange={(inspectedAt) => form.set({ inspectedAt })}
                />
              )}
            </Field>
            <Field
              id={id('shipmentReference')}
              label={t('inspection.field.shipmentReference')}
              error={errors.shipmentReference}
              help={t('inspection.field.shipmentReference.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.shipmentReference}
                  onValueChange={(shipmentReference) => form.set({ shipmentReference })}
                />
              )}
            </Field>
            <Field id={id('exporterId')} label={t('inspection.field.exporter')} error={errors.exporterId}>
              {(input) => (
                <EntityPicker
                  input={input}
                  kinds={PARTY_KINDS}
                  value={values.exporter}
                  onChange={(exporter) => form.set({ exporter })}
                />
              )}
            </Field>
            <Field id={id('consigneeId')} label={t('inspection.field.consignee')} error={errors.consigneeId}>
              {(input) => (
                <EntityPicker
                  input={input}
                  kinds={PARTY_KINDS}
                  value={values.consignee}
                  onChange={(consignee) => form.set({ consignee })}
                />
              )}
            </Field>
            <Field id={id('conveyanceId')} label={t('inspection.field.conveyance')} error={errors.conveyanceId}>
              {(input) => (
                <EntityPicker
                  input={input}
                  kinds={CONVEYANCE}
                  value={values.conveyance}
                  onChange={(conveyance) => form.set({ conveyance })}
                />
              )}
            </Field>
            <Field id={id('selection')} label={t('inspection.field.selection')} error={errors.selection} required>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.selection}
                  onChange={(e) => form.set({ selection: e.currentTarget.value as InspectionSelection | '' })}
                  options={[
                    { value: '', label: t('inspection.selection.choose') },
                    ...INSPECTION_SELECTIONS.map((s) => ({ value: s, label: t(`inspection.selection.${s}`) })),
                  ]}
                />
              )}
            </Field>
            <Field
              id={id('selectionDetail')}
              label={t('inspection.field.selectionDetail')}
              error={errors.selectionDetail}
              help={values.selection ? t(`inspection.selectionDetail.help.${values.selection}`) : undefined}
              className="span-2"
            >
              {(input) => (
                <InputGroup
                  {...input}
                  value={values.selectionDetail}
                  onValueChange={(selectionDetail) => form.set({ selectionDetail })}
                />
              )}
            </Field>
            <Field id={id('officer')} label={t('inspection.field.officer')} error={errors.officer}>
              {(input) => <InputGroup {...input} value={values.officer} onValueChange={(o) => form.set({ officer: o })} />}
            </Field>
            <fieldset className="insp-examined span-2">
              <legend className="bp6-label">{t('inspection.field.examined')}</legend>
              <div className="insp-checks">
                {INSPECTION_EXAMINED.map((what) => (
                  <Checkbox
                    key={what}
                    inline
                    label={t(`inspection.examined.${what}`)}
                    checked={values.examined.includes(what)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      const next = INSPECTION_EXAMINED.filter((w) => (w === what ? on : values.examined.includes(w)));
                      form.set({ examined: next });
                    }}
                  />
                ))}
              </div>
            </fieldset>
            <Field id={id('sealsFound')} label={t('inspection.field.sealsFound')} error={errors.sealsFound}>
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.sealsFound}
                  onValueChange={(sealsFound) => form.set({ sealsFound })}
                />
              )}
            </Field>
            <Field id={id('sealsApplied')} label={t('inspection.field.sealsApplied')} error={errors.sealsApplied}>
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.sealsApplied}
                  onValueChange={(sealsApplied) => form.set({ sealsApplied })}
                />
              )}
            </Field>
            <Field id={id('findings')} label={t('inspection.field.findings')} error={errors.findings} className="span-3">
              {(input) => (
                <TextArea
                  {...input}
                  fill
                  rows={3}
                  value={values.findings}
                  onChange={(e) => form.set({ findings: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field
              id={id('inspectionNumber')}
              label={t('inspection.field.number')}
              error={errors.inspectionNumber}
              help={t('inspection.field.number.help')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  className="mono-input"
                  value={values.inspectionNumber}
                  intent={errors.inspectionNumber ? 'danger' : 'none'}
                  onValueChange={(inspectionNumber) => form.set({ inspectionNumber })}
                />
              )}
            </Field>
          </div>
          <h3 className="panel-title insp-section-title">{t('inspection.section.result')}</h3>
          <ResultFields idPrefix="new-inspection" form={values} errors={errors} onChange={form.set} touch={form.touch} />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="tick"
                text={form.saving ? t('common.saving') : t('inspections.new.submit')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
