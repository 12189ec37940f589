import { useEffect } from 'react';
import { Button, DialogBody, DialogFooter } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { CheckDetail } from '../../../../db/api.ts';
import { checkAddGoodsInput } from '../../../../db/shared/inputs/checks.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { emptyGoods, GoodsFields, goodsInput, goodsLocal, type GoodsForm } from './goods.tsx';

/** Adds a goods line to a check not yet conducted. */
export function AddGoodsDialog(props: { isOpen: boolean; check: CheckDetail; onClose(): void; onSaved(c: CheckDetail): void }) {
  const t = useT();
  const c = props.check;
  const form = useForm({
    schema: checkAddGoodsInput,
    initial: emptyGoods,
    input: (v) => ({ checkId: c.id, ...goodsInput(v) }),
    local: (v) => goodsLocal(v, '', t),
    save: async (data) => {
      const next = await call('checks.addGoods', data);
      toast({ message: t('check.goods.added'), intent: 'success', icon: 'tick' });
      props.onClose();
      props.onSaved(next);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);
  const title = t('check.goods.addTitle');
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="box" className="check-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <p className="muted">{t('check.goods.addHint')}</p>
          <FormRefusal refusal={form.refusal} />
          <GoodsFields
            line={form.values}
            at=""
            errors={form.errors}
            focus={props.isOpen}
            onChange={(patch: Partial<GoodsForm>) => form.set(patch)}
          />
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="add" text={t('check.goods.addSubmit')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
