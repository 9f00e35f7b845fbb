'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiFetch, apiPost, ensureOk } from '../../lib/http/api-client';
import type { WebhookEvent, WebhookFormat } from '../../lib/webhooks/events';
import { utcSecond } from '../format/utc-time';
import { useHydrated } from '../layout/use-hydrated';
import styles from '../tokens/tokens.module.css';

export interface WebhookRow {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  events: WebhookEvent[];
  enabled: boolean;
  created_by: string;
  created_at: string | null;
  pending: number;
  failed: number;
  last_delivery: { at: string | null; ok: boolean; http_status: number | null } | null;
}

export interface DeliveryRow {
  id: number;
  webhook: string | null;
  message_id: string;
  event: string;
  attempt: number;
  at: string | null;
  http_status: number | null;
  ok: boolean;
  error: string | null;
  duration_ms: number;
  message_status: string;
}

const time = (iso: string | null) => (iso ? utcSecond(Date.parse(iso)) : '—');

/**
 * Admins' webhooks: add one (its signing secret shown once), turn it on or
 * off, rotate its secret, remove it, and read the delivery log. The server
 * decides who may (lib/webhooks/manage.ts).
 */
export function WebhookManager({ webhooks, deliveries, eventLabels }: { webhooks: WebhookRow[]; deliveries: DeliveryRow[]; eventLabels: Record<WebhookEvent, string> }) {
  const router = useRouter();
  const ready = useHydrated();
  const allEvents = Object.keys(eventLabels) as WebhookEvent[];
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('json');
  const [events, setEvents] = useState<WebhookEvent[]>(allEvents);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  async function act(fn: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
      router.refresh();
    }
  }

  function create(e: FormEvent) {
    e.preventDefault();
    void act(async () => {
      const r = await apiPost<{ secret: string; webhook: WebhookRow }>('/api/admin/webhooks', { name, url, format, events });
      setSecret({ name: r.webhook.name, secret: r.secret });
      setName('');
      setUrl('');
    });
  }

  const patch = (w: WebhookRow, body: object) =>
    act(async () => {
      const r = await ensureOk(await apiFetch(`/api/admin/webhooks/${w.id}`, { method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
      const j = (await r.json()) as { secret?: string };
      if (j.secret) setSecret({ name: w.name, secret: j.secret });
    });
  const remove = (w: WebhookRow) => act(async () => void (await ensureOk(await apiFetch(`/api/admin/webhooks/${w.id}`, { method: 'DELETE' }))));

  return (
    <>
      <section className={styles.section} aria-labelledby="webhook-new">
        <h2 id="webhook-new">New webhook</h2>
        <form className={styles.form} onSubmit={create} aria-label="New webhook" data-ready={ready ? 'true' : undefined}>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="T&S on-call" />
          </label>
          <label>
            URL
            <input value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2000} placeholder="https://hooks.slack.com/services/…" />
          </label>
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)} aria-label="Format">
              <option value="json">Generic JSON</option>
              <option value="slack">Slack-compatible</option>
            </select>
          </label>
          <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', gap: 10, flexWrap: 'wrap' }}>
            <legend style={{ fontSize: 12 }}>Events</legend>
            {allEvents.map((ev) => (
              <label key={ev} style={{ flexDirection: 'row', alignItems: 'center' }}>
                <input
                  type="checkbox"
                  style={{ width: 'auto', height: 'auto' }}
                  checked={events.includes(ev)}
                  onChange={(e) => setEvents((cur) => (e.target.checked ? [...cur, ev] : cur.filter((x) => x !== ev)))}
                />
                {eventLabels[ev]}
              </label>
            ))}
          </fieldset>
          <button type="submit" className={`${styles.btn} ${styles.primary}`} disabled={busy || name.trim() === '' || url.trim() === '' || events.length === 0}>
            Add webhook
          </button>
        </form>
        {secret && (
          <div role="status" className={styles.secret} data-testid="webhook-secret">
            Signing secret of {secret.name}: <strong>{secret.secret}</strong>
            <div>Shown once: give it to the receiver, which checks X-Distillwatch-Signature with it.</div>
          </div>
        )}
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
      </section>
      <section className={styles.section} aria-labelledby="webhook-list">
        <h2 id="webhook-list">Webhooks</h2>
        {webhooks.length === 0 ? (
          <p>No webhooks.</p>
        ) : (
          <table className={styles.table} aria-label="Webhooks">
            <thead>
              <tr>
                <th>Name</th>
                <th>URL</th>
                <th>Format</th>
                <th>Events</th>
                <th>State</th>
                <th>Waiting / failed</th>
                <th>Last delivery</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {webhooks.map((w) => (
                <tr key={w.id}>
                  <td>{w.name}</td>
                  <td className={styles.mono}>{w.url}</td>
                  <td>{w.format}</td>
                  <td>{w.events.join(', ')}</td>
                  <td className={`${styles.state} ${w.enabled ? styles.active : styles.revoked}`}>{w.enabled ? 'on' : 'off'}</td>
                  <td>
                    {w.pending} / {w.failed}
                  </td>
                  <td>{w.last_delivery ? `${time(w.last_delivery.at)} · ${w.last_delivery.ok ? 'ok' : 'failed'}${w.last_delivery.http_status ? ` (${w.last_delivery.http_status})` : ''}` : '—'}</td>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <button type="button" className={styles.btn} disabled={busy} onClick={() => patch(w, { enabled: !w.enabled })} aria-label={`${w.enabled ? 'Turn off' : 'Turn on'} ${w.name}`}>
                      {w.enabled ? 'Turn off' : 'Turn on'}
                    </button>{' '}
                    <button type="button" className={styles.btn} disabled={busy} onClick={() => patch(w, { rotate_secret: true })} aria-label={`Rotate the secret of ${w.name}`}>
                      Rotate secret
                    </button>{' '}
                    <button type="button" className={styles.btn} disabled={busy} onClick={() => remove(w)} aria-label={`Remove ${w.name}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className={styles.section} aria-labelledby="webhook-log">
        <h2 id="webhook-log">Delivery log</h2>
        {deliveries.length === 0 ? (
          <p>No deliveries yet.</p>
        ) : (
          <table className={styles.table} aria-label="Webhook deliveries">
            <thead>
              <tr>
                <th>Time</th>
                <th>Webhook</th>
                <th>Event</th>
                <th>Message</th>
                <th>Attempt</th>
                <th>Result</th>
                <th>Message state</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{time(d.at)}</td>
                  <td>{d.webhook ?? '(removed)'}</td>
                  <td>{d.event}</td>
                  <td className={styles.mono}>{d.message_id}</td>
                  <td>{d.attempt}</td>
                  <td className={d.ok ? styles.active : styles.error}>
                    {d.ok ? `ok${d.http_status ? ` (${d.http_status})` : ''}` : `failed: ${d.error ?? d.http_status}`} · {d.duration_ms} ms
                  </td>
                  <td>{d.message_status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
