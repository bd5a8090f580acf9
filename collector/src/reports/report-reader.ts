// The report's thin store edge: one period's fired alerts with their history
// and routing decisions, and the tenant's devices as the latest snapshots
// show them. Everything is scoped to one tenant; the caller has checked that
// the requester may see it.
import type { Kysely } from 'kysely';
import type { Snapshot } from '@tandem/proto';
import type { Database } from '../store/schema.js';
import type { Period, ReportAlert, ReportDevice } from './sla-report.js';

/** Ids per statement, far below any backend's limit on bound values. */
const CHUNK = 500;
/** A month of a large tenant; beyond this the report says it is partial rather than exhausting memory. */
export const MAX_REPORT_ALERTS = 50_000;

export interface ReportData {
  alerts: ReportAlert[];
  devices: ReportDevice[];
  /** true when the period held more than MAX_REPORT_ALERTS alerts and only the first were read. */
  truncated: boolean;
}

export async function readReportData(db: Kysely<Database>, tenantId: string, period: Period): Promise<ReportData> {
  const rows = await db.selectFrom('alerts').select(['id', 'rule_id', 'category', 'severity', 'fired_at'])
    .where('tenant_id', '=', tenantId).where('fired_at', '>=', period.from).where('fired_at', '<', period.until)
    .orderBy('fired_at').orderBy('id').limit(MAX_REPORT_ALERTS + 1).execute();
  const truncated = rows.length > MAX_REPORT_ALERTS;
  const alerts = new Map<string, ReportAlert>(rows.slice(0, MAX_REPORT_ALERTS).map((r) => [r.id, {
    id: r.id, ruleId: r.rule_id, category: r.category, severity: r.severity, firedAt: Number(r.fired_at), history: [], decisions: [],
  }]));
  const ids = [...alerts.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const [history, decisions] = await Promise.all([
      db.selectFrom('alert_history').select(['alert_id', 'at', 'to_state']).where('alert_id', 'in', part).orderBy('alert_id').orderBy('seq').execute(),
      db.selectFrom('alert_route_decisions').select(['alert_id', 'at', 'reason', 'owner', 'sla_minutes']).where('alert_id', 'in', part).orderBy('alert_id').orderBy('seq').execute(),
    ]);
    for (const h of history) alerts.get(h.alert_id)?.history.push({ at: Number(h.at), to: h.to_state });
    for (const d of decisions) alerts.get(d.alert_id)?.decisions.push({ at: Number(d.at), reason: d.reason, owner: d.owner, slaMinutes: Number(d.sla_minutes) });
  }
  return { alerts: [...alerts.values()], devices: await readDevices(db, tenantId), truncated };
}

async function readDevices(db: Kysely<Database>, tenantId: string): Promise<ReportDevice[]> {
  const rows = await db.selectFrom('devices').select(['id', 'hostname', 'latest_snapshot']).where('tenant_id', '=', tenantId).where('revoked_at', 'is', null)
    .orderBy('hostname').execute();
  const seen = new Map<string, Map<string, number>>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    for (const s of await db.selectFrom('device_update_seen').select(['device_id', 'name', 'first_seen_at']).where('device_id', 'in', part).execute()) {
      const m = seen.get(s.device_id) ?? new Map<string, number>();
      m.set(s.name, Number(s.first_seen_at));
      seen.set(s.device_id, m);
    }
  }
  return rows.map((r) => {
    const snap = r.latest_snapshot ? (JSON.parse(r.latest_snapshot) as Snapshot) : null;
    const patch = snap?.patch ?? null;
    const firstSeen = seen.get(r.id);
    const time = (s: string | null) => (s === null ? null : Date.parse(s));
    return {
      id: r.id, hostname: r.hostname,
      patchKnown: patch?.state === 'ok',
      securityUpdates: patch?.state === 'ok' ? patch.updates.filter((u) => u.security === true).map((u) => ({ name: u.name, firstSeenAt: firstSeen?.get(u.name) ?? null })) : [],
      backups: snap?.backup?.state === 'ok' ? snap.backup.jobs.map((j) => ({ name: `${j.provider}/${j.name}`, lastSuccessAt: time(j.lastSuccessAt) })) : [],
    };
  });
}
