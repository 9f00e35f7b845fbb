/**
 * A saved view of a ring's graph: what an analyst had open when they saved
 * it into the case, so that a colleague (or the case file's PDF) sees the
 * same picture. The one schema the API validates a saved view with, the
 * page applies and the case file reads.
 */
import { z } from 'zod';

export const GRAPH_COLOUR_MODES = ['score', 'decision'] as const;
export type GraphColourMode = (typeof GRAPH_COLOUR_MODES)[number];

/** What the time slider's window applies to: the member's sign-up day, or its activity (first to last active day). */
export const TIME_AXES = ['signup', 'activity'] as const;
export type TimeAxis = (typeof TIME_AXES)[number];

/** Members outside the window are dimmed, or hidden. */
export const WINDOW_MODES = ['dim', 'hide'] as const;
export type WindowMode = (typeof WINDOW_MODES)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const nodeId = z.string().min(1).max(600);

export const graphViewSchema = z
  .object({
    /** Group node ids (`g:i:<kind>:<value>`) shown expanded. */
    expanded: z.array(nodeId).max(500).default([]),
    /** The time slider's window, inclusive; null: everything. */
    window: z
      .object({ from: day, to: day, axis: z.enum(TIME_AXES), mode: z.enum(WINDOW_MODES) })
      .refine((w) => w.from <= w.to, 'the window must start on or before its end')
      .nullable()
      .default(null),
    colourBy: z.enum(GRAPH_COLOUR_MODES).default('score'),
    /** Identifier kinds hidden with the toolbar's boxes. */
    hiddenKinds: z.array(z.string().regex(/^[a-z_]{1,32}$/)).max(32).default([]),
    /** Selected node ids. */
    selected: z.array(nodeId).max(200).default([]),
    /** Zoom and pan of the canvas (Cytoscape's viewport), when saved from the page. */
    viewport: z
      .object({ zoom: z.number().positive().max(100), pan: z.object({ x: z.number().finite(), y: z.number().finite() }) })
      .nullable()
      .default(null),
  })
  .strict();

export type GraphView = z.infer<typeof graphViewSchema>;

export const GRAPH_VIEW_NAME_MAX = 120;

/** One sentence a reader of the case file can follow: "3 groups expanded · sign-up 2026-10-01 – 2026-10-14 (others dimmed) · coloured by score". */
export function describeGraphView(v: GraphView): string {
  const parts: string[] = [];
  parts.push(v.expanded.length === 0 ? 'groups collapsed' : `${v.expanded.length} group${v.expanded.length === 1 ? '' : 's'} expanded`);
  if (v.window) parts.push(`${v.window.axis === 'signup' ? 'signed up' : 'active'} ${v.window.from} – ${v.window.to} (others ${v.window.mode === 'dim' ? 'dimmed' : 'hidden'})`);
  parts.push(`coloured by ${v.colourBy}`);
  if (v.hiddenKinds.length > 0) parts.push(`hidden: ${v.hiddenKinds.join(', ')}`);
  if (v.selected.length > 0) parts.push(`${v.selected.length} selected`);
  return parts.join(' · ');
}
