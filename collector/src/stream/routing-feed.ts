// The routing stage's decisions as the stream needs them: the owner and
// response time of each open alert, and a signal when they change (a new
// decision, an escalation, a tuning change that moves alerts between owners).
//
// The stream only reads decisions; the routing stage owns them. It stores the
// decision in force per alert (`alert_routes`), which is where the snapshot
// reads them, and announces new ones on the bus ('alert.routed', from whichever node routed). Until the routing
// stage has decided on an alert (it routes when an alert fires), its owner is
// unknown (null).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AlertRouted, Bus } from '../bus/index.js';

export interface RoutingInfo {
  owner: string | null;
  slaMinutes: number | null;
  escalation: { afterMinutes: number; to: string } | null;
  muted: { until: number | null; reason: string } | null;
  /** The ownership line that matched (1-based); null for the tenant's default owner. The full trace is on GET /api/v1/alerts/:id/routing. */
  line: number | null;
}

export interface RoutingFeed {
  /** The latest decision seen for an alert, if any. */
  decisionOf(alertId: string): RoutingInfo | null;
  /** Reads stored decisions for alerts the feed has not seen yet (the snapshot on connect). */
  load(alertIds: string[]): Promise<void>;
  /** Calls back with an alert id whenever its decision changes. Returns the unsubscribe. */
  onUpdate(listener: (alertId: string) => void): () => void;
  /** Drops an alert that is no longer open. */
  forget(alertId: string): void;
  stop(): void;
}

const LOAD_CHUNK = 500;

/** The parts of a RouteDecision the stream shows (stored decisions are JSON, so read defensively). */
export function routingInfoOf(value: unknown): RoutingInfo | null {
  if (!value || typeof value !== 'object') return null;
  const d = value as Record<string, unknown>;
  if (typeof d.owner !== 'string') return null;
  const esc = d.escalation as Record<string, unknown> | null | undefined;
  const muted = d.muted as Record<string, unknown> | null | undefined;
  return {
    owner: d.owner,
    slaMinutes: typeof d.slaMinutes === 'number' ? d.slaMinutes : null,
    escalation: esc && typeof esc.afterMinutes === 'number' ? { afterMinutes: esc.afterMinutes, to: String(esc.to) } : null,
    muted: muted ? { until: typeof muted.until === 'number' ? muted.until : null, reason: String(muted.reason ?? '') } : null,
    line: typeof d.line === 'number' ? d.line : null,
  };
}

export function createRoutingFeed(bus: Bus, db: Kysely<Database>): RoutingFeed {
  const decisions = new Map<string, RoutingInfo>();
  const listeners = new Set<(alertId: string) => void>();
  const onDecision = (e: AlertRouted) => {
    // The last word on a resolved alert: nothing left to show, nothing to keep.
    if (e.reason === 'resolve') return;
    const info = routingInfoOf(e.decision);
    if (!info) return;
    decisions.set(e.alertId, info);
    for (const l of listeners) l(e.alertId);
  };
  const unsubscribe = bus.subscribe('alert.routed', onDecision);

  return {
    decisionOf: (alertId) => decisions.get(alertId) ?? null,
    async load(alertIds) {
      const missing = alertIds.filter((id) => !decisions.has(id));
      for (let i = 0; i < missing.length; i += LOAD_CHUNK) {
        const rows = await db.selectFrom('alert_routes').select(['alert_id', 'decision']).where('alert_id', 'in', missing.slice(i, i + LOAD_CHUNK)).execute();
        for (const r of rows) {
          const info = routingInfoOf(JSON.parse(r.decision));
          // An event that arrived meanwhile is newer than the stored row.
          if (info && !decisions.has(r.alert_id)) decisions.set(r.alert_id, info);
        }
      }
    },
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forget(alertId) {
      decisions.delete(alertId);
    },
    stop() {
      unsubscribe();
      listeners.clear();
    },
  };
}
