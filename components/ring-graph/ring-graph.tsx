'use client';
import type { Core, CytoscapeOptions, LayoutOptions, NodeSingular, StylesheetJson } from 'cytoscape';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Expansion, RingGraph as RingGraphData } from '../../lib/rings/queries';
import { apiGet } from '../../lib/http/api-client';
import { accountSize, badgeOf, foldedIdentifiers, foldedToHide, graphElements, groupEdgeElements, groupMemberElements, groupsShowing, kindsHiddenAtFirst } from './graph-elements';
import type { GraphView } from '../../lib/domain/graph-view';
import { GraphGroups } from './graph-groups';
import { TimeWindow, windowDomain, type WindowState } from './time-window';
import { SaveViewButton } from './save-view';
import { GraphLegend, KindSwatch } from './graph-legend';
import { drawnSize, edgeClassRules, isFillClass, kindStyle, nodeClassRules, scoreClass, sizeClass, statusClass } from './graph-style';
import { inWindow } from './graph-elements';
import styles from './ring-graph.module.css';
import { SelectionPanel, type Selection } from './selection-panel';
import { showInvisibles } from '../../lib/text/visible-text';

type ColourBy = 'score' | 'decision';

/**
 * Accounts in the graph that use an identifier: the ring's members that do
 * (drawn or inside a collapsed group: `ringUsers`, from the server) and the
 * outside accounts an expansion drew beside it.
 */
function linksOf(n: NodeSingular): number {
  return ((n.data('ringUsers') as number | undefined) ?? 0) + n.neighborhood('node[type = "account"][!inRing]').length;
}

/** The ring's case, for saving a view into it. */
export interface GraphCase {
  caseId: string;
  version: number;
}

interface ExpansionStep {
  identifierId: string;
  label: string;
  added: string[];
}

const EXPAND_LIMIT = 300;

/** The kind of an identifier node id (`i:<kind>:<value>`). */
const kindOfId = (id: string) => id.split(':', 2)[1] ?? '';

function shortValue(v: string): string {
  return v.length > 22 ? `${v.slice(0, 20)}…` : v;
}

const importCytoscape = () => import('cytoscape');
let cytoscapeModules: ReturnType<typeof importCytoscape> | null = null;

/** Cytoscape's code, fetched once (again after a failure). */
function loadCytoscape(): ReturnType<typeof importCytoscape> {
  if (!cytoscapeModules) {
    const loading = importCytoscape();
    cytoscapeModules = loading;
    loading.catch(() => {
      cytoscapeModules = null;
    });
  }
  return cytoscapeModules;
}

// Fetch it as soon as the ring page's code runs, alongside the graph's data
// rather than after it (the graph component mounts only once the data is there).
if (typeof window !== 'undefined') loadCytoscape().catch(() => undefined);


/**
 * Set a node's data or class only when it changes: each set restyles the
 * node and makes Cytoscape redraw it, which over the thousands of nodes of a
 * large ring costs up to a second of main thread for nothing.
 */
function setData(n: NodeSingular, key: string, value: unknown): void {
  if (n.data(key) !== value) n.data(key, value);
}
function setClass(n: NodeSingular, name: string, on: boolean): void {
  if (n.hasClass(name) !== on) n.toggleClass(name, on);
}
/** Give a node its one fill class (graph-style.ts), replacing the one it had. */
function setFill(n: NodeSingular, fill: string): void {
  if (n.hasClass(fill)) return;
  for (const c of n.classes() as unknown as string[]) if (isFillClass(c)) n.removeClass(c);
  n.addClass(fill);
}

/**
 * Cytoscape's first frame builds its layered texture cache on the spot (it
 * draws every element into layer canvases, then draws the layers); every
 * later frame builds it lazily, between frames, drawing elements straight
 * meanwhile. Let the first frame be like the later ones: on a 2,400-account
 * ring this took ~0.1 s off the first frame (same page and elements, six
 * rounds: median 0.50 → 0.38 s). Cytoscape's internals; if they change shape
 * this does nothing.
 */
function lazyLayerCache(cy: Core): void {
  const cache = (cy as unknown as { renderer?: () => { data?: { lyrTxrCache?: { firstGet?: boolean } } } }).renderer?.()?.data?.lyrTxrCache;
  if (cache && cache.firstGet === true) cache.firstGet = false;
}

/**
 * The first frame drawn straight onto the canvas. Cytoscape otherwise draws
 * each element into a texture cache and then copies the texture onto the
 * canvas, which pays off only on later frames (pans, zooms, redraws), and
 * the copies took ~0.2 s of a big ring's first frame with the software
 * canvas of a machine without a GPU (profiled: ~0.15 s after). Later frames
 * fill and use the caches as usual. Cytoscape's internals; if they change
 * shape this does nothing.
 */
function plainFirstFrame(cy: Core): void {
  const data = (cy as unknown as { renderer?: () => { data?: Record<string, { getElement?: unknown } | undefined> } }).renderer?.()?.data;
  if (!data) return;
  const caches = ['eleTxrCache', 'lblTxrCache', 'slbTxrCache', 'tlbTxrCache'].map((k) => data[k]).filter((c): c is { getElement: unknown } => !!c && typeof c.getElement === 'function');
  for (const c of caches) c.getElement = () => null;
  cy.one('render', () => {
    for (const c of caches) delete (c as { getElement?: unknown }).getElement;
  });
}

/**
 * Cytoscape resizes its canvases, and so redraws everything (a third of a
 * second for a 2,000-account ring), whenever an attribute of its container
 * changes (`data-ready` does) or a resize observer reports, even at the same
 * size; let only a real change of size through.
 */
function resizeOnlyOnChange(cy: Core, container: HTMLElement): void {
  const resize = cy.resize.bind(cy);
  const sizeOf = () => `${container.clientWidth}x${container.clientHeight}`;
  let last = sizeOf();
  cy.resize = () => {
    const size = sizeOf();
    if (size !== last) {
      last = size;
      resize();
    }
    return cy;
  };
}

/**
 * `cy.fit()` from the nodes' positions and sizes alone. Cytoscape's own fit
 * measures every element, and on a 2,000-account ring computing the geometry
 * of 20,000-odd edges to do so took most of a second (measured).
 */
function fitToNodes(cy: Core, padding: number, nodes = cy.nodes()): void {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    const r = ((n.data('size') as number | undefined) ?? 20) / 2;
    x1 = Math.min(x1, p.x - r);
    y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r);
    y2 = Math.max(y2, p.y + r);
  });
  if (!Number.isFinite(x1)) return;
  const w = cy.width(), h = cy.height();
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((w - 2 * padding) / Math.max(1, x2 - x1), (h - 2 * padding) / Math.max(1, y2 - y1))));
  cy.viewport({ zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } });
}


/**
 * Labels in the page's own typeface. Cytoscape's default ("Helvetica Neue",
 * Helvetica) is rarely installed on Linux, and the browser's first search
 * for a stand-in cost the first frame of a big ring tens of milliseconds of
 * label measuring (one profile each: ~75 → ~48 ms); the page's typeface has
 * been found already.
 */
const GRAPH_FONT = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const STYLESHEET: StylesheetJson = [
  {
    selector: 'node',
    style: { 'font-family': GRAPH_FONT, 'font-size': 9, 'min-zoomed-font-size': 7, color: '#1c2430', 'text-valign': 'bottom', 'text-margin-y': 2, 'overlay-opacity': 0 },
  },
  {
    selector: 'node[type = "account"]',
    style: { shape: 'ellipse', 'border-width': 1, 'border-color': '#ffffff' },
  },
  // One stacking order for every node ('manual'): identifiers at the bottom, then groups (an open group's box), then accounts.
  { selector: 'node', style: { 'z-index-compare': 'manual' as never, 'z-index': 1 } },
  { selector: 'node[type = "account"]', style: { 'z-index': 11 } },
  { selector: 'node[type = "account"][!inRing]', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#5b6675' } },
  // An outside account that belongs to another flagged ring: a double red ring around it.
  { selector: 'node[type = "account"][otherRing]', style: { 'border-width': 4, 'border-style': 'double', 'border-color': '#b3261e' } },
  {
    selector: 'node[type = "identifier"]',
    style: { width: 20, height: 20, 'border-width': 1, 'border-color': '#ffffff' },
  },
  // Sizes, fills and kinds by class (graph-style.ts says why); before the groups' rules, so that an open group's box keeps its own colour.
  ...nodeClassRules(),
  // Labels only where asked for: an account's or identifier's name when labels are on.
  { selector: '.lbl', style: { label: 'data(label)' } },
  {
    selector: 'node[type = "identifier"].badges',
    style: {
      label: 'data(badge)',
      'text-valign': 'top',
      'text-halign': 'right',
      'font-size': 8,
      'font-weight': 600 as never,
      color: '#ffffff',
      'text-background-color': '#b3261e',
      'text-background-opacity': 1,
      'text-background-shape': 'roundrectangle',
      'text-background-padding': '2px',
      'text-margin-x': -6,
      'text-margin-y': 6,
      'min-zoomed-font-size': 0,
    },
  },
  // Edges take no pointer events (nothing handles them), so a tap's hit test skips the 20,000-odd edges of a large ring.
  { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, width: 0.8, 'line-color': '#dde1e7', events: 'no' } },
  { selector: 'edge.hl', style: { 'line-color': '#2357c6', opacity: 0.9, width: 1.5 } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1c2430', 'border-style': 'solid' } },
  { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#2357c6' } },
  // A big ring's member groups: collapsed, one labelled disc per group; expanded, a box around its members.
  {
    selector: 'node[type = "group"]',
    style: {
      shape: 'round-rectangle',
      width: 'data(size)',
      height: 'data(size)',
      'background-opacity': 0.85,
      'border-width': 2,
      'border-color': '#ffffff',
      // Collapsed: its size and kind inside the disc ("70 / card"), so labels never run into each other;
      // the full name ("70 accounts on card pm_…") is in the side panel and the group list.
      label: 'data(short)',
      'font-size': 'data(font)' as never,
      'font-weight': 700 as never,
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'text-halign': 'center',
      color: '#ffffff',
      'text-outline-color': '#1c2430',
      'text-outline-width': 1,
      'min-zoomed-font-size': 6,
      // Groups (and an open group's box with its members) sit above the identifiers they share.
      'z-index': 10,
    },
  },
  {
    selector: 'node[type = "group"].expanded',
    style: {
      'background-color': '#f4f7fd',
      'background-opacity': 0.8,
      'border-width': 1.5,
      'border-style': 'dashed',
      'border-color': '#2357c6',
      label: 'data(label)',
      'font-size': 12,
      color: '#1c2430',
      'text-outline-width': 0,
      'text-valign': 'top',
      'text-margin-y': -4,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      padding: '14px',
      // An open group's box, and its members, above the collapsed groups round it.
      'z-index': 12,
      'z-compound-depth': 'top' as never,
    },
  },
  { selector: 'node:child', style: { 'z-index': 13, 'z-compound-depth': 'top' as never } },
  ...edgeClassRules(),
  { selector: '.faded', style: { opacity: 0.12 } },
  { selector: '.outwin', style: { opacity: 0.15 } },
  { selector: '.outwin.hideOut', style: { display: 'none' } },
  { selector: '.filtered', style: { display: 'none' } },
];

/**
 * The ring as an interactive Cytoscape.js graph: accounts and the
 * identifiers they share, at the positions the server sends (detection
 * stored them: lib/rings/layout.ts), drawn with a preset layout. Click selects (details in the side
 * panel), double-click opens an account or expands an identifier to every
 * account that shares it; expansions can be undone.
 */
export function RingGraph({
  graph,
  selectedId,
  onSelect,
  initialView = null,
  graphCase = null,
  canSave = false,
  onSaved,
  onFirstFrame,
}: {
  graph: RingGraphData;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** A view saved into the case, re-opened (`?view=`): its groups, window, colours, selection and viewport. */
  initialView?: GraphView | null;
  graphCase?: GraphCase | null;
  canSave?: boolean;
  onSaved?: () => void;
  /** Called once the graph's first frame is drawn (the page defers its other heavy parts until then). */
  onFirstFrame?: () => void;
}) {
  const router = useRouter();
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [steps, setSteps] = useState<ExpansionStep[]>([]);
  const stepsRef = useRef<ExpansionStep[]>([]);
  const startsHidden = useMemo(() => kindsHiddenAtFirst(graph), [graph]);
  const [hiddenKinds, setHiddenKinds] = useState<Set<string>>(() => new Set(initialView ? initialView.hiddenKinds : startsHidden));
  // Member groups shown expanded (compound nodes with their members inside).
  // A saved view opens as saved, and with the groups that hold what it selected.
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const open = new Set(initialView?.expanded ?? []);
    return new Set([...open, ...groupsShowing(graph, initialView?.selected ?? [], open)]);
  });
  const expandedRef = useRef<Set<string>>(expanded);
  const [timeWindow, setTimeWindow] = useState<WindowState | null>(() => initialView?.window ?? null);
  const deferredKinds = useRef<Set<string>>(new Set());
  const [minLinks, setMinLinks] = useState(1);
  const [colourBy, setColourBy] = useState<ColourBy>(initialView?.colourBy ?? 'score');
  const [labels, setLabels] = useState(false);
  const [search, setSearch] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [expanding, setExpanding] = useState<string | null>(null);
  const [counts, setCounts] = useState({ accounts: 0, identifiers: 0, outside: 0, otherFlagged: 0, filtered: 0, groups: 0, folded: 0 });
  // The group that opens to show a node: a grouped member's, or a folded identifier's home group.
  const folded = useMemo(() => foldedIdentifiers(graph), [graph]);
  const foldedRef = useRef(folded);
  useLayoutEffect(() => {
    foldedRef.current = folded;
  }, [folded]);
  // Whether opening its group draws a node: a member always; a folded identifier only if its kind is added already.
  const opensTo = useCallback((id: string) => {
    const n = graph.nodes.find((x) => x.id === id);
    return !!n && (n.type === 'account' || !deferredKinds.current.has(n.kind));
  }, [graph]);
  const groupOf = useMemo(
    () =>
      new Map<string, string>([
        ...graph.nodes.flatMap((n) => (n.type === 'account' && n.group ? [[n.id, n.group] as [string, string]] : [])),
        ...[...folded].map(([id, f]) => [id, f.home] as [string, string]),
      ]),
    [graph, folded],
  );
  // New data: start over (adjusted while rendering; the effect below builds the graph).
  const [drawn, setDrawn] = useState(graph);
  if (drawn !== graph) {
    setDrawn(graph);
    setPhase('loading');
    setSteps([]);
    setHiddenKinds(new Set(startsHidden));
    setExpanded(new Set());
  }
  // Cytoscape's handlers, bound once per graph, call the latest callbacks through these.
  const onSelectRef = useRef(onSelect);
  const onFirstFrameRef = useRef(onFirstFrame);
  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
    onFirstFrameRef.current = onFirstFrame;
  });
  const expandRef = useRef<(identifierId: string) => Promise<void>>(async () => undefined);
  const toggleGroupRef = useRef<(groupId: string, open?: boolean) => void>(() => undefined);
  // Per group: its members' dates (for the time slider), mean score and the decision most of them stand under.
  const { groupMembersOf, groupMean, groupDecision } = useMemo(() => {
    const members = new Map<string, { signup?: string | null; first?: string | null; last?: string | null }[]>();
    const mean = new Map<string, number>();
    const decision = new Map<string, string>();
    const votes = new Map<string, Map<string, number>>();
    for (const n of graph.nodes) {
      if (n.type !== 'account' || !n.group) continue;
      const l = members.get(n.group) ?? [];
      l.push(n);
      members.set(n.group, l);
      const v = votes.get(n.group) ?? new Map<string, number>();
      const d = n.status ?? n.decision ?? 'none';
      v.set(d, (v.get(d) ?? 0) + 1);
      votes.set(n.group, v);
    }
    for (const g of graph.groups ?? []) mean.set(g.id, g.meanScore);
    for (const [g, v] of votes) decision.set(g, [...v.entries()].sort((a, b) => b[1] - a[1])[0][0]);
    return { groupMembersOf: members, groupMean: mean, groupDecision: decision };
  }, [graph]);

  const maxEvents = useMemo(() => Math.max(1, ...graph.nodes.map((n) => (n.type === 'account' ? n.events : 0))), [graph]);
  const kinds = useMemo(() => [...new Set(graph.nodes.filter((n) => n.type === 'identifier').map((n) => (n.type === 'identifier' ? n.kind : '')))].sort(), [graph]);
  const maxDegree = useMemo(() => {
    const deg = new Map<string, number>();
    for (const e of graph.edges) deg.set(e.target, (deg.get(e.target) ?? 0) + 1);
    return Math.max(1, ...deg.values());
  }, [graph]);

  const describe = useCallback((cy: Core, id: string | null): Selection | null => {
    if (!id) return null;
    const n = cy.$id(id);
    if (n.empty()) return null;
    const neighbours = n
      .neighborhood('node')
      .map((m: NodeSingular) => ({ id: m.id(), type: m.data('type') as string, label: (m.data('accountId') ?? m.data('value')) as string, kind: m.data('kind') as string | undefined, score: m.data('score') as number | undefined }))
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    return { id, data: { ...n.data(), expanded: n.hasClass('expanded') }, neighbours };
  }, []);

  const refreshDerived = useCallback((cy: Core) => {
    cy.batch(() => {
      cy.nodes('[type = "identifier"]').forEach((n) => {
        const hidden = Math.max(0, (n.data('accounts') as number) - linksOf(n));
        setData(n, 'hidden', hidden);
        setData(n, 'badge', badgeOf(hidden));
      });
    });
    let inGroups = 0;
    cy.nodes('[type = "group"].collapsed').forEach((g) => {
      inGroups += g.data('members') as number;
    });
    let foldedIn = 0;
    for (const id of foldedRef.current.keys()) if (cy.$id(id).empty() && !deferredKinds.current.has(kindOfId(id))) foldedIn++;
    setCounts({
      groups: cy.nodes('[type = "group"]').length,
      accounts: cy.nodes('[type = "account"]').length + inGroups,
      identifiers: cy.nodes('[type = "identifier"]').length,
      outside: cy.nodes('[type = "account"][!inRing]').length,
      otherFlagged: cy.nodes('[type = "account"][otherRing]').length,
      filtered: cy.nodes('[type = "identifier"].filtered').length,
      folded: foldedIn,
    });
  }, []);

  // Build the graph once per data set.
  useEffect(() => {
    let cancelled = false;
    let cy: Core | null = null;
    let resizeObserver: ResizeObserver | null = null;
    stepsRef.current = [];
    performance.mark('dw:graph:mount');
    // A new data set starts with the groups the render left open (a saved view's, or none).
    expandedRef.current = new Set(expanded);
    (async () => {
      const { default: cytoscape } = await loadCytoscape();
      if (cancelled || !containerRef.current) return;
      performance.mark('dw:graph:start');
      const big = graph.large;
      // Kinds that start hidden are not even added (each element costs its share of the first frame); ticking one adds it.
      deferredKinds.current = new Set(startsHidden);
      // Every node at its place from the start (the server sends them): no layout to run.
      const elements = graphElements(graph, maxEvents, (kind) => !deferredKinds.current.has(kind), true, expandedRef.current);

      performance.mark('dw:graph:elements');
      cy = cytoscape({
        container: containerRef.current,
        elements,
        style: STYLESHEET,
        // The elements come with their places; 'preset' keeps them (the default 'grid', or 'null', would move them).
        layout: { name: 'preset', fit: false, animate: false } as LayoutOptions,
        minZoom: 0.05,
        maxZoom: 4,
        boxSelectionEnabled: false,
        selectionType: 'single',
        hideEdgesOnViewport: big,
        textureOnViewport: big,
        hideLabelsOnViewport: big,
        motionBlur: false,
        pixelRatio: big ? 1 : 'auto',
      } as CytoscapeOptions);
      performance.mark('dw:graph:created');
      lazyLayerCache(cy);
      plainFirstFrame(cy);
      cyRef.current = cy;
      resizeOnlyOnChange(cy, containerRef.current);
      resizeObserver = new ResizeObserver(() => cy?.resize());
      resizeObserver.observe(containerRef.current);
      // For benchmarks and tests: the instance is reachable from its container.
      (containerRef.current as HTMLDivElement & { __cy?: Core }).__cy = cy;
      refreshDerived(cy);

      cy.on('select', 'node', (e) => {
        const id = e.target.id();
        cy!.edges('.hl').removeClass('hl');
        e.target.connectedEdges().addClass('hl');
        setSelection(describe(cy!, id));
        onSelectRef.current(id);
      });
      cy.on('unselect', 'node', () => {
        cy!.edges('.hl').removeClass('hl');
        if (cy!.$('node:selected').empty()) {
          setSelection(null);
          onSelectRef.current(null);
        }
      });
      cy.on('dbltap', 'node', (e) => {
        const n = e.target as NodeSingular;
        if (n.data('type') === 'account') router.push(`/accounts/${encodeURIComponent(n.data('accountId') as string)}`);
        else if (n.data('type') === 'group') toggleGroupRef.current(n.id());
        else void expandRef.current(n.id());
      });

      const done = () => {
        if (cancelled) return;
        performance.mark('dw:graph:positioned');
        cy!.resize();
        // The first frame Cytoscape draws after the view is set: the bench's and the tests' marker.
        cy!.one('render', () => (performance.mark('dw:graph:render'),
          requestAnimationFrame(() => {
            performance.mark('dw:graph:first-frame');
            containerRef.current?.setAttribute('data-first-frame', String(Math.round(performance.now())));
            onFirstFrameRef.current?.();
          })),
        );
        if (initialView?.viewport) cy!.viewport(initialView.viewport);
        else {
          // A grouped ring fits its groups (and plain members): the rarely shared identifiers far out would shrink them to specks.
          const groups = cy!.nodes('[type = "group"], [type = "account"]');
          fitToNodes(cy!, 24, graph.groups.length > 0 ? groups : cy!.nodes());
        }
        if (initialView?.selected.length) {
          const sel = cy!.collection();
          for (const id of initialView.selected) sel.merge(cy!.$id(id));
          sel.select();
        }
        performance.mark('dw:graph:fitted');
        setPhase('ready');
        containerRef.current?.setAttribute('data-ready', 'true');
      };
      done();
    })().catch((err: unknown) => {
      if (!cancelled) {
        setError((err as Error).message);
        setPhase('error');
      }
    });
    return () => {
      cancelled = true;
      resizeObserver?.disconnect();
      cy?.destroy();
      cyRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- built once per data set: what else it reads derives from `graph` or never changes
  }, [graph]);

  // Colours, labels, filters and search follow the toolbar.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || phase !== 'ready') return;
    const shown = [...deferredKinds.current].filter((k) => !hiddenKinds.has(k));
    if (shown.length > 0) {
      for (const k of shown) deferredKinds.current.delete(k);
      const kinds = new Set(shown);
      const defs = graphElements(graph, maxEvents, (kind) => kinds.has(kind), true, expandedRef.current).filter((d) => d.group === 'edges' || d.data.type === 'identifier');
      cy.add(defs);
      refreshDerived(cy);
    }
    cy.batch(() => {
      cy.nodes('[type = "account"]').forEach((n) => {
        setFill(n, colourBy === 'score' ? scoreClass(n.data('score') as number) : statusClass(n.data('decision') as string | null));
        setData(n, 'label', labels ? showInvisibles(n.data('accountId') as string) : '');
        setClass(n, 'lbl', labels);
      });
      cy.nodes('[type = "identifier"]').forEach((n) => {
        if (labels) {
          setClass(n, 'badges', false);
          setData(n, 'label', `${shortValue(showInvisibles(n.data('value') as string))}${n.data('hidden') ? ` +${n.data('hidden')}` : ''}`);
        } else setClass(n, 'badges', true);
        setClass(n, 'lbl', labels);
        setClass(n, 'filtered', hiddenKinds.has(n.data('kind') as string) || linksOf(n) < minLinks);
      });
      // The time slider: members outside the window dimmed (or hidden); a group by how many of its members are in it.
      const win = timeWindow;
      cy.nodes('[type = "account"][?inRing]').forEach((n) => {
        setClass(n, 'outwin', win !== null && !inWindow(n.data() as never, win));
        setClass(n, 'hideOut', win?.mode === 'hide');
      });
      cy.nodes('[type = "group"]').forEach((n) => {
        const members = groupMembersOf.get(n.id()) ?? [];
        const k = win === null ? members.length : members.filter((m) => inWindow(m, win)).length;
        setData(n, 'inWindow', k);
        setData(n, 'label', k === members.length ? (n.data('groupLabel') as string) : `${n.data('groupLabel') as string} · ${k} in window`);
        setData(n, 'short', k === members.length ? `${members.length.toLocaleString('en-US')}\n${n.data('kindWord') as string}` : `${k} of ${members.length}\n${n.data('kindWord') as string}`);
        setClass(n, 'outwin', k === 0);
        setClass(n, 'hideOut', win?.mode === 'hide' && n.hasClass('collapsed'));
        setFill(n, colourBy === 'decision' ? statusClass(groupDecision.get(n.id())) : scoreClass(groupMean.get(n.id()) ?? 0));
      });
      const q = search.trim().toLowerCase();
      cy.elements('.faded, .match').removeClass('faded match');
      if (q) {
        const matches = cy.nodes().filter((n) => String(n.data('accountId') ?? n.data('value') ?? '').toLowerCase().includes(q));
        matches.addClass('match');
        cy.elements().not(matches).not(matches.connectedEdges()).addClass('faded');
      }
    });
    // The status line counts what the filters leave drawn, not what was loaded.
    const filtered = cy.nodes('[type = "identifier"].filtered').length;
    setCounts((c) => (c.filtered === filtered ? c : { ...c, filtered }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `graph` and `maxEvents` change only with a new data set, which resets `phase` first
  }, [phase, colourBy, labels, hiddenKinds, minLinks, search, steps, expanded, timeWindow]);

  // Selection from outside (members or shared table) selects and centres the node.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || phase !== 'ready') return;
    const current = cy.$('node:selected');
    if (selectedId === null) {
      if (current.nonempty()) current.unselect();
      return;
    }
    if (current.length === 1 && current.id() === selectedId) return;
    // A member or a folded identifier inside a collapsed group: open its group first.
    const inside = groupOf.get(selectedId);
    if (inside && cy.$id(selectedId).empty() && opensTo(selectedId)) toggleGroupRef.current(inside, true);
    const n = cy.$id(selectedId);
    if (n.empty()) return;
    current.unselect();
    n.select();
    cy.animate({ center: { eles: n }, duration: 250 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- groupOf changes only with a new data set
  }, [selectedId, phase]);

  const expand = useCallback(
    async (identifierId: string) => {
      const cy = cyRef.current;
      if (!cy) return;
      const node = cy.$id(identifierId);
      if (node.empty() || node.data('type') !== 'identifier') return;
      setExpanding(identifierId);
      setError(null);
      try {
        const kind = node.data('kind') as string;
        const value = node.data('value') as string;
        const res = await apiGet<Expansion>(
          `/api/rings/${encodeURIComponent(graph.ringId)}/expand?kind=${encodeURIComponent(kind)}&value=${encodeURIComponent(value)}&limit=${EXPAND_LIMIT}`,
        );
        // The identifier may have gone meanwhile (its group closed).
        if (cyRef.current !== cy || cy.$id(identifierId).empty()) return;
        // Ring members inside a collapsed group are drawn already (as their group).
        const fresh = res.accounts.filter((a) => cy.$id(a.id).empty() && !groupOf.has(a.id));
        const added: string[] = [];
        const centre = node.position();
        const radius = 70 + 9 * Math.sqrt(fresh.length) * 4;
        cy.batch(() => {
          fresh.forEach((a, i) => {
            const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
            const r = radius + (i % 2) * 18;
            cy.add({
              group: 'nodes',
              data: {
                id: a.id,
                type: 'account',
                accountId: a.accountId,
                score: a.score,
                events: a.events,
                inRing: a.ringId === graph.ringId,
                ...(a.ringId && a.ringId !== graph.ringId ? { ringId: a.ringId } : {}),
                ...(a.ringId && a.ringId !== graph.ringId && a.ringFlagged ? { otherRing: a.ringId } : {}),
                status: null,
                decision: null,
                hidden: 0,
                label: '',
                size: drawnSize(accountSize(a.events, maxEvents)),
              },
              classes: `${sizeClass(accountSize(a.events, maxEvents))} ${scoreClass(a.score)}`,
              position: { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) },
            });
            added.push(a.id);
          });
          for (const a of res.accounts) {
            const links = fresh.includes(a) ? a.identifiers : [identifierId];
            if (cy.$id(a.id).empty()) continue;
            for (const target of links) {
              const edgeId = `${a.id}|${target}`;
              if (cy.$id(target).empty() || cy.$id(edgeId).nonempty()) continue;
              cy.add({ group: 'edges', data: { id: edgeId, source: a.id, target } });
              added.push(edgeId);
            }
          }
        });
        refreshDerived(cy);
        const step = { identifierId, label: `${kind} ${shortValue(showInvisibles(value))}`, added };
        stepsRef.current = [...stepsRef.current, step];
        setSteps(stepsRef.current);
        if (fresh.length) cy.animate({ fit: { eles: node.closedNeighborhood(), padding: 40 }, duration: 300 });
        setSelection(describe(cy, identifierId));
      } catch (err) {
        setError(`Could not expand: ${(err as Error).message}`);
      } finally {
        setExpanding(null);
      }
    },
    [graph.ringId, maxEvents, refreshDerived, describe, groupOf],
  );
  useLayoutEffect(() => {
    expandRef.current = expand;
  });

  /** Opens a member group (its members drawn inside it) or closes it back to one node. */
  const toggleGroup = useCallback(
    (groupId: string, open?: boolean) => {
      const cy = cyRef.current;
      if (!cy) return;
      const node = cy.$id(groupId);
      if (node.empty() || node.data('type') !== 'group') return;
      const isOpen = expandedRef.current.has(groupId);
      const want = open ?? !isOpen;
      if (want === isOpen) return;
      const has = (id: string) => cy.$id(id).nonempty();
      cy.batch(() => {
        if (want) {
          cy.remove(node.connectedEdges());
          cy.add(groupMemberElements(graph, groupId, maxEvents, has, (kind) => !deferredKinds.current.has(kind), expandedRef.current));
          node.removeClass('collapsed').addClass('expanded');
        } else {
          // Folded identifiers that no open group of their users shows any more go back into their groups,
          // unless an expansion drew accounts outside the ring on them (its undo takes it back).
          const stillOpen = new Set([...expandedRef.current].filter((g) => g !== groupId));
          let leaving = node.children();
          for (const id of foldedToHide(graph, groupId, stillOpen)) {
            const n = cy.$id(id);
            if (n.nonempty() && n.neighborhood('node[type = "account"][!inRing]').empty()) leaving = leaving.union(n);
          }
          // Removing does not unselect: unselect first, so the tables beside the graph hear of it.
          leaving.filter(':selected').unselect();
          leaving.remove();
          node.removeClass('expanded').addClass('collapsed');
          const xy = graph.positions[groupId] ?? [0, 0];
          node.position({ x: xy[0], y: xy[1] });
          cy.add(groupEdgeElements(graph, groupId, has));
        }
      });
      const next = new Set(expandedRef.current);
      if (want) next.add(groupId);
      else next.delete(groupId);
      expandedRef.current = next;
      setExpanded(next);
      refreshDerived(cy);
      if (want) cy.animate({ fit: { eles: node, padding: 60 }, duration: 250 });
      const sel = cy.$('node:selected');
      setSelection(sel.nonempty() ? describe(cy, sel.id()) : null);
    },
    [graph, maxEvents, refreshDerived, describe],
  );
  useLayoutEffect(() => {
    toggleGroupRef.current = toggleGroup;
  });

  const domain = useMemo(() => windowDomain(graph), [graph]);

  /** What the page shows now, as a view to save into the case. */
  const currentView = useCallback((): GraphView => {
    const cy = cyRef.current;
    return {
      expanded: [...expandedRef.current],
      window: timeWindow,
      colourBy,
      hiddenKinds: [...hiddenKinds],
      selected: cy ? cy.$('node:selected').map((n) => n.id()).slice(0, 200) : [],
      viewport: cy ? { zoom: cy.zoom(), pan: { ...cy.pan() } } : null,
    };
  }, [timeWindow, colourBy, hiddenKinds]);

  const undo = useCallback(() => {
    const cy = cyRef.current;
    const last = stepsRef.current[stepsRef.current.length - 1];
    if (!cy || !last) return;
    cy.batch(() => {
      for (const id of [...last.added].reverse()) cy.$id(id).remove();
    });
    stepsRef.current = stepsRef.current.slice(0, -1);
    setSteps(stepsRef.current);
    refreshDerived(cy);
    const sel = cy.$('node:selected');
    setSelection(sel.nonempty() ? describe(cy, sel.id()) : null);
  }, [refreshDerived, describe]);

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const fitSearch = () => {
    const cy = cyRef.current;
    if (!cy) return;
    let m = cy.$('node.match');
    if (m.empty() && search.trim()) {
      // A member (or an identifier folded) inside a collapsed group: open the group and select it.
      const q = search.trim().toLowerCase();
      const hit = graph.nodes.find((n) => groupOf.has(n.id) && opensTo(n.id) && (n.type === 'account' ? n.accountId : n.value).toLowerCase().includes(q));
      if (hit) {
        toggleGroup(groupOf.get(hit.id)!, true);
        m = cy.$id(hit.id);
      }
    }
    if (m.empty()) return;
    cy.animate({ fit: { eles: m, padding: 60 }, duration: 250 });
    // Enter selects the best match (highest score), so the side panel shows it.
    const best = m.sort((a, b) => ((b.data('score') as number) ?? 0) - ((a.data('score') as number) ?? 0)).first();
    cy.elements().unselect();
    best.select();
  };

  return (
    <div className={styles.layout}>
      <div className={styles.graphPanel}>
        <div className={styles.toolbar} role="toolbar" aria-label="Graph controls">
          <input
            type="search"
            aria-label="Search the graph"
            placeholder="Find account or identifier"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && fitSearch()}
          />
          <span className={styles.sep} />
          <span className={styles.group}>
            <button type="button" className={styles.btn} onClick={() => cyRef.current?.animate({ fit: { eles: cyRef.current.elements(':visible'), padding: 24 }, duration: 250 })}>
              Fit
            </button>
            <button type="button" className={styles.btn} aria-label="Zoom in" onClick={() => zoomBy(1.3)}>
              +
            </button>
            <button type="button" className={styles.btn} aria-label="Zoom out" onClick={() => zoomBy(1 / 1.3)}>
              −
            </button>
          </span>
          <span className={styles.sep} />
          <label className={styles.group}>
            Colour
            <select className={styles.select} value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)}>
              <option value="score">by score</option>
              <option value="decision">by decision</option>
            </select>
          </label>
          <button type="button" className={`${styles.btn} ${labels ? styles.btnOn : ''}`} aria-pressed={labels} onClick={() => setLabels(!labels)}>
            Labels
          </button>
          <label className={styles.group} title="Hide identifiers linked to fewer accounts in the graph">
            Min. links {minLinks}
            <input type="range" min={1} max={Math.min(50, maxDegree)} value={minLinks} onChange={(e) => setMinLinks(Number(e.target.value))} aria-label="Minimum links per identifier" />
          </label>
          <span className={styles.sep} />
          <button type="button" className={styles.btn} onClick={undo} disabled={steps.length === 0} title={steps.length ? `Undo: ${steps[steps.length - 1].label}` : undefined}>
            Undo expansion{steps.length ? ` (${steps.length})` : ''}
          </button>
          {graphCase && canSave && (
            <>
              <span className={styles.sep} />
              <SaveViewButton graphCase={graphCase} ringId={graph.ringId} currentView={currentView} onSaved={onSaved} />
            </>
          )}
        </div>
        <div className={styles.kinds} role="group" aria-label="Identifier kinds">
          {kinds.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={!hiddenKinds.has(k)}
                onChange={() =>
                  setHiddenKinds((prev) => {
                    const next = new Set(prev);
                    if (next.has(k)) next.delete(k);
                    else next.add(k);
                    return next;
                  })
                }
              />
              <KindSwatch kind={k} />
              {kindStyle(k).label}
            </label>
          ))}
          {startsHidden.length > 0 && (
            <span className={styles.muted} data-testid="kinds-hidden-note">
              {startsHidden.map((k) => kindStyle(k).label).join(', ')} start hidden on a ring this large: tick to show.
            </span>
          )}
        </div>
        <TimeWindow domain={domain} value={timeWindow} onChange={setTimeWindow} graph={graph} />
        {(graph.groups ?? []).length > 0 && <GraphGroups groups={graph.groups} expanded={expanded} onToggle={(id) => toggleGroup(id)} />}
        <div className={styles.canvasWrap}>
          <div ref={containerRef} className={styles.canvas} data-testid="ring-graph" aria-label="Ring graph" role="img" />
          {phase !== 'ready' && phase !== 'error' && (
            <div className={styles.overlay}>Loading the graph…</div>
          )}
          {phase === 'error' && <div className={`${styles.overlay} ${styles.stateError}`}>Could not draw the graph: {error}</div>}
          <div className={styles.status} data-testid="graph-status">
            {counts.accounts.toLocaleString('en-US')} accounts{counts.groups ? ` in ${counts.groups} groups (${expanded.size} open)` : ''}{counts.outside ? ` (${counts.outside} outside the ring${counts.otherFlagged ? `, ${counts.otherFlagged} of them in other flagged rings` : ''})` : ''} · {(counts.identifiers - counts.filtered).toLocaleString('en-US')} identifiers{counts.filtered ? ` (${counts.filtered.toLocaleString('en-US')} filtered out)` : ''}{counts.folded ? ` · ${counts.folded.toLocaleString('en-US')} more inside closed groups` : ''}
            {graph.omittedIdentifiers ? ` · ${graph.omittedIdentifiers} rarely shared identifiers not drawn` : ''}
            {' · '}
            {graph.layout === 'stored' ? 'stored layout' : 'computed layout'}
          </div>
        </div>
      </div>
      <div className={styles.side}>
        <SelectionPanel
          selection={selection}
          expanding={expanding}
          error={phase === 'ready' ? error : null}
          onExpand={expand}
          onSelect={onSelect}
          ringId={graph.ringId}
          onToggleGroup={(id) => toggleGroup(id)}
        />
        <GraphLegend colourBy={colourBy} />
      </div>
    </div>
  );
}
