import { useEffect, useState } from 'react';
import { Button, DialogBody, DialogFooter, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CheckDetail } from '../../../../db/api.ts';
import { checkCreateInput } from '../../../../db/shared/inputs/checks.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { today } from '../../lib/dates.ts';
import { orNull, useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { CasePicker, type CaseRef } from '../../components/CasePicker.tsx';
import { CheckFields, type CheckForm } from './CheckFields.tsx';
import { emptyGoods, goodsInput, goodsLocal, GoodsLines, type GoodsForm } from './goods.tsx';

type RequestForm = CheckForm & { case: CaseRef | null; goods: GoodsForm[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function emptyRequest(): RequestForm {
  return {
    case: null,
    checkType: 'post_shipment',
    party: null,
    partyRole: 'end_user',
    licenceNumber: '',
    country: '',
    conductedBy: 'export_control_officer',
    conductor: '',
    method: 'on_site',
    requestedOn: today(),
    scheduledOn: '',
    notes: '',
    goods: [],
  };
}

/** "Request a check": an end-use check of a party in a case (the case is chosen here when the list spans every case). */
export function RequestCheckDialog(props: {
  isOpen: boolean;
  caseId?: string | undefined;
  onClose(): void;
  onCreated(c: CheckDetail): void;
}) {
  const t = useT();
  const f = useFormat();
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const form = useForm({
    schema: checkCreateInput,
    initial: emptyRequest,
    input: (v) => ({
      caseId: props.caseId ?? v.case?.id,
      checkType: v.checkType,
      partyId: v.party?.id,
      partyRole: v.partyRole,
      licenceNumber: orNull(v.licenceNumber),
      country: v.country,
      conductedBy: v.conductedBy,
      conductor: v.conductor,
      method: v.method,
      requestedOn: v.requestedOn,
      scheduledOn: v.scheduledOn === '' ? null : v.scheduledOn,
      goods: v.goods.map(goodsInput),
      notes: v.notes,
    }),
    local: (v) => {
      const local: FieldErrors = {};
      v.goods.forEach((line, i) => Object.assign(local, goodsLocal(line, `goods.${i}.`, t)));
      // As the contract says it, before it is asked: a check is not scheduled before it is requested.
      if (DATE.test(v.scheduledOn) && DATE.test(v.requestedOn) && v.scheduledOn < v.requestedOn)
        local.scheduledOn = t('reason.check.before_request', { requestedOn: f.date(v.requestedOn) });
      return local;
    },
    fieldOf: { case: 'caseId', party: 'partyId' },
    save: async (data) => {
      const created = await call('checks.create', data);
      toast({ message: t('check.created', { number: created.checkNumber }), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onCreated(created);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  const { goods } = form.values;
  const changeLine = (index: number, patch: Partial<GoodsForm>) => {
    const next = goods.map((l, i) => (i === index ? { ...l, ...patch } : l));
    form.set({ goods: next }, `goods.${index}.${Object.keys(patch)[0] ?? ''}`);
  };
  const addLine = () => {
    const line = emptyGoods();
    setFocusKey(line.key);
    form.set({ goods: [...goods, line] }, 'goods-list');
  };
  const removeLine = (key: number) => form.set({ goods: goods.filter((l) => l.key !== key) }, 'goods-list');
  const refusal = form.refusal?.field?.startsWith('goods.') ? null : form.refusal;

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={t('check.new.title')} icon="endorsed" className="check-dialog">
      <form aria-label={t('check.new.title')} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('check.new.hint')}</p>
          <FormRefusal refusal={refusal} />
          {!props.caseId && (
            <Field id="new-check-caseId" label={t('enf.field.case')} error={form.errors.caseId} required>
              {(input) => <CasePicker input={input} value={form.values.case} autoFocus onChange={(c) => form.set({ case: c })} />}
            </Field>
          )}
          <CheckFields form={form.values} errors={form.errors} onChange={form.set} autoFocus={Boolean(props.caseId)} />
          <GoodsLines
            lines={goods}
            errors={form.errors}
            focusKey={focusKey}
            onChange={changeLine}
            onAdd={addLine}
            onRemove={removeLine}
          />
          <Field id="new-check-notes" label={t('check.field.notes')} error={form.errors.notes} className="check-notes">
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={2}
                value={form.values.notes}
                onChange={(e) => form.set({ notes: e.currentTarget.value })}
              />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button
                type="submit"
                intent="primary"
                icon="endorsed"
                text={form.saving ? t('common.saving') : t('check.new.submit')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
