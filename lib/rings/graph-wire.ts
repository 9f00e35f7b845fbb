/**
 * The ring graph API's answer on the wire. A 2,400-account ring has ~24,000
 * edges, and as `{ id, source, target }` objects with the node ids written
 * out they were 3.2 MB of the 4.4 MB answer: parsing that and collecting the
 * garbage took the page ~0.3 s of its one thread before the graph could be
 * drawn (measured in Chromium). On the wire each edge is two indexes into
 * `nodes` (`edgePairs`: source, target, source, target, …); every edge's id
 * is `<source>|<target>`, so nothing is lost, and the page rebuilds the
 * objects in a few milliseconds.
 */
import type { GraphEdge, RingGraph } from './queries';

export type RingGraphWire = Omit<RingGraph, 'edges'> & { edgePairs: number[] };

export function toWire(graph: RingGraph): RingGraphWire {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edgePairs = new Array<number>(graph.edges.length * 2);
  graph.edges.forEach((e, k) => {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) throw new Error(`edge ${e.id} joins a node the graph does not have`);
    if (e.id !== `${e.source}|${e.target}`) throw new Error(`edge ${e.id} is not named <source>|<target>`);
    edgePairs[2 * k] = s;
    edgePairs[2 * k + 1] = t;
  });
  const { edges: _edges, ...rest } = graph;
  return { ...rest, edgePairs };
}

export function fromWire(wire: RingGraphWire): RingGraph {
  const { edgePairs, ...rest } = wire;
  const edges: GraphEdge[] = new Array(edgePairs.length / 2);
  for (let k = 0; k < edges.length; k++) {
    const source = wire.nodes[edgePairs[2 * k]].id;
    const target = wire.nodes[edgePairs[2 * k + 1]].id;
    edges[k] = { id: `${source}|${target}`, source, target };
  }
  return { ...rest, edges };
}
