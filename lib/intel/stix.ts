/**
 * The STIX 2.1 vocabulary Distillwatch writes and reads: TLP 2.0 markings,
 * deterministic ids (UUIDv5) and RFC 3339 timestamps. Custom properties and
 * extensions we add are prefixed `x_distillwatch_` / `x-distillwatch-` and are
 * documented in lib/intel/README.md.
 */
import { createHash } from 'node:crypto';

export const SPEC_VERSION = '2.1';

/** TLP 2.0 levels we mark with, as `--tlp` names them. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** The official TLP 2.0 marking-definition ids (extension-definition--60a3c5c5…). */
export const TLP_MARKING_IDS: Record<TlpLevel, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
export const TLP_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 1.0 marking ids of the STIX 2.1 specification (§7.2.1.4): a partner may reference them without defining them. */
export const TLP1_MARKING_IDS: Record<string, string> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'TLP:WHITE',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'TLP:GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'TLP:AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'TLP:RED',
};

/** Marking ids that resolve without being in the bundle, with their names. */
export const WELL_KNOWN_MARKINGS: Record<string, string> = {
  ...TLP1_MARKING_IDS,
  ...Object.fromEntries(Object.entries(TLP_MARKING_IDS).map(([level, id]) => [id, `TLP:${level.toUpperCase()}`])),
};

export function tlpMarkingDefinition(level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: SPEC_VERSION,
    id: TLP_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/** Namespace of every id Distillwatch derives (UUIDv5 of "distillwatch.intel"). */
export const DISTILLWATCH_NAMESPACE = uuidv5('distillwatch.intel', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');

/** RFC 4122 version-5 (SHA-1, name-based) UUID. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** `type--uuidv5(namespace, type + parts…)`: the same thing exported twice keeps its id. */
export function stixId(type: string, ...parts: string[]): string {
  return `${type}--${uuidv5([type, ...parts].join('\u0001'), DISTILLWATCH_NAMESPACE)}`;
}

/** RFC 3339 UTC with milliseconds, as STIX 2.1 writes timestamps. */
export function stixTime(ms: number): string {
  return new Date(ms).toISOString();
}

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}
