import type { ReactNode } from 'react';
import { Button, ControlGroup, HTMLSelect, InputGroup, TextArea } from '@blueprintjs/core';
import {
  IDENTITY_DOCUMENT_TYPES,
  TRANSPORT_DOCUMENT_TYPES,
  type IdentityDocumentType,
  type TransportDocumentType,
} from '../../../../db/shared/domain.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { Field } from '../../components/Field.tsx';
import { errorUnder, type FieldErrors } from '../../lib/validation.ts';
import { countryName } from './EntityTags.tsx';
import {
  emptyDocument,
  emptyGoodsLine,
  routeCodes,
  type DocumentForm,
  type EntityForm,
  type FormKey,
  type GoodsLineForm,
} from './entityForm.ts';

interface Props {
  idPrefix: string;
  formKey: FormKey;
  form: EntityForm;
  errors: FieldErrors;
  onChange(patch: Partial<EntityForm>): void;
  autoFocus?: boolean;
}

type TextKey = {
  [K in keyof EntityForm]: EntityForm[K] extends string ? K : never;
}[keyof EntityForm];

/** The error about this path as a whole, not one that stands there because one of its parts is wrong. */
function ownError(errors: FieldErrors, path: string): string | undefined {
  const error = errors[path];
  if (error === undefined) return undefined;
  const fromPart = Object.entries(errors).some(([k, m]) => k.startsWith(`${path}.`) && m === error);
  return fromPart ? undefined : error;
}

/** The fields of one kind (a conveyance: of its type), each with the contract's reason under it. */
export function EntityFields({ idPrefix, formKey, form, errors, onChange, autoFocus }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const id = (name: string) => `${idPrefix}-${name}`;

  let first = true;
  const focusFirst = () => {
    const f = first && autoFocus;
    first = false;
    return f === true;
  };

  const text = (
    name: TextKey,
    opts: { required?: boolean; mono?: boolean; help?: string; span?: boolean; errorPath?: string; placeholder?: string } = {},
  ) => {
    const error = opts.errorPath ? errorUnder(errors, opts.errorPath) : errors[name];
    const autoFocusHere = focusFirst();
    return (
      <Field
        id={id(name)}
        label={t(`entity.field.${name}`)}
        error={error}
        help={opts.help}
        required={opts.required}
        className={opts.span ? 'span-2' : undefined}
      >
        {(input) => (
          <InputGroup
            {...input}
            value={form[name]}
            className={opts.mono ? 'ent-mono-input' : undefined}
            intent={error ? 'danger' : 'none'}
            placeholder={opts.placeholder}
            autoFocus={autoFocusHere}
            onValueChange={(v) => onChange({ [name]: v })}
          />
        )}
      </Field>
    );
  };

  const country = (name: TextKey) => {
    const error = errors[name];
    const value = form[name];
    const label = value.trim().length === 2 && !error ? countryName(locale, value.trim()) : null;
    return (
      <Field id={id(name)} label={t(`entity.field.${name}`)} error={error}>
        {(input) => (
          <InputGroup
            {...input}
            value={value}
            className="ent-mono-input ent-country-input"
            placeholder={t('entity.countryPlaceholder')}
            intent={error ? 'danger' : 'none'}
            rightElement={label ? <span className="ent-input-hint muted">{label}</span> : undefined}
            onValueChange={(v) => onChange({ [name]: v.toUpperCase() })}
          />
        )}
      </Field>
    );
  };

  const date = (name: TextKey) => {
    const error = errors[name];
    return (
      <Field id={id(name)} label={t(`entity.field.${name}`)} error={error}>
        {(input) => (
          <InputGroup
            {...input}
            type="date"
            value={form[name]}
            intent={error ? 'danger' : 'none'}
            onValueChange={(v) => onChange({ [name]: v })}
          />
        )}
      </Field>
    );
  };

  const area = (name: TextKey, opts: { help?: string; rows?: number; required?: boolean } = {}) => {
    const error = errorUnder(errors, name);
    const autoFocusHere = focusFirst();
    return (
      <Field
        id={id(name)}
        label={t(`entity.field.${name}`)}
        error={error}
        help={opts.help}
        required={opts.required}
        className="span-2"
      >
        {(input) => (
          <TextArea
            {...input}
            fill
            rows={opts.rows ?? 2}
            value={form[name]}
            intent={error ? 'danger' : 'none'}
            autoFocus={autoFocusHere}
            onChange={(e) => onChange({ [name]: e.currentTarget.value })}
          />
        )}
      </Field>
    );
  };

  const fields = (() => {
    switch (formKey) {
      case 'person':
        return (
          <>
            {text('givenName')}
            {text('familyName')}
            {date('dateOfBirth')}
            {country('nationality')}
            {area('aliases', { help: t('entity.help.onePerLine') })}
            <DocumentsEditor
              idPrefix={idPrefix}
              documents={form.identityDocuments}
              errors={errors}
              onChange={(identityDocuments) => onChange({ identityDocuments })}
            />
          </>
        );
      case 'organization':
        return (
          <>
            {text('legalName', { required: true, span: true })}
            {text('registrationNumber', { mono: true })}
            {country('country')}
            {area('aliases', { help: t('entity.help.onePerLine') })}
          </>
        );
      case 'address':
        return (
          <>
            {area('lines', { help: t('entity.help.addressLines'), rows: 3, required: true })}
            {text('city')}
            {text('region')}
            {text('postalCode', { mono: true })}
            {country('country')}
          </>
        );
      case 'vessel':
        return (
          <>
            {text('vesselName', { required: true, span: true })}
            {text('imoNumber', { mono: true, placeholder: t('entity.imoPlaceholder') })}
            {text('callSign', { mono: true })}
            {country('flag')}
          </>
        );
      case 'aircraft':
        return (
          <>
            {text('registration', { required: true, mono: true })}
            {text('aircraftType')}
            {country('country')}
          </>
        );
      case 'vehicle':
        return (
          <>
            {text('plate', { required: true, mono: true })}
            {country('plateCountry')}
            {text('description', { span: true })}
          </>
        );
      case 'container':
        return (
          <>
            {text('containerNumber', { required: true, mono: true, placeholder: t('entity.containerPlaceholder') })}
            {text('sizeType', { mono: true, placeholder: t('entity.sizeTypePlaceholder') })}
          </>
        );
      case 'shipment':
        return (
          <ShipmentFields
            idPrefix={idPrefix}
            form={form}
            errors={errors}
            onChange={onChange}
            text={text}
            country={country}
            date={date}
          />
        );
    }
  })();

  return (
    <div className={`ent-entity-fields ent-entity-fields-${formKey}`}>
      {fields}
      {area('notes', { rows: 3 })}
    </div>
  );
}

function ShipmentFields(props: {
  idPrefix: string;
  form: EntityForm;
  errors: FieldErrors;
  onChange(patch: Partial<EntityForm>): void;
  text(
    name: TextKey,
    opts?: { required?: boolean; mono?: boolean; help?: string; span?: boolean; errorPath?: string; placeholder?: string },
  ): ReactNode;
  country(name: TextKey): ReactNode;
  date(name: TextKey): ReactNode;
}) {
  const t = useT();
  const { form, errors, onChange, idPrefix } = props;
  const id = (name: string) => `${idPrefix}-${name}`;
  const docTypeError = errors.transportDocumentType;
  const currencyError = errors['declaredValue.currency'];
  const valueError = errors['declaredValue.amountMinor'] ?? ownError(errors, 'declaredValue');
  const routeError = errorUnder(errors, 'route');
  const route = [form.originCountry, ...routeCodes(form.route), form.destinationCountry]
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return (
    <>
      <Field id={id('transportDocumentType')} label={t('entity.field.transportDocumentType')} error={docTypeError}>
        {(input) => (
          <HTMLSelect
            {...input}
            fill
            value={form.transportDocumentType}
            onChange={(e) => onChange({ transportDocumentType: e.currentTarget.value as TransportDocumentType | '' })}
            options={[
              { value: '', label: t('entity.documentType.none') },
              ...TRANSPORT_DOCUMENT_TYPES.map((d) => ({ value: d, label: t(`entity.documentType.${d}`) })),
            ]}
          />
        )}
      </Field>
      {props.text('transportDocumentNumber', { mono: true })}
      {props.text('exportDeclarationNumber', { mono: true })}
      {props.text('declaredPermitNumber', { mono: true })}
      <Field id={id('declaredValue')} label={t('entity.field.declaredValue')} error={valueError ?? currencyError}>
        {(input) => (
          <ControlGroup fill>
            <InputGroup
              {...input}
              className="ent-num-input"
              value={form.declaredValueAmount}
              intent={valueError ? 'danger' : 'none'}
              onValueChange={(declaredValueAmount) => onChange({ declaredValueAmount })}
            />
            <InputGroup
              className="ent-currency-input ent-mono-input"
              aria-label={t('entity.field.declaredValueCurrency')}
              value={form.declaredValueCurrency}
              intent={currencyError ? 'danger' : 'none'}
              maxLength={3}
              onValueChange={(v) => onChange({ declaredValueCurrency: v.toUpperCase() })}
            />
          </ControlGroup>
        )}
      </Field>
      {props.date('shippedOn')}
      {props.country('originCountry')}
      {props.country('destinationCountry')}
      <Field
        id={id('route')}
        label={t('entity.field.route')}
        error={routeError}
        help={route.length > 1 ? route.join(' → ') : t('entity.help.route')}
        className="span-2"
      >
        {(input) => (
          <InputGroup
            {...input}
            className="ent-mono-input"
            value={form.route}
            placeholder={t('entity.routePlaceholder')}
            intent={routeError ? 'danger' : 'none'}
            onValueChange={(v) => onChange({ route: v.toUpperCase() })}
          />
        )}
      </Field>
      <GoodsEditor
        idPrefix={idPrefix}
        goods={form.goods}
        errors={errors}
        currency={form.declaredValueCurrency}
        onChange={(goods) => onChange({ goods })}
      />
    </>
  );
}

function GoodsEditor(props: {
  idPrefix: string;
  goods: GoodsLineForm[];
  errors: FieldErrors;
  currency: string;
  onChange(goods: GoodsLineForm[]): void;
}) {
  const t = useT();
  const { goods, errors, idPrefix } = props;
  const set = (i: number, patch: Partial<GoodsLineForm>) =>
    props.onChange(goods.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const add = () => props.onChange([...goods, emptyGoodsLine(props.currency.trim().toUpperCase())]);
  const listError = ownError(errors, 'goods');
  return (
    <section className="span-2 ent-rows-editor" aria-labelledby={`${idPrefix}-goods-title`}>
      <div className="ent-rows-editor-head">
        <h3 id={`${idPrefix}-goods-title`} className="ent-rows-editor-title">
          {t('entity.goods.title', { count: goods.length })}
        </h3>
        <Button small icon="add" text={t('entity.goods.add')} onClick={add} />
      </div>
      {listError && (
        <div className="bp6-form-helper-text ent-field-error" role="alert">
          {listError}
        </div>
      )}
      {goods.length === 0 && <p className="muted ent-rows-editor-empty">{t('entity.goods.empty')}</p>}
      {goods.map((g, i) => {
        const id = (name: string) => `${idPrefix}-goods-${i}-${name}`;
        const at = (name: string) => errors[`goods.${i}.${name}`];
        const input = (
          name: 'description' | 'quantity' | 'unit' | 'hsCode' | 'eccn' | 'countryOfOrigin',
          className: string,
          extra: { mono?: boolean; num?: boolean; placeholder?: string; upper?: boolean } = {},
        ) => {
          const error = at(name);
          return (
            <Field
              id={id(name)}
              label={t(`entity.goods.${name}`)}
              error={error}
              className={className}
              required={name === 'description'}
            >
              {(field) => (
                <InputGroup
                  {...field}
                  small
                  value={g[name]}
                  className={extra.mono ? 'ent-mono-input' : extra.num ? 'ent-num-input' : undefined}
                  placeholder={extra.placeholder}
                  intent={error ? 'danger' : 'none'}
                  onValueChange={(v) => set(i, { [name]: extra.upper ? v.toUpperCase() : v })}
                />
              )}
            </Field>
          );
        };
        const valueError = at('value.amountMinor') ?? at('value');
        const currencyError = at('value.currency');
        return (
          <div className="ent-goods-line" key={g.key} role="group" aria-label={t('entity.goods.line', { n: i + 1 })}>
            <div className="ent-goods-line-head">
              <span className="ent-goods-line-number num">{i + 1}</span>
              {input('description', 'ent-goods-description')}
              <Button
                small
                variant="minimal"
                icon="trash"
                className="ent-goods-remove"
                aria-label={t('entity.goods.remove', { n: i + 1 })}
                title={t('entity.goods.remove', { n: i + 1 })}
                onClick={() => props.onChange(goods.filter((_, j) => j !== i))}
              />
            </div>
            <div className="ent-goods-line-grid">
              {input('quantity', 'ent-goods-quantity', { num: true })}
              {input('unit', 'ent-goods-unit', { placeholder: t('entity.goods.unitPlaceholder') })}
              {input('hsCode', 'ent-goods-hs', { mono: true, placeholder: t('entity.goods.hsPlaceholder') })}
              {input('eccn', 'ent-goods-eccn', { mono: true, placeholder: t('entity.goods.eccnPlaceholder') })}
              {input('countryOfOrigin', 'ent-goods-origin', { mono: true, upper: true })}
              <Field
                id={id('value')}
                label={t('entity.goods.value')}
                error={valueError ?? currencyError}
                className="ent-goods-value"
              >
                {(field) => (
                  <ControlGroup fill>
                    <InputGroup
                      {...field}
                      small
                      className="ent-num-input"
                      value={g.valueAmount}
                      intent={valueError ? 'danger' : 'none'}
                      onValueChange={(valueAmount) => set(i, { valueAmount })}
                    />
                    <InputGroup
                      small
                      className="ent-currency-input ent-mono-input"
                      aria-label={t('entity.goods.currency', { n: i + 1 })}
                      value={g.valueCurrency}
                      maxLength={3}
                      intent={currencyError ? 'danger' : 'none'}
                      onValueChange={(v) => set(i, { valueCurrency: v.toUpperCase() })}
                    />
                  </ControlGroup>
                )}
              </Field>
            </div>
          </div>
        );
      })}
    </section>
  );
}

function DocumentsEditor(props: {
  idPrefix: string;
  documents: DocumentForm[];
  errors: FieldErrors;
  onChange(docs: DocumentForm[]): void;
}) {
  const t = useT();
  const { documents, errors, idPrefix } = props;
  const set = (i: number, patch: Partial<DocumentForm>) =>
    props.onChange(documents.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <section className="span-2 ent-rows-editor" aria-labelledby={`${idPrefix}-docs-title`}>
      <div className="ent-rows-editor-head">
        <h3 id={`${idPrefix}-docs-title`} className="ent-rows-editor-title">
          {t('entity.documents.title', { count: documents.length })}
        </h3>
        <Button
          small
          icon="add"
          text={t('entity.documents.add')}
          onClick={() => props.onChange([...documents, emptyDocument()])}
        />
      </div>
      {documents.map((d, i) => {
        const id = (name: string) => `${idPrefix}-doc-${i}-${name}`;
        const at = (name: string) => errors[`identityDocuments.${i}.${name}`];
        return (
          <div className="ent-document-row" key={d.key} role="group" aria-label={t('entity.documents.row', { n: i + 1 })}>
            <Field id={id('type')} label={t('entity.documents.type')} error={at('type')}>
              {(input) => (
                <HTMLSelect
                  {...input}
                  fill
                  value={d.type}
                  onChange={(e) => set(i, { type: e.currentTarget.value as IdentityDocumentType })}
                  options={IDENTITY_DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`entity.documentKind.${v}`) }))}
                />
              )}
            </Field>
            <Field id={id('number')} label={t('entity.documents.number')} error={at('number')} required>
              {(input) => (
                <InputGroup
                  {...input}
                  className="ent-mono-input"
                  value={d.number}
                  intent={at('number') ? 'danger' : 'none'}
                  onValueChange={(number) => set(i, { number })}
                />
              )}
            </Field>
            <Field id={id('country')} label={t('entity.documents.country')} error={at('country')} required>
              {(input) => (
                <InputGroup
                  {...input}
                  className="ent-mono-input"
                  value={d.country}
                  placeholder={t('entity.countryPlaceholder')}
                  intent={at('country') ? 'danger' : 'none'}
                  onValueChange={(v) => set(i, { country: v.toUpperCase() })}
                />
              )}
            </Field>
            <Field id={id('expires')} label={t('entity.documents.expires')} error={at('expires')}>
              {(input) => (
                <InputGroup {...input} type="date" value={d.expires} onValueChange={(expires) => set(i, { expires })} />
              )}
            </Field>
            <Button
              small
              variant="minimal"
              icon="trash"
              className="ent-row-remove"
              aria-label={t('entity.documents.remove', { n: i + 1 })}
              title={t('entity.documents.remove', { n: i + 1 })}
              onClick={() => props.onChange(documents.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
    </section>
  );
}
