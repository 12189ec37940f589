import type { StylesheetJson } from 'cytoscape';
import personPath from '@blueprintjs/icons/lib/esm/generated/16px/paths/person.js';
import officePath from '@blueprintjs/icons/lib/esm/generated/16px/paths/office.js';
import markerPath from '@blueprintjs/icons/lib/esm/generated/16px/paths/map-marker.js';
import shipPath from '@blueprintjs/icons/lib/esm/generated/16px/paths/ship.js';
import airplanePath from '@blueprintjs/icons/lib/esm/generated/16px/paths/airplane.js';
import drivePath from '@blueprintjs/icons/lib/esm/generated/16px/paths/drive-time.js';
import cubePath from '@blueprintjs/icons/lib/esm/generated/16px/paths/cube.js';
import boxPath from '@blueprintjs/icons/lib/esm/generated/16px/paths/box.js';
import type { FormKey } from '../entities/entityForm.ts';

/** A node's outline, drawn the same by cytoscape and by the SVG export. */
export type ChartShape = 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'octagon';

export interface KindLook {
  /** Fill: the Okabe-Ito palette, told apart with the common colour-vision deficiencies. */
  color: string;
  /** The icon's colour on that fill (contrast above 4.5:1). */
  ink: string;
  shape: ChartShape;
  /** Blueprint's 16-pixel icon, as SVG path data on a 16 x 16 grid. */
  paths: readonly string[];
}

/** Each kind has its colour, its outline and its icon, so no kind is told by colour alone. */
export const KIND_LOOK: Readonly<Record<FormKey, KindLook>> = {
  person: { color: '#0072B2', ink: '#ffffff', shape: 'ellipse', paths: personPath },
  organization: { color: '#D55E00', ink: '#ffffff', shape: 'round-rectangle', paths: officePath },
  address: { color: '#009E73', ink: '#ffffff', shape: 'diamond', paths: markerPath },
  vessel: { color: '#56B4E9', ink: '#111418', shape: 'hexagon', paths: shipPath },
  aircraft: { color: '#CC79A7', ink: '#111418', shape: 'hexagon', paths: airplanePath },
  vehicle: { color: '#E69F00', ink: '#111418', shape: 'hexagon', paths: drivePath },
  container: { color: '#F0E442', ink: '#111418', shape: 'hexagon', paths: cubePath },
  shipment: { color: '#505a66', ink: '#ffffff', shape: 'octagon', paths: boxPath },
};

export const CHART_KINDS: readonly FormKey[] = Object.keys(KIND_LOOK) as FormKey[];

/** The kind's icon as an SVG image (a data: URI, which the CSP's img-src allows). */
export function iconUri(key: FormKey): string {
  const look = KIND_LOOK[key];
  const body = look.paths.map((d) => `<path fill="${look.ink}" fill-rule="evenodd" d="${d}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 16 16">${body}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Sizes in model units (the chart's own pixels at zoom 1). */
export const NODE_SIZE = 30;
export const SEED_SIZE = 40;

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

/** The theme's colours for what the chart draws besides the nodes' fills. */
export interface ChartColors {
  background: string;
  text: string;
  muted: string;
  edge: string;
  ended: string;
  seedBorder: string;
  nodeBorder: string;
  selected: string;
  path: string;
}

export function chartColors(dark: boolean): ChartColors {
  return dark
    ? {
        background: '#252a31',
        text: '#f6f7f9',
        muted: '#abb3bf',
        edge: '#8f99a8',
        ended: '#5f6b7c',
        seedBorder: '#f6f7f9',
        // A thin outline that stands out from the background (3:1), whatever the fill: the yellow
        // of containers on white, the grey of shipments on the dark theme.
        nodeBorder: '#abb3bf',
        selected: '#8abbff',
        path: '#fbb360',
      }
    : {
        background: '#ffffff',
        text: '#1c2127',
        muted: '#5f6b7c',
        edge: '#738091',
        ended: '#c5cbd3',
        seedBorder: '#1c2127',
        nodeBorder: '#5f6b7c',
        selected: '#2d72d2',
        path: '#c87619',
      };
}

/** Link labels are drawn from this zoom on (and always for hovered and selected nodes' links). */
export const EDGE_LABEL_ZOOM = 1.1;

/** Below zoom 1, text is scaled up to keep its size on screen (cytoscape scales text with the chart). */
export const textGrow = (zoom: number): number => (zoom < 1 ? 1 / Math.max(zoom, 0.2) : 1);
export const NODE_FONT = 11;
export const EDGE_FONT = 9;
export const LABEL_WIDTH = 150;
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * The stylesheet, for a theme and a zoom. Labels keep a readable size on screen at any zoom;
 * which of them are drawn is decided by label-culling.ts (class `nolabel`), so that a zoomed-out
 * network is not a pile of overlapping names.
 */
export function chartStylesheet(dark: boolean, zoom: number): StylesheetJson {
  const c = chartColors(dark);
  const grow = textGrow(zoom);
  // Nodes grow less than labels: enough to stay visible, not so much that they overlap.
  const nodeGrow = Math.sqrt(grow);
  const nodeFont = NODE_FONT * grow;
  const edgeFont = EDGE_FONT * grow;
  const sheet: StylesheetJson = [
    {
      selector: 'node',
      style: {
        shape: 'data(shape)' as never,
        width: NODE_SIZE * nodeGrow,
        height: NODE_SIZE * nodeGrow,
        'background-color': 'data(color)',
        'background-image': 'data(icon)',
        'background-width': '58%',
        'background-height': '58%',
        'background-clip': 'none',
        'border-color': c.nodeBorder,
        label: 'data(label)',
        'font-size': nodeFont,
        'font-family': FONT_FAMILY,
        color: c.text,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 3 * grow,
        'border-width': 1.2 * nodeGrow,
        'text-wrap': 'ellipsis',
        'text-max-width': `${LABEL_WIDTH * grow}px`,
        'text-outline-color': c.background,
        'text-outline-width': 2.5 * grow,
        'text-outline-opacity': 0.9,
        'overlay-padding': 4,
      },
    },
    {
      selector: 'node.seed',
      style: {
        width: SEED_SIZE * nodeGrow,
        height: SEED_SIZE * nodeGrow,
        'border-width': 4 * nodeGrow,
        'border-color': c.seedBorder,
        'font-weight': 'bold',
        // Drawn above the others, label included: it may stand over another node.
        'z-index': 10,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5 * nodeGrow,
        'curve-style': 'bezier',
        'line-color': c.edge,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': c.edge,
        'arrow-scale': 0.9,
        label: 'data(label)',
        'font-size': edgeFont,
        'font-family': FONT_FAMILY,
        color: c.muted,
        'text-rotation': 'autorotate',
        'text-background-color': c.background,
        'text-background-opacity': 0.9,
        'text-background-padding': `${1.5 * grow}px`,
        'text-background-shape': 'roundrectangle',
      },
    },
    { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
    { selector: 'edge.probable', style: { 'line-style': 'dashed', 'line-dash-pattern': [7, 4] } },
    { selector: 'edge.possible', style: { 'line-style': 'dotted', 'line-dash-pattern': [2, 3], width: 2 * nodeGrow } },
    { selector: 'edge.ended', style: { 'line-color': c.ended, 'target-arrow-color': c.ended, color: c.ended } },
  ];
  if (zoom < EDGE_LABEL_ZOOM) sheet.push({ selector: 'edge', style: { label: '' } });
  sheet.push({ selector: '.nolabel', style: { label: '' } });
  sheet.push(
    { selector: '.near', style: { label: 'data(label)', 'z-index': 20 } },
    { selector: 'edge.near', style: { width: 2.5 * nodeGrow } },
    {
      selector: 'node:selected',
      style: {
        'border-color': c.selected,
        'border-width': 5 * nodeGrow,
        'overlay-color': c.selected,
        'overlay-opacity': 0.18,
        'overlay-padding': 7,
        label: 'data(label)',
        'z-index': 30,
      },
    },
    {
      selector: 'edge:selected',
      style: { 'line-color': c.selected, 'target-arrow-color': c.selected, width: 3 * nodeGrow, label: 'data(label)' },
    },
    { selector: '.faded', style: { opacity: 0.18 } },
    {
      selector: 'node.on-path',
      style: { 'border-color': c.path, 'border-width': 5 * nodeGrow, label: 'data(label)', opacity: 1 },
    },
    {
      selector: 'edge.on-path',
      style: {
        'line-color': c.path,
        'target-arrow-color': c.path,
        width: 4 * nodeGrow,
        label: 'data(label)',
        opacity: 1,
        'z-index': 25,
      },
    },
    {
      selector: 'node.linking',
      style: { 'border-color': c.path, 'border-width': 6 * nodeGrow, 'border-style': 'double', label: 'data(label)' },
    },
    { selector: '.filtered', style: { display: 'none' } },
  );
  return sheet;
}
