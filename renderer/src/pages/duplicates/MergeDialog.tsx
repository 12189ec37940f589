import { useEffect } from 'react';
import { Button, Callout, DialogBody, DialogFooter, Radio, RadioGroup, TextArea } from '@blueprintjs/core';
import type { DuplicatePair, DuplicateSide, EntityMerge } from '../../../../db/api.ts';
import { entityMergeInput } from '../../../../db/shared/inputs/duplicates.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { isAgainst, reasonText } from './reasonText.ts';

interface MergeForm {
  /** Which of the two stays. */
  survivor: 'a' | 'b';
  note: string;
}

/** The record with more ties stays by default: fewer rows move. */
function defaultSurvivor(pair: DuplicatePair): 'a' | 'b' {
  return pair.b.caseCount + pair.b.linkCount > pair.a.caseCount + pair.a.linkCount ? 'b' : 'a';
}

function SideFacts({ side }: { side: DuplicateSide }) {
  const t = useT();
  return (
    <span className="merge-side">
      <strong>{side.name}</strong>
      <span className="muted">
        {' '}
        · {t('dup.ties', { cases: side.caseCount, links: side.linkCount })}
        {side.country ? ` · ${side.country}` : ''}
      </span>
    </span>
  );
}

/** Compare two possible duplicates and merge them: the investigator picks the record that stays. */
export function MergeDialog(props: { pair: DuplicatePair | null; onClose(): void; onMerged(m: EntityMerge): void }) {
  const t = useT();
  const f = useFormat();
  const pair = props.pair;
  const form = useForm({
    schema: entityMergeInput,
    initial: (): MergeForm => ({ survivor: pair ? defaultSurvivor(pair) : 'a', note: '' }),
    input: (v) => {
      const survivor = v.survivor === 'a' ? pair?.a : pair?.b;
      const merged = v.survivor === 'a' ? pair?.b : pair?.a;
      return {
        survivorId: survivor?.id ?? '',
        mergedId: merged?.id ?? '',
        survivorVersion: survivor?.version,
        mergedVersion: merged?.version,
        note: v.note,
      };
    },
    save: async (data) => {
      const merge = await call('entities.merge', data);
      props.onClose();
      props.onMerged(merge);
    },
  });
  const { reset, set } = form;
  useEffect(() => {
    if (pair) {
      reset();
      set({ survivor: defaultSurvivor(pair) });
    }
  }, [pair, reset, set]);
  if (!pair) return null;
  const { values } = form;
  const stays = values.survivor === 'a' ? pair.a : pair.b;
  const goes = values.survivor === 'a' ? pair.b : pair.a;
  const title = t('dup.mergeTitle');
  return (
    <Dialog isOpen onClose={props.onClose} title={title} icon="git-merge" className="merge-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <ul className="dup-reasons" aria-label={t('dup.field.reasons')}>
            {pair.reasons.map((r, i) => (
              <li key={i} className={isAgainst(r) ? 'against' : undefined}>
                {reasonText(r, t, f)}
              </li>
            ))}
          </ul>
          <FormRefusal refusal={form.refusal} />
          <RadioGroup
            label={t('dup.field.survivor')}
            selectedValue={values.survivor}
            onChange={(e) => set({ survivor: e.currentTarget.value === 'b' ? 'b' : 'a' })}
          >
            <Radio value="a" labelElement={<SideFacts side={pair.a} />} />
            <Radio value="b" labelElement={<SideFacts side={pair.b} />} />
          </RadioGroup>
          <Callout intent="primary" icon="info-sign" className="merge-explain">
            {t('dup.mergeExplain', { stays: stays.name, goes: goes.name })}
          </Callout>
          <Field id="merge-note" label={t('dup.field.note')} error={form.errors.note} help={t('dup.field.note.help')}>
            {(input) => (
              <TextArea {...input} fill rows={2} value={values.note} onChange={(e) => set({ note: e.currentTarget.value })} />
            )}
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={props.onClose} />
              <Button type="submit" intent="primary" icon="git-merge" text={t('dup.mergeNow')} loading={form.saving} />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
