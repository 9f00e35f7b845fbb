import { storeOverview } from '../../lib/store-overview';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  const { stats, storePath } = storeOverview();
  const rows: [string, string][] = [
    ['Accounts', stats.accounts.toLocaleString('en-US')],
    ['Events', stats.events.toLocaleString('en-US')],
    ['First event', stats.first_event?.slice(0, 16).replace('T', ' ') ?? '—'],
    ['Last event', stats.last_event?.slice(0, 16).replace('T', ' ') ?? '—'],
    ['Alerts', stats.alerts.toLocaleString('en-US')],
    ['Rings', stats.rings.toLocaleString('en-US')],
    ['Cases', stats.cases.toLocaleString('en-US')],
  ];
  return (
    <main className="page">
      <h1>Distillwatch</h1>
      <p className="muted" data-testid="store-status">
        {stats.events > 0 ? 'The store is ready.' : 'The store is empty: ingest some logs.'} <code>{storePath}</code>
      </p>
      <dl className="stats" aria-label="Store contents">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </main>
  );
}
