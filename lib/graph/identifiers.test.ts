import { describe, expect, it } from 'vitest';
import { accountRow, features } from '../../tools/testing/features';
import { identifiersOf } from './identifiers';

const clientName = (id: number) => `client #${id}`;
const kinds = (ids: { kind: string }[]) => ids.map((i) => i.kind);

describe('identifiersOf: what an account can share with others', () => {
  it('takes card, sign-up address, e-mail domain and pattern, and sign-up window from the account record', () => {
    const row = accountRow(1, {
      paymentFp: 'pm_9f', signupIp: '203.0.113.9', emailDomain: 'mailinator.com', emailShape: 'word.word99',
      plan: 'education', createdAt: Date.parse('2026-10-05T08:30:00Z'),
    });
    expect(identifiersOf(row, undefined, clientName)).toEqual([
      { kind: 'payment_fp', value: 'pm_9f' },
      { kind: 'signup_ip', value: '203.0.113.9' },
      { kind: 'email_domain', value: 'mailinator.com' },
      { kind: 'email_pattern', value: 'word.word99@mailinator.com' },
      { kind: 'cohort', value: 'education 2026-10-05T06h' },
    ]);
  });

  it('an address is the account\'s own only when it carries a real share of its requests', () => {
    const own = identifiersOf(accountRow(1), features({ n: 1_000, ips: 1 }), clientName).filter((i) => i.kind === 'ip');
    expect(own).toEqual([{ kind: 'ip', value: '10.0.0.1' }]);
    const passing = identifiersOf(accountRow(1), features({ n: 1_000, ips: 40 }), clientName).filter((i) => i.kind === 'ip');
    expect(passing).toEqual([]);
  });

  it('its main client fingerprint, a fixed schedule and its dominant templates', () => {
    const f = features({ n: 300, minutes: [0, 15, 30], templates: [200, 40, 30, 30] });
    f.clients.set(7, 280);
    const ids = identifiersOf(accountRow(1), f, clientName);
    expect(ids).toEqual(expect.arrayContaining([
      { kind: 'client', value: 'client #7' },
      { kind: 'schedule', value: 'minutes :00 :15 :30' },
      { kind: 'template', value: 'template 1' },
    ]));
    expect(ids.filter((i) => i.kind === 'template')).toHaveLength(1);
  });

  it('accounts running the same hours of the window share a synchronised-schedule band; round-the-clock ones share nothing', () => {
    const onShift = () => {
      const f = features({ n: 300 });
      for (let d = 0; d < 10; d++) for (let h = 2; h < 5; h++) f.hourly[d * 24 + h] = 10;
      return f;
    };
    const a = identifiersOf(accountRow(1), onShift(), clientName).filter((i) => i.value.startsWith('synchronised'));
    const b = identifiersOf(accountRow(2), onShift(), clientName).filter((i) => i.value.startsWith('synchronised'));
    expect(a).toHaveLength(3);
    expect(b).toEqual(a);
    // Three pieces of one fact, common by chance among people in one time zone: they corroborate, a third each.
    for (const band of a) expect(band).toMatchObject({ kind: 'schedule', corroborating: true, weight: 1 / 3 });
    const always = features({ n: 720 * 5 });
    always.hourly.fill(5);
    expect(kinds(identifiersOf(accountRow(3), always, clientName).filter((i) => i.value.startsWith('synchronised')))).toEqual([]);
  });
});
