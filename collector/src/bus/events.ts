// The events the collector's stages hand each other, declared once. Each
// stage publishes its typed output on the bus; the next stages subscribe.
//
//   ingest ──report.committed──► rules ──alert.changed──► routing ──alert.routed──► live streams
//                                                            └──notify.delivered
//   API (tuning, ownership, rule pack) ──config.changed──► every node reloads
//   API (revoke, schedules) ──device.revoked / device.policy──► the node holding the agent
//
// Some events stay on the node that produced them (a report is evaluated
// where its agent is connected; its snapshot is large and every node would
// only discard it), others reach every node of a cluster (live streams on
// every node show every alert change; config changes apply everywhere).
import type { Snapshot } from '@tandem/proto';
import type { CommittedDevice, GapRecord } from '../store/store.js';
import type { AlertChange } from '../rules/alert-events.js';
import type { RouteDecision } from '../routing/decide-route.js';
import type { NotificationKind } from '../notify/notification.js';
import type { DeliveryReport } from '../notify/notify-pipeline.js';

/**
 * A report durably stored (and acknowledged): what ingest hands to rules,
 * metrics sinks and anything else that wants each report once. `snapshot` is
 * the report as the agent sent it (after plausibility checks); `latest` is
 * the device's merged latest status after this report and `device` its row,
 * both as committed with it (rules take them and do not read the device
 * again). Node-local: it is delivered on the node that stored it, once per
 * stored report (a resend after a lost ack is `frame.duplicate`, not this).
 */
export interface ReportCommitted {
  deviceId: string;
  tenantId: string;
  /** The device's site at commit time (a metrics tag); null when it has none. */
  site: string | null;
  seq: number;
  snapshot: Snapshot;
  latest: Snapshot;
  device: CommittedDevice;
}

/** A routing decision as live streams and other nodes see it. */
export interface AlertRouted {
  alertId: string;
  tenantId: string;
  reason: 'fire' | 'severity' | 'escalation' | 'reminder' | 'reroute' | 'resolve';
  decision: RouteDecision;
  configVersion: number | null;
  at: number;
}

/** Something every node caches changed in the store: each node drops or reloads its copy. */
export type ConfigChanged =
  /** A tenant's ownership config (routing, tuning, thresholds). */
  | { kind: 'ownership'; tenantId: string }
  /** The rule pack set through the API. */
  | { kind: 'rules' }
  /** A tenant's maintenance windows (added or removed). */
  | { kind: 'maintenance'; tenantId: string };

export interface BusEvents {
  'report.committed': ReportCommitted;
  'report.gap': { deviceId: string; tenantId: string; seq: number; gap: GapRecord };
  /** A report stored with values the plausibility layer changed (see ingest/plausibility.ts). */
  'report.adjusted': { deviceId: string; seq: number; adjustments: Array<{ path: string; problem: string }> };
  /** A data frame stored below the device's highest seq (it arrived after a newer one). */
  'report.late': { deviceId: string; seq: number; lastSeq: number };
  /** A data frame that was already stored (a resend after a lost ack). */
  'frame.duplicate': { deviceId: string; seq: number };
  /** A frame refused with a protocol error (the connection is closed). */
  'frame.rejected': { deviceId: string; code: string };
  'agent.connected': { deviceId: string; tenantId: string };
  'agent.disconnected': { deviceId: string; tenantId: string; graceful: boolean };
  /** Every stored change of an alert (rules stage, people's actions). */
  'alert.changed': AlertChange;
  /** Every routing decision (fire, escalation, reminder, re-route, resolve). */
  'alert.routed': AlertRouted;
  /** Notify's outcome for one notification of an alert. */
  'notify.delivered': { alertId: string; tenantId: string; kind: NotificationKind; reports: DeliveryReport[]; at: number };
  'config.changed': ConfigChanged;
  /** A device was revoked: the node holding its connection cuts it. */
  'device.revoked': { deviceId: string };
  /** A device's schedules changed: the node holding its connection pushes them. */
  'device.policy': { deviceId: string; schedules: Record<string, string> };
  /**
   * This node's link to the other nodes was down and is back: events other
   * nodes published meanwhile were missed (subscribers that show state, like
   * live streams, read it again). Node-local, never published by stages.
   */
  'bus.resumed': { downSinceMs: number };
}

export type BusEventType = keyof BusEvents;

/** Events that reach every node of a cluster; all others stay on the node that published them. */
export const CLUSTER_EVENTS: ReadonlySet<BusEventType> = new Set<BusEventType>(['alert.changed', 'alert.routed', 'config.changed', 'device.revoked', 'device.policy']);
