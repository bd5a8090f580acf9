// How a device reads at a glance, topic by topic: one function for the list
// and the detail page (and anything else that asks), so they can never
// disagree. A topic with fired alerts shows the worst severity and the count;
// a topic the agent could not read shows "unknown" with the agent's reason;
// pending alerts (their `for` not elapsed) colour nothing. Pure.
import type { Snapshot } from '@tandem/proto';

/** The topics a device row shows, in order. */
export const HEALTH_TOPICS = ['patch', 'disk', 'backup', 'security'] as const;
export type HealthTopic = (typeof HEALTH_TOPICS)[number];

/** Alert states that colour a device: fired and not resolved. */
export const COLOURING_STATES = ['firing', 'acknowledged', 'snoozed'] as const;

export type TopicHealthStatus = 'ok' | 'unknown' | 'not-reported' | 'critical' | 'warning' | 'info';
/** Worst first; the overall status of a device is the worst of its parts. */
export const STATUS_ORDER: readonly TopicHealthStatus[] = ['critical', 'warning', 'unknown', 'info', 'ok', 'not-reported'];

export interface HealthAlert {
  category: string;
  severity: string;
  state: string;
  summary: string;
}

export interface TopicHealth {
  status: TopicHealthStatus;
  /** Fired alerts in the topic's category. */
  alerts: number;
  /** Their summaries, worst first (at most 10). */
  summaries: string[];
  /** Why the topic is unknown, as the agent said; null otherwise. */
  reason: string | null;
}

export interface DeviceHealth {
  status: TopicHealthStatus;
  /** Fired alerts of any category (availability and agent alerts included). */
  alerts: number;
  topics: Record<HealthTopic, TopicHealth>;
}

const rank = (s: string): number => {
  const i = STATUS_ORDER.indexOf(s as TopicHealthStatus);
  return i < 0 ? STATUS_ORDER.length : i;
};

const worst = (statuses: string[]): TopicHealthStatus => statuses.reduce<TopicHealthStatus>((w, s) => (rank(s) < rank(w) ? (s as TopicHealthStatus) : w), 'not-reported');

function topicHealth(topic: { state: string; reason: string | null } | null | undefined, alerts: HealthAlert[]): TopicHealth {
  const sorted = [...alerts].sort((a, b) => rank(a.severity) - rank(b.severity));
  const summaries = sorted.slice(0, 10).map((a) => a.summary);
  const reason = topic && topic.state !== 'ok' ? topic.reason ?? 'the agent gave no reason' : null;
  if (sorted.length > 0) return { status: worst(sorted.map((a) => a.severity)), alerts: sorted.length, summaries, reason };
  if (!topic) return { status: 'not-reported', alerts: 0, summaries: [], reason: null };
  if (topic.state !== 'ok') return { status: 'unknown', alerts: 0, summaries: [], reason };
  return { status: 'ok', alerts: 0, summaries: [], reason: null };
}

/** `alerts` are the device's open alerts in any state; only fired ones count. */
export function deviceHealth(snapshot: Snapshot | null, alerts: HealthAlert[]): DeviceHealth {
  const fired = alerts.filter((a) => (COLOURING_STATES as readonly string[]).includes(a.state));
  const topics = Object.fromEntries(HEALTH_TOPICS.map((t) => [t, topicHealth(snapshot?.[t], fired.filter((a) => a.category === t))])) as Record<HealthTopic, TopicHealth>;
  const others = fired.filter((a) => !(HEALTH_TOPICS as readonly string[]).includes(a.category)).map((a) => a.severity);
  if (snapshot === null && fired.length === 0) return { status: 'not-reported', alerts: 0, topics };
  const parts = [...Object.values(topics).map((t) => t.status).filter((s) => s !== 'not-reported'), ...others];
  return { status: parts.length > 0 ? worst(parts) : 'ok', alerts: fired.length, topics };
}

const topicHealthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: [...STATUS_ORDER] },
    alerts: { type: 'integer' },
    summaries: { type: 'array', items: { type: 'string' } },
    reason: { type: ['string', 'null'], description: 'why the agent could not read the topic' },
  },
} as const;

export const deviceHealthSchema = {
  type: 'object',
  description: 'status per topic from the latest snapshot and the device\'s fired alerts; the list and the detail derive it the same way',
  properties: {
    status: { type: 'string', enum: [...STATUS_ORDER], description: 'the worst of the topics and of any other fired alert' },
    alerts: { type: 'integer' },
    topics: { type: 'object', properties: Object.fromEntries(HEALTH_TOPICS.map((t) => [t, topicHealthSchema])) },
  },
} as const;
