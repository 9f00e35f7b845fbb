/**
 * What goes out through webhooks: the event kinds an admin subscribes a
 * webhook to, and the data each carries (the `data` of the JSON envelope,
 * the text of a Slack message).
 */
import type { DecisionAction, SubjectKind } from '../domain';

export const WEBHOOK_EVENTS = ['alerts.raised', 'case.escalated', 'case.decided', 'digest.daily'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'alerts.raised': 'new alerts (one message per detection day)',
  'case.escalated': 'escalations',
  'case.decided': 'decisions (confirm, dismiss)',
  'digest.daily': 'the daily digest',
};

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface AlertLine {
  case_id: string;
  kind: string;
  subject_kind: SubjectKind;
  subject_id: string;
  score: number;
  accounts: number;
  top_reason: string | null;
}

export interface AlertsRaised {
  day: string;
  /** How many alerts the run raised. */
  alerts: number;
  /** The highest-scored of them (at most TOP_ALERTS). */
  top: AlertLine[];
}

export interface CaseDecided {
  case_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  action: DecisionAction;
  from: string;
  to: string;
  reason: string;
  by: string;
  role: string;
}

export interface DailyDigest {
  day: string;
  alerts_raised: number;
  open_cases: number;
  escalated_cases: number;
  decisions: Record<DecisionAction, number>;
  /** Events that arrived for days already run, by day. */
  late_events: { day: string; events: number }[];
}

export interface EventData {
  'alerts.raised': AlertsRaised;
  'case.escalated': CaseDecided;
  'case.decided': CaseDecided;
  'digest.daily': DailyDigest;
}

export const TOP_ALERTS = 20;
