/**
 * The case report's link chart: the case's entities and the links among them (the package's own
 * data, so a partner package draws only what it holds), laid out by the app chart's fCoSE with its
 * options, and drawn as vectors in the PDF with the chart's colours and outlines.
 */
import cytoscape, { type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { LinkConfidence } from '../shared/domain.ts';
import {
  CHART_KINDS,
  chartKeyOf,
  chartLayoutOptions,
  KIND_COLORS,
  NODE_SIZE,
  SEED_SIZE,
  SHAPE_POINTS,
  type ChartKey,
  type ChartShape,
} from '../shared/chart-look.ts';
import type { CaseData } from '../package/case-data.ts';

cytoscape.use(fcose);

export interface FigureNode {
  id: string;
  key: ChartKey;
  name: string;
  /** Named by the case (a role or a party): drawn larger, its name always printed. */
  seed: boolean;
  x: number;
  y: number;
  degree: number;
}

export interface FigureLink {
  fromId: string;
  toId: string;
  confidence: LinkConfidence;
  ended: boolean;
}

export interface LinkFigure {
  nodes: FigureNode[];
  links: FigureLink[];
}

/** The figure of a case with links, laid out; null when the case has none to draw. */
export function layoutLinkFigure(data: CaseData, today: string): LinkFigure | null {
  const ids = new Set(data.entities.map((e) => e.id));
  const links = data.links.filter((l) => ids.has(l.fromId) && ids.has(l.toId));
  if (links.length === 0) return null;
  const degree = new Map<string, number>();
  for (const l of links) for (const id of [l.fromId, l.toId]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const elements: ElementDefinition[] = [
    ...data.entities.map((e) => ({ group: 'nodes' as const, data: { id: e.id, size: e.hop === 0 ? SEED_SIZE : NODE_SIZE } })),
    ...links.map((l) => ({ group: 'edges' as const, data: { id: l.id, source: l.fromId, target: l.toId } })),
  ];
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
  });
  try {
    // The same data prints the same file: fCoSE's random start is drawn from a seeded sequence.
    withSeededRandom(data.case.id, () => cy.layout(chartLayoutOptions(data.entities.length)).run());
    return {
      nodes: data.entities.map((e) => {
        const p = cy.getElementById(e.id).position();
        return {
          id: e.id,
          key: chartKeyOf({ kind: e.kind, subtype: 'subtype' in e ? e.subtype : null }),
          name: e.name,
          seed: e.hop === 0,
          x: p.x,
          y: p.y,
          degree: degree.get(e.id) ?? 0,
        };
      }),
      links: links.map((l) => ({
        fromId: l.fromId,
        toId: l.toId,
        confidence: l.confidence,
        ended: l.validTo !== null && l.validTo < today,
      })),
    };
  } finally {
    cy.destroy();
  }
}

/** Runs `fn` with Math.random drawing from a sequence seeded by `seed` (mulberry32), then puts it back. */
function withSeededRandom<T>(seed: string, fn: () => T): T {
  let state = 0;
  for (let i = 0; i < seed.length; i++) state = (Math.imul(state, 31) + seed.charCodeAt(i)) | 0;
  const original = Math.random;
  Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

export interface FigureBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FigureStyle {
  /** Sets the label font at `size` points in `color`. */
  font(size: number, color: string): void;
  text: string;
  muted: string;
}

const LABEL_SIZE = 5.5;
const LABEL_CHARS = 30;
const PAD = 12;

/** Draws the figure scaled into `box`: links under nodes, then the names that fit without overlapping. */
export function drawLinkFigure(doc: PDFKit.PDFDocument, fig: LinkFigure, box: FigureBox, style: FigureStyle): void {
  const xs = fig.nodes.map((n) => n.x);
  const ys = fig.nodes.map((n) => n.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX || 1;
  const spanY = Math.max(...ys) - minY || 1;
  const scale = Math.min((box.width - 2 * PAD) / spanX, (box.height - 2 * PAD - LABEL_SIZE * 2) / spanY);
  const offX = box.x + (box.width - spanX * scale) / 2;
  const offY = box.y + PAD + (box.height - 2 * PAD - LABEL_SIZE * 2 - spanY * scale) / 2;
  const radius = (n: FigureNode) => Math.max(2.2, Math.min(7, (n.seed ? SEED_SIZE : NODE_SIZE) * scale * 0.5));
  const at = new Map(fig.nodes.map((n) => [n.id, { x: offX + (n.x - minX) * scale, y: offY + (n.y - minY) * scale, n }]));

  doc.save();
  for (const l of fig.links) {
    const a = at.get(l.fromId);
    const b = at.get(l.toId);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const tip = { x: b.x - ux * (radius(b.n) + 0.6), y: b.y - uy * (radius(b.n) + 0.6) };
    const color = l.ended ? '#b9c0c8' : '#7d8793';
    doc.lineWidth(0.5).strokeColor(color);
    if (l.confidence === 'probable') doc.dash(2.4, { space: 1.6 });
    else if (l.confidence === 'possible') doc.dash(0.8, { space: 1.2 });
    else doc.undash();
    doc.moveTo(a.x, a.y).lineTo(tip.x, tip.y).stroke();
    doc.undash();
    // The arrowhead says which way the link reads (A owns B, A is director of B).
    const head = 2.6;
    doc
      .polygon(
        [tip.x, tip.y],
        [tip.x - ux * head - uy * head * 0.55, tip.y - uy * head + ux * head * 0.55],
        [tip.x - ux * head + uy * head * 0.55, tip.y - uy * head - ux * head * 0.55],
      )
      .fillColor(color)
      .fill();
  }
  for (const { x, y, n } of at.values()) {
    const look = KIND_COLORS[n.key];
    shapePath(doc, look.shape, x, y, radius(n));
    doc
      .lineWidth(n.seed ? 1.1 : 0.4)
      .fillColor(look.color)
      .strokeColor(n.seed ? '#111418' : '#ffffff')
      .fillAndStroke();
  }
  doc.restore();

  // Names: the case's own entities first, then the most linked; none over another name or node.
  const placed = [...at.values()];
  const taken: FigureBox[] = placed.map(({ x, y, n }) => {
    const r = radius(n);
    return { x: x - r, y: y - r, width: 2 * r, height: 2 * r };
  });
  const order = placed
    .map((_, i) => i)
    .sort((i, j) => {
      const a = placed[i]?.n;
      const b = placed[j]?.n;
      if (!a || !b) return 0;
      return Number(b.seed) - Number(a.seed) || b.degree - a.degree || a.name.localeCompare(b.name);
    });
  for (const i of order) {
    const p = placed[i];
    if (!p) continue;
    const name = p.n.name.length > LABEL_CHARS ? `${p.n.name.slice(0, LABEL_CHARS - 1)}…` : p.n.name;
    style.font(LABEL_SIZE, p.n.seed ? style.text : style.muted);
    const w = doc.widthOfString(name);
    const h = LABEL_SIZE * 1.2;
    const r = radius(p.n) + 0.8;
    // Below the node, else above, right or left: the first place that covers no other name or node.
    const label = [
      { x: p.x - w / 2, y: p.y + r, width: w, height: h },
      { x: p.x - w / 2, y: p.y - r - h, width: w, height: h },
      { x: p.x + r, y: p.y - h / 2, width: w, height: h },
      { x: p.x - r - w, y: p.y - h / 2, width: w, height: h },
    ].find(
      (c) =>
        c.x >= box.x + 1 &&
        c.x + c.width <= box.x + box.width - 1 &&
        c.y >= box.y + 1 &&
        c.y + c.height <= box.y + box.height - 1 &&
        !taken.some((t, k) => k !== i && overlaps(t, c)),
    );
    if (!label) continue;
    // A light halo keeps the name readable over the lines that cross it.
    doc.save();
    doc
      .rect(label.x - 0.5, label.y + 0.3, label.width + 1, label.height - 0.6)
      .fillOpacity(0.78)
      .fill('#ffffff');
    doc.restore();
    style.font(LABEL_SIZE, p.n.seed ? style.text : style.muted);
    doc.text(name, label.x, label.y, { lineBreak: false });
    taken.push(label);
  }
}

function overlaps(a: FigureBox, b: FigureBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function shapePath(doc: PDFKit.PDFDocument, shape: ChartShape, x: number, y: number, r: number): void {
  if (shape === 'ellipse') doc.circle(x, y, r);
  else if (shape === 'round-rectangle') doc.roundedRect(x - r, y - r, 2 * r, 2 * r, r * 0.35);
  else {
    const pts = SHAPE_POINTS[shape];
    const corners: [number, number][] = [];
    for (let i = 0; i < pts.length; i += 2) corners.push([x + (pts[i] ?? 0) * r, y + (pts[i + 1] ?? 0) * r]);
    doc.polygon(...corners);
  }
}

/** The kinds drawn, in the legend's order. */
export function kindsIn(fig: LinkFigure): ChartKey[] {
  const present = new Set(fig.nodes.map((n) => n.key));
  return CHART_KINDS.filter((k) => present.has(k));
}

/** One legend swatch: the kind's outline in its colour. */
export function drawSwatch(doc: PDFKit.PDFDocument, key: ChartKey, x: number, y: number, r: number): void {
  const look = KIND_COLORS[key];
  doc.save();
  shapePath(doc, look.shape, x, y, r);
  doc.lineWidth(0.4).fillColor(look.color).strokeColor('#ffffff').fillAndStroke();
  doc.restore();
}
