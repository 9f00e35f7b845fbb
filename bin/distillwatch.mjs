#!/usr/bin/env node
// The `distillwatch` executable: runs the TypeScript CLI through tsx, so that
// `npx distillwatch …` works straight after `npm ci` with no build step.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// Ingest and generate stream: a modest heap cap makes V8 collect garbage sooner instead of
// growing, which keeps peak memory bounded whatever the file size.
if (['ingest', 'generate'].includes(process.argv[2]) && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
  setFlagsFromString('--max-old-space-size=256');
}
register();
const { main } = await import('../lib/cli/main.ts');
const { TOOL_COMMANDS } = await import('../tools/cli/commands.ts');
process.exitCode = await main(process.argv.slice(2), TOOL_COMMANDS);
