/** Grouping a big ring's members by the identifier they share (compound nodes on the ring page and in the PDF). */
import { describe, expect, it } from 'vitest';
import { groupLabel, groupMembers, type GroupableIdentifier } from './member-groups';

const acct = (i: number) => `a:acct_${String(i).padStart(4, '0')}`;
const ident = (kind: string, value: string): GroupableIdentifier => ({ id: `i:${kind}:${value}`, kind, value });

describe('groupMembers', () => {
  it('puts a member sharing several identifiers in the group of its most-shared one, once', () => {
    const members = Array.from({ length: 40 }, (_, i) => acct(i));
    const card = ident('payment_fp', 'pm_a');
    const subnet = ident('subnet', '10.0.0.0/24');
    const uses = [
      // 15 members on the card, 12 on the subnet; members 0–4 on both.
      ...members.slice(0, 15).map((m) => ({ source: m, target: card.id })),
      ...members.slice(0, 5).map((m) => ({ source: m, target: subnet.id })),
      ...members.slice(20, 27).map((m) => ({ source: m, target: subnet.id })),
    ];
    const g = groupMembers(members, [card, subnet], uses, { fromMembers: 0, minSize: 5 });
    expect(g.groupOf.get(acct(0))).toBe(`g:${card.id}`);
    expect(g.groups.map((x) => [x.kind, x.members.length])).toEqual([
      ['payment_fp', 15],
      ['subnet', 7],
    ]);
    // Every member is in at most one group.
    const seen = g.groups.flatMap((x) => x.members);
    expect(new Set(seen).size).toBe(seen.length);
    // Members with no shared identifier stay plain.
    expect(g.groupOf.has(acct(39))).toBe(false);
  });

  it('groups by a card before a more widely shared e-mail domain or client', () => {
    const members = Array.from({ length: 40 }, (_, i) => acct(i));
    const card = ident('payment_fp', 'pm_c');
    const domain = ident('email_domain', 'gmail.com');
    const uses = [...members.slice(0, 10).map((m) => ({ source: m, target: card.id })), ...members.slice(0, 19).map((m) => ({ source: m, target: domain.id }))];
    const g = groupMembers(members, [card, domain], uses, { fromMembers: 0, minSize: 5 });
    expect(g.groupOf.get(acct(0))).toBe(`g:${card.id}`);
    // The members without the card fall back to the domain.
    expect(g.groups.map((x) => [x.kind, x.members.length])).toEqual([
      ['payment_fp', 10],
      ['email_domain', 9],
    ]);
  });

  it('breaks a tie by the stronger kind, then by value', () => {
    const members = Array.from({ length: 20 }, (_, i) => acct(i));
    const card = ident('payment_fp', 'pm_z');
    const domain = ident('email_domain', 'a.example');
    const uses = members.slice(0, 10).flatMap((m) => [
      { source: m, target: domain.id },
      { source: m, target: card.id },
    ]);
    const g = groupMembers(members, [domain, card], uses, { fromMembers: 0, minSize: 3 });
    expect(g.groups).toHaveLength(1);
    expect(g.groups[0].kind).toBe('payment_fp');
  });

  it('dissolves groups below the minimum size; their members try their next identifier or stay plain', () => {
    const members = Array.from({ length: 30 }, (_, i) => acct(i));
    const big = ident('payment_fp', 'pm_big');
    const small = ident('subnet', '10.1.1.0/24');
    const tiny = ident('email_domain', 'tiny.example');
    const uses = [
      ...members.slice(0, 12).map((m) => ({ source: m, target: big.id })),
      // 10 members on the subnet, but 8 of them are on the big card too: only 2 would be left — too few.
      ...members.slice(4, 14).map((m) => ({ source: m, target: small.id })),
      // 3 members on a domain: below the minimum from the start.
      ...members.slice(20, 23).map((m) => ({ source: m, target: tiny.id })),
    ];
    const g = groupMembers(members, [big, small, tiny], uses, { fromMembers: 0, minSize: 5 });
    expect(g.groups.map((x) => x.identifier)).toEqual([big.id]);
    expect(g.groupOf.has(acct(12))).toBe(false);
    expect(g.groupOf.has(acct(13))).toBe(false);
    expect(g.groupOf.has(acct(20))).toBe(false);
  });

  it('ignores an identifier the whole ring shares, and groups nothing in a small ring', () => {
    const members = Array.from({ length: 200 }, (_, i) => acct(i));
    const client = ident('client', 'python-httpx/0.27');
    const cards = Array.from({ length: 4 }, (_, i) => ident('payment_fp', `pm_${i}`));
    const uses = [...members.map((m) => ({ source: m, target: client.id })), ...members.map((m, i) => ({ source: m, target: cards[i % 4].id }))];
    const g = groupMembers(members, [client, ...cards], uses);
    expect(g.groups.map((x) => x.kind)).toEqual(['payment_fp', 'payment_fp', 'payment_fp', 'payment_fp']);
    expect(groupMembers(members.slice(0, 40), [client, ...cards], uses).groups).toEqual([]);
  });

  it('draws a 2,000-member ring as a few dozen groups, deterministically', () => {
    const members = Array.from({ length: 2000 }, (_, i) => acct(i));
    const cards = Array.from({ length: 14 }, (_, i) => ident('payment_fp', `pm_${i}`));
    const subnets = Array.from({ length: 40 }, (_, i) => ident('subnet', `10.0.${i}.0/24`));
    const ips = Array.from({ length: 900 }, (_, i) => ident('ip', `10.9.${i >> 8}.${i & 255}`));
    const uses = members.flatMap((m, i) => [
      // Most members pay with one of 14 cards; one in ten pays with its own.
      ...(i % 10 === 9 ? [] : [{ source: m, target: cards[i % 14].id }]),
      { source: m, target: subnets[i % 40].id },
      { source: m, target: ips[i % 900].id },
    ]);
    const identifiers = [...cards, ...subnets, ...ips];
    const a = groupMembers(members, identifiers, uses);
    const b = groupMembers([...members], [...identifiers].reverse(), [...uses].reverse());
    expect(a.groups.map((g) => [g.id, g.members.length])).toEqual(b.groups.map((g) => [g.id, g.members.length]));
    // 14 card groups of ~128, and the 200 card-less members in their subnets' groups (50 each).
    expect(a.groups.length).toBeGreaterThanOrEqual(14);
    expect(a.groups.length).toBeLessThanOrEqual(60);
    expect(a.groupOf.size).toBe(2000);
    for (const g of a.groups) expect(g.members.length).toBeGreaterThanOrEqual(8);
    expect(a.groups[0].kind).toBe('payment_fp');
    expect(a.groups.filter((g) => g.kind === 'subnet').reduce((n, g) => n + g.members.length, 0)).toBe(200);
  });
});

describe('groupLabel', () => {
  it('names the size, the kind and a short value', () => {
    expect(groupLabel(148, 'payment_fp', 'pm_9f3a2b1c0d9e8f7a6b5c')).toBe('148 accounts on card pm_9f3a2b1c0d9e8f…');
    expect(groupLabel(1200, 'subnet', '10.0.0.0/24')).toBe('1,200 accounts on subnet 10.0.0.0/24');
  });
});
