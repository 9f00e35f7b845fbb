/**
 * People, organisations and their e-mail addresses.
 *
 * Legitimate addresses follow the many habits real people have; campaign
 * addresses follow one generator's pattern, which is exactly the kind of
 * cross-account regularity the detector should notice.
 */
import { Rng } from './random';
import type { Country } from './infrastructure';

export const FIRST_NAMES = [
  'james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'david', 'elizabeth',
  'william', 'susan', 'richard', 'jessica', 'joseph', 'sarah', 'thomas', 'karen', 'daniel', 'nancy',
  'matthew', 'lisa', 'anthony', 'emily', 'mark', 'olivia', 'paul', 'sophie', 'lukas', 'anna',
  'leon', 'mia', 'finn', 'hannah', 'jonas', 'lea', 'louis', 'chloe', 'hugo', 'camille',
  'arjun', 'priya', 'rahul', 'ananya', 'vikram', 'deepa', 'rohan', 'kavya', 'wei', 'li',
  'jun', 'mei', 'hao', 'yan', 'hiroshi', 'yuki', 'kenji', 'sakura', 'minjun', 'seoyeon',
  'lucas', 'gabriel', 'mariana', 'beatriz', 'diego', 'valentina', 'mateo', 'lucia', 'omar', 'fatima',
  'ahmed', 'aisha', 'chidi', 'ngozi', 'emre', 'elif', 'tomasz', 'zofia', 'lars', 'ingrid',
  'noah', 'ava', 'ethan', 'isabella', 'oliver', 'amelia', 'jack', 'grace', 'ryan', 'chen',
];

export const LAST_NAMES = [
  'smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez',
  'wilson', 'anderson', 'taylor', 'thomas', 'moore', 'jackson', 'martin', 'lee', 'thompson', 'white',
  'mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'dubois', 'moreau',
  'laurent', 'bernard', 'sharma', 'patel', 'singh', 'kumar', 'gupta', 'reddy', 'wang', 'zhang',
  'liu', 'chen', 'yang', 'huang', 'zhao', 'tanaka', 'suzuki', 'sato', 'watanabe', 'kim',
  'park', 'choi', 'silva', 'santos', 'oliveira', 'souza', 'costa', 'hernandez', 'lopez', 'gonzalez',
  'rossi', 'russo', 'ferrari', 'kowalski', 'nowak', 'nielsen', 'jansen', 'devries', 'okafor', 'adeyemi',
  'yilmaz', 'kaya', 'nguyen', 'tran', 'pham', 'murphy', 'kelly', 'obrien', 'walsh', 'evans',
];

export interface Person {
  first: string;
  last: string;
}

export function person(rng: Rng): Person {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/** The many ways people name their personal mailbox. */
export function personalLocalPart(p: Person, rng: Rng): string {
  switch (rng.int(9)) {
    case 0: return `${p.first}.${p.last}`;
    case 1: return `${p.first}${p.last}${rng.intIn(1, 99)}`;
    case 2: return `${p.first[0]}${p.last}`;
    case 3: return `${p.first}_${p.last}${rng.intIn(1960, 2006)}`;
    case 4: return `${p.first}.${p.last}${rng.intIn(1, 9)}`;
    case 5: return `${p.last}.${p.first}`;
    case 6: return `${p.first}${rng.intIn(100, 9999)}`;
    case 7: return `the.${p.first}.${rng.pick(['writes', 'codes', 'cooks', 'runs', 'reads'])}`;
    default: return `${p.first}${p.last[0]}${rng.intIn(10, 99)}`;
  }
}

// Big mail providers, weighted by repetition; local providers come from the country.
const GLOBAL_MAIL = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me'];

export function personalEmail(p: Person, country: Country, rng: Rng): string {
  const domain = rng.chance(0.3) ? rng.pick(country.mail) : rng.pick(GLOBAL_MAIL);
  return `${personalLocalPart(p, rng)}@${domain}`;
}

/** Work addresses: one convention per organisation, applied to each person. */
export type WorkConvention = 'first.last' | 'flast' | 'first' | 'first_last';

export function workEmail(p: Person, domain: string, convention: WorkConvention): string {
  switch (convention) {
    case 'first.last': return `${p.first}.${p.last}@${domain}`;
    case 'flast': return `${p.first[0]}${p.last}@${domain}`;
    case 'first': return `${p.first}@${domain}`;
    default: return `${p.first}_${p.last}@${domain}`;
  }
}

const ORG_HEADS = [
  'north', 'blue', 'bright', 'silver', 'cedar', 'harbor', 'summit', 'pixel', 'quantum', 'lumen',
  'vertex', 'atlas', 'nova', 'orbit', 'granite', 'maple', 'river', 'stone', 'cobalt', 'ember',
  'delta', 'kite', 'falcon', 'tidal', 'zephyr', 'alder', 'copper', 'meadow', 'signal', 'prism',
];
const ORG_TAILS = [
  'wind', 'leaf', 'path', 'forge', 'works', 'labs', 'field', 'point', 'stack', 'bridge',
  'line', 'scale', 'loop', 'grid', 'wave', 'craft', 'sight', 'base', 'ware', 'flow',
];
const ORG_KINDS = ['Analytics', 'Health', 'Logistics', 'Software', 'Capital', 'Retail', 'Media', 'Robotics', 'Legal', 'Energy', 'Travel', 'Learning'];

export interface Organisation {
  id: string;
  name: string;
  domain: string;
  convention: WorkConvention;
}

export function organisation(rng: Rng): Organisation {
  const head = rng.pick(ORG_HEADS);
  const tail = rng.pick(ORG_TAILS);
  const kind = rng.pick(ORG_KINDS);
  const tld = rng.pick(['com', 'com', 'com', 'io', 'ai', 'co', 'de', 'co.uk', 'dev', 'app']);
  const domain = rng.chance(0.5) ? `${head}${tail}.${tld}` : `${head}${tail}-${kind.toLowerCase()}.${tld}`;
  const name = `${cap(head)}${tail} ${kind}`;
  const convention = rng.pick<WorkConvention>(['first.last', 'first.last', 'flast', 'first', 'first_last']);
  return { id: rng.base36(8, 'org_'), name, domain, convention };
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Throwaway mailboxes, plus freshly registered domains that exist only to receive sign-up mail.
export const DISPOSABLE_DOMAINS = [
  'mailinator.com', 'guerrillamail.com', 'sharklasers.com', 'tmpmail.dev', 'inboxkitten.com',
  '10minutemail.net', 'yopmail.com', 'dropmail.me', 'trashmail.io', 'mail.tm',
];
export const THROWAWAY_DOMAINS = ['qmx-labs.xyz', 'nuvora.io', 'kestrel-ai.top', 'brightpath-edu.site', 'veltrix.dev'];
