/**
 * Which format a file is in, and how to read it: the format (contract,
 * gateway, otel, litellm, accounts), its field map (validated with zod), and
 * its layout (JSON lines, a JSON array, or CSV with a header). A spec is plain
 * data: it travels to the parser threads with each chunk.
 */
import { z } from 'zod';
import { accountsMapSchema, DEFAULT_ACCOUNTS_MAP, type AccountsMap } from './accounts';
import { DEFAULT_GATEWAY_MAP, gatewayMapSchema, type GatewayMap } from './gateway';
import { litellmMapSchema, type LitellmMap } from './litellm';

export const FORMAT_NAMES = ['auto', 'contract', 'gateway', 'otel', 'litellm', 'accounts'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
export type ConcreteFormat = Exclude<FormatName, 'auto'>;
export const formatNameSchema = z.enum(FORMAT_NAMES);

/** How records sit in the file: one JSON value a line, one JSON array, or CSV records under a header. */
export type Layout = 'lines' | 'json-array' | 'csv';

export type FormatSpec =
  | { format: 'contract' }
  | { format: 'otel' }
  | { format: 'gateway'; map: GatewayMap }
  | { format: 'litellm'; map: LitellmMap }
  | { format: 'accounts'; map: AccountsMap };

/** What a parser thread needs: the spec, and the CSV header when the layout is CSV. */
export type ChunkFormat = FormatSpec & { csvHeader?: string[] };

/** The formats whose records may come as CSV. */
export const CSV_FORMATS: ReadonlySet<ConcreteFormat> = new Set(['litellm', 'accounts']);

function describeIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i.path.length ? `"${i.path.join('.')}" ` : ''}${i.message}`;
}

/** The format a map says it is for: its `format` field, else its fields. */
export function formatOfMap(map: unknown): ConcreteFormat | undefined {
  if (!map || typeof map !== 'object') return undefined;
  const m = map as Record<string, unknown>;
  if (typeof m.format === 'string' && (FORMAT_NAMES as readonly string[]).includes(m.format) && m.format !== 'auto') return m.format as ConcreteFormat;
  if ('request_body' in m || 'response_body' in m) return 'gateway';
  if ('email' in m || 'created_at' in m) return 'accounts';
  if ('account' in m) return 'litellm';
  return undefined;
}

/** The spec of a concrete format with its map (validated) or the format's default map. */
export function specFor(format: ConcreteFormat, map: unknown): FormatSpec {
  const parse = <T>(schema: z.ZodType<T>, fallback: T): T => {
    if (map === undefined) return fallback;
    const r = schema.safeParse(map);
    if (!r.success) throw new Error(`the ${format} field map is not valid: ${describeIssue(r.error)}`);
    return r.data;
  };
  switch (format) {
    case 'contract':
    case 'otel':
      if (map !== undefined) throw new Error(`the ${format} format takes no field map`);
      return { format };
    case 'gateway':
      return { format, map: parse(gatewayMapSchema, DEFAULT_GATEWAY_MAP) };
    case 'litellm':
      return { format, map: parse(litellmMapSchema, {}) };
    case 'accounts':
      return { format, map: parse(accountsMapSchema, DEFAULT_ACCOUNTS_MAP) };
  }
}
