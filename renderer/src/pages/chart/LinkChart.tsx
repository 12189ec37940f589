import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import cytoscape, { type Core, type ElementDefinition, type EventObject, type NodeSingular } from 'cytoscape';
import fcose, { type FcoseLayoutOptions } from 'cytoscape-fcose';
import { Icon } from '@blueprintjs/core';
import type { LinkConfidence } from '../../../../db/shared/domain.ts';
import { chartLayoutOptions } from '../../../../db/shared/chart-look.ts';
import type { FormKey } from '../entities/entityForm.ts';
import {
  chartColors,
  chartStylesheet,
  EDGE_FONT,
  EDGE_LABEL_ZOOM,
  FONT_FAMILY,
  iconUri,
  KIND_LOOK,
  LABEL_WIDTH,
  NODE_FONT,
  textGrow,
} from './chart-style.ts';
import { labelsToHide, type Candidate, type Obstacle } from './label-culling.ts';
import { chartSvg, type SvgEdge, type SvgNode } from './svg-export.ts';

cytoscape.use(fcose);

export interface ChartNodeView {
  id: string;
  key: FormKey;
  label: string;
  seed: boolean;
  /** Whose label is drawn first where labels would overlap: higher first. */
  rank: number;
  title: string;
}

export interface ChartEdgeView {
  id: string;
  from: string;
  to: string;
  label: string;
  confidence: LinkConfidence;
  ended: boolean;
  symmetric: boolean;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface LinkChartHandle {
  fit(): void;
  zoomBy(factor: number): void;
  /** The whole chart as a PNG at twice its size, every label drawn. */
  png(): Blob;
  svg(title: string, caption: string): string;
  /** Selects the nearest node that way (or, with `extend`, adds it as the second of two). */
  move(direction: Direction, extend: boolean): void;
  select(ids: readonly string[]): void;
  /** Highlights the fewest links between two nodes (either way), or says there is none. */
  showPath(a: string, b: string): { nodes: string[]; links: string[] } | null;
  clearPath(): void;
  focus(): void;
}

interface Props {
  nodes: readonly ChartNodeView[];
  edges: readonly ChartEdgeView[];
  /** Elements left out by the filters: kept with their positions, not drawn. */
  hiddenNodes: ReadonlySet<string>;
  hiddenEdges: ReadonlySet<string>;
  dark: boolean;
  /** The node an expansion just grew from: its new neighbours are laid out around it. */
  grownFrom: string | null;
  linkingFrom: string | null;
  label: string;
  describedBy: string;
  /** The selected nodes, first selected first. */
  onSelect(ids: string[]): void;
  onToggleExpand(id: string): void;
  /** A node was clicked; true when the click was taken (it ended a link being drawn). */
  onTapNode(id: string): boolean;
  onDraw(fromId: string, toId: string): void;
  onStartLinking(fromId: string): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
  tooltip(kind: 'node' | 'edge', id: string): ReactNode;
  drawLabel(name: string): string;
}

function definitionOf(n: ChartNodeView): ElementDefinition {
  const look = KIND_LOOK[n.key];
  return {
    group: 'nodes',
    data: { id: n.id, label: n.label, rank: n.rank, shape: look.shape, color: look.color, icon: iconUri(n.key), key: n.key },
    classes: n.seed ? 'seed' : '',
  };
}

function edgeClasses(e: ChartEdgeView): string {
  return [e.confidence, e.ended ? 'ended' : '', e.symmetric ? 'symmetric' : ''].filter(Boolean).join(' ');
}

let measure: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();
/** The width of a text at 100 px, measured once per text and weight. */
function textWidth(text: string, bold: boolean): number {
  const key = `${bold ? 'b' : 'n'}${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    measure ??= document.createElement('canvas').getContext('2d');
    if (!measure) return text.length * 55;
    measure.font = `${bold ? 'bold ' : ''}100px ${FONT_FAMILY}`;
    w = measure.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/**
 * Leaves out the labels that would overlap another label or another node at `zoom` (the view's,
 * or 1 for an export), most important first; hovered and selected ones show anyway (style).
 */
function cullLabels(cy: Core, zoom = cy.zoom()): void {
  const grow = textGrow(zoom);
  const nodePx = NODE_FONT * grow * zoom;
  const edgePx = EDGE_FONT * grow * zoom;
  const nodes = cy.nodes(':visible');
  const obstacles: Obstacle[] = [];
  const candidates: Candidate[] = [];
  nodes.forEach((n) => {
    const p = n.position();
    const r = (n.width() / 2) * zoom;
    const cx = p.x * zoom;
    const cy_ = p.y * zoom;
    obstacles.push({ id: n.id(), x1: cx - r, y1: cy_ - r, x2: cx + r, y2: cy_ + r, firm: n.hasClass('seed') });
    const label = String(n.data('label') ?? '');
    const w = Math.min((textWidth(label, n.hasClass('seed')) * nodePx) / 100, LABEL_WIDTH * grow * zoom);
    const top = cy_ + r + 3 * grow * zoom;
    candidates.push({
      id: n.id(),
      box: { x1: cx - w / 2, y1: top, x2: cx + w / 2, y2: top + nodePx * 1.2 },
      rank: Number(n.data('rank') ?? 0),
      overNodes: n.hasClass('seed'),
    });
  });
  if (zoom >= EDGE_LABEL_ZOOM) {
    cy.edges(':visible').forEach((e) => {
      const m = e.midpoint();
      const a = e.sourceEndpoint();
      const b = e.targetEndpoint();
      const angle = Math.atan2(b.y - a.y, b.x - a.x);
      const w = (textWidth(String(e.data('label') ?? ''), false) * edgePx) / 100 + 4;
      const h = edgePx * 1.3;
      const hw = (Math.abs(w * Math.cos(angle)) + Math.abs(h * Math.sin(angle))) / 2;
      const hh = (Math.abs(w * Math.sin(angle)) + Math.abs(h * Math.cos(angle))) / 2;
      candidates.push({
        id: e.id(),
        box: { x1: m.x * zoom - hw, y1: m.y * zoom - hh, x2: m.x * zoom + hw, y2: m.y * zoom + hh },
        rank: -1,
      });
    });
  }
  const hide = labelsToHide(candidates, obstacles);
  cy.batch(() => {
    cy.elements().forEach((el) => {
      el.toggleClass('nolabel', hide.has(el.id()));
    });
  });
}

/** A few nodes are not blown up to fill the window: fitting stops at this zoom. */
const MAX_FIT_ZOOM = 1.25;

function fitView(cy: Core): void {
  const eles = cy.elements(':visible');
  cy.fit(eles, 40);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center(eles);
  }
}

/** Where a pointer is, relative to the chart's container. */
function pointIn(el: HTMLElement, e: { clientX: number; clientY: number }): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

/**
 * The chart itself: cytoscape.js on a canvas, laid out by fCoSE. It keeps every element it was
 * given (filters hide, they do not remove, so positions survive), places an expansion's new
 * nodes around the node they grew from, and offers a handle on the selected node to draw a link.
 */
export const LinkChart = forwardRef<LinkChartHandle, Props>(function LinkChart(props, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const order = useRef<string[]>([]);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [hover, setHover] = useState<{ kind: 'node' | 'edge'; id: string; x: number; y: number } | null>(null);
  const [handle, setHandle] = useState<{ id: string; name: string; x: number; y: number; cx: number; cy: number } | null>(null);
  const [drag, setDrag] = useState<{ from: string; x0: number; y0: number; x: number; y: number } | null>(null);
  const zoomTimer = useRef(0);
  const dark = props.dark;

  const restyle = useCallback((cy: Core) => {
    cy.style(chartStylesheet(propsRef.current.dark, cy.zoom()));
    cullLabels(cy);
  }, []);

  const placeHandle = useCallback(() => {
    const cy = cyRef.current;
    const only = cy?.nodes(':selected');
    if (!cy || !only || only.length !== 1) return setHandle(null);
    const node = only[0] as NodeSingular;
    const bb = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
    const c = node.renderedPosition();
    setHandle({ id: node.id(), name: String(node.data('label')), x: bb.x2 + 2, y: bb.y1 - 14, cx: c.x, cy: c.y });
  }, []);

  // The instance: created once, destroyed with the component.
  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      style: chartStylesheet(propsRef.current.dark, 1),
      minZoom: 0.08,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      autoungrabify: false,
    });
    cyRef.current = cy;
    const report = () => {
      const selected = new Set(cy.nodes(':selected').map((n) => n.id()));
      order.current = [
        ...order.current.filter((id) => selected.has(id)),
        ...[...selected].filter((id) => !order.current.includes(id)),
      ];
      propsRef.current.onSelect([...order.current]);
      placeHandle();
    };
    let pending = false;
    cy.on('select unselect', 'node', () => {
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        report();
      });
    });
    cy.on('tap', 'node', (e: EventObject) => {
      if (propsRef.current.onTapNode(e.target.id())) e.target.unselect();
    });
    // The browser's own double-click (its click count), not cytoscape's two taps within a time
    // window: on a loaded laptop the work done on the first click can push the second past it.
    const element = container.current;
    const onDoubleClick = (e: MouseEvent) => {
      const box = element.getBoundingClientRect();
      const x = e.clientX - box.left;
      const y = e.clientY - box.top;
      const hit = cy
        .nodes(':visible')
        .filter((n) => {
          const b = n.renderedBoundingBox({ includeLabels: false });
          return x >= b.x1 && x <= b.x2 && y >= b.y1 && y <= b.y2;
        })
        .last();
      if (hit.nonempty()) propsRef.current.onToggleExpand(hit.id());
    };
    element.addEventListener('dblclick', onDoubleClick);
    const layoutState = (state: 'running' | 'idle') => element.setAttribute('data-layout', state);
    cy.on('layoutstart', () => layoutState('running'));
    cy.on('mouseover', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      node.addClass('near');
      node.connectedEdges().addClass('near');
      const p = node.renderedPosition();
      setHover({ kind: 'node', id: node.id(), x: p.x, y: p.y });
    });
    cy.on('mouseout', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      if (!node.selected()) {
        node.removeClass('near');
        node
          .connectedEdges()
          .filter((edge) => !edge.connectedNodes(':selected').length)
          .removeClass('near');
      }
      setHover(null);
    });
    cy.on('mouseover', 'edge', (e: EventObject) => {
      e.target.addClass('near');
      const p = e.target.renderedMidpoint();
      setHover({ kind: 'edge', id: e.target.id(), x: p.x, y: p.y });
    });
    cy.on('mouseout', 'edge', (e: EventObject) => {
      if (!e.target.connectedNodes(':selected').length) e.target.removeClass('near');
      setHover(null);
    });
    cy.on('select', 'node', (e: EventObject) => {
      e.target.addClass('near');
      e.target.connectedEdges().addClass('near');
    });
    cy.on('unselect', 'node', (e: EventObject) => {
      e.target.removeClass('near');
      (e.target as NodeSingular)
        .connectedEdges()
        .filter((edge) => !edge.connectedNodes(':selected').length)
        .removeClass('near');
    });
    cy.on('viewport position', () => {
      placeHandle();
      setHover(null);
    });
    // Restyled once the zoom settles: labels keep a readable size and thin out as the chart shrinks.
    cy.on('zoom', () => {
      window.clearTimeout(zoomTimer.current);
      zoomTimer.current = window.setTimeout(() => restyle(cy), 90);
    });
    cy.on('dragfree', 'node', () => cullLabels(cy));
    cy.on('layoutstop', () => {
      restyle(cy);
      layoutState('idle');
    });
    return () => {
      element.removeEventListener('dblclick', onDoubleClick);
      window.clearTimeout(zoomTimer.current);
      cy.destroy();
      cyRef.current = null;
    };
  }, [placeHandle, restyle]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy) restyle(cy);
  }, [dark, restyle]);

  // Elements: what is new is added, what is gone removed, what changed updated in place.
  const { nodes, edges, grownFrom } = props;
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const wanted = new Set([...nodes.map((n) => n.id), ...edges.map((e) => e.id)]);
    const hadNodes = cy.nodes().length;
    const added: string[] = [];
    cy.batch(() => {
      cy.elements()
        .filter((el) => !wanted.has(el.id()))
        .remove();
      for (const n of nodes) {
        const el = cy.$id(n.id);
        if (el.nonempty()) {
          el.data({ label: n.label, rank: n.rank });
          el.toggleClass('seed', n.seed);
          continue;
        }
        added.push(n.id);
        // Apart from the start (on a spiral), so that no edge is measured between two nodes on one spot.
        const k = added.length;
        cy.add({
          ...definitionOf(n),
          position: { x: 14 * Math.sqrt(k) * Math.cos(k * 2.4), y: 14 * Math.sqrt(k) * Math.sin(k * 2.4) },
        });
      }
      for (const e of edges) {
        const el = cy.$id(e.id);
        if (el.nonempty()) {
          el.data('label', e.label);
          el.classes(`${edgeClasses(e)}${el.hasClass('near') ? ' near' : ''}`);
          continue;
        }
        cy.add({ group: 'edges', data: { id: e.id, source: e.from, target: e.to, label: e.label }, classes: edgeClasses(e) });
      }
    });
    if (added.length === 0) return;
    if (hadNodes === 0) {
      const first: FcoseLayoutOptions = { ...chartLayoutOptions(nodes.length), fit: false };
      cy.layout(first).run();
      fitView(cy);
      return;
    }
    // New nodes start on a ring around the node they grew from, then settle with the others held still.
    const anchor = grownFrom ? cy.$id(grownFrom) : null;
    const centre = anchor?.nonempty() ? (anchor as NodeSingular).position() : { x: 0, y: 0 };
    const radius = Math.max(110, (added.length * 48) / (2 * Math.PI));
    added.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / added.length;
      cy.$id(id).position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
    const fresh = new Set(added);
    const held = cy
      .nodes(':visible')
      .filter((n) => !fresh.has(n.id()))
      .map((n: NodeSingular) => ({ nodeId: n.id(), position: { ...n.position() } }));
    const incremental: FcoseLayoutOptions = {
      ...chartLayoutOptions(nodes.length),
      randomize: false,
      animate: true,
      animationDuration: 450,
      fit: false,
      fixedNodeConstraint: held,
    };
    cy.elements(':visible').layout(incremental).run();
  }, [nodes, edges, grownFrom]);

  const { hiddenNodes, hiddenEdges } = props;
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.toggleClass('filtered', hiddenNodes.has(n.id()));
      });
      cy.edges().forEach((e) => {
        e.toggleClass('filtered', hiddenEdges.has(e.id()));
      });
    });
    cy.nodes('.filtered:selected').unselect();
    cullLabels(cy);
  }, [hiddenNodes, hiddenEdges, nodes, edges]);

  const { linkingFrom } = props;
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes('.linking').removeClass('linking');
    if (linkingFrom) cy.$id(linkingFrom).addClass('linking');
  }, [linkingFrom]);

  useImperativeHandle(
    ref,
    (): LinkChartHandle => ({
      fit: () => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.resize();
        fitView(cy);
      },
      zoomBy: (factor) => {
        const cy = cyRef.current;
        if (!cy) return;
        const selected = cy.nodes(':selected');
        const at = selected.nonempty()
          ? (selected[0] as NodeSingular).renderedPosition()
          : { x: cy.width() / 2, y: cy.height() / 2 };
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: at });
      },
      png: () => {
        const cy = cyRef.current;
        if (!cy) return new Blob();
        const zoom = cy.zoom();
        // Drawn as at zoom 1.2 (link labels included, those that fit), then back to the screen's own.
        cy.style(chartStylesheet(propsRef.current.dark, EDGE_LABEL_ZOOM * 1.1));
        cullLabels(cy, EDGE_LABEL_ZOOM * 1.1);
        const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: chartColors(propsRef.current.dark).background });
        cy.style(chartStylesheet(propsRef.current.dark, zoom));
        cullLabels(cy);
        return blob;
      },
      svg: (title, caption) => {
        const cy = cyRef.current;
        const colors = chartColors(propsRef.current.dark);
        if (!cy) return chartSvg({ nodes: [], edges: [], colors, title, caption });
        const view = new Map(propsRef.current.nodes.map((n) => [n.id, n]));
        const svgNodes: SvgNode[] = cy.nodes(':visible').map((n) => {
          const v = view.get(n.id());
          return {
            x: n.position().x,
            y: n.position().y,
            size: n.width(),
            key: (v?.key ?? 'organization') as FormKey,
            name: v?.label ?? '',
            seed: v?.seed ?? false,
            title: v?.title ?? '',
          };
        });
        const edgeView = new Map(propsRef.current.edges.map((e) => [e.id, e]));
        const svgEdges: SvgEdge[] = cy.edges(':visible').map((e) => {
          const v = edgeView.get(e.id());
          return {
            from: e.sourceEndpoint(),
            to: e.targetEndpoint(),
            controls: (e.controlPoints() as { x: number; y: number }[] | undefined) ?? [],
            mid: e.midpoint(),
            label: v?.label ?? '',
            confidence: v?.confidence ?? 'confirmed',
            ended: v?.ended ?? false,
            arrow: !(v?.symmetric ?? false),
          };
        });
        return chartSvg({ nodes: svgNodes, edges: svgEdges, colors, title, caption });
      },
      move: (direction, extend) => {
        const cy = cyRef.current;
        if (!cy) return;
        const visible = cy.nodes(':visible');
        if (visible.empty()) return;
        const current = order.current[order.current.length - 1];
        const from = current ? cy.$id(current) : null;
        let target: NodeSingular | undefined;
        if (!from || from.empty()) {
          target = (visible.filter('.seed')[0] ?? visible[0]) as NodeSingular | undefined;
        } else {
          const p = from.position();
          let best = Infinity;
          visible.forEach((n) => {
            if (n.id() === from.id()) return;
            const q = n.position();
            const dx = q.x - p.x;
            const dy = q.y - p.y;
            const along = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
            const across = direction === 'right' || direction === 'left' ? Math.abs(dy) : Math.abs(dx);
            // Within a cone of about 63 degrees either side of the arrow's direction.
            if (along <= 0 || across > along * 2) return;
            const score = along + across * 2;
            if (score < best) {
              best = score;
              target = n;
            }
          });
        }
        if (!target) return;
        const keep = extend && order.current[0] && order.current[0] !== target.id() ? order.current[0] : null;
        cy.nodes(':selected').forEach((n) => {
          if (n.id() !== keep) n.unselect();
        });
        target.select();
        const r = target.renderedPosition();
        if (r.x < 20 || r.y < 20 || r.x > cy.width() - 20 || r.y > cy.height() - 20) {
          cy.animate({ center: { eles: target } }, { duration: 150 });
        }
      },
      select: (ids) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.nodes(':selected').unselect();
        for (const id of ids) cy.$id(id).select();
      },
      showPath: (a, b) => {
        const cy = cyRef.current;
        if (!cy) return null;
        cy.elements().removeClass('on-path faded');
        const result = cy.elements(':visible').aStar({ root: cy.$id(a), goal: cy.$id(b), directed: false });
        if (!result.found) return null;
        cy.batch(() => {
          cy.elements(':visible').addClass('faded');
          result.path.removeClass('faded').addClass('on-path');
        });
        return { nodes: result.path.nodes().map((n) => n.id()), links: result.path.edges().map((e) => e.id()) };
      },
      clearPath: () => cyRef.current?.elements().removeClass('on-path faded'),
      focus: () => container.current?.focus(),
    }),
    [],
  );

  const dragged = useRef(false);
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (!handle || !container.current) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragged.current = false;
    const p = pointIn(container.current, e);
    setDrag({ from: handle.id, x0: handle.cx, y0: handle.cy, x: p.x, y: p.y });
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (!drag || !container.current) return;
    const p = pointIn(container.current, e);
    if (Math.hypot(p.x - drag.x0, p.y - drag.y0) > 24) dragged.current = true;
    setDrag({ ...drag, x: p.x, y: p.y });
  };
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>) => {
    const cy = cyRef.current;
    if (!drag || !cy || !container.current) return;
    setDrag(null);
    if (!dragged.current) return;
    const p = pointIn(container.current, e);
    const hit = cy.nodes(':visible').filter((n) => {
      if (n.id() === drag.from) return false;
      const bb = n.renderedBoundingBox({ includeLabels: false });
      return p.x >= bb.x1 - 4 && p.x <= bb.x2 + 4 && p.y >= bb.y1 - 4 && p.y <= bb.y2 + 4;
    });
    const target = hit[0];
    if (target) props.onDraw(drag.from, target.id());
  };
  const grip = drag ? { left: drag.x - 11, top: drag.y - 11 } : handle ? { left: handle.x, top: handle.y } : null;

  // cytoscape caches where its canvas is on the page; the page may have moved it since (a header
  // that grew, a callout above): measured again as the pointer comes in or presses.
  const remeasure = () => cyRef.current?.resize();

  return (
    <div className="chart-stage" onPointerEnter={remeasure} onPointerDownCapture={remeasure}>
      <div
        ref={container}
        className="chart-canvas"
        tabIndex={0}
        role="application"
        aria-label={props.label}
        aria-describedby={props.describedBy}
        onKeyDown={props.onKeyDown}
      />
      {handle && grip && (
        <button
          type="button"
          className={`chart-draw-handle${drag ? ' is-dragging' : ''}`}
          style={grip}
          aria-label={props.drawLabel(handle.name)}
          title={props.drawLabel(handle.name)}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onClick={() => {
            // A drag ends on its node; a click (or Enter) instead picks the other end by clicking it.
            if (dragged.current) dragged.current = false;
            else props.onStartLinking(handle.id);
          }}
        >
          <Icon icon="new-link" size={12} />
        </button>
      )}
      {drag && (
        <svg className="chart-draw-line" aria-hidden="true">
          <line x1={drag.x0} y1={drag.y0} x2={drag.x} y2={drag.y} />
        </svg>
      )}
      {hover && !drag && (
        <div className="chart-tooltip" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
          {props.tooltip(hover.kind, hover.id)}
        </div>
      )}
    </div>
  );
});
