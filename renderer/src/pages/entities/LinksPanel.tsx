import { useMemo, useState } from 'react';
import { Alert, Button, Card, Classes, HTMLTable, Icon, InputGroup, NonIdealState, Tag } from '@blueprintjs/core';
import { useIntl } from 'react-intl';
import type { EntityLinkView, EntityView } from '../../../../db/api.ts';
import { useT } from '../../i18n/index.tsx';
import { call } from '../../lib/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { routeHref } from '../../lib/router.ts';
import { toast } from '../../lib/toaster.ts';
import { DateText } from '../../components/DateText.tsx';
import { today } from '../../lib/dates.ts';
import { AddLinkDialog } from './AddLinkDialog.tsx';
import { KIND_ICONS } from './EntityTags.tsx';
import { formKeyOf } from './entityForm.ts';

interface Row {
  link: EntityLinkView;
  direction: 'out' | 'in';
}

/** The entity's links, those it starts and those pointing to it, with their sources and dates. */
export function LinksPanel({ view, onChanged }: { view: EntityView; onChanged(): void }) {
  const t = useT();
  const intl = useIntl();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Row | null>(null);
  const [ending, setEnding] = useState<Row | null>(null);
  const [endOn, setEndOn] = useState('');
  const rows = useMemo<Row[]>(
    () => [
      ...view.outgoing.map((link) => ({ link, direction: 'out' as const })),
      ...view.incoming.map((link) => ({ link, direction: 'in' as const })),
    ],
    [view],
  );
  const relation = (r: Row) => t(`entity.link.${r.direction}.${r.link.type}`);

  const unlink = useAction(
    async () => {
      if (!removing) return;
      await call('entities.unlink', { id: removing.link.id });
      toast({ message: t('entity.link.removed'), intent: 'primary', icon: 'unlink' });
      setRemoving(null);
      onChanged();
    },
    { toastRefusal: true },
  );

  const end = useAction(
    async () => {
      if (!ending) return;
      await call('entities.updateLink', { id: ending.link.id, version: ending.link.version, validTo: endOn });
      toast({ message: t('entity.link.ended'), intent: 'primary', icon: 'time' });
      setEnding(null);
      onChanged();
    },
    { toastRefusal: true },
  );

  return (
    <Card compact className="panel ent-links-panel">
      <div className="ent-panel-head">
        <h2 className="panel-title">{t('entity.section.links', { count: rows.length })}</h2>
        <Button small icon="new-link" text={t('entity.link.add')} onClick={() => setAdding(true)} />
      </div>
      {rows.length === 0 ? (
        <NonIdealState
          className="ent-panel-empty"
          icon="link"
          title={t('entity.links.empty.title')}
          description={t('entity.links.empty.body')}
          action={<Button icon="new-link" text={t('entity.link.add')} onClick={() => setAdding(true)} />}
        />
      ) : (
        <HTMLTable compact striped className="ent-links-table" aria-label={t('entity.section.links', { count: rows.length })}>
          <thead>
            <tr>
              <th scope="col">{t('entity.link.relation')}</th>
              <th scope="col">{t('entity.link.other')}</th>
              <th scope="col" className="num">
                {t('entity.link.share')}
              </th>
              <th scope="col">{t('entity.link.source')}</th>
              <th scope="col">{t('entity.link.confidence')}</th>
              <th scope="col" className="num">
                {t('entity.link.validFrom')}
              </th>
              <th scope="col" className="num">
                {t('entity.link.validTo')}
              </th>
              <th scope="col">
                <span className="ent-visually-hidden">{t('entity.link.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.direction}:${r.link.id}`}>
                <td className="ent-link-relation">
                  <Icon icon={r.direction === 'out' ? 'arrow-right' : 'arrow-left'} size={12} className="muted" aria-hidden />
                  {relation(r)}
                </td>
                <td>
                  <a href={routeHref({ page: 'entity', id: r.link.other.id })} className="ent-link-other">
                    <Icon icon={KIND_ICONS[formKeyOf(r.link.other)]} size={12} className="muted" aria-hidden />
                    {r.link.other.name}
                  </a>
                  {r.link.other.country && <span className="muted mono ent-link-country">{r.link.other.country}</span>}
                </td>
                <td className="num">
                  {r.link.shareBp === null
                    ? ''
                    : intl.formatNumber(r.link.shareBp / 10000, { style: 'percent', maximumFractionDigits: 2 })}
                </td>
                <td className="ent-link-source">
                  <span>{r.link.source}</span>
                  {r.link.notes && <div className="muted prewrap">{r.link.notes}</div>}
                </td>
                <td>
                  <Tag
                    minimal
                    intent={
                      r.link.confidence === 'confirmed' ? 'success' : r.link.confidence === 'probable' ? 'primary' : 'warning'
                    }
                  >
                    {t(`entity.link.confidence.${r.link.confidence}`)}
                  </Tag>
                </td>
                <td className="num">
                  <DateText value={r.link.validFrom} />
                </td>
                <td className="num">
                  <DateText value={r.link.validTo} />
                </td>
                <td className="ent-link-actions">
                  {r.link.validTo === null && (
                    <Button
                      small
                      variant="minimal"
                      icon="time"
                      aria-label={t('entity.link.end', { relation: relation(r), name: r.link.other.name })}
                      title={t('entity.link.end', { relation: relation(r), name: r.link.other.name })}
                      onClick={() => {
                        setEndOn(today());
                        setEnding(r);
                      }}
                    />
                  )}
                  <Button
                    small
                    variant="minimal"
                    icon="unlink"
                    aria-label={t('entity.link.remove', { relation: relation(r), name: r.link.other.name })}
                    title={t('entity.link.remove', { relation: relation(r), name: r.link.other.name })}
                    onClick={() => setRemoving(r)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </HTMLTable>
      )}
      <AddLinkDialog
        isOpen={adding}
        entity={view.entity}
        onClose={() => setAdding(false)}
        onLinked={() => {
          setAdding(false);
          onChanged();
        }}
      />
      <Alert
        isOpen={removing !== null}
        icon="unlink"
        intent="danger"
        cancelButtonText={t('common.cancel')}
        confirmButtonText={t('entity.link.removeConfirm')}
        loading={unlink.pending !== null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => void unlink.act()}
        canEscapeKeyCancel
      >
        {removing && <p>{t('entity.link.removeQuestion', { relation: relation(removing), name: removing.link.other.name })}</p>}
      </Alert>
      <Alert
        isOpen={ending !== null}
        icon="time"
        cancelButtonText={t('common.cancel')}
        confirmButtonText={t('entity.link.endConfirm')}
        loading={end.pending !== null}
        onCancel={() => setEnding(null)}
        onConfirm={() => void end.act()}
        canEscapeKeyCancel
      >
        {ending && (
          <>
            <p>{t('entity.link.endQuestion', { relation: relation(ending), name: ending.link.other.name })}</p>
            <label className={Classes.LABEL} htmlFor="link-end-on">
              {t('entity.link.validTo')}
              <InputGroup id="link-end-on" type="date" value={endOn} onValueChange={setEndOn} />
            </label>
          </>
        )}
      </Alert>
    </Card>
  );
}
