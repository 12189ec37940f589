import { useCallback, useMemo, useState } from 'react';
import { Button } from '@blueprintjs/core';
import type { EntityListRow, MethodInput } from '../../../../db/api.ts';
import { ENTITY_KINDS, ENTITY_SORT_COLUMNS } from '../../../../db/shared/domain.ts';
import { useFormat, useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { navigate } from '../../lib/router.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, pageInput, RecordTable } from '../../table/RecordTable.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DateTimeText } from '../../components/DateText.tsx';
import { country as countrySchema } from '../../../../db/shared/inputs/identifiers.ts';
import { CountryText, KindTag } from './EntityTags.tsx';
import { zodIssueText } from '../../lib/refusals.ts';
import { NewEntityDialog } from './NewEntityDialog.tsx';
import './entities.css';

/** Every person, organization, address, conveyance and shipment, across cases. */
export function EntitiesPage() {
  const t = useT();
  const f = useFormat();
  const [creating, setCreating] = useState(false);

  const columns = useMemo<DataColumn<EntityListRow>[]>(
    () => [
      { id: 'name', header: t('entity.field.name'), size: 320, cell: (r) => <span className="cell-title">{r.name}</span> },
      {
        id: 'kind',
        header: t('entity.field.kind'),
        size: 140,
        filter: { kind: 'select', options: ENTITY_KINDS.map((k) => ({ value: k, label: t(`entity.kind.${k}`) })) },
        cell: (r) => <KindTag kind={r.kind} subtype={r.subtype} />,
      },
      {
        id: 'country',
        header: t('entity.field.listCountry'),
        size: 170,
        filter: { kind: 'text' },
        cell: (r) => (r.country ? <CountryText code={r.country} /> : <span className="muted">{t('common.none')}</span>),
      },
      {
        id: 'identifiers',
        header: t('entity.field.identifiers'),
        size: 320,
        sortable: false,
        // An address's postal code, city and region are already in its name.
        cell: (r) =>
          r.identifiers && r.kind !== 'address' ? (
            <span className="ent-identifiers" title={r.identifiers}>
              {r.identifiers}
            </span>
          ) : (
            <span className="muted">{t('common.none')}</span>
          ),
      },
      {
        id: 'caseCount',
        header: t('entity.field.caseCount'),
        size: 80,
        align: 'right',
        sortable: false,
        cell: (r) => f.number(r.caseCount),
      },
      {
        id: 'updatedAt',
        header: t('entity.field.updatedAt'),
        size: 170,
        align: 'right',
        cell: (r) => <DateTimeText value={r.updatedAt} />,
      },
    ],
    [t, f],
  );

  const fetchPage = useCallback(
    (req: PageRequest, text: string) => {
      const input: MethodInput<'entities.list'> = pageInput(req, ENTITY_SORT_COLUMNS);
      const kind = choice(req.filters.kind, ENTITY_KINDS);
      if (kind) input.kind = [kind];
      // A country filter applies once it is a whole code (two letters); the table says why one is not valid.
      const country = req.filters.country?.trim().toUpperCase() ?? '';
      if (country.length >= 2) {
        const checked = countrySchema.safeParse(country);
        const issue = checked.success ? undefined : checked.error.issues[0];
        if (issue) return Promise.reject(new Error(zodIssueText(issue, t)));
        input.country = [country];
      }
      if (text) input.text = text;
      return call('entities.list', input);
    },
    [t],
  );

  const create = <Button intent="primary" icon="add" text={t('entities.new')} onClick={() => setCreating(true)} />;
  return (
    <ListPage className="ent-page-entities" title={t('entities.title')} actions={create}>
      <RecordTable<EntityListRow>
        tableId="entities"
        label={t('entities.title')}
        columns={columns}
        defaultSort={{ column: 'name', direction: 'asc' }}
        fetchPage={fetchPage}
        rowKey={(r) => r.id}
        onOpen={(r) => navigate({ page: 'entity', id: r.id })}
        countLabel={(count) => t('entities.count', { count })}
        search={{ id: 'entity-search', label: t('entities.search'), placeholder: t('entities.searchPlaceholder') }}
        noMatch={{ title: t('entities.noMatch.title'), body: t('entities.noMatch.body') }}
        empty={{ icon: 'people', title: t('entities.empty.title'), body: t('entities.empty.body'), action: create }}
      />
      <NewEntityDialog
        isOpen={creating}
        onClose={() => setCreating(false)}
        onCreated={(e) => {
          setCreating(false);
          navigate({ page: 'entity', id: e.id });
        }}
      />
    </ListPage>
  );
}
