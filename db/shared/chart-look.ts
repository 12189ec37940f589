import type { FcoseLayoutOptions } from 'cytoscape-fcose';
import type { ConveyanceType, EntityKind } from './domain.ts';

/**
 * How the link chart draws an entity and lays the chart out: shared by the app's chart
 * (renderer/src/pages/chart) and the case report's figure (db/report/link-figure.ts), so the
 * printed chart looks like the one on screen.
 */
export type ChartKey = Exclude<EntityKind, 'conveyance'> | ConveyanceType;

export function chartKeyOf(e: { kind: EntityKind; subtype?: ConveyanceType | null | undefined }): ChartKey {
  return e.kind === 'conveyance' ? (e.subtype ?? 'vessel') : e.kind;
}

/** A node's outline. */
export type ChartShape = 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'octagon';

export interface KindColors {
  /** Fill: the Okabe-Ito palette, told apart with the common colour-vision deficiencies. */
  color: string;
  /** The icon's colour on that fill (contrast above 4.5:1). */
  ink: string;
  shape: ChartShape;
}

/** Each kind has its colour and its outline (and, on screen, its icon), so no kind is told by colour alone. */
export const KIND_COLORS: Readonly<Record<ChartKey, KindColors>> = {
  person: { color: '#0072B2', ink: '#ffffff', shape: 'ellipse' },
  organization: { color: '#D55E00', ink: '#ffffff', shape: 'round-rectangle' },
  address: { color: '#009E73', ink: '#ffffff', shape: 'diamond' },
  vessel: { color: '#56B4E9', ink: '#111418', shape: 'hexagon' },
  aircraft: { color: '#CC79A7', ink: '#111418', shape: 'hexagon' },
  vehicle: { color: '#E69F00', ink: '#111418', shape: 'hexagon' },
  container: { color: '#F0E442', ink: '#111418', shape: 'hexagon' },
  shipment: { color: '#505a66', ink: '#ffffff', shape: 'octagon' },
};

export const CHART_KINDS: readonly ChartKey[] = Object.keys(KIND_COLORS) as ChartKey[];

/** A regular polygon fitted to the unit square, as cytoscape draws its `hexagon` and `octagon`. */
function ngon(sides: number): number[] {
  const step = (2 * Math.PI) / sides;
  const start = sides % 2 === 0 ? Math.PI / 2 + step / 2 : Math.PI / 2;
  const pts: number[] = [];
  for (let i = 0; i < sides; i++) pts.push(Math.cos(start + i * step), Math.sin(-(start + i * step)));
  const xs = pts.filter((_, i) => i % 2 === 0);
  const ys = pts.filter((_, i) => i % 2 === 1);
  const sx = 2 / (Math.max(...xs) - Math.min(...xs));
  const sy = 2 / (Math.max(...ys) - Math.min(...ys));
  return pts.map((v, i) => v * (i % 2 === 0 ? sx : sy));
}

/** The outline's corners on the unit square (-1..1), for a polygon shape. */
export const SHAPE_POINTS: Readonly<Record<'diamond' | 'hexagon' | 'octagon', readonly number[]>> = {
  diamond: [0, -1, 1, 0, 0, 1, -1, 0],
  hexagon: ngon(6),
  octagon: ngon(8),
};

/** Sizes in model units (the chart's own pixels at zoom 1). */
export const NODE_SIZE = 30;
export const SEED_SIZE = 40;

/**
 * fCoSE tuned on seeded procurement networks of 100-300 entities: strong repulsion, long and
 * loose ideal edges and weak gravity keep nodes a label's width apart (no two closer than 60
 * units on the 161-entity hub case, laid out in about 0.4 s).
 */
export const chartLayoutOptions = (count: number): FcoseLayoutOptions => ({
  name: 'fcose',
  quality: count > 600 ? 'draft' : 'default',
  randomize: true,
  animate: false,
  fit: true,
  padding: 40,
  nodeSeparation: 150,
  nodeRepulsion: () => 100_000,
  idealEdgeLength: () => 110,
  edgeElasticity: () => 0.2,
  gravity: 0.1,
  gravityRange: 3.8,
  numIter: 2500,
  tile: true,
  tilingPaddingVertical: 40,
  tilingPaddingHorizontal: 40,
});
