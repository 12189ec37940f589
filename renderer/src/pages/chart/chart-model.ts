import type { Graph, GraphLink, GraphNode } from '../../../../db/services/graph.ts';
import { LINK_CONFIDENCES, LINK_TYPES, type LinkConfidence, type LinkType } from '../../../../db/shared/domain.ts';

export type { Graph, GraphLink, GraphNode };

/** What an expansion (a double-click) added, so that collapsing takes exactly that away again. */
export interface Expansion {
  nodes: string[];
  links: string[];
}

/** The chart's contents: what was loaded, plus what was expanded or drawn since. */
export interface ChartModel {
  nodes: ReadonlyMap<string, GraphNode>;
  links: ReadonlyMap<string, GraphLink>;
  expansions: ReadonlyMap<string, Expansion>;
  truncated: boolean;
}

export function modelOf(graph: Graph): ChartModel {
  return {
    nodes: new Map(graph.nodes.map((n) => [n.id, n])),
    links: new Map(graph.links.map((l) => [l.id, l])),
    expansions: new Map(),
    truncated: graph.truncated,
  };
}

/** Merges a node's 1-hop neighbourhood in; new nodes are one hop further than it. */
export function expand(model: ChartModel, nodeId: string, around: Graph): { model: ChartModel; added: Expansion } {
  const base = model.nodes.get(nodeId);
  const nodes = new Map(model.nodes);
  const links = new Map(model.links);
  const added: Expansion = { nodes: [], links: [] };
  for (const n of around.nodes) {
    if (nodes.has(n.id)) continue;
    nodes.set(n.id, { ...n, hop: (base?.hop ?? 0) + 1, caseRoles: [] });
    added.nodes.push(n.id);
  }
  for (const l of around.links) {
    if (links.has(l.id)) continue;
    links.set(l.id, l);
    added.links.push(l.id);
  }
  const expansions = new Map(model.expansions);
  expansions.set(nodeId, added);
  return { model: { ...model, nodes, links, expansions, truncated: model.truncated || around.truncated }, added };
}

/**
 * Takes away what expanding the node added: its nodes (and what expanding them added in turn),
 * the links it added, and any link left without both its ends.
 */
export function collapse(model: ChartModel, nodeId: string): ChartModel {
  const expansions = new Map(model.expansions);
  const dropNodes = new Set<string>();
  const dropLinks = new Set<string>();
  const pending = [nodeId];
  while (pending.length) {
    const id = pending.pop() ?? '';
    const exp = expansions.get(id);
    if (!exp) continue;
    expansions.delete(id);
    for (const n of exp.nodes) {
      dropNodes.add(n);
      if (expansions.has(n)) pending.push(n);
    }
    for (const l of exp.links) dropLinks.add(l);
  }
  const nodes = new Map([...model.nodes].filter(([id]) => !dropNodes.has(id)));
  const links = new Map([...model.links].filter(([id, l]) => !dropLinks.has(id) && nodes.has(l.fromId) && nodes.has(l.toId)));
  for (const [id, exp] of expansions) {
    expansions.set(id, { nodes: exp.nodes.filter((n) => nodes.has(n)), links: exp.links.filter((l) => links.has(l)) });
  }
  return { ...model, nodes, links, expansions };
}

export function addLink(model: ChartModel, link: GraphLink): ChartModel {
  const links = new Map(model.links);
  links.set(link.id, link);
  return { ...model, links };
}

export interface ChartFilter {
  types: ReadonlySet<LinkType>;
  confidences: ReadonlySet<LinkConfidence>;
  /** YYYY-MM-DD or '' (open). */
  from: string;
  to: string;
}

export const NO_FILTER: ChartFilter = {
  types: new Set(LINK_TYPES),
  confidences: new Set(LINK_CONFIDENCES),
  from: '',
  to: '',
};

export function isFiltered(f: ChartFilter): boolean {
  return f.types.size < LINK_TYPES.length || f.confidences.size < LINK_CONFIDENCES.length || f.from !== '' || f.to !== '';
}

/** A link passes when its type and confidence are chosen and it was valid at some time in the range. */
export function linkPasses(l: GraphLink, f: ChartFilter): boolean {
  if (!f.types.has(l.type) || !f.confidences.has(l.confidence)) return false;
  if (f.from && l.validTo && l.validTo < f.from) return false;
  if (f.to && l.validFrom && l.validFrom > f.to) return false;
  return true;
}

/** What the filter leaves: the links it passes, and the nodes they join plus the starting ones. */
export function visibleOf(model: ChartModel, f: ChartFilter): { nodes: GraphNode[]; links: GraphLink[] } {
  const links = [...model.links.values()].filter((l) => linkPasses(l, f));
  const shown = new Set<string>();
  for (const l of links) {
    shown.add(l.fromId);
    shown.add(l.toId);
  }
  const nodes = [...model.nodes.values()].filter((n) => n.hop === 0 || shown.has(n.id));
  return { nodes, links };
}

/** How many links each node has among `links`. */
export function degrees(links: readonly GraphLink[]): Map<string, number> {
  const d = new Map<string, number>();
  for (const l of links) {
    d.set(l.fromId, (d.get(l.fromId) ?? 0) + 1);
    d.set(l.toId, (d.get(l.toId) ?? 0) + 1);
  }
  return d;
}

/** A link is ended when its end date is before today. */
export function isEnded(l: GraphLink, today: string): boolean {
  return l.validTo !== null && l.validTo < today;
}
