import { PrintButton } from '../package/PrintButton.tsx';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Button, Card, HTMLSelect, Icon, InputGroup, Tag } from '@blueprintjs/core';
import type { SeizedItemView, SeizureDetail } from '../../../../db/api.ts';
import { DISPOSITION_TRANSITIONS, type Disposition } from '../../../../db/shared/domain.ts';
import { seizureSetDispositionInput, seizureUpdateInput } from '../../../../db/shared/inputs/seizures.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useForm } from '../../lib/form.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import { type DataColumn } from '../../table/DataTable.tsx';
import { RecordTable } from '../../table/RecordTable.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { Field } from '../../components/Field.tsx';
import { FormRefusal } from '../../components/FormRefusal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { DispositionTag, ReviewWindow } from './parts.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import { CustodyPanel } from './CustodyPanel.tsx';
import { headerChanges, headerFieldOf, headerFromSeizure, headerLocal, type HeaderForm } from './seizureForm.ts';
import { isFinal } from './util.ts';
import { today } from '../../lib/dates.ts';
import { RecordFallback, useQuery } from '../../lib/useQuery.tsx';
import { OriginCard } from '../verifications/OriginCard.tsx';

/** One seizure: its header, disposition, goods lines and, for the item the URL names, its chain of custody. */
export function SeizurePage({ id, itemId }: { id: string; itemId?: string | undefined }) {
  const t = useT();
  const { load, set, reload } = useQuery(() => call('seizures.get', { id }), id);
  const caseId = load.state === 'ready' ? load.data.caseId : null;
  const caseLoad = useQuery(() => call('cases.get', { id: caseId ?? '' }), caseId ?? '', { enabled: caseId !== null }).load;
  const caseInfo = caseLoad.state === 'ready' ? caseLoad.data : null;
  useShowMarking(caseInfo?.securityMarking ?? null);

  // The URL always names the item whose chain is shown: the first one unless another is chosen.
  const firstItem = load.state === 'ready' ? load.data.items[0]?.id : undefined;
  const known = load.state === 'ready' && itemId !== undefined && load.data.items.some((i) => i.id === itemId);
  useEffect(() => {
    if (load.state !== 'ready' || known || !firstItem) return;
    window.location.replace(routeHref({ page: 'seizure', id, itemId: firstItem }));
  }, [load.state, known, firstItem, id]);

  if (load.state !== 'ready')
    return <RecordFallback load={load} icon="box" backLabel={t('seizure.back')} onBack={() => navigate({ page: 'seizures' })} />;
  const s = load.data;
  const item = s.items.find((i) => i.id === itemId) ?? s.items[0];
  const final = isFinal(s.disposition);
  return (
    <div className="page page-seizure">
      <header className="page-header seizure-header">
        <div className="case-heading">
          <a href="#/seizures" className="back-link">
            {t('seizure.back')}
          </a>
          <div className="case-title-row">
            <h1>
              <span className="muted seizure-kind">{t('seizure.heading')}</span>{' '}
              <span className="mono seizure-number">{s.seizureNumber}</span>
            </h1>
            <DispositionTag disposition={s.disposition} />
            <span className="seizure-header-fact">
              <span className="muted">{t('seizure.field.case')}</span>{' '}
              <a className="mono" href={routeHref({ page: 'case', id: s.caseId, tab: 'seizures' })}>
                {s.caseFileNumber}
              </a>
              {caseInfo && <span className="muted seizure-case-title"> {caseInfo.title}</span>}
            </span>
            <span className="seizure-header-fact">
              <span className="muted">{t('seizure.field.reviewWindowEndsOn')}</span>{' '}
              <ReviewWindow endsOn={s.reviewWindowEndsOn} disposition={s.disposition} long />
            </span>
          </div>
        </div>
        <PrintButton record="custody" id={s.id} />
      </header>
      <ItemsPanel seizure={s} selectedId={item?.id} />
      <div className="seizure-layout">
        <div className="seizure-main">
          {item && <CustodyPanel key={item.id} item={item} final={final} onChanged={() => void reload()} />}
          <DetailsPanel key={s.id} seizure={s} onChanged={(next) => set(next)} />
        </div>
        <aside className="seizure-side">
          <DispositionPanel seizure={s} onChanged={(next) => set(next)} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('seizure.section.value')}</h2>
            <ul className="value-list">
              {s.totals.map((m) => (
                <li key={m.currency} className="num">
                  <MoneyText amountMinor={m.amountMinor} currency={m.currency} />
                </li>
              ))}
            </ul>
            <p className="muted">{t('seizure.value.items', { count: s.items.length })}</p>
          </Card>
          <OriginCard recordType="seizure" id={s.id} />
          <Card compact className="panel">
            <h2 className="panel-title">{t('seizure.section.record')}</h2>
            <dl className="facts">
              <dt>{t('seizure.field.seizedAt')}</dt>
              <dd>
                <DateTimeText value={s.seizedAt} />
              </dd>
              <dt>{t('seizure.field.seizingOfficer')}</dt>
              <dd>{s.seizingOfficer}</dd>
              {s.ascertainedForfeiture && (
                <>
                  <dt>{t('seizure.field.ascertainedForfeiture')}</dt>
                  <dd>
                    <MoneyText amountMinor={s.ascertainedForfeiture.amountMinor} currency={s.ascertainedForfeiture.currency} />
                  </dd>
                </>
              )}
              <dt>{t('seizure.field.createdAt')}</dt>
              <dd>
                <DateTimeText value={s.createdAt} />
              </dd>
              <dt>{t('seizure.field.updatedAt')}</dt>
              <dd>
                <DateTimeText value={s.updatedAt} />
              </dd>
              <dt>{t('seizure.field.version')}</dt>
              <dd className="num">{s.version}</dd>
            </dl>
          </Card>
        </aside>
      </div>
    </div>
  );
}

/** The goods lines, each with where its chain of custody stands; a row shows that item's chain. */
function ItemsPanel({ seizure, selectedId }: { seizure: SeizureDetail; selectedId: string | undefined }) {
  const t = useT();
  const f = useFormat();
  const columns = useMemo<DataColumn<SeizedItemView>[]>(
    () => [
      {
        id: 'itemNumber',
        header: t('seizure.item.number'),
        size: 44,
        align: 'right',
        sortable: false,
        cell: (r) =>
          r.id === selectedId ? (
            <strong className="item-selected" aria-current="true" title={t('seizure.item.selected')}>
              <Icon icon="caret-right" size={12} /> {r.itemNumber}
            </strong>
          ) : (
            r.itemNumber
          ),
      },
      {
        id: 'description',
        header: t('seizure.item.description'),
        size: 200,
        sortable: false,
        cell: (r) => <span className="cell-title">{r.description}</span>,
      },
      {
        id: 'quantity',
        header: t('seizure.item.quantity'),
        size: 90,
        align: 'right',
        sortable: false,
        cell: (r) => t('seizure.item.quantityUnit', { quantity: f.number(r.quantity), unit: t(`seizure.unit.${r.unit}`) }),
      },
      {
        id: 'hsCode',
        header: t('seizure.item.hsCode'),
        size: 90,
        sortable: false,
        cell: (r) => <span className="mono">{r.hsCode ?? t('common.none')}</span>,
      },
      {
        id: 'eccn',
        header: t('seizure.item.eccn'),
        size: 100,
        sortable: false,
        cell: (r) => <span className="mono">{r.eccn ?? t('common.none')}</span>,
      },
      {
        id: 'originCountry',
        header: t('seizure.item.originShort'),
        size: 60,
        sortable: false,
        cell: (r) => <span className="mono">{r.originCountry ?? t('common.none')}</span>,
      },
      {
        id: 'value',
        header: t('seizure.item.value'),
        size: 130,
        align: 'right',
        sortable: false,
        cell: (r) => <MoneyText amountMinor={r.value.amountMinor} currency={r.value.currency} />,
      },
      { id: 'custodian', header: t('seizure.item.custodian'), size: 140, sortable: false, cell: (r) => r.current.custodian },
      { id: 'location', header: t('seizure.item.location'), size: 180, sortable: false, cell: (r) => r.current.location },
      {
        id: 'chain',
        header: t('seizure.item.chain'),
        size: 90,
        sortable: false,
        cell: (r) =>
          r.broken ? (
            <Tag intent="danger" icon="warning-sign" className="status-tag">
              {t('custody.status.brokenShort')}
            </Tag>
          ) : (
            t('seizure.item.entries', { count: r.entryCount })
          ),
      },
    ],
    [t, f, selectedId],
  );
  const items = seizure.items;
  const fetchPage = useCallback(async () => ({ total: items.length, rows: items }), [items]);
  // Room for every line up to eight, with the table's head and toolbar.
  const rows = Math.min(Math.max(items.length, 1), 8);
  return (
    <Card compact className="panel items-panel" style={{ height: rows * 30 + 142 }}>
      <RecordTable<SeizedItemView>
        tableId="seizure-items"
        label={t('seizure.section.items')}
        columns={columns}
        defaultSort={{ column: 'itemNumber', direction: 'asc' }}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'seizure', id: seizure.id, itemId: r.id })}
        countLabel={(count) => t('seizure.items.count', { count })}
        actions={<h2 className="panel-title items-title">{t('seizure.section.items')}</h2>}
        empty={{ icon: 'box', title: t('seizure.items.empty') }}
      />
    </Card>
  );
}

/** The header fields, editable; saved with the version read, so a stale edit is refused. */
function DetailsPanel({ seizure, onChanged }: { seizure: SeizureDetail; onChanged(s: SeizureDetail): void }) {
  const t = useT();
  // The record the form last followed: a newer version (a disposition recorded beside) moves the unedited fields.
  const seen = useRef({ version: seizure.version, record: headerFromSeizure(seizure) });
  const form = useForm({
    schema: seizureUpdateInput,
    initial: () => headerFromSeizure(seizure),
    input: (v) => ({ id: seizure.id, version: seizure.version, ...headerChanges(v, headerFromSeizure(seizure)) }),
    local: (v) => headerLocal(v, t),
    fieldOf: headerFieldOf,
    guardUnsaved: true,
    save: async (data, values) => {
      if (Object.keys(headerChanges(values, headerFromSeizure(seizure))).length === 0) return;
      const next = await call('seizures.update', data);
      const saved = headerFromSeizure(next);
      seen.current = { version: next.version, record: saved };
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      onChanged(next);
      return saved;
    },
  });

  // Unedited fields follow a newer version; edits in progress stay.
  const { values, reset, set } = form;
  useEffect(() => {
    if (seizure.version === seen.current.version) return;
    const before = seen.current.record;
    const next = headerFromSeizure(seizure);
    seen.current = { version: seizure.version, record: next };
    const edits = Object.fromEntries(
      Object.entries(values).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof HeaderForm])),
    ) as Partial<HeaderForm>;
    reset(next);
    if (Object.keys(edits).length > 0) set(edits);
  }, [seizure, values, reset, set]);

  return (
    <form className="seizure-details" aria-label={t('seizure.section.details')} {...form.formProps}>
      <Card compact className="panel">
        <h2 className="panel-title">{t('seizure.section.details')}</h2>
        <FormRefusal refusal={form.refusal} />
        <HeaderFields idPrefix="seizure" variant="edit" form={form.values} errors={form.errors} onChange={form.set} />
        <FormActions dirty={form.dirty} saving={form.saving} valid={form.check.ok} onDiscard={() => form.reset()} />
      </Card>
    </form>
  );
}

interface DispositionForm {
  disposition: Disposition | '';
  dispositionOn: string;
  authority: string;
}

/** The disposition, and a change to one of the allowed next dispositions, with its date and authority. */
function DispositionPanel({ seizure, onChanged }: { seizure: SeizureDetail; onChanged(s: SeizureDetail): void }) {
  const t = useT();
  const allowed = DISPOSITION_TRANSITIONS[seizure.disposition];
  const form = useForm({
    schema: seizureSetDispositionInput,
    initial: (): DispositionForm => ({ disposition: '', dispositionOn: today(), authority: '' }),
    input: (v) => ({
      id: seizure.id,
      version: seizure.version,
      disposition: v.disposition || undefined,
      dispositionOn: v.dispositionOn,
      authority: v.authority,
    }),
    save: async (data, values) => {
      // The version as it stands now: the record may have been saved beside since this was typed.
      const result = await call('seizures.setDisposition', { ...data, version: seizure.version });
      toast({
        message: t('seizure.disposition.changed', { disposition: t(`seizure.disposition.${result.disposition}`) }),
        intent: 'primary',
      });
      onChanged(result);
      const cleared: DispositionForm = { disposition: '', dispositionOn: values.dispositionOn, authority: '' };
      return cleared;
    },
  });
  const { errors } = form;

  return (
    <Card compact className="panel">
      <h2 className="panel-title">{t('seizure.section.disposition')}</h2>
      <div className="workflow-status">
        <DispositionTag disposition={seizure.disposition} />
      </div>
      {seizure.dispositionOn && (
        <dl className="facts facts-stacked">
          <dt>{t('seizure.field.dispositionOn')}</dt>
          <dd>
            <DateText value={seizure.dispositionOn} />
          </dd>
          <dt>{t('seizure.field.dispositionAuthority')}</dt>
          <dd>{seizure.dispositionAuthority}</dd>
        </dl>
      )}
      {allowed.length === 0 ? (
        <p className="muted">{t('seizure.disposition.final')}</p>
      ) : (
        <form className="disposition-form" aria-label={t('seizure.disposition.change')} {...form.formProps}>
          <FormRefusal refusal={form.refusal} />
          <Field id="disposition-next" label={t('seizure.disposition.next')} error={errors.disposition} required>
            {(input) => (
              <HTMLSelect
                {...input}
                fill
                value={form.values.disposition}
                onChange={(e) => form.set({ disposition: e.currentTarget.value as Disposition | '' })}
                options={[
                  { value: '', label: t('seizure.disposition.choose') },
                  ...allowed.map((d) => ({ value: d, label: t(`seizure.disposition.${d}`) })),
                ]}
              />
            )}
          </Field>
          <Field id="disposition-on" label={t('seizure.field.dispositionOn')} error={errors.dispositionOn} required>
            {(input) => (
              <InputGroup
                {...input}
                type="date"
                value={form.values.dispositionOn}
                onValueChange={(dispositionOn) => form.set({ dispositionOn })}
                intent={errors.dispositionOn ? 'danger' : 'none'}
              />
            )}
          </Field>
          <Field
            id="disposition-authority"
            label={t('seizure.field.dispositionAuthority')}
            error={errors.authority}
            required
            help={t('seizure.field.dispositionAuthority.help')}
          >
            {(input) => (
              <InputGroup
                {...input}
                value={form.values.authority}
                onValueChange={(authority) => form.set({ authority })}
                intent={errors.authority ? 'danger' : 'none'}
              />
            )}
          </Field>
          <Button type="submit" intent="primary" fill text={t('seizure.disposition.submit')} loading={form.saving} />
        </form>
      )}
    </Card>
  );
}
