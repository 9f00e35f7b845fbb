#!/usr/bin/env node
// The `distillwatch` executable: runs the TypeScript CLI through tsx, so that
// `npx distillwatch …` works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
