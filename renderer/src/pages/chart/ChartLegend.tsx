import { useT } from '../../i18n/index.tsx';
import { CHART_KINDS, KIND_LOOK, SHAPE_POINTS, chartColors, iconUri, type ChartShape } from './chart-style.ts';

function Swatch({
  shape,
  color,
  icon,
  stroke,
  strokeWidth,
}: {
  shape: ChartShape;
  color: string;
  icon: string;
  stroke: string;
  strokeWidth: number;
}) {
  const common = { fill: color, stroke, strokeWidth };
  return (
    <svg width="18" height="18" viewBox="-10 -10 20 20" aria-hidden="true" className="chart-swatch">
      {shape === 'ellipse' && <circle r="8" {...common} />}
      {shape === 'round-rectangle' && <rect x="-8" y="-8" width="16" height="16" rx="3" {...common} />}
      {shape !== 'ellipse' && shape !== 'round-rectangle' && (
        <polygon
          points={SHAPE_POINTS[shape]
            .reduce<string[]>((acc, v, i, all) => (i % 2 === 0 ? [...acc, `${v * 8},${(all[i + 1] ?? 0) * 8}`] : acc), [])
            .join(' ')}
          {...common}
        />
      )}
      {icon && <image href={icon} x="-5" y="-5" width="10" height="10" />}
    </svg>
  );
}

function Line({ dash, color }: { dash: string | undefined; color: string }) {
  return (
    <svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true" className="chart-swatch">
      <line x1="1" y1="5" x2="33" y2="5" stroke={color} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
}

/** What the shapes, colours and lines mean: each with its words, so nothing is told by colour alone. */
export function ChartLegend({ dark }: { dark: boolean }) {
  const t = useT();
  const c = chartColors(dark);
  return (
    <section className="chart-legend" aria-label={t('chart.legend')}>
      <h3 className="chart-side-title">{t('chart.legend')}</h3>
      <ul className="chart-legend-kinds">
        {CHART_KINDS.map((key) => (
          <li key={key}>
            <Swatch
              shape={KIND_LOOK[key].shape}
              color={KIND_LOOK[key].color}
              icon={iconUri(key)}
              stroke={c.nodeBorder}
              strokeWidth={1}
            />
            {t(`entity.kind.${key}`)}
          </li>
        ))}
        <li>
          <Swatch shape="ellipse" color={c.background} icon="" stroke={c.seedBorder} strokeWidth={3} />
          {t('chart.legend.seed')}
        </li>
      </ul>
      <ul className="chart-legend-lines">
        <li>
          <Line dash={undefined} color={c.edge} />
          {t('chart.legend.confirmed')}
        </li>
        <li>
          <Line dash="7 4" color={c.edge} />
          {t('chart.legend.probable')}
        </li>
        <li>
          <Line dash="2 3" color={c.edge} />
          {t('chart.legend.possible')}
        </li>
        <li>
          <Line dash={undefined} color={c.ended} />
          {t('chart.legend.ended')}
        </li>
      </ul>
    </section>
  );
}
