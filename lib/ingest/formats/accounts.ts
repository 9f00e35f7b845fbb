/**
 * Account records from a CRM or billing export (CSV, JSON lines or a JSON
 * array), with a field map from the contract's account fields to the
 * export's. With no map, the export's fields carry the contract's names.
 * CSV cells are text: `verified` reads true/false, yes/no, 1/0, t/f; an empty
 * cell is a field not given.
 */
import { z } from 'zod';
import type { Converted } from './exchange';
import { asText, describePath, fieldPathSchema, valueAt, type FieldPath } from './field-path';
import { isoTime, sourceTime } from './source-time';

export const accountsMapSchema = z
  .object({
    format: z.literal('accounts').optional(),
    account_id: fieldPathSchema,
    created_at: fieldPathSchema,
    time_unit: z.enum(['s', 'ms', 'us', 'ns']).optional(),
    email: fieldPathSchema,
    org_id: fieldPathSchema.optional(),
    plan: fieldPathSchema.optional(),
    country: fieldPathSchema.optional(),
    signup_ip: fieldPathSchema.optional(),
    payment_fp: fieldPathSchema.optional(),
    verified: fieldPathSchema.optional(),
  })
  .strict();
export type AccountsMap = z.infer<typeof accountsMapSchema>;

export const DEFAULT_ACCOUNTS_MAP: AccountsMap = {
  account_id: 'account_id', created_at: 'created_at', email: 'email', org_id: 'org_id', plan: 'plan',
  country: 'country', signup_ip: 'signup_ip', payment_fp: 'payment_fp', verified: 'verified',
};

const OPTIONAL = ['org_id', 'plan', 'country', 'signup_ip', 'payment_fp'] as const;
const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);

export function accountsSources(map: AccountsMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (k !== 'format' && k !== 'time_unit' && v !== undefined) out[k] = `map field ${JSON.stringify(describePath(v as FieldPath))}`;
  return out;
}

function booleanOf(v: unknown): unknown {
  if (typeof v !== 'string') return v === '' ? undefined : v;
  const s = v.trim().toLowerCase();
  if (s === '') return undefined;
  return TRUE.has(s) ? true : FALSE.has(s) ? false : v;
}

export function convertAccount(map: AccountsMap, value: unknown): Converted[] {
  const get = (p: FieldPath | undefined) => (p === undefined ? undefined : valueAt(value, p));
  const raw = get(map.created_at);
  const record: Record<string, unknown> = {
    type: 'account',
    account_id: asText(get(map.account_id)),
    created_at: isoTime(sourceTime(raw, map.time_unit)) ?? (raw === undefined || raw === '' ? undefined : String(raw)),
    email: asText(get(map.email)),
  };
  for (const k of OPTIONAL) {
    const v = asText(get(map[k]));
    if (v !== undefined) record[k] = v;
  }
  const verified = booleanOf(get(map.verified));
  if (verified !== undefined && verified !== null) record.verified = verified;
  return [record];
}
