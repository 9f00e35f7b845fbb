/**
 * A partner's STIX 2.1 bundle of a chosen size, for the import's size limit
 * and its write-lock figures: one producer, one campaign, as many IP-address
 * indicators as fit (the first ones naming `matching` addresses, the rest
 * addresses nobody uses), each `indicates` the campaign, padded with
 * whitespace to exactly `bytes` bytes. Valid as lib/intel/validate.ts reads it.
 */
import { stixId, WELL_KNOWN_MARKINGS } from '../../lib/intel/stix';

export interface SyntheticBundle {
  bytes: Buffer;
  indicators: number;
}

const AMBER = Object.keys(WELL_KNOWN_MARKINGS).find((id) => WELL_KNOWN_MARKINGS[id].includes('AMBER')) ?? Object.keys(WELL_KNOWN_MARKINGS)[0];

/** `seed` changes every id (two bundles of one size with different seeds are different files). */
export function syntheticBundle(bytes: number, opts: { matching?: string[]; seed?: string } = {}): SyntheticBundle {
  const seed = opts.seed ?? 'bench';
  const matching = opts.matching ?? [];
  const at = '2026-11-01T00:00:00.000Z';
  const producer = stixId('identity', seed, 'producer');
  const campaign = stixId('campaign', seed, 'campaign');
  const head = [
    { type: 'identity', spec_version: '2.1', id: producer, created: at, modified: at, name: `Partner lab ${seed}`, identity_class: 'organization' },
    { type: 'campaign', spec_version: '2.1', id: campaign, created: at, modified: at, name: `Distillation campaign ${seed}`, created_by_ref: producer, object_marking_refs: [AMBER] },
  ].map((o) => JSON.stringify(o));
  const open = `{"type":"bundle","id":"${stixId('bundle', seed, String(bytes))}","objects":[\n`;
  const close = '\n]}';
  const parts = [...head];
  let size = open.length + close.length + head.reduce((n, s) => n + s.length + 2, 0);
  let indicators = 0;
  for (let i = 0; ; i++) {
    const ip = i < matching.length ? matching[i] : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const id = stixId('indicator', seed, String(i));
    const indicator = JSON.stringify({
      type: 'indicator', spec_version: '2.1', id, created: at, modified: at, created_by_ref: producer,
      name: `IP address ${ip}`,
      description: `Address used by accounts of a confirmed distillation campaign (${seed}, item ${i}).`,
      indicator_types: ['malicious-activity'],
      pattern: `[ipv4-addr:value = '${ip}']`, pattern_type: 'stix', pattern_version: '2.1',
      valid_from: at, confidence: 80, labels: ['model-distillation'], object_marking_refs: [AMBER],
    });
    const relationship = JSON.stringify({
      type: 'relationship', spec_version: '2.1', id: stixId('relationship', seed, String(i)), created: at, modified: at,
      relationship_type: 'indicates', source_ref: id, target_ref: campaign,
    });
    const more = indicator.length + relationship.length + 4;
    if (size + more > bytes) break;
    parts.push(indicator, relationship);
    size += more;
    indicators++;
  }
  const text = open + parts.join(',\n') + close;
  const length = Buffer.byteLength(text);
  if (length > bytes) throw new Error(`a bundle cannot be as small as ${bytes} bytes`);
  // Whitespace between the last value and the closing brace: still the same JSON.
  return { bytes: Buffer.from(text.slice(0, -1) + ' '.repeat(bytes - length) + '}'), indicators };
}
