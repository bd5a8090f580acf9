// The JSON text messages a stream client receives. Every alert carries its
// version (the number of recorded transitions) so a client can ignore an
// update older than what it already shows.
import { alertJson } from '../api/alert-routes.js';
import type { AlertState, AlertTransition } from '../rules/alert-state.js';
import type { StreamFilter } from './stream-filter.js';
import type { RoutingInfo } from './routing-feed.js';

export type StreamAlertJson = ReturnType<typeof alertJson> & {
  version: number;
  owner: string | null;
  slaMinutes: number | null;
  /** When the response time runs out: firing time + slaMinutes. */
  slaDueAt: string | null;
  routing: RoutingInfo | null;
};

export function streamAlertJson(alert: AlertState, routing: RoutingInfo | null): StreamAlertJson {
  const slaMinutes = routing?.slaMinutes ?? null;
  const due = slaMinutes !== null && alert.firedAt !== null ? new Date(alert.firedAt + slaMinutes * 60_000).toISOString() : null;
  return { ...alertJson(alert), version: alert.historyCount, owner: routing?.owner ?? null, slaMinutes, slaDueAt: due, routing };
}

export function transitionJson(t: AlertTransition) {
  return { from: t.from, to: t.to, severity: t.severity, cause: t.cause, actor: t.actor, comment: t.comment, at: new Date(t.at).toISOString(), notify: t.notify };
}

export type StreamMessage =
  | { type: 'hello'; principal: { name: string; role: string; tenants: 'all' | string[] }; filter: StreamFilter; heartbeatSeconds: number }
  | { type: 'snapshot'; alerts: StreamAlertJson[] }
  /** An alert changed state, or its owner or response time changed (`transition: null`). */
  | { type: 'alert'; alert: StreamAlertJson; transition: ReturnType<typeof transitionJson> | null }
  /** The alert no longer belongs on this stream: cancelled, moved out of the filter, or out of scope. */
  | { type: 'remove'; id: string; reason: 'cancelled' | 'filtered' };
