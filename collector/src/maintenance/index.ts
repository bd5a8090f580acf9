// Maintenance windows, inhibition and the notification record, put together
// for the routing stage: the gate it asks before notifying, the record of
// what notify did, the summaries at window ends, the end of site outages,
// the re-notification of alerts whose inhibiting cause resolved, and the API
// routes.
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
import { DEFAULT_SITE_OUTAGE, parseSiteOutageId, siteBackText, siteOutageId, siteOutageText } from '../inhibition/site-outage.js';
import { OPEN_STATES } from '../rules/alert-state.js';
import type { SiteOutageSettings } from '../inhibition/site-outage.js';
import { teamsOf } from '../routing/ownership-config.js';
import type { Team } from '../routing/ownership-config.js';
import type { AlertState } from '../rules/alert-state.js';

/** The rule whose alerts make a site outage. */
const OFFLINE_RULE = 'agent-offline';

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
    eachCheck: (at) => endOutages(at),
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
      const id = siteOutageId(tenantId, outage.site, outage.since);
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

  /** Alerts held by a cause (`heldBy` matches the hold's reason) that are still firing and nobody was told about notify now, as if they had just fired. */
  const release = async (candidates: AlertState[], heldBy: (reason: string) => boolean, cause: string, at: number) => {
    const engine = o.engine();
    for (const a of candidates) {
      if (a.status !== 'firing' || a.firedAt === null) continue;
      const held = (await records.forAlert(a.id)).some((r) => r.suppressedBy === 'inhibition' && r.at >= a.firedAt! && heldBy(r.reason ?? ''));
      if (!held || (await records.sentSince(a.id, a.firedAt))) continue;
      engine.onAlertChange({ alert: a, transition: { alertId: a.id, key: a.key, seq: 0, at, from: 'firing', to: 'firing', severity: a.severity, cause, actor: null, comment: null, notify: true } });
    }
  };

  /** Alerts on the device that were held by this cause and are still open notify now. */
  const released = async (cause: AlertChange['alert'], at: number) => {
    const open = await alerts.list({ deviceId: cause.deviceId, states: ['firing'] }, { all: false, tenantIds: [cause.tenantId] }, { limit: 200, offset: 0 });
    await release(open.alerts.filter((a) => a.id !== cause.id), (reason) => reason.includes(cause.id), `inhibiting alert ${cause.id} resolved`, at);
  };

  /**
   * Ends every announced site outage whose devices no longer make one (the
   * gate's own test, for each device it held that is still offline): the
   * offline alerts it held and still firing notify, and the teams told of the
   * outage are told it is over, once. The end is recorded under the outage's
   * id, so a restart neither repeats nor loses it. One check at a time.
   */
  let ending: Promise<void> = Promise.resolve();
  const endOutages = (at: number): Promise<void> => {
    ending = ending.then(() => endOutagesNow(at)).catch((err: unknown) => o.log?.error({ err: (err as Error).message }, 'site outage check failed'));
    return ending;
  };
  const endOutagesNow = async (at: number) => {
    for (const open of await records.openSiteOutages()) {
      const outage = parseSiteOutageId(open.id);
      if (!outage) continue;
      const scope = { all: false, tenantIds: [outage.tenantId] };
      const held: AlertState[] = [];
      for (const id of await records.heldBySiteOutage(outage.tenantId, outage.site, outage.since)) {
        const a = await alerts.get(id, scope);
        if (a) held.push(a);
      }
      const still = held.filter((a) => OPEN_STATES.has(a.status));
      let goesOn = false;
      for (const a of still) if (await gate.outage(a)) { goesOn = true; break; }
      if (goesOn) continue;
      await release(still, (reason) => reason.startsWith(`inhibited by the site outage at ${outage.site}: `), `the site outage at ${outage.site} ended`, at);
      const devices = [...new Set(held.map((a) => a.deviceId))];
      const stillOffline: string[] = [];
      for (const d of new Set(still.map((a) => a.deviceId))) stillOffline.push((await alerts.deviceLabels(d))?.hostname ?? d);
      const text = siteBackText(outage.site, devices.length, stillOffline);
      const engine = o.engine();
      const entries: Parameters<NotificationRecordStore['add']>[0] = [];
      for (const team of open.teams as Team[]) {
        const reports = await engine.sendToTeam(outage.tenantId, team, {
          kind: 'fire', alertId: open.id, dedupKey: `${open.id}/end`, tenantId: outage.tenantId, deviceId: '', hostname: outage.site, ruleId: 'site-outage', category: 'availability',
          severity: 'info', summary: text, owner: team, slaMinutes: 0, trace: [`site outage at ${outage.site} ended`], at,
        });
        entries.push(...recordsFromReports({ alertId: open.id, tenantId: outage.tenantId }, 'resolve', reports, at));
      }
      // Ended even when no channel reported back: the record is what marks it.
      if (entries.length === 0) entries.push({ tenantId: outage.tenantId, alertId: open.id, at, kind: 'resolve', team: null, channel: null, outcome: 'suppressed', suppressedBy: 'other', reason: `${text}; nobody to tell` });
      await records.add(entries);
      o.log?.info({ tenantId: outage.tenantId, site: outage.site, stillOffline: stillOffline.length }, 'site outage ended');
    }
  };

  const onAlertChange = ({ alert, transition }: AlertChange): void => {
    if (transition.to === 'resolved' && transition.from !== 'pending') track(released(alert, transition.at));
    if (transition.to === 'resolved' && alert.ruleId === OFFLINE_RULE) track(endOutages(transition.at));
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
