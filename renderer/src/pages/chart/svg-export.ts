import type { LinkConfidence } from '../../../../db/shared/domain.ts';
import type { FormKey } from '../entities/entityForm.ts';
import { KIND_LOOK, SHAPE_POINTS, type ChartColors } from './chart-style.ts';

/** A node as drawn: where, how big, what it is and its name. */
export interface SvgNode {
  x: number;
  y: number;
  size: number;
  key: FormKey;
  name: string;
  /** A case's own entity (or the chart's starting point): a thicker outline. */
  seed: boolean;
  /** What its tooltip says (kind, roles). */
  title: string;
}

/** A link as drawn: its end points where it meets the nodes, its curve, its label at its middle. */
export interface SvgEdge {
  from: { x: number; y: number };
  to: { x: number; y: number };
  /** The curve's control points (parallel links bend apart), none for a straight line. */
  controls: { x: number; y: number }[];
  mid: { x: number; y: number };
  label: string;
  confidence: LinkConfidence;
  ended: boolean;
  arrow: boolean;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const n = (v: number) => (Math.round(v * 10) / 10).toString();

function shapeOf(node: SvgNode, fill: string, stroke: string, strokeWidth: number): string {
  const r = node.size / 2;
  const style = `fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"`;
  const look = KIND_LOOK[node.key];
  switch (look.shape) {
    case 'ellipse':
      return `<ellipse cx="${n(node.x)}" cy="${n(node.y)}" rx="${n(r)}" ry="${n(r)}" ${style}/>`;
    case 'round-rectangle': {
      const rx = Math.min(node.size / 4, 8);
      return `<rect x="${n(node.x - r)}" y="${n(node.y - r)}" width="${n(node.size)}" height="${n(node.size)}" rx="${n(rx)}" ${style}/>`;
    }
    default: {
      const pts = SHAPE_POINTS[look.shape];
      const list: string[] = [];
      for (let i = 0; i < pts.length; i += 2) list.push(`${n(node.x + (pts[i] ?? 0) * r)},${n(node.y + (pts[i + 1] ?? 0) * r)}`);
      return `<polygon points="${list.join(' ')}" ${style}/>`;
    }
  }
}

function edgePath(e: SvgEdge): string {
  // As cytoscape draws a bezier edge: quadratic pieces through the midpoints between control points.
  let d = `M${n(e.from.x)},${n(e.from.y)}`;
  if (e.controls.length === 0) return `${d} L${n(e.to.x)},${n(e.to.y)}`;
  e.controls.forEach((cp, i) => {
    const next = e.controls[i + 1];
    const end = next ? { x: (cp.x + next.x) / 2, y: (cp.y + next.y) / 2 } : e.to;
    d += ` Q${n(cp.x)},${n(cp.y)} ${n(end.x)},${n(end.y)}`;
  });
  return d;
}

const DASH: Record<LinkConfidence, string> = {
  confirmed: '',
  probable: ' stroke-dasharray="7 4"',
  possible: ' stroke-dasharray="2 3"',
};

/**
 * The chart as a standalone SVG document, written from the nodes' positions: every node as its
 * shape with its icon and its name as text, every link as a line with its label; styles inline,
 * no script, no external reference.
 */
export function chartSvg(opts: {
  nodes: readonly SvgNode[];
  edges: readonly SvgEdge[];
  colors: ChartColors;
  title: string;
  /** A line above the chart (what it shows, when), in the user's language. */
  caption: string;
}): string {
  const { nodes, edges, colors: c } = opts;
  const pad = 60;
  // Names run wider than their nodes: about 6.2 units a character at 11 units.
  const half = (v: SvgNode) => Math.max(v.size, v.name.length * 3.2);
  const xs = nodes.flatMap((v) => [v.x - half(v), v.x + half(v)]);
  const ys = nodes.flatMap((v) => [v.y - v.size, v.y + v.size + 18]);
  const minX = (xs.length ? Math.min(...xs) : 0) - pad;
  const minY = (ys.length ? Math.min(...ys) : 0) - pad - 24;
  const width = (xs.length ? Math.max(...xs) : 100) + pad - minX;
  const height = (ys.length ? Math.max(...ys) : 100) + pad - minY;
  const font = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="${n(minX)} ${n(minY)} ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" font-family="${font}">`,
    `<title>${esc(opts.title)}</title>`,
    `<defs>`,
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c.edge}"/></marker>`,
    `<marker id="arrow-ended" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c.ended}"/></marker>`,
    `</defs>`,
    `<rect x="${n(minX)}" y="${n(minY)}" width="${n(width)}" height="${n(height)}" fill="${c.background}"/>`,
    `<text x="${n(minX + 16)}" y="${n(minY + 22)}" font-size="13" font-weight="600" fill="${c.text}">${esc(opts.caption)}</text>`,
    `<g class="links" fill="none">`,
  ];
  for (const e of edges) {
    const stroke = e.ended ? c.ended : c.edge;
    const marker = e.arrow ? ` marker-end="url(#${e.ended ? 'arrow-ended' : 'arrow'})"` : '';
    out.push(`<path d="${edgePath(e)}" stroke="${stroke}" stroke-width="1.5"${DASH[e.confidence]}${marker}/>`);
  }
  out.push(`</g>`, `<g class="link-labels" font-size="9" text-anchor="middle">`);
  for (const e of edges) {
    if (!e.label) continue;
    const w = e.label.length * 4.8 + 6;
    out.push(
      `<g><rect x="${n(e.mid.x - w / 2)}" y="${n(e.mid.y - 7)}" width="${n(w)}" height="12" rx="2" fill="${c.background}" fill-opacity="0.9"/>` +
        `<text x="${n(e.mid.x)}" y="${n(e.mid.y + 2.5)}" fill="${e.ended ? c.ended : c.muted}">${esc(e.label)}</text></g>`,
    );
  }
  out.push(`</g>`, `<g class="nodes" font-size="11" text-anchor="middle">`);
  for (const v of nodes) {
    const look = KIND_LOOK[v.key];
    const scale = (v.size * 0.58) / 16;
    const icon = look.paths.map((d) => `<path fill="${look.ink}" fill-rule="evenodd" d="${d}"/>`).join('');
    out.push(
      `<g><title>${esc(v.title)}</title>` +
        shapeOf(v, look.color, v.seed ? c.seedBorder : c.nodeBorder, v.seed ? 4 : 1.5) +
        `<g transform="translate(${n(v.x - 8 * scale)} ${n(v.y - 8 * scale)}) scale(${Math.round(scale * 1000) / 1000})">${icon}</g>` +
        `<text x="${n(v.x)}" y="${n(v.y + v.size / 2 + 13)}" fill="${c.text}" stroke="${c.background}" stroke-width="3" paint-order="stroke" stroke-linejoin="round"${v.seed ? ' font-weight="700"' : ''}>${esc(v.name)}</text></g>`,
    );
  }
  out.push(`</g>`, `</svg>`);
  return out.join('\n');
}
