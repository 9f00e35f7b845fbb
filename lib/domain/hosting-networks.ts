/**
 * Autonomous systems that sell hosting (clouds, VPS and dedicated servers,
 * proxy and VPN egress) rather than home or mobile lines. Public knowledge:
 * each is the provider's own, published ASN. An address in one of these is
 * a server, not a person — which proves nothing about one account (apps and
 * CI run there) but says a lot about a crowd: a class, a carrier's users or
 * an online course come from home and mobile lines, a harvesting network
 * from rented exits.
 */
export const HOSTING_ASNS: ReadonlySet<number> = new Set([
  16509, 14618, // Amazon
  15169, 396982, 19527, // Google, Google Cloud
  8075, 8068, // Microsoft / Azure
  14061, // DigitalOcean
  16276, // OVH
  24940, // Hetzner
  63949, // Akamai Linode
  20473, // Vultr (Choopa)
  45102, 37963, // Alibaba Cloud
  132203, 45090, // Tencent Cloud
  9009, // M247
  13335, // Cloudflare
  31898, // Oracle Cloud
  51167, // Contabo
  12876, // Scaleway
  60781, 28753, // Leaseweb
  36352, // ColoCrossing
  53667, // FranTech / BuyVM
  62240, // Clouvider
  212238, // Datacamp (CDN77)
  46606, // Unified Layer
  26496, // GoDaddy
  40021, // Contabo US
  55286, // Server Mania
  35916, // Multacom
  8100, // QuadraNet
]);

export function isHostingAsn(asn: number | null): boolean {
  return asn !== null && HOSTING_ASNS.has(asn);
}
