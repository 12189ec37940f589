import { useMemo, useState } from 'react';
import { Button, Callout, DialogBody, DialogFooter, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import { Dialog } from '../../components/Dialog.tsx';
import type { Entity, EntitySummary } from '../../../../db/api.ts';
import { LINK_ENDPOINTS, LINK_TYPES, SAME_KIND_LINKS, type EntityKind, type LinkType } from '../../../../db/shared/domain.ts';
import { entityLinkInput } from '../../../../db/shared/inputs/entities.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { toast } from '../../lib/toaster.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { Field } from '../../components/Field.tsx';
import { EntityPicker } from '../../components/EntityPicker.tsx';
import { visibleErrors } from './EntityCreator.tsx';
import { validateAt } from './reasons.ts';
import { refusalOf } from '../../lib/refusals.ts';

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
  validFrom: string;
  validTo: string;
  notes: string;
}

/** Links the entity to another one found by search: which link, which way, its source and dates. */
export function AddLinkDialog(props: { isOpen: boolean; entity: Entity; onClose(): void; onLinked(): void }) {
  const t = useT();
  const f = useFormat();
  const relations = useMemo(() => relationsFor(props.entity.kind), [props.entity.kind]);
  const empty: LinkForm = {
    relation: relations[0]?.value ?? '',
    other: null,
    share: '',
    source: '',
    validFrom: '',
    validTo: '',
    notes: '',
  };
  const [form, setForm] = useState<LinkForm>(empty);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const relation = relations.find((r) => r.value === form.relation) ?? relations[0];

  const check = useMemo(() => {
    const local: FieldErrors = {};
    if (!form.other) local.other = t('entity.link.pickOther');
    let shareBp: number | null = null;
    if (relation?.type === 'owns' && form.share.trim()) {
      shareBp = basisPoints(form.share);
      if (shareBp === null) local.shareBp = t('entity.link.shareInvalid');
    }
    const otherId = form.other?.id ?? props.entity.id;
    const value = {
      type: relation?.type,
      fromId: relation?.direction === 'in' ? otherId : props.entity.id,
      toId: relation?.direction === 'in' ? props.entity.id : otherId,
      shareBp,
      source: form.source,
      validFrom: form.validFrom || null,
      validTo: form.validTo || null,
      notes: form.notes,
    };
    // The contract refuses an end before the start too; say so as it is typed.
    if (form.validFrom && form.validTo && form.validTo < form.validFrom) local.validTo = t('entity.reason.toBeforeFrom');
    return validateAt(entityLinkInput, value, t, local);
  }, [form, relation, props.entity.id, t]);

  const errors = visibleErrors(check.ok ? {} : check.errors, touched, submitted);
  if (serverError?.field) {
    const field = serverError.field === 'fromId' || serverError.field === 'toId' ? 'other' : serverError.field;
    errors[field] ??= serverError.message;
  }

  const change = (patch: Partial<LinkForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((s) => new Set([...s, ...Object.keys(patch).map((k) => (k === 'share' ? 'shareBp' : k))]));
    setServerError(null);
  };

  const close = () => {
    setForm(empty);
    setTouched(new Set());
    setSubmitted(false);
    setServerError(null);
    props.onClose();
  };

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      await call('entities.link', check.data);
      toast({ message: t('entity.link.added'), intent: 'success', icon: 'link' });
      setForm(empty);
      setTouched(new Set());
      setSubmitted(false);
      props.onLinked();
    } catch (err) {
      setServerError(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

  const aria = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `link-${name}-help` } : {});

  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={close}
      title={t('entity.link.addTitle', { name: props.entity.name })}
      icon="new-link"
      className="ent-link-dialog"
    >
      <form
        noValidate
        aria-label={t('entity.link.addTitle', { name: props.entity.name })}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogBody>
          {serverError && !serverError.field && (
            <Callout intent="danger" role="alert" className="form-callout">
              {t('error.generic', { message: serverError.message })}
            </Callout>
          )}
          <div className="two-columns">
            <Field id="link-relation" label={t('entity.link.relation')} error={errors.type}>
              <HTMLSelect
                id="link-relation"
                fill
                value={form.relation}
                onChange={(e) => {
                  const next = relations.find((r) => r.value === e.currentTarget.value);
                  // The entity already picked stays, unless this link cannot reach its kind.
                  const drop = form.other && next?.otherKinds && !next.otherKinds.includes(form.other.kind);
                  change({ relation: e.currentTarget.value, ...(drop ? { other: null } : {}) });
                }}
                options={relations.map((r) => ({ value: r.value, label: t(`entity.link.${r.direction}.${r.type}`) }))}
              />
            </Field>
            <Field id="link-other" label={t('entity.link.other')} error={errors.other} required>
              <EntityPicker
                id="link-other"
                kinds={relation?.otherKinds}
                exclude={[props.entity.id]}
                value={form.other}
                onChange={(other) => change({ other })}
                invalid={Boolean(errors.other)}
                describedBy={errors.other ? 'link-other-help' : undefined}
              />
            </Field>
          </div>
          <p className="muted ent-link-preview">
            {form.other
              ? relation?.direction === 'in'
                ? t('entity.link.preview', {
                    from: form.other.name,
                    relation: t(`entity.link.out.${relation.type}`).toLowerCase(),
                    to: props.entity.name,
                  })
                : t('entity.link.preview', {
                    from: props.entity.name,
                    relation: t(`entity.link.out.${relation?.type ?? 'associated'}`).toLowerCase(),
                    to: form.other.name,
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
              <InputGroup
                id="link-shareBp"
                className="ent-num-input ent-share-input"
                value={form.share}
                rightElement={<span className="ent-input-hint muted">%</span>}
                onValueChange={(share) => change({ share })}
                {...aria('shareBp')}
              />
            </Field>
          )}
          <Field
            id="link-source"
            label={t('entity.link.source')}
            error={errors.source}
            help={t('entity.link.sourceHelp')}
            required
          >
            <InputGroup
              id="link-source"
              value={form.source}
              intent={errors.source ? 'danger' : 'none'}
              onValueChange={(source) => change({ source })}
              {...aria('source')}
            />
          </Field>
          <div className="two-columns">
            <Field id="link-validFrom" label={t('entity.link.validFrom')} error={errors.validFrom}>
              <InputGroup
                id="link-validFrom"
                type="date"
                value={form.validFrom}
                onValueChange={(validFrom) => change({ validFrom })}
                {...aria('validFrom')}
              />
            </Field>
            <Field id="link-validTo" label={t('entity.link.validTo')} error={errors.validTo}>
              <InputGroup
                id="link-validTo"
                type="date"
                value={form.validTo}
                onValueChange={(validTo) => change({ validTo })}
                {...aria('validTo')}
              />
            </Field>
          </div>
          <Field id="link-notes" label={t('entity.field.notes')} error={errors.notes}>
            <TextArea
              id="link-notes"
              fill
              rows={2}
              value={form.notes}
              onChange={(e) => change({ notes: e.currentTarget.value })}
            />
          </Field>
        </DialogBody>
        <DialogFooter
          actions={
            <>
              <Button text={t('common.cancel')} onClick={close} />
              <Button
                type="submit"
                intent="primary"
                icon="link"
                text={saving ? t('common.saving') : t('entity.link.addSubmit')}
                loading={saving}
              />
            </>
          }
        />
      </form>
    </Dialog>
  );
}
