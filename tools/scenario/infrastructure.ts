/**
 * Networks, addresses, client fingerprints and payment instruments.
 *
 * ASNs and their prefixes are real-world allocations so that addresses look
 * plausible to anyone reading the data; the host parts are random. Legitimate
 * and campaign traffic draw from the same tables on purpose: a datacenter or
 * residential address proves nothing by itself.
 */
import { Rng, Weighted } from './random';

export interface Network {
  asn: number;
  name: string;
  /** IPv4 prefixes of one or two octets; the rest of the address is random. */
  v4: readonly string[];
  /** IPv6 prefix of two groups, when the network hands out IPv6 to customers. */
  v6?: string;
}

export interface Country {
  code: string;
  tz: number;
  weight: number;
  isps: readonly Network[];
  mail: readonly string[];
}

const net = (asn: number, name: string, v4: string[], v6?: string): Network => ({ asn, name, v4, v6 });

export const COUNTRIES: readonly Country[] = [
  { code: 'US', tz: -5, weight: 22, mail: ['aol.com', 'comcast.net'], isps: [
    net(7922, 'Comcast', ['73', '24.1', '98.2', '67.1'], '2601:1c0'),
    net(7018, 'AT&T', ['99', '108.2', '107.1'], '2600:1700'),
    net(701, 'Verizon', ['71', '96.2', '108.4']),
    net(20115, 'Charter', ['47.1', '66.1', '75.8'], '2603:8000'),
  ] },
  { code: 'US', tz: -8, weight: 9, mail: ['sbcglobal.net'], isps: [
    net(7922, 'Comcast', ['73', '76.1'], '2601:640'),
    net(20001, 'Charter West', ['76.8', '104.1']),
    net(21928, 'T-Mobile', ['172.56', '172.58'], '2607:fb90'),
  ] },
  { code: 'GB', tz: 0, weight: 6, mail: ['btinternet.com', 'live.co.uk'], isps: [
    net(2856, 'BT', ['81.1', '86.1', '109.1']),
    net(5089, 'Virgin Media', ['82.3', '86.2']),
    net(5607, 'Sky', ['2.2', '90.2'], '2a02:c7c'),
  ] },
  { code: 'DE', tz: 1, weight: 6, mail: ['gmx.de', 'web.de', 't-online.de'], isps: [
    net(3320, 'Deutsche Telekom', ['79.2', '87.1', '91.3', '93.2'], '2003:e2'),
    net(3209, 'Vodafone DE', ['88.6', '94.1'], '2a02:8109'),
  ] },
  { code: 'FR', tz: 1, weight: 4, mail: ['orange.fr', 'free.fr', 'laposte.net'], isps: [
    net(3215, 'Orange', ['90.1', '86.2', '92.1'], '2a01:cb1'),
    net(12322, 'Free', ['78.1', '82.6', '88.1'], '2a01:e0a'),
  ] },
  { code: 'NL', tz: 1, weight: 2, mail: ['ziggo.nl', 'kpnmail.nl'], isps: [
    net(1136, 'KPN', ['77.1', '84.8', '94.2']),
    net(33915, 'Ziggo', ['84.2', '62.1'], '2001:1c0'),
  ] },
  { code: 'ES', tz: 1, weight: 2, mail: ['telefonica.net'], isps: [net(3352, 'Telefonica', ['80.2', '83.4', '88.2'])] },
  { code: 'IT', tz: 1, weight: 2, mail: ['libero.it', 'tiscali.it'], isps: [net(3269, 'TIM', ['79.1', '87.9', '93.3'])] },
  { code: 'PL', tz: 1, weight: 1.5, mail: ['wp.pl', 'o2.pl'], isps: [net(5617, 'Orange Polska', ['83.2', '89.7'])] },
  { code: 'IN', tz: 5.5, weight: 9, mail: ['rediffmail.com'], isps: [
    net(55836, 'Reliance Jio', ['49.3', '157.3'], '2409:40c0'),
    net(45609, 'Airtel', ['106.2', '122.1']),
  ] },
  { code: 'JP', tz: 9, weight: 3, mail: ['yahoo.co.jp', 'docomo.ne.jp'], isps: [
    net(4713, 'NTT OCN', ['180.1', '153.2'], '2400:4050'),
    net(2516, 'KDDI', ['106.1', '111.1']),
  ] },
  { code: 'KR', tz: 9, weight: 2, mail: ['naver.com', 'daum.net'], isps: [net(4766, 'Korea Telecom', ['121.1', '175.2', '211.3'])] },
  { code: 'CN', tz: 8, weight: 3, mail: ['qq.com', '163.com', '126.com'], isps: [
    net(4134, 'China Telecom', ['113.1', '114.2', '116.2'], '240e:3b0'),
    net(4837, 'China Unicom', ['112.2', '123.1']),
  ] },
  { code: 'HK', tz: 8, weight: 1, mail: ['netvigator.com'], isps: [net(9269, 'HKBN', ['1.64', '61.2'])] },
  { code: 'SG', tz: 8, weight: 1.5, mail: ['singnet.com.sg'], isps: [net(9506, 'Singtel', ['116.8', '118.2'])] },
  { code: 'AU', tz: 10, weight: 2, mail: ['bigpond.com'], isps: [net(1221, 'Telstra', ['1.14', '101.1', '120.1'], '2001:8003')] },
  { code: 'BR', tz: -3, weight: 4, mail: ['uol.com.br', 'bol.com.br'], isps: [
    net(28573, 'Claro NET', ['177.1', '179.2', '187.1']),
    net(27699, 'Vivo', ['177.9', '186.2', '189.3'], '2804:14c'),
  ] },
  { code: 'MX', tz: -6, weight: 2, mail: ['prodigy.net.mx'], isps: [net(8151, 'Telmex', ['187.1', '189.2', '201.1'])] },
  { code: 'CA', tz: -5, weight: 3, mail: ['rogers.com', 'sympatico.ca'], isps: [
    net(812, 'Rogers', ['99.2', '174.1']),
    net(577, 'Bell Canada', ['70.2', '142.1', '184.1']),
  ] },
  { code: 'NG', tz: 1, weight: 1, mail: ['yahoo.com'], isps: [net(29465, 'MTN Nigeria', ['102.8', '105.1'])] },
  { code: 'TR', tz: 3, weight: 1, mail: ['hotmail.com.tr'], isps: [net(9121, 'Turk Telekom', ['78.1', '85.9'])] },
  { code: 'ID', tz: 7, weight: 1.5, mail: ['yahoo.co.id'], isps: [net(7713, 'Telkom Indonesia', ['36.6', '110.1'])] },
  { code: 'VN', tz: 7, weight: 1, mail: ['yahoo.com.vn'], isps: [net(7552, 'Viettel', ['27.6', '171.2'])] },
];

export const COUNTRY_PICKER = new Weighted(COUNTRIES, COUNTRIES.map((c) => c.weight));

export function countryByCode(code: string): Country {
  return COUNTRIES.find((c) => c.code === code) ?? COUNTRIES[0];
}

// Cloud and hosting networks: customers' servers, CI runners, and proxy farms alike.
export const HOSTING = {
  aws: net(16509, 'Amazon', ['3.8', '18.2', '34.2', '35.1', '44.2', '52.1', '54.2']),
  gcp: net(396982, 'Google Cloud', ['34.1', '35.2', '34.8']),
  azure: net(8075, 'Microsoft', ['20.4', '40.7', '52.2', '13.6']),
  digitalocean: net(14061, 'DigitalOcean', ['104.131', '138.68', '159.89', '167.99', '178.62', '206.189']),
  ovh: net(16276, 'OVH', ['51.38', '51.75', '54.36', '137.74', '145.239', '147.135', '149.202']),
  hetzner: net(24940, 'Hetzner', ['5.9', '88.198', '95.216', '116.202', '135.181', '138.201', '157.90']),
  linode: net(63949, 'Akamai Linode', ['45.33', '45.56', '139.162', '172.104']),
  vultr: net(20473, 'Vultr', ['45.32', '45.63', '45.76', '64.176', '108.61', '149.28']),
  alibaba: net(45102, 'Alibaba Cloud', ['47.74', '47.88', '8.209']),
  tencent: net(132203, 'Tencent Cloud', ['43.128', '43.135', '101.32']),
  m247: net(9009, 'M247', ['37.120', '89.187', '146.70']),
  cloudflare: net(13335, 'Cloudflare', ['104.28', '172.68']),
} as const;

export const MAJOR_CLOUDS = [HOSTING.aws, HOSTING.gcp, HOSTING.azure];
export const CHEAP_HOSTING = [HOSTING.digitalocean, HOSTING.ovh, HOSTING.hetzner, HOSTING.linode, HOSTING.vultr];
export const PROXY_HOSTING = [HOSTING.hetzner, HOSTING.ovh, HOSTING.vultr, HOSTING.alibaba, HOSTING.tencent, HOSTING.m247, HOSTING.digitalocean];

// Office egress: business ISPs and a security proxy that many companies share.
export const BUSINESS = [
  net(174, 'Cogent', ['38.1', '38.9']),
  net(3356, 'Lumen', ['4.1', '8.4']),
  net(6461, 'Zayo', ['64.12', '208.18']),
  net(8220, 'Colt', ['212.3', '213.1']),
  net(62044, 'Zscaler', ['165.225', '147.161']),
];

export interface University {
  name: string;
  domain: string;
  country: string;
  network: Network;
}

export const UNIVERSITIES: readonly University[] = [
  { name: 'MIT', domain: 'mit.edu', country: 'US', network: net(3, 'MIT', ['18.2']) },
  { name: 'UC Berkeley', domain: 'berkeley.edu', country: 'US', network: net(25, 'UC Berkeley', ['128.32', '169.229']) },
  { name: 'UW Madison', domain: 'wisc.edu', country: 'US', network: net(59, 'UW Madison', ['128.104', '144.92']) },
  { name: 'University of Washington', domain: 'uw.edu', country: 'US', network: net(73, 'University of Washington', ['128.95', '128.208']) },
  { name: 'Stanford', domain: 'stanford.edu', country: 'US', network: net(32, 'Stanford', ['171.64', '171.67']) },
  { name: 'Oxford', domain: 'ox.ac.uk', country: 'GB', network: net(786, 'Jisc', ['129.67', '163.1']) },
  { name: 'TU Munich', domain: 'tum.de', country: 'DE', network: net(680, 'DFN', ['129.187', '138.246']) },
  { name: 'University of Tokyo', domain: 'u-tokyo.ac.jp', country: 'JP', network: net(2907, 'SINET', ['133.11', '157.82']) },
  { name: 'NUS', domain: 'nus.edu.sg', country: 'SG', network: net(7472, 'NUS', ['137.132']) },
  { name: 'Sorbonne', domain: 'sorbonne-universite.fr', country: 'FR', network: net(2200, 'Renater', ['134.157', '195.83']) },
];

export interface Address {
  ip: string;
  asn: number;
}

/** A random IPv4 address inside one of the network's prefixes. */
export function ipv4In(network: Network, rng: Rng): string {
  const prefix = rng.pick(network.v4);
  const given = prefix.split('.').length;
  let ip = prefix;
  for (let i = given; i < 4; i++) ip += '.' + (i === 3 ? 1 + rng.int(254) : rng.int(256));
  return ip;
}

export function ipv6In(network: Network, rng: Rng): string {
  let ip = network.v6 ?? '2001:470';
  for (let i = 0; i < 6; i++) ip += ':' + rng.int(65536).toString(16);
  return ip;
}

export function address(network: Network, rng: Rng, v6Share = 0): Address {
  const v6 = network.v6 !== undefined && rng.chance(v6Share);
  return { ip: v6 ? ipv6In(network, rng) : ipv4In(network, rng), asn: network.asn };
}

/** A /24 block inside a network; hosts are drawn from it one by one. */
export class Subnet {
  readonly prefix: string;

  constructor(readonly network: Network, rng: Rng) {
    const parts = ipv4In(network, rng).split('.');
    this.prefix = parts.slice(0, 3).join('.');
  }

  host(rng: Rng): Address {
    return { ip: `${this.prefix}.${1 + rng.int(254)}`, asn: this.network.asn };
  }

  /** A fixed list of `n` hosts: a server fleet or an egress pool. */
  hosts(rng: Rng, n: number): Address[] {
    return Array.from({ length: n }, () => this.host(rng));
  }
}

/**
 * A home connection: mostly one address, renewed now and then by the ISP.
 * It is its own current Address, so that the ~100k home users of a large
 * scenario hold one object each rather than two.
 */
export class HomeLine implements Address {
  ip: string;
  asn: number;
  private renewAt = 0;

  constructor(readonly network: Network, private readonly v6Share: number, rng: Rng) {
    const a = address(network, rng, v6Share);
    this.ip = a.ip;
    this.asn = a.asn;
  }

  /** The first address, as used at sign-up. */
  get current(): Address {
    return { ip: this.ip, asn: this.asn };
  }

  at(ts: number, rng: Rng): Address {
    if (ts >= this.renewAt) {
      if (this.renewAt !== 0) this.ip = address(this.network, rng, this.v6Share).ip;
      this.renewAt = ts + rng.exp(12 * 86_400_000);
    }
    return this;
  }
}

export function homeLine(country: Country, rng: Rng): HomeLine {
  // A few percent of residential users are reached over IPv6.
  return new HomeLine(rng.pick(country.isps), 0.12, rng);
}

/** A residential address anywhere: what a residential-proxy service hands out per request. */
export function residentialAnywhere(rng: Rng): Address {
  const country = COUNTRY_PICKER.sample(rng);
  return address(rng.pick(country.isps), rng, 0.05);
}

export interface Client {
  ua: string;
  tls: string;
}

// JA4-style fingerprints: same TLS stack, same value, whatever the user agent says.
export const TLS = {
  chrome: 't13d1516h2_8daaf6152771_02713d6af862',
  firefox: 't13d1715h2_5b57614c22b0_5c2c66f702b0',
  safari: 't13d2014h2_a09f3c656075_14788d8d241b',
  python: 't13d1812h1_85036bcba153_d41ae481755e',
  node: 't13d1611h1_9dc949149365_e7c285222651',
  go: 't13d1311h2_f57a46bbacb6_ab7e3b40a677',
  curl: 't13d3112h2_e8f1e7e78f70_6bebaf5329ac',
  electron: 't13d1517h2_8daaf6152771_b0da82dd1658',
} as const;

const browser = (ua: string, tls: string): Client => ({ ua, tls });

export const BROWSERS: readonly Client[] = [
  browser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36', TLS.chrome),
  browser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', TLS.chrome),
  browser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', TLS.chrome),
  browser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0', TLS.chrome),
  browser('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0', TLS.firefox),
  browser('Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0', TLS.firefox),
  browser('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15', TLS.safari),
  browser('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1', TLS.safari),
];

export const SDKS: readonly Client[] = [
  { ua: 'atlas-sdk-python/2.3.1', tls: TLS.python },
  { ua: 'atlas-sdk-python/2.2.0', tls: TLS.python },
  { ua: 'atlas-sdk-python/2.1.4', tls: TLS.python },
  { ua: 'atlas-sdk-js/2.1.0', tls: TLS.node },
  { ua: 'atlas-sdk-js/2.0.7', tls: TLS.node },
  { ua: 'python-httpx/0.27.2', tls: TLS.python },
  { ua: 'python-requests/2.32.3', tls: TLS.python },
  { ua: 'langchain-atlas/0.3.4 atlas-sdk-python/2.2.0', tls: TLS.python },
  { ua: 'litellm/1.52.0', tls: TLS.python },
  { ua: 'curl/8.9.1', tls: TLS.curl },
  { ua: 'Go-http-client/2.0', tls: TLS.go },
];

export const CODING_AGENTS: readonly Client[] = [
  { ua: 'claude-code/1.0.17', tls: TLS.node },
  { ua: 'claude-code/1.0.24', tls: TLS.node },
  { ua: 'cursor/0.44.11', tls: TLS.electron },
  { ua: 'cursor/0.45.2', tls: TLS.electron },
  { ua: 'aider/0.62.1', tls: TLS.python },
  { ua: 'aider/0.65.0', tls: TLS.python },
  { ua: 'cline/3.1.2', tls: TLS.electron },
  { ua: 'continue/0.9.227', tls: TLS.electron },
];

/** Browser for most people, an SDK for the rest. */
export function everydayClient(rng: Rng, sdkShare = 0.35): Client {
  return rng.chance(sdkShare) ? rng.pick(SDKS) : rng.pick(BROWSERS);
}

/** A card fingerprint as a payment processor would export it. */
export function cardFingerprint(rng: Rng): string {
  return rng.hex(16, 'pm_');
}

/**
 * A residential-proxy exit kept for a while ("sticky session"): a home address
 * in one country that moves to another home, often on another ISP, every day
 * or two. Not the per-request rotation a detector looks for; many networks
 * over a month all the same.
 */
export class StickyResidential implements Address {
  ip = '';
  asn = 0;
  private until = -Infinity;

  constructor(readonly country: Country, private readonly meanHoldMs: number) {}

  at(ts: number, rng: Rng): Address {
    if (ts >= this.until) {
      const a = address(rng.pick(this.country.isps), rng, 0.1);
      this.ip = a.ip;
      this.asn = a.asn;
      this.until = ts + Math.max(3_600_000, rng.exp(this.meanHoldMs));
    }
    return this;
  }
}

/** Mobile carriers whose customers share a few carrier-grade NAT addresses. */
export const CARRIERS = {
  tmobile: { network: net(21928, 'T-Mobile US', ['172.56', '172.58']), country: 'US', mail: 'tmomail.net' },
  jio: { network: net(55836, 'Reliance Jio', ['49.36', '157.35']), country: 'IN', mail: 'jio.com' },
  vodafone: { network: net(3209, 'Vodafone DE', ['178.24', '94.134']), country: 'DE', mail: 'vodafone.de' },
} as const;
