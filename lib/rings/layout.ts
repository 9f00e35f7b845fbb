/**
 * Positions for a large ring's graph, computed on the server so the browser
 * draws it with a `preset` layout instead of running a force layout over
 * thousands of nodes on every visit.
 *
 * Accounts that use exactly the same identifiers are interchangeable for the
 * layout, so they are collapsed into one group first. Identifiers start on a
 * Identifiers are laid out first, alone (a force simulation, d3-force,
 * over identifiers linked by the accounts that use both: a few hundred
 * nodes, so it is quick); each group then starts at the centre of its
 * identifiers, a few collision ticks push overlapping groups apart, and each
 * group's accounts are set around its centre on a sunflower spiral.
 *
 * `structuralLayout` runs to the end at once (for detection, or tests);
 * `backgroundLayout` runs the same steps a few ticks at a time between other
 * requests, so that a request never waits seconds on a layout: the graph
 * answers without positions until they are ready.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';

export type Positions = Record<string, [number, number]>;

export interface LayoutNode {
  id: string;
  type: 'account' | 'identifier';
}
export interface LayoutEdge {
  source: string;
  target: string;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  radius: number;
  members: string[];
}

const SPACING = 16;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** Ticks per slice of background work (a slice stays around 50 ms for 4,000 nodes). */
const TICKS_PER_SLICE = 2;

function* layoutSteps(nodes: LayoutNode[], edges: LayoutEdge[]): Generator<void, Positions> {
  const idsOf = new Map<string, string[]>();
  const degree = new Map<string, number>();
  for (const e of edges) {
    const list = idsOf.get(e.source) ?? [];
    list.push(e.target);
    idsOf.set(e.source, list);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.type !== 'account') continue;
    const signature = (idsOf.get(n.id) ?? []).sort().join('\n');
    const g = groups.get(signature) ?? [];
    g.push(n.id);
    groups.set(signature, g);
  }

  // 1. Identifiers alone, linked by how many groups use both: they are few, so this is quick.
  const identifiers = nodes.filter((n) => n.type === 'identifier').sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
  const index = new Map<string, SimNode>();
  const idSim: SimNode[] = identifiers.map((n, i) => {
    const r = 45 * Math.sqrt(i + 0.5);
    const s: SimNode = { id: n.id, radius: 12, members: [n.id], x: r * Math.cos(i * GOLDEN), y: r * Math.sin(i * GOLDEN) };
    index.set(n.id, s);
    return s;
  });
  const pairWeight = new Map<string, number>();
  for (const [signature, members] of groups) {
    const ids = signature ? signature.split('\n') : [];
    if (ids.length > 24) ids.length = 24;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}\t${ids[j]}`;
        pairWeight.set(key, (pairWeight.get(key) ?? 0) + members.length);
      }
  }
  const idLinks = [...pairWeight.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20_000)
    .map(([key, w]) => {
      const [a, b] = key.split('\t');
      return { source: index.get(a)!, target: index.get(b)!, w };
    });
  const idSimulation = forceSimulation(idSim)
    .force('link', forceLink<SimNode, { source: SimNode; target: SimNode; w: number }>(idLinks).distance(70).strength((l) => Math.min(1, 0.1 + Math.log1p(l.w) / 10)))
    .force('charge', forceManyBody<SimNode>().strength(-160).theta(1.2).distanceMax(1200))
    .force('x', forceX<SimNode>(0).strength(0.04))
    .force('y', forceY<SimNode>(0).strength(0.04))
    .stop();
  for (let i = 0; i < 160; i++) {
    idSimulation.tick();
    if (i % 8 === 7) yield;
  }

  // 2. Each group of interchangeable accounts at the centre of its identifiers, nudged apart.
  const groupSim: SimNode[] = [];
  let g = 0;
  for (const [signature, members] of groups) {
    const targets = signature ? signature.split('\n').map((id) => index.get(id)).filter((t): t is SimNode => !!t) : [];
    const cx = targets.length ? targets.reduce((a, t) => a + t.x!, 0) / targets.length : 0;
    const cy = targets.length ? targets.reduce((a, t) => a + t.y!, 0) / targets.length : 0;
    const offset = targets.length === 1 ? 40 : 14;
    groupSim.push({
      id: `group:${g}`,
      radius: Math.sqrt(members.length) * SPACING * 0.62 + 6,
      members,
      x: cx + Math.cos(g * GOLDEN) * offset,
      y: cy + Math.sin(g * GOLDEN) * offset,
    });
    g++;
  }
  for (const s of idSim) s.fx = s.x;
  for (const s of idSim) s.fy = s.y;
  const all = [...idSim, ...groupSim];
  const spread = forceSimulation(all)
    .alpha(0.5)
    .force('collide', forceCollide<SimNode>((d) => d.radius + 3).iterations(1))
    .stop();
  const spreadTicks = all.length > 2500 ? 24 : 40;
  for (let i = 0; i < spreadTicks; i++) {
    spread.tick();
    if (i % TICKS_PER_SLICE === TICKS_PER_SLICE - 1) yield;
  }

  const positions: Positions = {};
  for (const s of all) {
    const cx = Math.round(s.x ?? 0);
    const cy = Math.round(s.y ?? 0);
    if (s.members.length === 1) {
      positions[s.members[0]] = [cx, cy];
      continue;
    }
    s.members.forEach((id, i) => {
      const r = SPACING * 0.62 * Math.sqrt(i + 0.5);
      positions[id] = [Math.round(cx + r * Math.cos(i * GOLDEN)), Math.round(cy + r * Math.sin(i * GOLDEN))];
    });
  }
  return positions;
}

/** The whole layout at once. */
export function structuralLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Positions {
  const steps = layoutSteps(nodes, edges);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

const done = new Map<string, Positions>();
const running = new Set<string>();
const CACHE_SIZE = 16;

/**
 * The positions for `key` if computed, else null, starting the computation
 * in the background (a few ticks per turn of the event loop) if it is not running.
 */
export function backgroundLayout(key: string, build: () => { nodes: LayoutNode[]; edges: LayoutEdge[] }): Positions | null {
  const hit = done.get(key);
  if (hit) {
    done.delete(key);
    done.set(key, hit);
    return hit;
  }
  if (running.has(key)) return null;
  running.add(key);
  const { nodes, edges } = build();
  const steps = layoutSteps(nodes, edges);
  const slice = () => {
    try {
      const r = steps.next();
      if (!r.done) {
        setImmediate(slice);
        return;
      }
      done.set(key, r.value);
      if (done.size > CACHE_SIZE) done.delete(done.keys().next().value!);
    } catch (err) {
      console.error(`ring layout ${key} failed`, err);
    }
    running.delete(key);
  };
  setImmediate(slice);
  return null;
}
