/**
 * STIX 2.1 bundle validation, before anything is stored or written: size and
 * shape limits first (a hostile file is refused cheaply), then the rules of
 * the specification for the objects we read and write (common properties,
 * required properties per type, id and timestamp formats, patterns), then
 * referential integrity (every *_ref / *_refs resolves within the bundle; the
 * standard TLP marking definitions resolve by their well-known ids).
 *
 * No vetted STIX validator exists on npm (the reference one is Python), so
 * this is a zod schema of the 2.1 objects plus the cross-object checks.
 */
import { z } from 'zod';
import { InputError } from '../errors';
import { HASHED_KINDS } from './keyed-hash';
import { MAX_BUNDLE_BYTES } from './limits';
import { parsePattern, PatternError } from './patterns';
import { SPEC_VERSION, WELL_KNOWN_MARKINGS, type StixBundle, type StixObject } from './stix';

export { MAX_BUNDLE_BYTES };
export const MAX_OBJECTS = 200_000;
const MAX_DEPTH = 24;
const MAX_NODES = 5_000_000;
const MAX_STRING = 64 * 1024;
const MAX_ERRORS = 5;

export class BundleError extends InputError {}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const TYPE = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,248}[a-z0-9]$/;
const ID = new RegExp(`^([a-z0-9][a-z0-9-]{1,248}[a-z0-9])--(${UUID})$`);
/** RFC 3339, UTC ("Z"), optional fractional seconds: the STIX timestamp. */
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;

export const isStixId = (v: unknown, type?: string): v is string => {
  if (typeof v !== 'string') return false;
  const m = ID.exec(v);
  return !!m && (type === undefined || m[1] === type);
};
const timestamp = z.string().regex(TIMESTAMP, 'must be an RFC 3339 UTC timestamp (…Z)').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');
const stixId = (type?: string) => z.string().refine((v) => isStixId(v, type), type ? `must be a ${type}--<uuid> id` : 'must be a <type>--<uuid> id');

const SDO_TYPES = new Set([
  'attack-pattern', 'campaign', 'course-of-action', 'grouping', 'identity', 'incident', 'indicator', 'infrastructure',
  'intrusion-set', 'location', 'malware', 'malware-analysis', 'note', 'observed-data', 'opinion', 'report',
  'threat-actor', 'tool', 'vulnerability',
]);
const SRO_TYPES = new Set(['relationship', 'sighting']);
const META_TYPES = new Set(['marking-definition', 'language-content', 'extension-definition']);

const common = z.object({
  type: z.string().regex(TYPE, 'is not a valid STIX type name'),
  id: z.string(),
  spec_version: z.literal(SPEC_VERSION, { error: `must be "${SPEC_VERSION}"` }).optional(),
  created: timestamp.optional(),
  modified: timestamp.optional(),
  created_by_ref: stixId('identity').optional(),
  object_marking_refs: z.array(stixId('marking-definition')).max(100).optional(),
  granular_markings: z.array(z.object({ marking_ref: stixId('marking-definition').optional(), lang: z.string().optional(), selectors: z.array(z.string()).min(1) })).max(100).optional(),
  revoked: z.boolean().optional(),
  labels: z.array(z.string()).max(100).optional(),
  confidence: z.number().int().min(0).max(100).optional(),
  lang: z.string().optional(),
  external_references: z.array(z.object({ source_name: z.string().min(1) }).loose()).max(100).optional(),
}).loose();

const named = z.object({ name: z.string().min(1) }).loose();
const hmacProperty = z.object({
  kind: z.enum(HASHED_KINDS),
  algorithm: z.literal('HMAC-SHA256'),
  hmac: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
  key_id: z.string().regex(/^[0-9a-f]{16}$/).optional(),
});

const BY_TYPE: Record<string, z.ZodType> = {
  identity: named,
  campaign: named,
  'intrusion-set': named,
  'threat-actor': named,
  malware: z.object({ is_family: z.boolean() }).loose(),
  tool: named,
  'attack-pattern': named,
  infrastructure: named,
  indicator: z.object({
    pattern: z.string().min(3),
    pattern_type: z.string().min(1),
    valid_from: timestamp,
    valid_until: timestamp.optional(),
    name: z.string().optional(),
    x_distillwatch_hmac: hmacProperty.optional(),
  }).loose(),
  relationship: z.object({
    relationship_type: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens'),
    source_ref: stixId(),
    target_ref: stixId(),
  }).loose(),
  sighting: z.object({ sighting_of_ref: stixId() }).loose(),
  report: z.object({ name: z.string().min(1), published: timestamp, object_refs: z.array(stixId()).min(1) }).loose(),
  grouping: z.object({ context: z.string().min(1), object_refs: z.array(stixId()).min(1) }).loose(),
  note: z.object({ content: z.string().min(1), object_refs: z.array(stixId()).min(1) }).loose(),
  'marking-definition': z.object({ created: timestamp }).loose().refine(
    (m) => (m.definition_type !== undefined && typeof m.definition === 'object' && m.definition !== null) || typeof m.extensions === 'object',
    'needs definition_type and definition, or extensions',
  ),
};

/** Structure first, cheaply and without recursion: depth, node count, string sizes. */
function checkShape(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > MAX_NODES) throw new BundleError(`refused: more than ${MAX_NODES.toLocaleString('en-US')} JSON values`);
    if (depth > MAX_DEPTH) throw new BundleError(`refused: JSON nested deeper than ${MAX_DEPTH} levels`);
    if (typeof v === 'string' && v.length > MAX_STRING) throw new BundleError(`refused: a string longer than ${MAX_STRING} characters`);
    if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, depth + 1]);
  }
}

/** Every reference an object makes: top-level *_ref and *_refs, and granular markings. */
export function referencesOf(o: Record<string, unknown>): { property: string; ref: unknown }[] {
  const out: { property: string; ref: unknown }[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k.endsWith('_ref')) out.push({ property: k, ref: v });
    else if (k.endsWith('_refs')) {
      if (!Array.isArray(v)) out.push({ property: k, ref: v });
      else v.forEach((r, i) => out.push({ property: `${k}[${i}]`, ref: r }));
    }
  }
  if (Array.isArray(o.granular_markings)) {
    o.granular_markings.forEach((g, i) => {
      if (g && typeof g === 'object' && 'marking_ref' in g) out.push({ property: `granular_markings[${i}].marking_ref`, ref: (g as { marking_ref: unknown }).marking_ref });
    });
  }
  return out;
}

function issueText(err: z.ZodError): string {
  const i = err.issues[0];
  const path = i.path.join('.');
  return path ? `${path} ${i.message}` : i.message;
}

/** Objects validated between two pauses of validateBundleInSlices (~20–40 ms of work). */
const SLICE = 2_000;

/**
 * The validation, as steps: it yields after every SLICE objects so that a
 * server can let other requests run between them (validateBundleInSlices);
 * validateBundle runs it straight through.
 */
function* validationSteps(json: unknown): Generator<void, StixBundle> {
  checkShape(json);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new BundleError('refused: not a STIX bundle (expected a JSON object)');
  const b = json as Record<string, unknown>;
  if (b.type !== 'bundle') throw new BundleError('refused: not a STIX bundle (type must be "bundle")');
  if (!isStixId(b.id, 'bundle')) throw new BundleError(`refused: malformed bundle id ${JSON.stringify(String(b.id).slice(0, 80))} (expected bundle--<uuid>)`);
  if (!Array.isArray(b.objects) || b.objects.length === 0) throw new BundleError('refused: the bundle has no objects');
  if (b.objects.length > MAX_OBJECTS) throw new BundleError(`refused: more than ${MAX_OBJECTS.toLocaleString('en-US')} objects`);

  const errors: string[] = [];
  const fail = (i: number, o: unknown, message: string) => {
    if (errors.length < MAX_ERRORS) {
      const id = o && typeof o === 'object' && typeof (o as { id?: unknown }).id === 'string' ? ` (${String((o as { id: string }).id).slice(0, 90)})` : '';
      errors.push(`objects[${i}]${id}: ${message}`);
    }
  };
  const ids = new Set<string>();
  const checkObject = (o: unknown, i: number): void => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) return fail(i, o, 'is not an object');
    const obj = o as Record<string, unknown>;
    const c = common.safeParse(obj);
    if (!c.success) return fail(i, obj, issueText(c.error));
    const type = obj.type as string;
    if (!isStixId(obj.id, type)) return fail(i, obj, `malformed id ${JSON.stringify(String(obj.id).slice(0, 90))} (expected ${type}--<uuid>)`);
    const isObjectLike = SDO_TYPES.has(type) || SRO_TYPES.has(type) || META_TYPES.has(type);
    if (obj.spec_version === undefined && (isObjectLike || obj.created !== undefined)) return fail(i, obj, `spec_version is required and must be "${SPEC_VERSION}"`);
    if ((SDO_TYPES.has(type) || SRO_TYPES.has(type)) && (obj.created === undefined || obj.modified === undefined)) return fail(i, obj, 'created and modified are required');
    if (typeof obj.created === 'string' && typeof obj.modified === 'string' && Date.parse(obj.modified) < Date.parse(obj.created)) {
      return fail(i, obj, 'modified is earlier than created');
    }
    const schema = BY_TYPE[type];
    if (schema) {
      const r = schema.safeParse(obj);
      if (!r.success) return fail(i, obj, issueText(r.error));
    }
    if (type === 'indicator') {
      if (typeof obj.valid_until === 'string' && Date.parse(obj.valid_until) <= Date.parse(obj.valid_from as string)) return fail(i, obj, 'valid_until must be later than valid_from');
      if (obj.pattern_type === 'stix') {
        try {
          parsePattern(obj.pattern as string);
        } catch (err) {
          if (err instanceof PatternError) return fail(i, obj, `invalid STIX pattern: ${err.message}`);
          throw err;
        }
      }
    }
    ids.add(obj.id as string);
  };
  for (let i = 0; i < b.objects.length; i++) {
    checkObject(b.objects[i], i);
    if (i % SLICE === SLICE - 1) yield;
  }
  if (errors.length === 0) {
    for (let i = 0; i < b.objects.length; i++) {
      const o = b.objects[i];
      for (const { property, ref } of referencesOf(o as Record<string, unknown>)) {
        if (!isStixId(ref)) fail(i, o, `${property} is not a STIX id`);
        else if (!ids.has(ref) && !(ref in WELL_KNOWN_MARKINGS)) fail(i, o, `dangling reference: ${property} ${ref} is not in the bundle`);
      }
      if (i % (SLICE * 10) === SLICE * 10 - 1) yield;
    }
  }
  if (errors.length) throw new BundleError(`refused: ${errors.join('; ')}`);
  return json as StixBundle;
}

/** Validates a parsed bundle; returns it typed, or throws a BundleError naming the first problems. */
export function validateBundle(json: unknown): StixBundle {
  const steps = validationSteps(json);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** validateBundle, awaiting `pause()` every few thousand objects (a server's other requests run meanwhile). */
export async function validateBundleInSlices(json: unknown, pause: () => Promise<void>): Promise<StixBundle> {
  const steps = validationSteps(json);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** Bytes of a bundle file → validated bundle. Refuses oversized, non-UTF-8 and non-JSON input. */
export function parseBundle(bytes: Uint8Array): StixBundle {
  return validateBundle(parseBundleJson(bytes));
}

/** parseBundle, pausing between slices of the validation (see validateBundleInSlices). */
export async function parseBundleInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<StixBundle> {
  const json = parseBundleJson(bytes);
  await pause();
  return validateBundleInSlices(json, pause);
}

function parseBundleJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    throw new BundleError(`refused: the bundle is ${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB, over the ${MAX_BUNDLE_BYTES / 2 ** 20} MiB limit`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BundleError('refused: the bundle is not UTF-8 text');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    if (err instanceof RangeError) throw new BundleError(`refused: JSON nested deeper than ${MAX_DEPTH} levels`);
    throw new BundleError('refused: the bundle is not valid JSON');
  }
  return json;
}

export type { StixObject };
