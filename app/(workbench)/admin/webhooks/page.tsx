import { WebhookManager } from '@/components/webhooks/webhook-manager';
import { can } from '@/lib/auth/permissions';
import { requirePageUser } from '@/lib/http/request-user';
import { serverStore } from '@/lib/store/server-store';
import { WEBHOOK_EVENT_LABELS } from '@/lib/webhooks/events';
import { deliveryJson, deliveryLog, listWebhooks, webhookJson } from '@/lib/webhooks/manage';

export const dynamic = 'force-dynamic';

export default async function WebhooksPage() {
  const me = await requirePageUser();
  if (!can(me.user.role, 'manage_webhooks')) {
    return (
      <main className="page">
        <h1>Webhooks</h1>
        <p role="alert">Only admins configure webhooks.</p>
      </main>
    );
  }
  const sqlite = serverStore().sqlite;
  return (
    <main className="page">
      <h1>Webhooks</h1>
      <p className="muted">
        New alerts, escalations, decisions and the daily digest, sent as they happen to Slack or to any HTTPS endpoint, signed with HMAC-SHA256
        (header <code>X-Distillwatch-Signature</code>, README “Webhooks”). Failed deliveries are retried with backoff.
      </p>
      <WebhookManager
        webhooks={listWebhooks(sqlite, me.user).map(webhookJson)}
        deliveries={deliveryLog(sqlite, me.user, { limit: 100 }).map(deliveryJson)}
        eventLabels={WEBHOOK_EVENT_LABELS}
      />
    </main>
  );
}
