// Maintenance windows, inhibition and the notification record, put together
// for the routing stage: the gate it asks before notifying, the record of
// what notify did, the summaries at window ends, the re-notification of
// alerts whose inhibiting cause resolved, and the API routes.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { Bus } from '../bus/index.js';
import type { AlertChange } from '../rules/alert-events.js';
import { AlertStore } from '../rules/alert-store.js';
import { NotificationRecordStore } from '../notify/record/record-store.js';
import { recordsFromReports } from '../notify/record/from-reports.js';
import type { RoutingEngine } from '../routing/routing-stage.js';
import { registerMaintenanceRoutes } from '../api/maintenance-routes.js';
import { MaintenanceService } from './maintenance-service.js';
import { createNotifyGate } from './notify-gate.js';
import type { NotifyGate } from './notify-gate.js';
import { DEFAULT_MAINTENANCE_LIMITS } from './window.js';
import { DEFAULT_SITE_OUTAGE, siteOutageText } from '../inhibition/site-outage.js';
import type { SiteOutageSettings } from '../inhibition/site-outage.js';
import { teamsOf } from '../routing/ownership-config.js';

export interface Maintenance {
  gate: NotifyGate;
  service: MaintenanceService;
  records: NotificationRecordStore;
  /** The rules stage's `change` listener: an inhibiting cause that resolved lets what is still true notify. */
  onAlertChange(change: AlertChange): void;
  registerRoutes(api: FastifyInstance): void;
  start(): void;
  stop(): Promise<void>;
}

export interface MaintenanceOptions {
  store: Store;
  bus: Bus;
  /** Cluster-wide work (window-end summaries) runs on the leader only. */
  isLeader?: () => boolean;
  engine: () => RoutingEngine;
  now?: () => number;
  log?: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  declaredInhibits?: (ruleId: string) => readonly string[];
  /** collector.yaml's routing.maintenance. */
  settings?: { maxWindowMinutes?: number; checkSeconds?: number; siteOutage?: Partial<SiteOutageSettings> };
}

export function createMaintenance(o: MaintenanceOptions): Maintenance {
  const now = o.now ?? Date.now;
  const alerts = new AlertStore(o.store.db);
  const records = new NotificationRecordStore(o.store.db);
  const service = new MaintenanceService({
    db: o.store.db, alerts, records, now, log: o.log,
    limits: { maxMinutes: o.settings?.maxWindowMinutes ?? DEFAULT_MAINTENANCE_LIMITS.maxMinutes },
    checkEveryMs: (o.settings?.checkSeconds ?? 15) * 1000,
    isLeader: o.isLeader,
    changed: (tenantId) => o.bus.publish('config.changed', { kind: 'maintenance', tenantId }),
    get routes() { return o.engine().routes; },
    configOf: (tenantId) => o.engine().tenantConfig(tenantId),
    sendSummary: async (tenantId, team, text, w, at) => {
      const reports = await o.engine().sendToTeam(tenantId, team, {
        kind: 'fire', alertId: w.id, dedupKey: `${w.id}/${at}`, tenantId, deviceId: '', hostname: null, ruleId: 'maintenance-summary', category: 'agent',
        severity: 'info', summary: text, owner: team, slaMinutes: 0, trace: [`maintenance window ${w.id} ended`], at,
      });
      await records.add(recordsFromReports({ alertId: w.id, tenantId }, 'summary', reports, at));
    },
  });
  const gate = createNotifyGate({
    alerts, maintenance: service, records, declaredInhibits: o.declaredInhibits, store: o.store, siteOutage: { ...DEFAULT_SITE_OUTAGE, ...o.settings?.siteOutage },
    clockFrom: async (alertId, from) => {
      const routes = o.engine().routes;
      const route = await routes.route(alertId);
      if (route && route.firedAt < from) await routes.saveRoute({ ...route, firedAt: from, updatedAt: now() });
    },
    // The site outage is told once (also across restarts: its record), to the teams that own the device alerts it stands for.
    announceOutage: async (tenantId, outage, alert, at) => {
      const id = `site:${tenantId}/${outage.site}/${outage.since}`;
      if ((await records.forAlert(id, 1)).length > 0) return;
      const engine = o.engine();
      const { decision } = await engine.decideNow(alert);
      const text = siteOutageText(outage);
      for (const team of teamsOf(decision.owner)) {
        const reports = await engine.sendToTeam(tenantId, team, {
          kind: 'fire', alertId: id, dedupKey: id, tenantId, deviceId: '', hostname: outage.site, ruleId: 'site-outage', category: 'availability',
          severity: 'critical', summary: `Site ${outage.site} is offline: ${outage.devices.length} of ${outage.siteDevices} devices lost their connection together`,
          owner: decision.owner, slaMinutes: decision.slaMinutes, trace: [...decision.trace, text], at,
        });
        await records.add(recordsFromReports({ alertId: id, tenantId }, 'fire', reports, at));
      }
    },
  });
  const unsubscribe: Array<() => void> = [];
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    const q = p.catch((err: unknown) => o.log?.error({ err: (err as Error).message }, 'maintenance bookkeeping failed')).finally(() => pending.delete(q));
    pending.add(q);
  };

  /** Alerts on the device that were held by this cause and are still open notify now, as if they had just fired. */
  const released = async (cause: AlertChange['alert'], at: number) => {
    const engine = o.engine();
    const open = await alerts.list({ deviceId: cause.deviceId, states: ['firing'] }, { all: false, tenantIds: [cause.tenantId] }, { limit: 200, offset: 0 });
    for (const a of open.alerts) {
      if (a.id === cause.id || a.firedAt === null) continue;
      const held = (await records.forAlert(a.id)).some((r) => r.suppressedBy === 'inhibition' && r.at >= a.firedAt! && (r.reason ?? '').includes(cause.id));
      if (!held || (await records.sentSince(a.id, a.firedAt))) continue;
      engine.onAlertChange({ alert: a, transition: { alertId: a.id, key: a.key, seq: 0, at, from: 'firing', to: 'firing', severity: a.severity, cause: `inhibiting alert ${cause.id} resolved`, actor: null, comment: null, notify: true } });
    }
  };

  const onAlertChange = ({ alert, transition }: AlertChange): void => {
    if (transition.to === 'resolved' && transition.from !== 'pending') track(released(alert, transition.at));
  };

  return {
    gate, service, records,
    onAlertChange,
    registerRoutes(api) {
      registerMaintenanceRoutes(api, { maintenance: service, records, alerts, gate, now });
    },
    start() {
      // The node that delivered records it (notify runs on the leader).
      unsubscribe.push(o.bus.subscribe('notify.delivered', (e) => track(records.add(recordsFromReports(e, e.kind, e.reports, e.at))), { from: 'this-node' }));
      unsubscribe.push(o.bus.subscribe('alert.changed', (change) => {
        if (o.isLeader?.() ?? true) onAlertChange(change);
      }));
      unsubscribe.push(o.bus.subscribe('config.changed', (e, origin) => {
        if (e.kind === 'maintenance' && !origin.local) service.forget(e.tenantId);
      }));
      service.start();
    },
    async stop() {
      for (const off of unsubscribe.splice(0)) off();
      await service.stop();
      await Promise.all([...pending]);
    },
  };
}
