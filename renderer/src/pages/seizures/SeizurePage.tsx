import { useCallback, useEffect, useMemo, useState } from 'react';
import { refusalOf, type Refusal } from '../../lib/refusals.ts';
import { Button, Callout, Card, HTMLSelect, Icon, InputGroup, NonIdealState, Tag } from '@blueprintjs/core';
import type { Case, SeizedItemView, SeizureDetail } from '../../../../db/api.ts';
import { DISPOSITION_TRANSITIONS, type Disposition } from '../../../../db/shared/domain.ts';
import { seizureSetDispositionInput, seizureUpdateInput } from '../../../../db/shared/inputs/seizures.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate, routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { useShowMarking } from '../../lib/marking.tsx';
import type { FieldErrors } from '../../lib/validation.ts';
import { DataTable, type DataColumn } from '../../table/DataTable.tsx';
import { DateText, DateTimeText } from '../../components/DateText.tsx';
import { Field } from '../../components/Field.tsx';
import { MoneyText } from '../../components/MoneyText.tsx';
import { DispositionTag, ReviewWindow } from './parts.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import { CustodyPanel } from './CustodyPanel.tsx';
import { headerChanges, headerFromSeizure, type HeaderForm } from './seizureForm.ts';
import { checkInput, isFinal, todayLocal } from './util.ts';
import { RecordFallback, useRecord } from '../../lib/useRecord.tsx';
import { saveFormProps } from '../../lib/saveForm.ts';
import { useUnsavedChanges } from '../../lib/unsaved.tsx';

/** One seizure: its header, disposition, goods lines and, for the item the URL names, its chain of custody. */
export function SeizurePage({ id, itemId }: { id: string; itemId?: string | undefined }) {
  const t = useT();
  const { load, set, reload } = useRecord(() => call('seizures.get', { id }), id);
  const [caseInfo, setCaseInfo] = useState<Case | null>(null);

  const caseId = load.state === 'ready' ? load.data.caseId : null;
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    call('cases.get', { id: caseId })
      .then((c) => live && setCaseInfo(c))
      .catch(() => live && setCaseInfo(null));
    return () => {
      live = false;
    };
  }, [caseId]);
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
      <DataTable<SeizedItemView>
        tableId="seizure-items"
        label={t('seizure.section.items')}
        columns={columns}
        defaultSort={{ column: 'itemNumber', direction: 'asc' }}
        queryKey=""
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'seizure', id: seizure.id, itemId: r.id })}
        countLabel={(count) => t('seizure.items.count', { count })}
        toolbar={<h2 className="panel-title items-title">{t('seizure.section.items')}</h2>}
        empty={() => <NonIdealState icon="box" title={t('seizure.items.empty')} />}
      />
    </Card>
  );
}

/** The header fields, editable; saved with the version read, so a stale edit is refused. */
function DetailsPanel({ seizure, onChanged }: { seizure: SeizureDetail; onChanged(s: SeizureDetail): void }) {
  const t = useT();
  const f = useFormat();
  const [base, setBase] = useState<HeaderForm>(() => headerFromSeizure(seizure));
  const [form, setForm] = useState<HeaderForm>(base);
  // A newer version (saved here, or a disposition recorded beside): unedited fields follow it, edits in progress stay.
  const [seenVersion, setSeenVersion] = useState(seizure.version);
  if (seizure.version !== seenVersion) {
    const next = headerFromSeizure(seizure);
    setSeenVersion(seizure.version);
    setBase(next);
    setForm((f) => {
      const merged = { ...f };
      for (const key of Object.keys(next) as (keyof HeaderForm)[]) {
        if (JSON.stringify(f[key]) === JSON.stringify(base[key])) Object.assign(merged, { [key]: next[key] });
      }
      return merged;
    });
  }
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(base);

  const check = useMemo(() => {
    const local: FieldErrors = {};
    const changes = headerChanges(form, base, local, t);
    const result = checkInput(seizureUpdateInput, { id: seizure.id, version: seizure.version, ...changes }, t);
    return {
      result,
      errors: { ...(result.ok ? {} : result.errors), ...local },
      ok: result.ok && Object.keys(local).length === 0,
    };
  }, [form, base, seizure.id, seizure.version, t]);
  const errors: FieldErrors = { ...check.errors };
  if (server?.field && server.field !== 'version') errors[server.field] = server.message;

  const save = async (): Promise<boolean> => {
    if (!check.ok || !check.result.ok || !dirty) return false;
    setSaving(true);
    try {
      const next = await call('seizures.update', check.result.data);
      const saved = headerFromSeizure(next);
      setSeenVersion(next.version);
      setBase(saved);
      setForm(saved);
      toast({ message: t('common.saved'), intent: 'success', icon: 'tick' });
      setServer(null);
      onChanged(next);
      return true;
    } catch (err) {
      setServer(refusalOf(err, t, f));
      return false;
    } finally {
      setSaving(false);
    }
  };
  useUnsavedChanges(dirty, save);
  return (
    <form
      className="seizure-details"
      aria-label={t('seizure.section.details')}

      {...saveFormProps(save)}
    >
      <Card compact className="panel">
        <h2 className="panel-title">{t('seizure.section.details')}</h2>
        {server &&
          (server.code === 'conflict' && server.field === 'version' ? (
            <Callout intent="warning" role="alert" className="form-callout">
              {t('error.conflict')}
            </Callout>
          ) : !server.field ? (
            <Callout intent="danger" role="alert" className="form-callout">
              {t('error.generic', { message: server.message })}
            </Callout>
          ) : null)}
        <HeaderFields
          idPrefix="seizure"
          variant="edit"
          form={form}
          errors={errors}
          onChange={(patch) => {
            setForm((f) => ({ ...f, ...patch }));
            setServer(null);
          }}
        />
        <div className="form-actions">
          {dirty && <span className="muted">{t('common.unsavedChanges')}</span>}
          <Button text={t('common.discard')} disabled={!dirty || saving} onClick={() => setForm(base)} />
          <Button
            type="submit"
            intent="primary"
            icon="floppy-disk"
            text={saving ? t('common.saving') : t('common.save')}
            disabled={!dirty || !check.ok}
            loading={saving}
            title={`${t('common.save')} (Ctrl+S)`}
          />
        </div>
      </Card>
    </form>
  );
}

/** The disposition, and a change to one of the allowed next dispositions, with its date and authority. */
function DispositionPanel({ seizure, onChanged }: { seizure: SeizureDetail; onChanged(s: SeizureDetail): void }) {
  const t = useT();
  const f = useFormat();
  const allowed = DISPOSITION_TRANSITIONS[seizure.disposition];
  const [next, setNext] = useState<Disposition | ''>('');
  const [on, setOn] = useState(todayLocal());
  const [authority, setAuthority] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Refusal | null>(null);
  const [saving, setSaving] = useState(false);

  const check = useMemo(
    () =>
      checkInput(
        seizureSetDispositionInput,
        { id: seizure.id, version: seizure.version, disposition: next || undefined, dispositionOn: on, authority },
        t,
      ),
    [seizure.id, seizure.version, next, on, authority, t],
  );
  const errors: FieldErrors = {};
  if (!check.ok) {
    for (const [k, v] of Object.entries(check.errors))
      if (submitted || (k === 'dispositionOn' && on !== '') || (k === 'authority' && authority !== '')) errors[k] = v;
  }
  if (server?.field && server.field !== 'version') errors[server.field] = server.message;

  const submit = async () => {
    setSubmitted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      const result = await call('seizures.setDisposition', check.data);
      toast({
        message: t('seizure.disposition.changed', { disposition: t(`seizure.disposition.${result.disposition}`) }),
        intent: 'primary',
      });
      setNext('');
      setAuthority('');
      setSubmitted(false);
      setServer(null);
      onChanged(result);
    } catch (err) {
      setServer(refusalOf(err, t, f));
    } finally {
      setSaving(false);
    }
  };

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
        <form
          className="disposition-form"
          noValidate
          aria-label={t('seizure.disposition.change')}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {server && (server.field === 'version' || !server.field) && (
            <Callout intent={server.code === 'conflict' ? 'warning' : 'danger'} role="alert" className="form-callout">
              {server.code === 'conflict' ? t('error.conflict') : t('error.generic', { message: server.message })}
            </Callout>
          )}
          <Field id="disposition-next" label={t('seizure.disposition.next')} error={errors.disposition} required>
            <HTMLSelect
              id="disposition-next"
              fill
              value={next}
              onChange={(e) => {
                setNext(e.currentTarget.value as Disposition | '');
                setServer(null);
              }}
              options={[
                { value: '', label: t('seizure.disposition.choose') },
                ...allowed.map((d) => ({ value: d, label: t(`seizure.disposition.${d}`) })),
              ]}
            />
          </Field>
          <Field id="disposition-on" label={t('seizure.field.dispositionOn')} error={errors.dispositionOn} required>
            <InputGroup
              id="disposition-on"
              type="date"
              value={on}
              onValueChange={(v) => {
                setOn(v);
                setServer(null);
              }}
              intent={errors.dispositionOn ? 'danger' : 'none'}
            />
          </Field>
          <Field
            id="disposition-authority"
            label={t('seizure.field.dispositionAuthority')}
            error={errors.authority}
            required
            help={t('seizure.field.dispositionAuthority.help')}
          >
            <InputGroup
              id="disposition-authority"
              value={authority}
              onValueChange={(v) => {
                setAuthority(v);
                setServer(null);
              }}
              intent={errors.authority ? 'danger' : 'none'}
            />
          </Field>
          <Button type="submit" intent="primary" fill text={t('seizure.disposition.submit')} loading={saving} />
        </form>
      )}
    </Card>
  );
}
