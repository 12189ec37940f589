import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Menu, MenuDivider, MenuItem, Popover } from '@blueprintjs/core';
import type { CaseEntity, EntitySummary } from '../../../../db/api.ts';
import { CASE_ROLES, ENTITY_KINDS } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { navigate } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { type DataColumn, type PageRequest } from '../../table/DataTable.tsx';
import { choice, RecordTable } from '../../table/RecordTable.tsx';
import { AddSubjectDialog } from './AddSubjectDialog.tsx';
import { CountryText, KindTag, RoleTag } from './EntityTags.tsx';
import './entities.css';

/** One entity of the case with every role it holds there. */
interface SubjectRow {
  entity: EntitySummary;
  roles: CaseEntity[];
}

/** The roles of a case, one row per entity, in the contract's order (by role, then name). */
function group(rows: CaseEntity[]): SubjectRow[] {
  const byEntity = new Map<string, SubjectRow>();
  for (const r of rows) {
    const g = byEntity.get(r.entityId);
    if (g) g.roles.push(r);
    else byEntity.set(r.entityId, { entity: r.entity, roles: [r] });
  }
  return [...byEntity.values()];
}

/** The case's Subjects tab: its persons, organizations, conveyances and shipments, with their roles. */
export function SubjectsTab({ caseId }: { caseId: string }) {
  const t = useT();
  const [refresh, setRefresh] = useState(0);
  const [adding, setAdding] = useState(false);
  const [existing, setExisting] = useState<CaseEntity[]>([]);
  const [removing, setRemoving] = useState<CaseEntity | null>(null);

  const columns = useMemo<DataColumn<SubjectRow>[]>(
    () => [
      {
        id: 'name',
        header: t('entity.field.name'),
        size: 290,
        sortable: false,
        cell: (r) => <span className="cell-title">{r.entity.name}</span>,
      },
      {
        id: 'kind',
        header: t('entity.field.kind'),
        size: 140,
        sortable: false,
        filter: { kind: 'select', options: ENTITY_KINDS.map((k) => ({ value: k, label: t(`entity.kind.${k}`) })) },
        cell: (r) => <KindTag kind={r.entity.kind} subtype={r.entity.subtype} />,
      },
      {
        id: 'role',
        header: t('subjects.field.roles'),
        size: 240,
        sortable: false,
        filter: { kind: 'select', options: CASE_ROLES.map((role) => ({ value: role, label: t(`entity.role.${role}`) })) },
        cell: (r) => (
          <span className="ent-role-tags">
            {r.roles.map((x) => (
              <RoleTag key={x.id} role={x.role} />
            ))}
          </span>
        ),
      },
      {
        id: 'country',
        header: t('entity.field.listCountry'),
        size: 170,
        sortable: false,
        cell: (r) =>
          r.entity.country ? <CountryText code={r.entity.country} /> : <span className="muted">{t('common.none')}</span>,
      },
      {
        id: 'notes',
        header: t('subjects.field.notes'),
        size: 220,
        sortable: false,
        cell: (r) => {
          const notes = r.roles
            .filter((x) => x.notes)
            .map((x) => `${t(`entity.role.${x.role}`)}: ${x.notes}`)
            .join(' · ');
          return notes ? <span title={notes}>{notes}</span> : <span className="muted">{t('common.none')}</span>;
        },
      },
      {
        id: 'actions',
        header: t('subjects.field.actions'),
        size: 80,
        sortable: false,
        cell: (r) => (
          // The row opens the entity; the menu's clicks and keys stay with the menu.
          <span className="ent-row-actions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <Popover
              placement="bottom-end"
              content={
                <Menu aria-label={t('subjects.actionsFor', { name: r.entity.name })}>
                  <MenuItem
                    icon="document-open"
                    text={t('subjects.open')}
                    onClick={() => navigate({ page: 'entity', id: r.entity.id })}
                  />
                  <MenuDivider />
                  {r.roles.map((x) => (
                    <MenuItem
                      key={x.id}
                      icon="remove"
                      intent="danger"
                      text={t('subjects.removeRole', { role: t(`entity.role.${x.role}`) })}
                      onClick={() => setRemoving(x)}
                    />
                  ))}
                </Menu>
              }
            >
              <Button
                small
                variant="minimal"
                icon="more"
                aria-label={t('subjects.actionsFor', { name: r.entity.name })}
                title={t('subjects.actionsFor', { name: r.entity.name })}
              />
            </Popover>
          </span>
        ),
      },
    ],
    [t],
  );

  // A case's roles come whole from the contract (cases.entities, ordered in SQL by role then name);
  // the table's filters narrow that short list here.
  const fetchPage = useCallback(
    async (req: PageRequest) => {
      const { rows } = await call('cases.entities', { caseId });
      setExisting(rows);
      const kind = choice(req.filters.kind, ENTITY_KINDS);
      const role = choice(req.filters.role, CASE_ROLES);
      const grouped = group(rows).filter(
        (g) => (!kind || g.entity.kind === kind) && (!role || g.roles.some((x) => x.role === role)),
      );
      return { total: grouped.length, rows: grouped.slice(req.offset, req.offset + req.limit) };
    },
    [caseId],
  );

  const remove = useAction(
    async () => {
      if (!removing) return;
      await call('cases.removeEntity', { caseId, entityId: removing.entityId, role: removing.role });
      toast({
        message: t('subjects.removed', { name: removing.entity.name, role: t(`entity.role.${removing.role}`) }),
        intent: 'primary',
      });
      setRemoving(null);
      setRefresh((n) => n + 1);
    },
    { toastRefusal: true },
  );

  const add = <Button intent="primary" icon="add" text={t('subjects.add')} onClick={() => setAdding(true)} />;
  return (
    <div className="tab-panel ent-subjects-tab">
      <RecordTable<SubjectRow>
        tableId="case-subjects"
        label={t('subjects.title')}
        columns={columns}
        defaultSort={{ column: 'role', direction: 'asc' }}
        reloadKey={refresh}
        fetchPage={fetchPage}
        rowKey={(r) => r.entity.id}
        onOpen={(r) => navigate({ page: 'entity', id: r.entity.id })}
        countLabel={(count) => t('subjects.count', { count })}
        actions={add}
        noMatch={{ title: t('subjects.noMatch.title'), body: t('subjects.noMatch.body') }}
        empty={{ icon: 'people', title: t('subjects.empty.title'), body: t('subjects.empty.body'), action: add }}
      />
      <AddSubjectDialog
        caseId={caseId}
        isOpen={adding}
        existing={existing}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          setRefresh((n) => n + 1);
        }}
      />
      <Alert
        isOpen={removing !== null}
        icon="remove"
        intent="danger"
        cancelButtonText={t('common.cancel')}
        confirmButtonText={t('subjects.removeConfirm')}
        loading={remove.pending !== null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => void remove.act()}
        canEscapeKeyCancel
      >
        {removing && (
          <p>{t('subjects.removeQuestion', { name: removing.entity.name, role: t(`entity.role.${removing.role}`) })}</p>
        )}
      </Alert>
    </div>
  );
}
