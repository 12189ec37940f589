import { Button, Checkbox, InputGroup, Popover } from '@blueprintjs/core';
import { LINK_CONFIDENCES, LINK_TYPES, type LinkConfidence, type LinkType } from '../../../../db/shared/domain.ts';
import { useT } from '../../i18n/index.tsx';
import { isFiltered, NO_FILTER, type ChartFilter } from './chart-model.ts';

function toggled<V>(set: ReadonlySet<V>, value: V, on: boolean): Set<V> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

/** The chart's filters (the same for the chart and its tables): link types, confidence, a date range. */
export function ChartFilters({ filter, onChange }: { filter: ChartFilter; onChange(f: ChartFilter): void }) {
  const t = useT();
  const types = (
    <div className="chart-filter-menu" role="group" aria-label={t('chart.filter.types')}>
      <div className="chart-filter-quick">
        <Button
          small
          variant="minimal"
          text={t('chart.filter.all')}
          onClick={() => onChange({ ...filter, types: new Set(LINK_TYPES) })}
        />
        <Button small variant="minimal" text={t('chart.filter.none')} onClick={() => onChange({ ...filter, types: new Set() })} />
      </div>
      {LINK_TYPES.map((type: LinkType) => (
        <Checkbox
          key={type}
          className="chart-filter-check"
          checked={filter.types.has(type)}
          label={t(`entity.link.out.${type}`)}
          onChange={(e) => onChange({ ...filter, types: toggled(filter.types, type, e.currentTarget.checked) })}
        />
      ))}
    </div>
  );
  const confidences = (
    <div className="chart-filter-menu" role="group" aria-label={t('chart.filter.confidence')}>
      {LINK_CONFIDENCES.map((c: LinkConfidence) => (
        <Checkbox
          key={c}
          className="chart-filter-check"
          checked={filter.confidences.has(c)}
          label={t(`entity.link.confidence.${c}`)}
          onChange={(e) => onChange({ ...filter, confidences: toggled(filter.confidences, c, e.currentTarget.checked) })}
        />
      ))}
    </div>
  );
  return (
    <div className="chart-filters">
      <Popover content={types} placement="bottom-start">
        <Button
          small
          icon="filter"
          endIcon="caret-down"
          text={
            filter.types.size === LINK_TYPES.length
              ? t('chart.filter.types')
              : t('chart.filter.typesCount', { count: filter.types.size, total: LINK_TYPES.length })
          }
        />
      </Popover>
      <Popover content={confidences} placement="bottom-start">
        <Button
          small
          icon="confirm"
          endIcon="caret-down"
          text={
            filter.confidences.size === LINK_CONFIDENCES.length
              ? t('chart.filter.confidence')
              : t('chart.filter.confidenceCount', { count: filter.confidences.size, total: LINK_CONFIDENCES.length })
          }
        />
      </Popover>
      <label className="chart-date" title={t('chart.filter.dateHelp')}>
        <span className="muted">{t('chart.filter.from')}</span>
        <InputGroup
          small
          type="date"
          value={filter.from}
          aria-label={t('chart.filter.from')}
          onValueChange={(from) => onChange({ ...filter, from })}
        />
      </label>
      <label className="chart-date" title={t('chart.filter.dateHelp')}>
        <span className="muted">{t('chart.filter.to')}</span>
        <InputGroup
          small
          type="date"
          value={filter.to}
          aria-label={t('chart.filter.to')}
          onValueChange={(to) => onChange({ ...filter, to })}
        />
      </label>
      {isFiltered(filter) && (
        <Button small variant="minimal" icon="filter-remove" text={t('chart.filter.reset')} onClick={() => onChange(NO_FILTER)} />
      )}
    </div>
  );
}
