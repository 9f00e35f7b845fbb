/**
 * The command-line commands that serve the product without being it: a
 * synthetic scenario, the demo store built from one, and the benchmark.
 * bin/distillwatch.mjs hands them to lib/cli/main.ts beside the product's own.
 */
import { SERVE_DETAILS, type CommandEntry } from '../../lib/cli/main';

export const TOOL_COMMANDS: Record<string, CommandEntry> = {
  generate: {
    summary: 'generate --out FILE [--scale N] [--seed S]  write a synthetic scenario and its labels',
    load: async () => (await import('./generate')).generateCommand,
  },
  demo: {
    summary: 'demo [--scale N] [--seed S] [--port N] [--host ADDR] [--no-serve]  build a fresh demo store and serve the dashboard',
    details: SERVE_DETAILS,
    load: async () => (await import('./demo')).demoCommand,
  },
  bench: {
    summary: 'bench [--full] [--sizes 1,4] [--only ingest|dashboard|formats|independent] [--formats-scale 0.05] [--independent-events 529000] [--keep]  measure ingest, detection, the dashboard, each ingest format against the contract, and ingest of an independently written file against its JSON.parse floor; write bench/results/',
    load: async () => (await import('./bench')).benchCommand,
  },
};
