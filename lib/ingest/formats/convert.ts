/**
 * One foreign record (a parsed JSON value, or a CSV row as an object) turned
 * into contract records by its format's adapter. Runs on the parser threads.
 */
import { convertAccount, accountsSources } from './accounts';
import type { Converted } from './exchange';
import type { FormatSpec } from './format-spec';
import { convertGateway, gatewaySources } from './gateway';
import { convertLitellm, LITELLM_SOURCES } from './litellm';
import { convertOtel, OTEL_SOURCES } from './otel';

export function convertRecord(spec: FormatSpec, value: unknown): Converted[] {
  switch (spec.format) {
    case 'gateway':
      return convertGateway(spec.map, value);
    case 'otel':
      return convertOtel(value);
    case 'litellm':
      return convertLitellm(spec.map, value);
    case 'accounts':
      return convertAccount(spec.map, value);
    case 'contract':
      return [value as Record<string, unknown>];
  }
}

const sourcesCache = new WeakMap<FormatSpec, Record<string, string>>();

/** Where a contract field was read from in this format, for reject reasons. */
export function sourcesOf(spec: FormatSpec): Record<string, string> {
  let s = sourcesCache.get(spec);
  if (!s) {
    s = spec.format === 'gateway' ? gatewaySources(spec.map) : spec.format === 'accounts' ? accountsSources(spec.map) : spec.format === 'otel' ? OTEL_SOURCES : spec.format === 'litellm' ? LITELLM_SOURCES : {};
    sourcesCache.set(spec, s);
  }
  return s;
}

/** The contract's reason, with where each field it names came from: `missing field "ip" (from client.address)`. */
export function withSources(reason: string, sources: Record<string, string>): string {
  return reason.replace(/field "([a-z_]+)"( [^;]*)?/g, (all, field: string) => (sources[field] ? `${all} (from ${sources[field]})` : all));
}
