// What stands between a routing decision and its notification: a
// maintenance window in force, or an inhibiting alert on the same device.
// A held notification is recorded with its cause; the alert stays open and
// visible. The routing engine asks `hold` before each delivery and
// `clockHeld` before each escalation step.
import type { AlertState } from '../rules/alert-state.js';
import type { NotificationKind } from '../notify/notification.js';
import type { NotificationRecordStore } from '../notify/record/record-store.js';
import type { AlertStore } from '../rules/alert-store.js';
import { inhibitorOf } from '../inhibition/inhibit.js';
import type { MaintenanceService } from './maintenance-service.js';

export interface Hold {
  by: 'maintenance' | 'inhibition';
  reason: string;
}

export interface NotifyGate {
  hold(alert: AlertState, kind: NotificationKind, at: number): Promise<Hold | null>;
  clockHeld(alert: AlertState, at: number): Promise<boolean>;
  /** What holds the alert back right now, without recording anything (the alert's page). */
  held(alert: AlertState, at: number): Promise<Hold | null>;
}

export interface GateOptions {
  alerts: AlertStore;
  maintenance: MaintenanceService;
  records: NotificationRecordStore;
  /** Rules a rule inhibits on the same device (the rule pack's `inhibits:`). */
  declaredInhibits?: (ruleId: string) => readonly string[];
}

export function createNotifyGate(o: GateOptions): NotifyGate {
  const why = async (alert: AlertState, at: number): Promise<Hold | null> => {
    const device = await o.alerts.device(alert.deviceId);
    const held = await o.maintenance.windowFor(alert, device, at);
    if (held) return { by: 'maintenance', reason: held.reason };
    const others = await o.alerts.list({ deviceId: alert.deviceId, states: ['firing', 'acknowledged', 'snoozed'] }, { all: false, tenantIds: [alert.tenantId] }, { limit: 200, offset: 0 });
    const cause = inhibitorOf(alert, others.alerts, o.declaredInhibits);
    if (cause) return { by: 'inhibition', reason: `inhibited by alert ${cause.id} (${cause.ruleId}: ${cause.summary})` };
    return null;
  };
  return {
    async hold(alert, kind, at) {
      let h = await why(alert, at);
      // A resolve of an alert nobody was told about stays quiet too (the window's summary reports it).
      if (!h && kind === 'resolve' && alert.firedAt !== null && !(await o.records.sentSince(alert.id, alert.firedAt))) {
        const earlier = (await o.records.forAlert(alert.id)).filter((r) => r.outcome === 'suppressed' && (r.suppressedBy === 'maintenance' || r.suppressedBy === 'inhibition') && r.at >= alert.firedAt!);
        if (earlier.length > 0) h = { by: earlier[earlier.length - 1]!.suppressedBy as Hold['by'], reason: `its fire was held (${earlier[earlier.length - 1]!.reason}); nobody is told it resolved` };
      }
      if (h) await o.records.add([{ tenantId: alert.tenantId, alertId: alert.id, at, kind, team: null, channel: null, outcome: 'suppressed', suppressedBy: h.by, reason: h.reason }]);
      return h;
    },
    async clockHeld(alert, at) {
      return (await why(alert, at)) !== null;
    },
    held: why,
  };
}
