/**
 * Autonomous systems of universities and of the national research and
 * education networks that carry campus traffic. Public knowledge: each is
 * the institution's or network's own, published ASN. An address in one of
 * these is a campus (a lecture hall, a lab, a dormitory), not a rented
 * server — and a crowd that comes from one is a class, which is hard to
 * fake: it takes a campus's egress.
 */
export const EDUCATION_ASNS: ReadonlySet<number> = new Set([
  3, // MIT
  9, // Carnegie Mellon
  11, // Harvard
  14, // Columbia
  25, // UC Berkeley
  26, // Cornell
  31, // Caltech
  32, // Stanford
  38, // UIUC
  52, // UCLA
  59, // UW Madison
  73, // University of Washington
  88, // Princeton
  36375, // University of Michigan
  11537, // Internet2
  293, // ESnet
  6509, // CANARIE
  786, // Jisc (JANET)
  680, // DFN
  2200, // Renater
  1103, // SURF
  559, // SWITCH
  766, // RedIRIS
  137, // GARR
  2907, // SINET
  7472, // NUS
  7575, // AARNet
  4538, // CERNET
  1237, // KREONET
  20965, // GÉANT
]);

export function isEducationAsn(asn: number | null): boolean {
  return asn !== null && EDUCATION_ASNS.has(asn);
}

