import { useEffect, useMemo } from 'react';
import { Button, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { EntityLink, EntitySummary } from '../../../../db/api.ts';
import {
  LINK_CONFIDENCES,
  LINK_ENDPOINTS,
  LINK_TYPES,
  SAME_KIND_LINKS,
  type EntityKind,
  type LinkConfidence,
  type LinkType,
} from '../../../../db/shared/domain.ts';
import { entityLinkInput } from '../../../../db/shared/inputs/entities.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';

/** Links whose two directions read the same: offered once. */
const SYMMETRIC: readonly LinkType[] = ['same_as', 'associated'];

type Direction = 'out' | 'in';
interface Relation {
  value: string;
  type: LinkType;
  direction: Direction;
  /** The kinds the other end may be; undefined: any. */
  otherKinds: readonly EntityKind[] | undefined;
}

/** The links this entity can take part in, each way, with the kinds the other end may be. */
export function relationsFor(kind: EntityKind): Relation[] {
  const out: Relation[] = [];
  for (const type of LINK_TYPES) {
    const rule = LINK_ENDPOINTS[type];
    const same = SAME_KIND_LINKS.includes(type) ? [kind] : undefined;
    if (rule.from === '*' || rule.from.includes(kind)) {
      out.push({ value: `out:${type}`, type, direction: 'out', otherKinds: same ?? (rule.to === '*' ? undefined : rule.to) });
    }
    if (!SYMMETRIC.includes(type) && (rule.to === '*' || rule.to.includes(kind))) {
      out.push({ value: `in:${type}`, type, direction: 'in', otherKinds: same ?? (rule.from === '*' ? undefined : rule.from) });
    }
  }
  return out;
}

/** "51", "33.33" or "33,33" (percent) as basis points, or null when it is not a percentage. */
function basisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

interface LinkForm {
  relation: string;
  other: EntitySummary | null;
  share: string;
  source: string;
  confidence: LinkConfidence;
  validFrom: string;
  validTo: string;
  notes: string;
}

/**
 * Links the entity to another one found by search (or `other`, already chosen: a link drawn on
 * the chart, first offered the way it was drawn): which link, which way, its source and dates.
 */
export function AddLinkDialog(props: {
  isOpen: boolean;
  entity: Pick<EntitySummary, 'id' | 'kind' | 'name'>;
  other?: EntitySummary | null;
  onClose(): void;
  onLinked(link: EntityLink): void;
}) {
  const t = useT();
  const relations = useMemo(() => relationsFor(props.entity.kind), [props.entity.kind]);
  const relationOf = (value: string) => relations.find((r) => r.value === value) ?? relations[0];
  const fits = (r: Relation, other: EntitySummary) => !r.otherKinds || r.otherKinds.includes(other.kind);
  const drawnWay = (other: EntitySummary) =>
    relations.find((r) => r.direction === 'out' && fits(r, other)) ?? relations.find((r) => fits(r, other));
  const form = useForm({
    schema: entityLinkInput,
    initial: (): LinkForm => ({
      relation: (props.other && drawnWay(props.other)?.value) || (relations[0]?.value ?? ''),
      other: props.other ?? null,
      share: '',
      source: '',
      confidence: 'confirmed',
      validFrom: '',
      validTo: '',
      notes: '',
    }),
    input: (v) => {
      const relation = relationOf(v.relation);
      const otherId = v.other?.id ?? props.entity.id;
      return {
        type: relation?.type,
        fromId: relation?.direction === 'in' ? otherId : props.entity.id,
        toId: relation?.direction === 'in' ? props.entity.id : otherId,
        shareBp: relation?.type === 'owns' && v.share.trim() ? basisPoints(v.share) : null,
        source: v.source,
        confidence: v.confidence,
        validFrom: v.validFrom || null,
        validTo: v.validTo || null,
        notes: v.notes,
      };
    },
    local: (v) => {
      const local: FieldErrors = {};
      if (!v.other) local.other = t('entity.link.pickOther');
      if (relationOf(v.relation)?.type === 'owns' && v.share.trim() && basisPoints(v.share) === null)
        local.shareBp = t('entity.link.shareInvalid');
      // The contract refuses an end before the start too; say so as it is typed.
      if (v.validFrom && v.validTo && v.validTo < v.validFrom) local.validTo = t('entity.reason.toBeforeFrom');
      return local;
    },
    fieldOf: { relation: 'type', share: 'shareBp' },
    save: async (data) => {
      const link = await call('entities.link', data);
      toast({ message: t('entity.link.added'), intent: 'success', icon: 'link' });
      props.onLinked(link);
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (props.isOpen) reset();
  }, [props.isOpen, reset]);

  const { values, errors } = form;
  const relation = relationOf(values.relation);
  const title = t('entity.link.addTitle', { name: props.entity.name });

  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={title} icon="new-link" className="ent-link-dialog">
      <form aria-label={title} {...form.formProps}>
        <DialogBody>
          <FormRefusal refusal={form.refusal} />
          <div className="two-columns">
            <Field id="link-relation" label={t('entity.link.relation')} error={errors.type}>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={values.relation}
                  onChange={(e) => {
                    const next = relations.find((r) => r.value === e.currentTarget.value);
                    // The entity already picked stays, unless this link cannot reach its kind.
                    const drop = values.other && next?.otherKinds && !next.otherKinds.includes(values.other.kind);
                    form.set({ relation: e.currentTarget.value, ...(drop ? { other: null } : {}) });
                  }}
                  options={relations.map((r) => ({ value: r.value, label: t(`entity.link.${r.direction}.${r.type}`) }))}
                />
              )}
            </Field>
            <Field id="link-other" label={t('entity.link.other')} error={errors.other} required>
              {(input) => (
                <EntityPicker
                  input={input}
                  kinds={relation?.otherKinds}
                  exclude={[props.entity.id]}
                  value={values.other}
                  onChange={(other) => form.set({ other })}
                />
              )}
            </Field>
          </div>
          <p className="muted ent-link-preview">
            {values.other
              ? relation?.direction === 'in'
                ? t('entity.link.preview', {
                    from: values.other.name,
                    relation: t(`entity.link.out.${relation.type}`).toLowerCase(),
                    to: props.entity.name,
                  })
                : t('entity.link.preview', {
                    from: props.entity.name,
                    relation: t(`entity.link.out.${relation?.type ?? 'associated'}`).toLowerCase(),
                    to: values.other.name,
                  })
              : t('entity.link.previewNone')}
          </p>
          {relation?.type === 'owns' && (
            <Field
              id="link-shareBp"
              label={t('entity.link.sharePercent')}
              error={errors.shareBp}
              help={t('entity.link.shareHelp')}
            >
              {(input) => (
                <InputGroup
                  {...input}
                  className="ent-num-input ent-share-input"
                  value={values.share}
                  rightElement={<span className="ent-input-hint muted">%</span>}
                  onValueChange={(share) => form.set({ share })}
                />
              )}
            </Field>
          )}
          <Field
            id="link-source"
            label={t('entity.link.source')}
            error={errors.source}
            help={t('entity.link.sourceHelp')}
            required
          >
            {(input) => (
              <InputGroup
                {...input}
                value={values.source}
                intent={errors.source ? 'danger' : 'none'}
                onValueChange={(source) => form.set({ source })}
              />
            )}
          </Field>
          <Field id="link-confidence" label={t('entity.link.confidence')} error={errors.confidence}>
            {(input) => (
              <HTMLSelect
                {...input}
                value={values.confidence}
                onChange={(e) => form.set({ confidence: e.currentTarget.value as LinkConfidence })}
                options={LINK_CONFIDENCES.map((c) => ({ value: c, label: t(`entity.link.confidence.${c}`) }))}
              />
            )}
          </Field>
          <div className="two-columns">
            <Field id="link-validFrom" label={t('entity.link.validFrom')} error={errors.validFrom}>
              {(input) => (
                <InputGroup
                  {...input}
                  type="date"
                  value={values.validFrom}
                  onValueChange={(validFrom) => form.set({ validFrom })}
                />
              )}
            </Field>
            <Field id="link-validTo" label={t('entity.link.validTo')} error={errors.validTo}>
              {(input) => (
                <InputGroup {...input} type="date" value={values.validTo} onValueChange={(validTo) => form.set({ validTo })} />
              )}
            </Field>
          </div>
          <Field id="link-notes" label={t('entity.field.notes')} error={errors.notes}>
            {(input) => (
              <TextArea
                {...input}
                fill
                rows={2}
                value={values.notes}
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
                icon="link"
                text={form.saving ? t('common.saving') : t('entity.link.addSubmit')}
                loading={form.saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
