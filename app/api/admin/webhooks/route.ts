import { z } from 'zod';
import { validatedMutation } from '@/lib/http/mutation';
import { validatedQuery } from '@/lib/http/query';
import { createWebhook, deliveryJson, deliveryLog, listWebhooks, webhookInputSchema, webhookJson } from '@/lib/webhooks/manage';

export const dynamic = 'force-dynamic';

/** Every webhook and the newest delivery attempts (admins: lib/webhooks/manage.ts checks `manage_webhooks`). */
export const GET = validatedQuery(z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }), ({ sqlite, input, principal }) => ({
  webhooks: listWebhooks(sqlite, principal.user).map(webhookJson),
  deliveries: deliveryLog(sqlite, principal.user, { limit: input.limit ?? 100 }).map(deliveryJson),
}));

/** Adds a webhook; its signing secret is in this answer only. */
export const POST = validatedMutation(webhookInputSchema, 'manage_webhooks', ({ sqlite, input, principal }) => {
  const { webhook, secret } = createWebhook(sqlite, input, principal.user);
  return { webhook: webhookJson(webhook), secret, note: 'The secret is shown once: the receiver checks X-Distillwatch-Signature with it (README, "Webhooks").' };
});
