// Maintenance windows as a service: checked writes with audit, the window in
// force for an alert, and the summary to the owner at each occurrence's end
// (after which the still-open alerts' response clock starts).
import type { Kysely } from 'kysely';
import { CollectorError } from '../errors.js';
import { newId } from '../auth/secrets.js';
import type { Database } from '../store/schema.js';
import type { AlertState } from '../rules/alert-state.js';
import { OPEN_STATES } from '../rules/alert-state.js';
import type { AlertStore, DeviceLabelsRow } from '../rules/alert-store.js';
import type { OwnershipConfig, Team } from '../routing/ownership-config.js';
import { appendAudit } from '../routing/audit-log.js';
import type { NotificationRecordStore } from '../notify/record/record-store.js';
import type { RoutingStore } from '../routing/routing-store.js';
import { MaintenanceStore } from './maintenance-store.js';
import { summaryText } from './summary.js';
import type { HeldAlert } from './summary.js';
import { DEFAULT_MAINTENANCE_LIMITS, activeOccurrence, checkWindow, clockStart, coveredTime, covers, inForce, nextOccurrences, occurrences } from './window.js';
import type { MaintenanceLimits, MaintenanceWindow, Occurrence } from './window.js';

export interface MaintenanceActor {
  name: string;
  role: string;
  side: Team;
}

export interface WindowView extends MaintenanceWindow {
  next: Occurrence[];
  active: Occurrence | null;
}

export interface MaintenanceServiceOptions {
  db: Kysely<Database>;
  alerts: AlertStore;
  routes: RoutingStore;
  records: NotificationRecordStore;
  configOf: (tenantId: string) => Promise<{ config: OwnershipConfig; version: number | null }>;
  /** Sends the summary to the owner team's channels. */
  sendSummary: (tenantId: string, team: Team, text: string, window: MaintenanceWindow, at: number) => Promise<void>;
  limits?: MaintenanceLimits;
  now?: () => number;
  log?: { info(o: object, m: string): void; error(o: object, m: string): void };
  /** How often window ends are looked for. */
  checkEveryMs?: number;
  /** Window ends are summarized by one node of a cluster (the leader); always true on one node. */
  isLeader?: () => boolean;
  /** Further work of each periodic check (the end of site outages), on the same node. */
  eachCheck?: (now: number) => Promise<void>;
  /** Tells the other nodes a tenant's windows changed (their caches drop it). */
  changed?: (tenantId: string) => void;
}

const notFound = (m: string) => new CollectorError('COL_ERR_NOT_FOUND', m, { statusCode: 404 });
const iso = (t: number) => new Date(t).toISOString();

export class MaintenanceService {
  readonly store: MaintenanceStore;
  private readonly now: () => number;
  private readonly cache = new Map<string, MaintenanceWindow[]>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(private readonly o: MaintenanceServiceOptions) {
    this.store = new MaintenanceStore(o.db);
    this.now = o.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.o.isLeader?.() ?? true) void this.tick();
    }, this.o.checkEveryMs ?? 15_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private async windows(tenantId: string): Promise<MaintenanceWindow[]> {
    let ws = this.cache.get(tenantId);
    if (!ws) {
      ws = (await this.store.list(tenantId)).map((s) => s.window);
      this.cache.set(tenantId, ws);
    }
    return ws;
  }

  async list(tenantId: string): Promise<WindowView[]> {
    const at = this.now();
    return (await this.windows(tenantId)).map((w) => ({ ...w, next: nextOccurrences(w, at), active: activeOccurrence(w, at) }));
  }

  async add(tenantId: string, input: unknown, actor: MaintenanceActor): Promise<WindowView> {
    const { config, version } = await this.o.configOf(tenantId);
    const checked = checkWindow(input, actor.side, config.guardrails, this.o.limits ?? DEFAULT_MAINTENANCE_LIMITS);
    if (!checked.ok) {
      throw checked.kind === 'guardrail'
        ? new CollectorError('COL_ERR_GUARDRAIL', checked.problems.join('; '), { statusCode: 403 })
        : new CollectorError('COL_ERR_BAD_REQUEST', checked.problems.join('; '), { statusCode: 400 });
    }
    const at = this.now();
    const w: MaintenanceWindow = { ...checked.window, id: newId('mw'), tenantId, createdBy: actor.name, createdBySide: actor.side, createdAt: at };
    await this.o.db.transaction().execute(async (trx) => {
      await new MaintenanceStore(trx).add(w);
      await appendAudit(trx, {
        id: newId('aud'), tenantId, at, actor: actor.name, role: actor.role, side: actor.side, action: 'maintenance.add',
        summary: `scheduled maintenance "${w.reason}" (${w.rrule ? `${w.rrule} from ` : ''}${w.start} ${w.timeZone}, ${w.durationMinutes} min)`,
        before: null, after: w, versionBefore: version, versionAfter: version ?? 0, reverts: null,
      });
    });
    this.forget(tenantId);
    this.o.changed?.(tenantId);
    this.o.log?.info({ tenantId, window: w.id, by: actor.name }, 'maintenance window scheduled');
    return { ...w, next: nextOccurrences(w, at), active: activeOccurrence(w, at) };
  }

  async remove(tenantId: string, id: string, actor: MaintenanceActor): Promise<void> {
    const stored = await this.store.get(tenantId, id);
    if (!stored) throw notFound(`maintenance window ${id} not found`);
    if (actor.side === 'internal' && stored.window.createdBySide !== 'internal') {
      throw new CollectorError('COL_ERR_GUARDRAIL', `guardrail provider changes: internal IT cannot remove a window the provider scheduled (${id})`, { statusCode: 403 });
    }
    const { version } = await this.o.configOf(tenantId);
    const at = this.now();
    await this.o.db.transaction().execute(async (trx) => {
      await new MaintenanceStore(trx).remove(tenantId, id);
      await appendAudit(trx, {
        id: newId('aud'), tenantId, at, actor: actor.name, role: actor.role, side: actor.side, action: 'maintenance.remove',
        summary: `removed maintenance "${stored.window.reason}"`, before: stored.window, after: null, versionBefore: version, versionAfter: version ?? 0, reverts: null,
      });
    });
    this.forget(tenantId);
    this.o.changed?.(tenantId);
  }

  /** The tenant's windows changed (here or on another node): the next look reads them again. */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  /** The window in force for an alert on this device, with the reason the record keeps. */
  async windowFor(alert: AlertState, device: Pick<DeviceLabelsRow, 'site' | 'tags'> | null, at: number): Promise<{ window: MaintenanceWindow; occurrence: Occurrence; reason: string } | null> {
    const ws = await this.windows(alert.tenantId);
    if (ws.length === 0) return null;
    const { config } = await this.o.configOf(alert.tenantId);
    const subject = { deviceId: alert.deviceId, site: device?.site ?? null, tags: device?.tags ?? [], category: alert.category, rule: alert.ruleId, severity: alert.severity };
    for (const w of ws) {
      if (!covers(w, subject, config.guardrails)) continue;
      const occurrence = activeOccurrence(w, at);
      if (occurrence) return { window: w, occurrence, reason: `in maintenance window ${w.id} "${w.reason}" until ${iso(occurrence.end)}` };
    }
    return null;
  }

  /**
   * For the SLA report: the time each alert spent inside windows covering it,
   * from its fire to `until` (the rule of clockStart: that time does not
   * count toward its response time). Alerts no window covers are left out.
   */
  async coveredTimeOf(tenantId: string, alerts: Array<{ id: string; deviceId: string; category: string; ruleId: string; severity: string; firedAt: number }>, until: number): Promise<Map<string, Array<{ from: number; until: number; reason: string }>>> {
    const out = new Map<string, Array<{ from: number; until: number; reason: string }>>();
    const ws = await this.windows(tenantId);
    if (ws.length === 0) return out;
    const { config } = await this.o.configOf(tenantId);
    const devices = new Map<string, DeviceLabelsRow | null>();
    for (const a of alerts) {
      if (!devices.has(a.deviceId)) devices.set(a.deviceId, await this.o.alerts.deviceLabels(a.deviceId));
      const device = devices.get(a.deviceId) ?? null;
      const subject = { deviceId: a.deviceId, site: device?.site ?? null, tags: device?.tags ?? [], category: a.category as AlertState['category'], rule: a.ruleId, severity: a.severity as AlertState['severity'] };
      const covered = coveredTime(ws, subject, config.guardrails, a.firedAt, Math.max(a.firedAt, until));
      if (covered.length > 0) out.set(a.id, covered);
    }
    return out;
  }

  /** Summarizes every occurrence that ended by `now` since the last pass, then runs `eachCheck`; a pass still running is not started twice. */
  tick(now = this.now()): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.summarizeEnded(now).then(() => this.o.eachCheck?.(now)).catch((err: unknown) => this.o.log?.error({ err: (err as Error).message }, 'maintenance check failed')).finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async summarizeEnded(now: number): Promise<void> {
    for (const stored of await this.store.all()) {
      const w = stored.window;
      // A new window is summarized from its creation: earlier ends held nothing.
      const since = stored.summarizedUntil ?? w.createdAt;
      const ended = occurrences(w, since, now).filter((o) => o.end > since && o.end <= now);
      for (const o of ended) {
        await this.summarize(w, o);
        await this.store.summarized(w.id, o.end);
      }
    }
  }

  private async summarize(w: MaintenanceWindow, o: Occurrence): Promise<void> {
    const rows = await this.o.db.selectFrom('notification_records').select(['alert_id']).distinct()
      .where('tenant_id', '=', w.tenantId).where('suppressed_by', '=', 'maintenance').where('reason', 'like', `in maintenance window ${w.id} %`)
      .where('at', '>=', o.start).where('at', '<', o.end).execute();
    const held: HeldAlert[] = [];
    for (const r of rows) {
      const alert = await this.o.alerts.get(r.alert_id, { all: false, tenantIds: [w.tenantId] });
      if (!alert) continue;
      held.push({ alertId: alert.id, summary: alert.summary, open: OPEN_STATES.has(alert.status) });
    }
    await this.stopClocks(w, o);
    const text = summaryText(w, o, held);
    await this.o.sendSummary(w.tenantId, w.owner, text, w, o.end);
    this.o.log?.info({ tenantId: w.tenantId, window: w.id, held: held.length, open: held.filter((h) => h.open).length }, 'maintenance window ended; summary sent');
  }

  /**
   * The time open alerts the window covered spent inside it (and inside any
   * other covering window up to its end) does not count toward their
   * response time: their clock starts that much later (clockStart, the rule
   * the SLA report follows too). One that fired inside counts from the end.
   * Measured from the alert's fire, so a pass repeated after a restart moves
   * nothing twice.
   */
  private async stopClocks(w: MaintenanceWindow, o: Occurrence): Promise<void> {
    if (!inForce(w, o)) return;
    const { config } = await this.o.configOf(w.tenantId);
    const ws = await this.windows(w.tenantId);
    const scope = { all: false, tenantIds: [w.tenantId] };
    const open = await this.o.alerts.list({ states: [...OPEN_STATES] }, scope, { limit: 5000, offset: 0 });
    for (const alert of open.alerts) {
      if (alert.firedAt === null || alert.firedAt >= o.end) continue;
      const device = await this.o.alerts.deviceLabels(alert.deviceId);
      const subject = { deviceId: alert.deviceId, site: device?.site ?? null, tags: device?.tags ?? [], category: alert.category, rule: alert.ruleId, severity: alert.severity };
      if (!covers(w, subject, config.guardrails)) continue;
      const route = await this.o.routes.route(alert.id);
      if (!route) continue;
      const start = clockStart(alert.firedAt, coveredTime(ws.some((x) => x.id === w.id) ? ws : [...ws, w], subject, config.guardrails, alert.firedAt, o.end));
      if (start > route.firedAt) await this.o.routes.saveRoute({ ...route, firedAt: start, updatedAt: o.end });
    }
  }
}
