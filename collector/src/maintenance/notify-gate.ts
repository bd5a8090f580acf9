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
import { DEFAULT_SITE_OUTAGE, siteOutageOf, siteOutageText } from '../inhibition/site-outage.js';
import type { SiteOutage, SiteOutageSettings } from '../inhibition/site-outage.js';
import type { Store } from '../store/store.js';
import type { MaintenanceService } from './maintenance-service.js';

export interface Hold {
  by: 'maintenance' | 'inhibition';
  reason: string;
  /** For maintenance: when the occurrence ends (ms). */
  until?: number;
}

export interface NotifyGate {
  hold(alert: AlertState, kind: NotificationKind, at: number): Promise<Hold | null>;
  clockHeld(alert: AlertState, at: number): Promise<boolean>;
  /** What holds the alert back right now, without recording anything (the alert's page). */
  held(alert: AlertState, at: number): Promise<Hold | null>;
  /** The site outage an offline alert is part of right now, or null (the same test that holds it). */
  outage(alert: AlertState): Promise<SiteOutage | null>;
}

export interface GateOptions {
  alerts: AlertStore;
  maintenance: MaintenanceService;
  records: NotificationRecordStore;
  /** Rules a rule inhibits on the same device (the rule pack's `inhibits:`). */
  declaredInhibits?: (ruleId: string) => readonly string[];
  store: Store;
  siteOutage?: SiteOutageSettings;
  /** Reports a site outage once, to the team that owns the first of its offline alerts. */
  announceOutage: (tenantId: string, outage: SiteOutage, alert: AlertState, at: number) => Promise<void>;
  /** A fire held by a window: its response clock starts when the window ends. */
  clockFrom: (alertId: string, at: number) => Promise<void>;
}

/** The rule whose alerts a site outage gathers (a deliberate stop is no outage). */
const OFFLINE_RULE = 'agent-offline';

export function createNotifyGate(o: GateOptions): NotifyGate {
  const announced = new Set<string>();
  const outageOf = async (alert: AlertState, site: string | null): Promise<SiteOutage | null> => {
    if (alert.ruleId !== OFFLINE_RULE || site === null) return null;
    const scope = { all: false, tenantIds: [alert.tenantId] };
    const open = await o.alerts.list({ ruleId: OFFLINE_RULE, states: ['pending', 'firing', 'acknowledged', 'snoozed'] }, scope, { limit: 1000, offset: 0 });
    const devices = (await o.store.listDevices(scope, { limit: 5000, offset: 0 })).filter((d) => d.site === site && !d.revokedAt);
    const atSite = new Set(devices.map((d) => d.id));
    const offline = open.alerts.filter((a) => atSite.has(a.deviceId)).map((a) => ({ deviceId: a.deviceId, since: a.pendingSince }));
    return siteOutageOf({ deviceId: alert.deviceId, since: alert.pendingSince }, site, offline, devices.length, o.siteOutage ?? DEFAULT_SITE_OUTAGE);
  };
  const why = async (alert: AlertState, at: number, announce = false): Promise<Hold | null> => {
    const device = await o.alerts.deviceLabels(alert.deviceId);
    const held = await o.maintenance.windowFor(alert, device, at);
    if (held) return { by: 'maintenance', reason: held.reason, until: held.occurrence.end };
    const outage = await outageOf(alert, device?.site ?? null);
    if (outage) {
      const key = `${alert.tenantId}/${outage.site}/${outage.since}`;
      if (announce && !announced.has(key)) {
        announced.add(key);
        await o.announceOutage(alert.tenantId, outage, alert, at);
      }
      return { by: 'inhibition', reason: `inhibited by the ${siteOutageText(outage)}` };
    }
    const others = await o.alerts.list({ deviceId: alert.deviceId, states: ['firing', 'acknowledged', 'snoozed'] }, { all: false, tenantIds: [alert.tenantId] }, { limit: 200, offset: 0 });
    const cause = inhibitorOf(alert, others.alerts, o.declaredInhibits);
    if (cause) return { by: 'inhibition', reason: `inhibited by alert ${cause.id} (${cause.ruleId}: ${cause.summary})` };
    return null;
  };
  return {
    async hold(alert, kind, at) {
      let h = await why(alert, at, kind !== 'resolve');
      // A resolve of an alert nobody was told about stays quiet too (the window's summary reports it).
      if (!h && kind === 'resolve' && alert.firedAt !== null && !(await o.records.sentSince(alert.id, alert.firedAt))) {
        const earlier = (await o.records.forAlert(alert.id)).filter((r) => r.outcome === 'suppressed' && (r.suppressedBy === 'maintenance' || r.suppressedBy === 'inhibition') && r.at >= alert.firedAt!);
        if (earlier.length > 0) h = { by: earlier[earlier.length - 1]!.suppressedBy as Hold['by'], reason: `its fire was held (${earlier[earlier.length - 1]!.reason}); nobody is told it resolved` };
      }
      if (h) await o.records.add([{ tenantId: alert.tenantId, alertId: alert.id, at, kind, team: null, channel: null, outcome: 'suppressed', suppressedBy: h.by, reason: h.reason }]);
      if (h?.until !== undefined && kind !== 'resolve') await o.clockFrom(alert.id, h.until);
      if (h) return { by: h.by, reason: h.reason };
      return null;
    },
    async clockHeld(alert, at) {
      return (await why(alert, at)) !== null;
    },
    outage: async (alert) => outageOf(alert, (await o.alerts.deviceLabels(alert.deviceId))?.site ?? null),
    held: async (alert, at) => {
      const h = await why(alert, at);
      return h ? { by: h.by, reason: h.reason } : null;
    },
  };
}
