import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertViewSchema } from '../../lib/alerts/view';
import { getAlertQueue } from '../../lib/alerts/queries';
import { detectedStore, type DetectedStore } from '../testing/detected-store';
import { ingestFiles } from '../../lib/ingest/ingest';
import { parseLine } from '../../lib/ingest/records';
import { QUEUE_ACCOUNT_PREFIX, queueAccountLines, raiseQueueAlerts } from './alert-queue';

describe('queueAccountLines', () => {
  it('writes valid account records with distinct ids, signed up before the day', () => {
    const lines = queueAccountLines(120, '2026-10-30');
    expect(lines).toHaveLength(120);
    const parsed = lines.map(parseLine);
    const ids = new Set<string>();
    for (const p of parsed) {
      expect(p.ok && p.kind).toBe('account');
      if (!p.ok || p.kind !== 'account') continue;
      expect(p.record.account_id.startsWith(QUEUE_ACCOUNT_PREFIX)).toBe(true);
      expect(p.record.created_at).toBeLessThan(Date.parse('2026-10-30T00:00:00Z'));
      ids.add(p.record.account_id);
    }
    expect(ids.size).toBe(120);
  });

  it('refuses a day that is not one', () => {
    expect(() => queueAccountLines(1, 'yesterday')).toThrow(/not a day/);
  });
});

describe('raiseQueueAlerts on a detected store', () => {
  let s: DetectedStore;
  beforeAll(async () => {
    s = await detectedStore('dw-bench-queue-');
  });
  afterAll(() => s?.store.close());

  it('raises one open alert and case per ingested synthetic account, with reasons detection wrote', async () => {
    const day = s.days[1];
    const before = getAlertQueue(s.store.sqlite, alertViewSchema.parse({ day, status: 'all' })).total;
    const file = path.join(path.dirname(s.store.path), 'queue-accounts.ndjson');
    writeFileSync(file, queueAccountLines(300, day).join('\n') + '\n');
    await ingestFiles(s.store, [file]);

    expect(raiseQueueAlerts(s.store.sqlite, day)).toBe(300);

    const queue = getAlertQueue(s.store.sqlite, alertViewSchema.parse({ day, status: 'all', q: QUEUE_ACCOUNT_PREFIX, page_size: 200 }));
    expect(queue.total).toBe(300);
    expect(getAlertQueue(s.store.sqlite, alertViewSchema.parse({ day, status: 'all' })).total).toBe(before + 300);
    for (const row of queue.rows) {
      expect(row).toMatchObject({ kind: 'new_flag', subjectKind: 'account', status: 'open', accounts: 1 });
      expect(row.reasons.length).toBeGreaterThan(0);
    }
    const opened = s.store.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'case_opened' AND subject_id LIKE ?`).get(`${QUEUE_ACCOUNT_PREFIX}%`) as { n: number };
    expect(opened.n).toBe(300);
    // Raising again adds nothing: one alert per subject and day, one case per subject.
    expect(raiseQueueAlerts(s.store.sqlite, day)).toBe(0);
  });
});
