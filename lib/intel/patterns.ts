/**
 * STIX 2.1 patterns: the ones we write, a parser for the patterning grammar
 * (so a partner's malformed pattern is refused, not half-read), and the
 * reading of a pattern into the one thing we can match it against.
 *
 * Patterns Distillwatch writes (and matches):
 *   [ipv4-addr:value = '203.0.113.7']                              ip
 *   [ipv4-addr:value ISSUBSET '203.0.113.0/24']                    subnet
 *   [autonomous-system:number = 14061]                             asn
 *   [network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'ua'
 *     AND network-traffic:extensions.'x-distillwatch-tls'.fingerprint = 't13d…']   client
 *   [email-addr:x_distillwatch_hmac_sha256 = '<hex>']              keyed hash of an e-mail address
 *   [domain-name:x_distillwatch_hmac_sha256 = '<hex>']             keyed hash of an e-mail domain
 *   [x-distillwatch-payment-instrument:fingerprint_hmac_sha256 = '<hex>']  keyed hash of a payment fingerprint
 * Also read from partners: ipv6-addr values, raw email-addr / domain-name values.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ipv4ToInt, intToIpv4 } from '../ingest/ip';
import type { HashedKind } from './keyed-hash';

export const MAX_PATTERN_CHARS = 8192;
const MAX_NESTING = 16;

// ------------------------------------------------------------ writing ---

export function stixString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export const UA_PATH = "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'";
export const TLS_PATH = "network-traffic:extensions.'x-distillwatch-tls'.fingerprint";

const HASH_PATHS: Record<HashedKind, string> = {
  email: 'email-addr:x_distillwatch_hmac_sha256',
  email_domain: 'domain-name:x_distillwatch_hmac_sha256',
  payment_fp: 'x-distillwatch-payment-instrument:fingerprint_hmac_sha256',
};

export const patternFor = {
  ip: (ip: string) => `[${isIPv6(ip) ? 'ipv6-addr' : 'ipv4-addr'}:value = ${stixString(ip)}]`,
  subnet: (cidr: string) => `[ipv4-addr:value ISSUBSET ${stixString(cidr)}]`,
  asn: (asn: number) => `[autonomous-system:number = ${Math.trunc(asn)}]`,
  client: (userAgent: string, tls: string) => {
    const parts = [userAgent ? `${UA_PATH} = ${stixString(userAgent)}` : '', tls ? `${TLS_PATH} = ${stixString(tls)}` : ''].filter(Boolean);
    return `[${parts.join(' AND ')}]`;
  },
  hashed: (kind: HashedKind, hmac: string) => `[${HASH_PATHS[kind]} = ${stixString(hmac)}]`,
};

// ------------------------------------------------------------ parsing ---

type Tok =
  | { t: 'punct'; v: string }
  | { t: 'word'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'typed'; prefix: string; v: string };

export class PatternError extends Error {}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if ('[]():.,*'.includes(c)) { out.push({ t: 'punct', v: c }); i++; continue; }
    if (c === '!' || c === '<' || c === '>' || c === '=') {
      const two = src.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') { out.push({ t: 'punct', v: two }); i += 2; continue; }
      if (c === '!') throw new PatternError(`unexpected "!" at ${i}`);
      out.push({ t: 'punct', v: c }); i++; continue;
    }
    if (c === "'" || ((c === 't' || c === 'h' || c === 'b') && src[i + 1] === "'")) {
      const prefix = c === "'" ? '' : c;
      let j = i + (prefix ? 2 : 1);
      let v = '';
      for (;;) {
        if (j >= src.length) throw new PatternError(`unterminated string at ${i}`);
        const d = src[j];
        if (d === '\\') {
          const e = src[j + 1];
          if (e !== "'" && e !== '\\') throw new PatternError(`invalid escape at ${j}`);
          v += e; j += 2; continue;
        }
        if (d === "'") break;
        v += d; j++;
      }
      out.push(prefix ? { t: 'typed', prefix, v } : { t: 'str', v });
      i = j + 1;
      continue;
    }
    const num = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(src.slice(i, i + 64));
    if (num && (c === '-' || c === '+' || /\d/.test(c))) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i, i + 300));
    if (word) { out.push({ t: 'word', v: word[0] }); i += word[0].length; continue; }
    throw new PatternError(`unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

export interface Comparison {
  objectType: string;
  path: string[];
  op: string;
  negated: boolean;
  value: string | number | boolean | (string | number | boolean)[];
}

/** A parsed pattern: its observation expressions, each a tree of comparisons, flattened for reading. */
export interface ParsedPattern {
  /** Observation expressions ([…] blocks). */
  observations: { comparisons: Comparison[]; joins: string[] }[];
  /** Joins between observation expressions (AND, OR, FOLLOWEDBY). */
  joins: string[];
  qualified: boolean;
  nested: boolean;
}

const OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const WORD_OPS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

class Parser {
  i = 0;
  depth = 0;
  out: ParsedPattern = { observations: [], joins: [], qualified: false, nested: false };
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined { return this.toks[this.i]; }
  isPunct(v: string): boolean { const t = this.peek(); return t?.t === 'punct' && t.v === v; }
  isWord(v: string): boolean { const t = this.peek(); return t?.t === 'word' && t.v === v; }
  expectPunct(v: string): void { if (!this.isPunct(v)) throw new PatternError(`expected "${v}"`); this.i++; }
  enter(): void { if (++this.depth > MAX_NESTING) throw new PatternError('pattern nested too deeply'); }

  pattern(): void {
    this.observationExpressions();
    if (this.i !== this.toks.length) throw new PatternError('unexpected text after the pattern');
  }
  observationExpressions(): void {
    this.observationOr();
    while (this.isWord('FOLLOWEDBY')) { this.i++; this.out.joins.push('FOLLOWEDBY'); this.observationOr(); }
  }
  observationOr(): void {
    this.observationAnd();
    while (this.isWord('OR')) { this.i++; this.out.joins.push('OR'); this.observationAnd(); }
  }
  observationAnd(): void {
    this.observation();
    while (this.isWord('AND')) { this.i++; this.out.joins.push('AND'); this.observation(); }
  }
  observation(): void {
    this.enter();
    if (this.isPunct('[')) {
      this.i++;
      const obs = { comparisons: [] as Comparison[], joins: [] as string[] };
      this.comparisonOr(obs);
      this.expectPunct(']');
      this.out.observations.push(obs);
    } else if (this.isPunct('(')) {
      this.i++;
      this.out.nested = true;
      this.observationExpressions();
      this.expectPunct(')');
    } else throw new PatternError('expected "[" or "("');
    this.qualifiers();
    this.depth--;
  }
  qualifiers(): void {
    for (;;) {
      if (this.isWord('WITHIN')) {
        this.i++; this.number(); if (!this.isWord('SECONDS')) throw new PatternError('expected SECONDS'); this.i++;
      } else if (this.isWord('REPEATS')) {
        this.i++; this.number(); if (!this.isWord('TIMES')) throw new PatternError('expected TIMES'); this.i++;
      } else if (this.isWord('START')) {
        this.i++; this.timestamp(); if (!this.isWord('STOP')) throw new PatternError('expected STOP'); this.i++; this.timestamp();
      } else return;
      this.out.qualified = true;
    }
  }
  number(): number { const t = this.peek(); if (t?.t !== 'num' || !(t.v > 0)) throw new PatternError('expected a positive number'); this.i++; return t.v; }
  timestamp(): void {
    const t = this.peek();
    if (t?.t !== 'typed' || t.prefix !== 't' || Number.isNaN(Date.parse(t.v))) throw new PatternError("expected a timestamp t'…'");
    this.i++;
  }
  comparisonOr(obs: ParsedPattern['observations'][number]): void {
    this.comparisonAnd(obs);
    while (this.isWord('OR')) { this.i++; obs.joins.push('OR'); this.comparisonAnd(obs); }
  }
  comparisonAnd(obs: ParsedPattern['observations'][number]): void {
    this.test(obs);
    while (this.isWord('AND')) { this.i++; obs.joins.push('AND'); this.test(obs); }
  }
  test(obs: ParsedPattern['observations'][number]): void {
    if (this.isPunct('(')) {
      this.enter(); this.i++; this.out.nested = true; this.comparisonOr(obs); this.expectPunct(')'); this.depth--; return;
    }
    if (this.isWord('EXISTS')) { this.i++; const p = this.objectPath(); obs.comparisons.push({ ...p, op: 'EXISTS', negated: false, value: true }); return; }
    const path = this.objectPath();
    let negated = false;
    if (this.isWord('NOT')) { this.i++; negated = true; }
    const t = this.peek();
    if (t?.t === 'punct' && OPS.has(t.v)) {
      this.i++;
      obs.comparisons.push({ ...path, op: t.v, negated, value: this.primitive() });
    } else if (t?.t === 'word' && WORD_OPS.has(t.v)) {
      this.i++;
      if (t.v === 'IN') {
        this.expectPunct('(');
        const set = [this.primitive()];
        while (this.isPunct(',')) { this.i++; set.push(this.primitive()); }
        this.expectPunct(')');
        obs.comparisons.push({ ...path, op: 'IN', negated, value: set });
      } else {
        const v = this.peek();
        if (v?.t !== 'str') throw new PatternError(`${t.v} takes a string`);
        this.i++;
        obs.comparisons.push({ ...path, op: t.v, negated, value: v.v });
      }
    } else throw new PatternError('expected a comparison operator');
  }
  primitive(): string | number | boolean {
    const t = this.peek();
    if (!t) throw new PatternError('expected a value');
    this.i++;
    if (t.t === 'str' || t.t === 'num') return t.v;
    if (t.t === 'typed') {
      if (t.prefix === 't' && Number.isNaN(Date.parse(t.v))) throw new PatternError('invalid timestamp literal');
      if (t.prefix === 'h' && !/^([0-9a-fA-F]{2})*$/.test(t.v)) throw new PatternError('invalid hex literal');
      if (t.prefix === 'b' && !/^[A-Za-z0-9+/]*={0,2}$/.test(t.v)) throw new PatternError('invalid binary literal');
      return t.v;
    }
    if (t.t === 'word' && (t.v === 'true' || t.v === 'false')) return t.v === 'true';
    throw new PatternError('expected a value');
  }
  objectPath(): { objectType: string; path: string[] } {
    const t = this.peek();
    if (t?.t !== 'word' || !/^[a-z0-9][a-z0-9-]{1,249}$/.test(t.v)) throw new PatternError('expected an object type');
    this.i++;
    this.expectPunct(':');
    const path: string[] = [];
    const first = this.peek();
    if (first?.t === 'word' || first?.t === 'str') { path.push(first.v); this.i++; } else throw new PatternError('expected a property name');
    for (;;) {
      if (this.isPunct('.')) {
        this.i++;
        const c = this.peek();
        if (c?.t === 'word' || c?.t === 'str') { path.push(c.v); this.i++; } else throw new PatternError('expected a property name after "."');
      } else if (this.isPunct('[') && (this.toks[this.i + 1]?.t === 'num' || (this.toks[this.i + 1]?.t === 'punct' && (this.toks[this.i + 1] as { v: string }).v === '*'))) {
        this.i += 2; this.expectPunct(']'); path.push('[]');
      } else break;
    }
    return { objectType: t.v, path };
  }
}

export function parsePattern(pattern: string): ParsedPattern {
  if (pattern.length > MAX_PATTERN_CHARS) throw new PatternError(`pattern longer than ${MAX_PATTERN_CHARS} characters`);
  const p = new Parser(tokenize(pattern));
  p.pattern();
  return p.out;
}

// ------------------------------------------------------------ reading ---

export const MATCH_KINDS = ['ip', 'subnet', 'asn', 'client', 'user_agent', 'tls_fp', 'email', 'email_domain', 'payment_fp', 'unsupported'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const KIND_LABELS: Record<MatchKind, string> = {
  ip: 'IP address',
  subnet: 'subnet',
  asn: 'autonomous system',
  client: 'client',
  user_agent: 'user agent',
  tls_fp: 'TLS fingerprint',
  email: 'e-mail address',
  email_domain: 'e-mail domain',
  payment_fp: 'payment instrument',
  unsupported: 'unsupported pattern',
};

export interface MatchTarget {
  kind: MatchKind;
  value: string;
  hashed: boolean;
}

const UNSUPPORTED: MatchTarget = { kind: 'unsupported', value: '', hashed: false };
const HEX64 = /^[0-9a-f]{64}$/;

/** Canonical `a.b.c.d/n` (host bits cleared) for an IPv4 CIDR we can match, or null. */
export function ipv4Cidr(text: string): string | null {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (!m || !isIPv4(m[1])) return null;
  const bits = Number(m[2]);
  if (bits < 8 || bits > 32) return null;
  const mask = bits === 32 ? 0xffffffff : (~(0xffffffff >>> bits)) >>> 0;
  return `${intToIpv4((ipv4ToInt(m[1]) & mask) >>> 0)}/${bits}`;
}

/** What a pattern lets us match, when it is one observation of equality tests we understand. */
export function matchTarget(parsed: ParsedPattern): MatchTarget {
  if (parsed.observations.length !== 1 || parsed.qualified || parsed.nested) return UNSUPPORTED;
  const [obs] = parsed.observations;
  if (obs.joins.some((j) => j !== 'AND')) return UNSUPPORTED;
  if (obs.comparisons.some((c) => c.negated)) return UNSUPPORTED;
  const key = (c: Comparison) => `${c.objectType}:${c.path.map((p) => (/^[a-z_][a-z0-9_]*$/.test(p) ? p : `'${p}'`)).join('.')}`;
  if (obs.comparisons.length === 2 || (obs.comparisons.length === 1 && obs.comparisons[0].objectType === 'network-traffic')) {
    const ua = obs.comparisons.find((c) => key(c) === UA_PATH && c.op === '=');
    const tls = obs.comparisons.find((c) => key(c) === TLS_PATH && c.op === '=');
    if (obs.comparisons.length === 2 && ua && tls) return { kind: 'client', value: `${ua.value} · ${tls.value}`, hashed: false };
    if (obs.comparisons.length === 1 && ua) return { kind: 'user_agent', value: String(ua.value), hashed: false };
    if (obs.comparisons.length === 1 && tls) return { kind: 'tls_fp', value: String(tls.value), hashed: false };
    return UNSUPPORTED;
  }
  if (obs.comparisons.length !== 1) return UNSUPPORTED;
  const [c] = obs.comparisons;
  const path = key(c);
  const v = c.value;
  if (typeof v === 'string' && c.op === '=') {
    if (path === 'ipv4-addr:value' && isIPv4(v)) return { kind: 'ip', value: v, hashed: false };
    if (path === 'ipv4-addr:value') {
      const cidr = ipv4Cidr(v);
      if (cidr) return cidr.endsWith('/32') ? { kind: 'ip', value: cidr.slice(0, -3), hashed: false } : { kind: 'subnet', value: cidr, hashed: false };
    }
    if (path === 'ipv6-addr:value' && isIPv6(v)) return { kind: 'ip', value: v.toLowerCase(), hashed: false };
    if (path === 'email-addr:value' && v.includes('@')) return { kind: 'email', value: v.trim().toLowerCase(), hashed: false };
    if (path === 'domain-name:value' && v.length > 0) return { kind: 'email_domain', value: v.trim().toLowerCase(), hashed: false };
    const hashedKind = (Object.entries(HASH_PATHS) as [HashedKind, string][]).find(([, p]) => p === path)?.[0];
    if (hashedKind && HEX64.test(v.toLowerCase())) return { kind: hashedKind, value: v.toLowerCase(), hashed: true };
  }
  if (typeof v === 'string' && c.op === 'ISSUBSET' && path === 'ipv4-addr:value') {
    const cidr = ipv4Cidr(v);
    if (cidr) return { kind: 'subnet', value: cidr, hashed: false };
  }
  if (path === 'autonomous-system:number' && c.op === '=' && typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2 ** 32) {
    return { kind: 'asn', value: String(v), hashed: false };
  }
  return UNSUPPORTED;
}
