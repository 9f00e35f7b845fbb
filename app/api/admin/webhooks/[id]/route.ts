import { z } from 'zod';
import { validatedMutation } from '@/lib/http/mutation';
import { changeWebhook, deleteWebhook, webhookChangeSchema, webhookIdOf, webhookJson } from '@/lib/webhooks/manage';

export const dynamic = 'force-dynamic';

/** Turns a webhook on or off, changes its events, or rotates its secret (the new one is in this answer only). */
export const PATCH = validatedMutation(webhookChangeSchema, 'manage_webhooks', ({ sqlite, input, params, principal }) => {
  const { webhook, secret } = changeWebhook(sqlite, webhookIdOf(params.id), input, principal.user);
  return { webhook: webhookJson(webhook), ...(secret ? { secret } : {}) };
});

export const DELETE = validatedMutation(z.object({}), 'manage_webhooks', ({ sqlite, params, principal }) => {
  deleteWebhook(sqlite, webhookIdOf(params.id), principal.user);
  return { deleted: Number(params.id) };
});
