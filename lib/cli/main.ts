/**
 * The `distillwatch` command line. Each product command lives in
 * commands/<name>.ts; the tooling commands (generate, demo, bench) live in
 * tools/cli and are handed in by bin/distillwatch.mjs, so lib/ never imports
 * tools/. This file only dispatches and turns errors into a one-line reason
 * on stderr and a non-zero exit.
 */
import { UsageError } from './args';

type Command = (argv: string[]) => Promise<number>;

/** One command: its usage line and how to load it (lazily, so `--help` loads nothing). */
export interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

const PRODUCT_COMMANDS: Record<string, CommandEntry> = {
  ingest: { summary: 'ingest FILE…  load account and event records', load: async () => (await import('./commands/ingest')).ingestCommand },
  stats: { summary: 'stats  counts of what the store holds', load: async () => (await import('./commands/stats')).statsCommand },
  detect: {
    summary: 'detect [--as-of YYYY-MM-DD]  score accounts, find rings, raise the day\'s alerts',
    load: async () => (await import('./commands/detect')).detectCommand,
  },
  report: { summary: 'report --json FILE [--as-of D]  write the detection report', load: async () => (await import('./commands/report')).reportCommand },
  eval: { summary: 'eval --labels FILE [--json]  score detection against ground truth', load: async () => (await import('./commands/eval')).evalCommand },
  fit: { summary: 'fit --labels FILE [--out FILE]  fit the model weights on a labelled scenario', load: async () => (await import('./commands/fit')).fitCommand },
  serve: { summary: 'serve [--port N]  serve the dashboard', load: async () => (await import('./commands/serve')).serveCommand },
  cases: { summary: 'cases [--status S] [--json]  list cases', load: async () => (await import('./commands/cases')).casesCommand },
  decide: {
    summary: 'decide CASE_ID confirm|dismiss|escalate --reason TEXT --user NAME  record a decision on a case',
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
  verify: {
    summary: 'verify FILE.zip [--db PATH]  check a case file against its manifest and audit chain',
    load: async () => (await import('./commands/verify')).verifyCommand,
  },
  users: {
    summary: 'users add NAME --role analyst|lead|legal|admin [--password P] | users list | users disable NAME  manage dashboard users',
    load: async () => (await import('./commands/users')).usersCommand,
  },
};

function usage(commands: Record<string, CommandEntry>): string {
  const lines = Object.values(commands).map((c) => `  distillwatch ${c.summary}`);
  return `usage:\n${lines.join('\n')}\nevery command takes --db PATH (default $DISTILLWATCH_DB or data/distillwatch.db)\n`;
}

/** Runs one command line; `toolCommands` are added to the product's commands. */
export async function main(argv: string[], toolCommands: Record<string, CommandEntry> = {}): Promise<number> {
  const commands = { ...PRODUCT_COMMANDS, ...toolCommands };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage(commands));
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`distillwatch: unknown command "${name}" (try distillwatch --help)\n`);
    return 2;
  }
  try {
    const code = await (await command.load())(rest);
    // For the benchmark: the process's peak memory, worker threads included.
    if (process.env.DISTILLWATCH_REPORT_RSS) process.stderr.write(`max_rss_kb=${process.resourceUsage().maxRSS}\n`);
    return code;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    process.stderr.write(`distillwatch ${name}: ${message}\n`);
    if (process.env.DISTILLWATCH_DEBUG) console.error(err);
    return err instanceof UsageError ? 2 : 1;
  }
}
