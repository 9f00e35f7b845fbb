/**
 * The `distillwatch` command line. Each product command lives in
 * commands/<name>.ts; the tooling commands (generate, demo, bench) live in
 * tools/cli and are handed in by bin/distillwatch.mjs, so lib/ never imports
 * tools/. This file only dispatches and turns errors into a one-line reason
 * on stderr and a non-zero exit.
 */
import { EVENTS_USAGE, UsageError } from './args';

type Command = (argv: string[]) => Promise<number>;

/**
 * What `serve --help` and `demo --help` add to the usage line: where the
 * dashboard listens and how to reach it from other machines.
 */
export const SERVE_DETAILS = [
  '--host ADDR  the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 or :: for every interface)',
  '--port N     the TCP port (default 3000)',
  'The dashboard speaks plain HTTP: to reach it from other machines, put a TLS-terminating reverse proxy',
  'in front of it and set DISTILLWATCH_TRUSTED_PROXIES to its address (README, "Serving").',
].join('\n');

/** One command: its usage line, what its --help adds, and how to load it (lazily, so `--help` loads nothing). */
export interface CommandEntry {
  summary: string;
  details?: string;
  load: () => Promise<Command>;
}

const PRODUCT_COMMANDS: Record<string, CommandEntry> = {
  ingest: {
    summary:
      'ingest FILE… [--format auto|contract|gateway|otel|litellm|accounts] [--map FILE] [--events URL]  load account and event records: the contract\'s NDJSON, gateway JSON lines, OpenTelemetry GenAI spans, LiteLLM spend logs, account exports',
    details: EVENTS_USAGE,
    load: async () => (await import('./commands/ingest')).ingestCommand,
  },
  watch: {
    summary:
      'watch DIR [--format F] [--map FILE] [--interval MS] [--once] [--events URL]  ingest files as they appear in DIR, moving each to DIR/done/ or DIR/failed/ (with a .reason file); survives kill -9',
    details: EVENTS_USAGE,
    load: async () => (await import('./commands/watch')).watchCommand,
  },
  backup: {
    summary: 'backup DEST [--force] [--check quick|full] [--json]  an online, verified copy of the store (SQLite\'s backup API), safe while the server and ingest write',
    load: async () => (await import('./commands/backup')).backupCommand,
  },
  stats: { summary: 'stats  counts of what the store holds', load: async () => (await import('./commands/stats')).statsCommand },
  detect: {
    summary: 'detect [--as-of YYYY-MM-DD] [--events URL]  score accounts, find rings, raise the day\'s alerts',
    details: EVENTS_USAGE,
    load: async () => (await import('./commands/detect')).detectCommand,
  },
  schedule: {
    summary: 'schedule --once [--now ISO-TIME] [--json] | schedule --status [--json]  run the days due (the daily cycle, under the store\'s lock), retention and webhook deliveries; or show the cycle',
    load: async () => (await import('./commands/schedule')).scheduleCommand,
  },
  report: { summary: 'report --json FILE [--as-of D]  write the detection report', load: async () => (await import('./commands/report')).reportCommand },
  eval: { summary: 'eval --labels FILE [--json] [--leave-one-family-out [--events URL]]  score detection against ground truth', details: EVENTS_USAGE, load: async () => (await import('./commands/eval')).evalCommand },
  fit: { summary: 'fit --labels FILE [--out FILE] [--events URL]  fit the model weights on a labelled scenario', details: EVENTS_USAGE, load: async () => (await import('./commands/fit')).fitCommand },
  serve: {
    summary: 'serve [--port N] [--host ADDR]  serve the dashboard (plain HTTP on 127.0.0.1:3000 by default)',
    details: SERVE_DETAILS,
    load: async () => (await import('./commands/serve')).serveCommand,
  },
  cases: { summary: 'cases [--status S] [--json]  list cases', load: async () => (await import('./commands/cases')).casesCommand },
  decide: {
    summary: 'decide CASE_ID confirm|dismiss|escalate --reason TEXT --user NAME [--expected-version N]  record a decision on a case',
    load: async () => (await import('./commands/decide')).decideCommand,
  },
  intel: {
    summary: 'intel export --out FILE.json [--tlp amber|green|clear|red] | intel import FILE.json [--json]  share indicators with partner labs (STIX 2.1)',
    load: async () => (await import('./commands/intel')).intelCommand,
  },
  'export-case': {
    summary: 'export-case CASE_ID --out FILE.zip [--user NAME]  write the legal case file (zip with PDF report, evidence, audit trail, SHA-256 manifest)',
    load: async () => (await import('./commands/export-case')).exportCaseCommand,
  },
  audit: {
    summary:
      'audit verify [--public-key FILE] [--head FILE] | audit public-key [--out FILE] | audit anchor  check the whole audit trail, its signed head and the cases against it; export the signing key',
    load: async () => (await import('./commands/audit')).auditCommand,
  },
  verify: {
    summary: 'verify FILE.zip [--db PATH] [--public-key FILE]  check a case file against its manifest, audit chain and signed head',
    load: async () => (await import('./commands/verify')).verifyCommand,
  },
  tokens: {
    summary:
      'tokens create --user NAME --label TEXT [--days N] [--scopes read,write,ingest] | tokens list [--user NAME] | tokens revoke TOKEN_ID  API tokens (scoped; 90-day default lifetime)',
    load: async () => (await import('./commands/tokens')).tokensCommand,
  },
  users: {
    summary: 'users add NAME --role analyst|lead|legal|admin [--password P] | users list | users disable NAME  manage dashboard users',
    load: async () => (await import('./commands/users')).usersCommand,
  },
};

function usage(commands: Record<string, CommandEntry>): string {
  const lines = Object.values(commands).map((c) => `  distillwatch ${c.summary}`);
  return `usage:\n${lines.join('\n')}\nevery command takes --db PATH (default $DISTILLWATCH_DB or data/distillwatch.db) and --help\n`;
}

const isHelp = (a: string) => a === '--help' || a === '-h';

/** One command's help: its usage line, its details, and the options every command takes. */
function commandUsage(c: CommandEntry): string {
  const [synopsis, ...what] = c.summary.split('  ');
  return [
    `usage: distillwatch ${synopsis}`,
    what.length ? `\n${what.join('  ').trim()}` : '',
    c.details ? `\n${c.details}` : '',
    '\n--db PATH  the store (default $DISTILLWATCH_DB or data/distillwatch.db)',
    '--help     this text\n',
  ].join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Runs one command line; `toolCommands` are added to the product's commands. */
export async function main(argv: string[], toolCommands: Record<string, CommandEntry> = {}): Promise<number> {
  const commands = { ...PRODUCT_COMMANDS, ...toolCommands };
  const [name, ...rest] = argv;
  if (!name || isHelp(name) || name === 'help') {
    // `distillwatch help serve` is `distillwatch serve --help`.
    if (name === 'help' && rest[0] && Object.hasOwn(commands, rest[0])) {
      process.stdout.write(commandUsage(commands[rest[0]]));
      return 0;
    }
    process.stdout.write(usage(commands));
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`distillwatch: unknown command "${name}" (try distillwatch --help)\n`);
    return 2;
  }
  // Every command answers --help (anywhere among its arguments, before a lone `--`) without running.
  const beforeEnd = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeEnd.some(isHelp)) {
    process.stdout.write(commandUsage(command));
    return 0;
  }
  // For the benchmark: the JS heap's peak, sampled — apart from the RSS, which also holds an in-process
  // ClickHouse engine (chdb) and SQLite's page cache.
  let maxHeap = 0;
  const sampler = process.env.DISTILLWATCH_REPORT_RSS
    ? setInterval(() => (maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed)), 50).unref()
    : undefined;
  try {
    const code = await (await command.load())(rest);
    // For the benchmark: the process's peak memory, worker threads included.
    if (process.env.DISTILLWATCH_REPORT_RSS) {
      clearInterval(sampler);
      const use = process.resourceUsage();
      maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
      // And the CPU time of every thread: on a shared machine it moves less than the wall clock.
      process.stderr.write(`max_rss_kb=${use.maxRSS}\ncpu_us=${use.userCPUTime + use.systemCPUTime}\nmax_heap_kb=${Math.round(maxHeap / 1024)}\n`);
    }
    return code;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    process.stderr.write(`distillwatch ${name}: ${message}\n`);
    if (process.env.DISTILLWATCH_DEBUG) console.error(err);
    return err instanceof UsageError ? 2 : 1;
  }
}
