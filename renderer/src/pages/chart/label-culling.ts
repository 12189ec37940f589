/** A label (or a node's body) on screen: an axis-aligned box, in pixels. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Candidate {
  id: string;
  box: Box;
  /** Higher first: a case's own entities, then names of people and companies, then the best connected. */
  rank: number;
  /** Drawn over other nodes if need be (a case's own entities): only labels and `firm` nodes are in its way. */
  overNodes?: boolean;
}

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/** A node's body in the way of labels; a `firm` one (a case's own entity) even of theirs that may stand over nodes. */
export type Obstacle = Box & { id: string; firm?: boolean };

/**
 * Which labels to leave out so that no two drawn labels overlap, nor a label a node it does not
 * belong to: greedily, most important first. A uniform grid keeps it near-linear for the few
 * hundred labels of a chart.
 */
export function labelsToHide(candidates: readonly Candidate[], obstacles: readonly Obstacle[], gap = 2): Set<string> {
  const cell = 64;
  const grid = new Map<string, Obstacle[]>();
  const keys = (b: Box) => {
    const out: string[] = [];
    for (let x = Math.floor(b.x1 / cell); x <= Math.floor(b.x2 / cell); x++)
      for (let y = Math.floor(b.y1 / cell); y <= Math.floor(b.y2 / cell); y++) out.push(`${x}:${y}`);
    return out;
  };
  const put = (b: Obstacle) => {
    for (const k of keys(b)) {
      const list = grid.get(k);
      if (list) list.push(b);
      else grid.set(k, [b]);
    }
  };
  for (const o of obstacles) put(o);
  const hidden = new Set<string>();
  for (const c of [...candidates].sort((a, b) => b.rank - a.rank)) {
    let clash = false;
    for (const k of keys(c.box)) {
      for (const other of grid.get(k) ?? []) {
        // A node's own body is not in the way of its own label.
        if (other.id === c.id || (c.overNodes && !other.firm && !other.id.startsWith('label:'))) continue;
        if (overlaps(c.box, other, gap)) {
          clash = true;
          break;
        }
      }
      if (clash) break;
    }
    if (clash) hidden.add(c.id);
    else put({ ...c.box, id: `label:${c.id}` });
  }
  return hidden;
}
