/**
 * The body a webhook receives, built from an outbox message in the webhook's
 * format: the generic JSON envelope, or a Slack incoming-webhook message
 * (`text` as mrkdwn). Account and ring ids come from outside (attacker-chosen):
 * in Slack text they are shown with their invisible characters escaped and
 * Slack's control characters (&, <, >) encoded, so they cannot forge links or
 * mentions; the JSON envelope carries them exactly.
 */
import { showInvisibles } from '../text/visible-text';
import type { AlertsRaised, CaseDecided, DailyDigest, WebhookEvent, WebhookFormat } from './events';

export interface OutboxMessage {
  id: number;
  event: WebhookEvent;
  /** JSON of the event's data. */
  payload: string;
  createdAt: number;
}

/** The dashboard's address for links in messages (DISTILLWATCH_PUBLIC_URL), or null. */
export function publicUrl(): string | null {
  const url = process.env.DISTILLWATCH_PUBLIC_URL?.trim();
  return url ? url.replace(/\/+$/, '') : null;
}

const slackText = (s: string) => showInvisibles(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function caseLink(caseId: string, base: string | null): string {
  return base ? `<${base}/cases/${encodeURIComponent(caseId)}|${slackText(caseId)}>` : slackText(caseId);
}

function slackLines(event: WebhookEvent, data: unknown, base: string | null): string {
  switch (event) {
    case 'alerts.raised': {
      const d = data as AlertsRaised;
      const lines = d.top.map(
        (a) => `• ${caseLink(a.case_id, base)} ${a.subject_kind} \`${slackText(a.subject_id)}\` score ${a.score.toFixed(2)}${a.top_reason ? ` (${a.top_reason})` : ''}`,
      );
      const more = d.alerts > d.top.length ? `\n…and ${d.alerts - d.top.length} more` : '';
      return `*Distillwatch: ${d.alerts} new alert${d.alerts === 1 ? '' : 's'} for ${d.day}*\n${lines.join('\n')}${more}`;
    }
    case 'case.escalated':
    case 'case.decided': {
      const d = data as CaseDecided;
      return `*Distillwatch: ${caseLink(d.case_id, base)} ${d.to}* by ${slackText(d.by)} (${d.role}): ${d.subject_kind} \`${slackText(d.subject_id)}\`\n> ${slackText(d.reason)}`;
    }
    case 'digest.daily': {
      const d = data as DailyDigest;
      const late = d.late_events.length ? `\nLate data: ${d.late_events.map((l) => `${l.events} events for ${l.day}`).join(', ')}` : '';
      return (
        `*Distillwatch daily digest for ${d.day}*\n${d.alerts_raised} alerts raised · ${d.open_cases} open cases · ${d.escalated_cases} escalated\n` +
        `Decisions: ${d.decisions.confirm} confirmed, ${d.decisions.dismiss} dismissed, ${d.decisions.escalate} escalated${late}`
      );
    }
  }
}

/** The body for `message` in `format`. */
export function messageBody(format: WebhookFormat, message: OutboxMessage, base = publicUrl()): string {
  const data = JSON.parse(message.payload) as unknown;
  if (format === 'slack') return JSON.stringify({ text: slackLines(message.event, data, base) });
  return JSON.stringify({
    id: `msg_${message.id}`,
    event: message.event,
    created_at: new Date(message.createdAt).toISOString(),
    ...(base ? { dashboard: base } : {}),
    data,
  });
}
