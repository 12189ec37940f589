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
import { CHART_KINDS, KIND_COLORS, NODE_SIZE, SEED_SIZE, type KindColors } from '../../../../db/shared/chart-look.ts';

export { CHART_KINDS, NODE_SIZE, SEED_SIZE, SHAPE_POINTS, type ChartShape } from '../../../../db/shared/chart-look.ts';

export interface KindLook extends KindColors {
  /** Blueprint's 16-pixel icon, as SVG path data on a 16 x 16 grid. */
  paths: readonly string[];
}

const ICONS: Readonly<Record<FormKey, readonly string[]>> = {
  person: personPath,
  organization: officePath,
  address: markerPath,
  vessel: shipPath,
  aircraft: airplanePath,
  vehicle: drivePath,
  container: cubePath,
  shipment: boxPath,
};

/** Each kind's colour and outline (shared with the printed chart), and its icon. */
export const KIND_LOOK: Readonly<Record<FormKey, KindLook>> = Object.fromEntries(
  CHART_KINDS.map((key) => [key, { ...KIND_COLORS[key], paths: ICONS[key] }]),
) as Record<FormKey, KindLook>;

/** The kind's icon as an SVG image (a data: URI, which the CSP's img-src allows). */
export function iconUri(key: FormKey): string {
  const look = KIND_LOOK[key];
  const body = look.paths.map((d) => `<path fill="${look.ink}" fill-rule="evenodd" d="${d}"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 16 16">${body}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

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
