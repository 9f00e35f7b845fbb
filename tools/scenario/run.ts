/**
 * Stand-alone entry for development: `npx tsx tools/scenario/run.ts OUT [scale] [seed]`.
 * The product CLI wires `distillwatch generate` to generateScenario instead.
 */
import { generateScenario } from './generate';

const [out = 'data/scenario.ndjson', scale = '1', seed = '1'] = process.argv.slice(2);
const t0 = performance.now();
const result = await generateScenario({
  out,
  scale: Number(scale),
  seed,
  onProgress: (n, total) => process.stderr.write(`\r${n.toLocaleString()} / ~${total.toLocaleString()} events`),
});
const secs = (performance.now() - t0) / 1000;
process.stderr.write('\n');
console.log(JSON.stringify({ ...result, seconds: +secs.toFixed(2), eventsPerSecond: Math.round(result.events / secs), rssMB: Math.round(process.memoryUsage().rss / 2 ** 20) }, null, 1));
