/** Account records from exports with a field map: CSV and a nested JSON array. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../db/client';
import { fixture, ingestFixture, mapOf } from '../../../tools/testing/adapter-fixtures';
import { tempStore } from '../../../tools/testing/temp-store';

let store: Store;
beforeEach(() => {
  store = tempStore('dw-accounts-');
});
afterEach(() => store.close());

const accounts = () =>
  store.sqlite.prepare(`SELECT account_id, created_at, email, org_id, plan, country, signup_ip, payment_fp, verified FROM accounts ORDER BY account_id`).all();

describe('account export adapter', () => {
  it('maps a CRM CSV export onto account records (quoted commas, times without a zone as UTC, yes/no)', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('accounts', 'crm-export.csv'), { format: 'accounts', map: mapOf('accounts', 'crm-map.json') });
    expect(rejects).toEqual([]);
    expect(summary).toMatchObject({ accounts: 3, events: 0 });
    expect(accounts()).toEqual([
      { account_id: 'acct_crm_1', created_at: Date.parse('2026-09-30T08:00:00Z'), email: 'alice@uni.example.edu', org_id: 'University of Example, Dept. of CS', plan: 'education', country: 'GB', signup_ip: '192.0.2.10', payment_fp: 'pm_card_1', verified: 1 },
      { account_id: 'acct_crm_2', created_at: Date.parse('2026-10-01T12:30:00Z'), email: 'bob@mailinator.com', org_id: null, plan: 'payg', country: 'US', signup_ip: null, payment_fp: 'pm_card_1', verified: 0 },
      { account_id: 'acct_crm_3', created_at: Date.parse('2026-10-01T13:00:00Z'), email: 'carol@example.com', org_id: 'org_acme', plan: 'enterprise', country: 'DE', signup_ip: '2001:db8::1', payment_fp: null, verified: null },
    ]);
  });

  it('maps a pretty-printed JSON array with nested fields and epoch seconds (auto finds the map\'s format)', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('accounts', 'billing-export.json'), { format: 'auto', map: mapOf('accounts', 'billing-map.json') });
    expect(rejects).toEqual([]);
    expect(summary).toMatchObject({ accounts: 2 });
    expect(accounts()).toEqual([
      expect.objectContaining({ account_id: 'acct_bill_1', created_at: 1790812800000, email: 'ops@startup.example', org_id: 'org_startup', plan: 'startup', payment_fp: 'pm_virtual_77', verified: 0 }),
      expect.objectContaining({ account_id: 'acct_bill_2', created_at: 1790899200000, email: 'h:9f2c1e', org_id: null, plan: 'payg', payment_fp: null, verified: 1 }),
    ]);
  });

  it('rejects rows with a missing e-mail, an unreadable time, a boolean that is not one, a bad address, an unterminated quote', async () => {
    const { summary, rejects } = await ingestFixture(store, fixture('accounts', 'bad.csv'), { format: 'accounts', map: mapOf('accounts', 'crm-map.json') });
    expect(summary).toMatchObject({ accounts: 1, rejected: 5 });
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, 'missing field "email" (from map field "contact_email")'],
      [3, expect.stringMatching(/^field "created_at" is not an ISO-8601 timestamp.* \(from map field "signup_time"\)/)],
      [4, expect.stringMatching(/^field "verified" .*boolean.* \(from map field "kyc_passed"\)/)],
      [5, 'field "signup_ip" is not an IPv4 or IPv6 address (from map field "signup_address")'],
      [7, 'not a CSV record: unterminated quoted field 2'],
    ]);
  });
});
